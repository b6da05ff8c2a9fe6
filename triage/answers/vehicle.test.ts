import type { StepDef } from '../flows/schema';
import { VehicleAnswerSchema, normaliseRegistration, vehicle, type VehicleAnswer } from './vehicle';

const step = (optional: boolean): StepDef => ({
  id: 'vehicle',
  type: 'vehicle',
  prompt: 'flows:common.vehicle.prompt',
  optional,
});
const ctx = { locale: 'en' as const, now: new Date(), label: (k: string) => k };

test.each([
  ['ab12 cde', 'AB12 CDE'],
  ['AB12CDE', 'AB12 CDE'],
  ['ab-12-cde', 'AB12 CDE'],
  ['AB1O CDE', 'AB10 CDE'],
  ['a123 bcd', 'A123 BCD'],
  ['P7 ABC', 'P7 ABC'],
  ['abc 123d', 'ABC 123D'],
  ['XYZ 1', null],
  ['hello', null],
])('registration %j → %j', (raw, expected) => {
  expect(normaliseRegistration(raw) ?? null).toBe(expected);
});

test('dateless and Northern Irish plates only when the whole reply is the plate', () => {
  expect(normaliseRegistration('abz 1234', true)).toBe('ABZ 1234');
  expect(normaliseRegistration('1 abc', true)).toBe('1 ABC');
  expect(vehicle.parseText('ABZ 1234', step(false), ctx)).toMatchObject({
    ok: true,
    value: { registration: 'ABZ 1234' },
  });
});

test.each<[string, Partial<VehicleAnswer>]>([
  [
    'silver Ford Focus AB12 CDE',
    { registration: 'AB12 CDE', make: 'Ford', model: 'Focus', colour: 'silver' },
  ],
  ['a white transit van, reg ab12cde', { registration: 'AB12 CDE', colour: 'white', kind: 'van' }],
  [
    'black bmw x5 reg starts with AB12',
    { make: 'BMW', model: 'X5', colour: 'black', registrationPartial: 'AB12' },
  ],
  ['blue vw golf', { make: 'Volkswagen', model: 'Golf', colour: 'blue' }],
  ["silver van, don't know the reg", { colour: 'silver', kind: 'van' }],
  ['czarny samochód AB12 CDE', { registration: 'AB12 CDE', colour: 'czarny' }],
])('%j', (text, expected) => {
  const r = vehicle.parseText(text, step(true), ctx);
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.value).toMatchObject({ text, ...expected });
  expect(VehicleAnswerSchema.safeParse(r.value).success).toBe(true);
});

test('a sentence is not a plate: "at 11 and", "the A12 and"', () => {
  const r = vehicle.parseText('it was at 11 and went down the A12 and off', step(true), ctx);
  expect(r.ok && (r.value as VehicleAnswer).registration).toBeFalsy();
});

test('a required vehicle step needs the registration', () => {
  expect(vehicle.parseText('silver van', step(false), ctx)).toEqual({
    ok: false,
    error: { key: 'answers:vehicle.registrationRequired' },
  });
  expect(vehicle.parseText('12345', step(false), ctx)).toEqual({
    ok: false,
    error: { key: 'answers:vehicle.registration' },
  });
  expect(vehicle.schema(step(false)).safeParse({ text: 'silver van' }).success).toBe(false);
  expect(vehicle.schema(step(true)).safeParse({ text: 'silver van' }).success).toBe(true);
});

test('form fields', () => {
  expect(
    vehicle.parseValue({ registration: 'ab12cde', colour: 'Red', make: 'Kia' }, step(false), ctx),
  ).toEqual({
    ok: true,
    value: { text: 'AB12 CDE Red Kia', registration: 'AB12 CDE', make: 'Kia', colour: 'red' },
  });
  expect(vehicle.parseValue({ registration: '!!' }, step(false), ctx)).toEqual({
    ok: false,
    error: { key: 'answers:vehicle.registration' },
  });
});
