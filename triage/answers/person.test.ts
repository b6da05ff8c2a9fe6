import type { StepDef } from '../flows/schema';
import { PersonAnswerSchema, person, readPerson, type PersonAnswer } from './person';

const step: StepDef = {
  id: 'suspect',
  type: 'person',
  prompt: 'flows:common.suspect.prompt',
  optional: false,
};
const ctx = { locale: 'en' as const, now: new Date(), label: (k: string) => k };

const read = (text: string): PersonAnswer => {
  const r = readPerson(text);
  if (!r.ok) throw new Error(text);
  expect(PersonAnswerSchema.safeParse(r.value).success).toBe(true);
  return r.value as PersonAnswer;
};

test.each<[string, Partial<PersonAnswer>]>([
  [
    'White man about 30, 6ft, slim, short brown hair, wearing a black North Face hoodie and grey joggers',
    {
      age: 30,
      sex: 'male',
      height: '6ft',
      heightCm: 183,
      build: 'slim',
      hair: 'short brown hair',
      clothing: 'a black North Face hoodie and grey joggers',
    },
  ],
  [
    'a woman in her mid 40s, 5\'4", blonde ponytail, glasses',
    { ageRange: { min: 43, max: 47 }, sex: 'female', height: '5ft 4in', features: ['glasses'] },
  ],
  ['two teenage lads on bikes', { ageRange: { min: 13, max: 19 }, sex: 'male' }],
  [
    'He is called Darren Smith, aged 25-30, stocky with a tattoo on his neck',
    { name: 'Darren Smith', ageRange: { min: 25, max: 30 }, build: 'stocky', features: ['tattoo'] },
  ],
  [
    'about 180cm, bald, beard, Scottish accent',
    { height: '180cm', heightCm: 180, hair: 'bald', features: ['beard', 'accent'] },
  ],
  [
    'elderly lady, very short',
    { ageRange: { min: 65, max: 100 }, sex: 'female', height: 'very short' },
  ],
  [
    'kobieta, około 40 lat, miała na sobie czerwoną kurtkę',
    { age: 40, sex: 'female', clothing: 'czerwoną kurtkę' },
  ],
  ['dyn tal, tua 20 oed, yn gwisgo hwdi du', { sex: 'male', age: 20, clothing: 'hwdi du' }],
])('%j', (text, expected) => {
  const v = read(text);
  expect(v.text).toBe(text);
  expect(v).toMatchObject(expected);
});

test('keeps the words when there is nothing to pick out', () => {
  expect(read('I only saw them from behind')).toEqual({ text: 'I only saw them from behind' });
});

test('a man who hit her is described as a man', () => {
  expect(read('the man who hit her was about 40').sex).toBe('male');
});

test.each(['', '.', 'x'])('%j is not a description', (text) => {
  expect(person.parseText(text, step, ctx)).toEqual({
    ok: false,
    error: { key: 'answers:person.empty' },
  });
});

test('structured values: text or a finished answer', () => {
  expect(person.parseValue({ text: 'tall man' }, step, ctx)).toMatchObject({
    ok: true,
    value: { sex: 'male' },
  });
  expect(person.parseValue({ text: 'tall man', sex: 'male' }, step, ctx)).toEqual({
    ok: true,
    value: { text: 'tall man', sex: 'male' },
  });
  expect(person.parseValue(42, step, ctx).ok).toBe(false);
});
