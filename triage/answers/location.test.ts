import type { StepDef } from '../flows/schema';
import { location, normalisePostcode, readLocation } from './location';

const step: StepDef = {
  id: 'where',
  type: 'location',
  prompt: 'flows:crime.where.prompt',
  optional: false,
};
const ctx = { locale: 'en' as const, now: new Date(), label: (k: string) => k };

test.each([
  ['cm1 1aa', 'CM1 1AA'],
  ['CM11AA', 'CM1 1AA'],
  ['sw1a 1aa', 'SW1A 1AA'],
  ['M1 1AE', 'M1 1AE'],
  ['cf10 1aa', 'CF10 1AA'],
  ['B33 8TH', 'B33 8TH'],
  ['CM1 OAA', 'CM1 0AA'],
  ['EC1A 1BB', 'EC1A 1BB'],
  ['W1A 0AX', 'W1A 0AX'],
  ['GIR 0AA', 'GIR 0AA'],
])('postcode %j → %j', (raw, expected) => {
  expect(normalisePostcode(raw)).toBe(expected);
  expect(readLocation(raw)).toEqual({ ok: true, value: { text: raw, postcode: expected } });
});

test.each(['CM1 1A', 'QQ1 1AA', 'CM1 1CI', 'CM1 1AAA'])('%j is not a postcode', (raw) => {
  expect(location.parseText(raw, step, ctx)).toEqual({
    ok: false,
    error: { key: 'answers:postcode.invalid' },
  });
});

test('an address with a postcode', () => {
  expect(readLocation('10 High Street, Chelmsford, cm1 1aa')).toEqual({
    ok: true,
    value: {
      text: '10 High Street, Chelmsford, cm1 1aa',
      postcode: 'CM1 1AA',
      address: '10 High Street, Chelmsford, cm1 1aa',
    },
  });
  expect(
    readLocation('Flat 2, 5 Mill Lane').ok && readLocation('Flat 2, 5 Mill Lane'),
  ).toMatchObject({
    value: { address: 'Flat 2, 5 Mill Lane' },
  });
});

test('a description, a road, or a place', () => {
  expect(readLocation('outside the station, Chelmsford CM1 1HT')).toEqual({
    ok: true,
    value: {
      text: 'outside the station, Chelmsford CM1 1HT',
      postcode: 'CM1 1HT',
      description: 'outside the station, Chelmsford CM1 1HT',
    },
  });
  expect(readLocation('outside Tesco on the high street')).toEqual({
    ok: true,
    value: {
      text: 'outside Tesco on the high street',
      description: 'outside Tesco on the high street',
    },
  });
  expect(readLocation('the M25')).toMatchObject({ ok: true, value: { description: 'the M25' } });
  expect(readLocation('A12')).toMatchObject({ ok: true, value: { description: 'A12' } });
  expect(readLocation('y tu allan i Tesco, Stryd Fawr')).toMatchObject({ ok: true });
});

test.each(['', '?', 'x'])('%j is too little to find a place', (raw) => {
  expect(location.parseText(raw, step, ctx)).toEqual({
    ok: false,
    error: { key: 'answers:location.invalid' },
  });
});

test('a shared location and form fields', () => {
  expect(location.parseValue({ lat: 51.7356, lon: 0.4685 }, step, ctx)).toEqual({
    ok: true,
    value: { lat: 51.7356, lon: 0.4685 },
  });
  expect(location.parseValue({ latitude: '51.7', longitude: '0.47' }, step, ctx)).toEqual({
    ok: true,
    value: { lat: 51.7, lon: 0.47 },
  });
  expect(location.parseValue({ lat: 95, lon: 0 }, step, ctx)).toEqual({
    ok: false,
    error: { key: 'answers:location.coordinates' },
  });
  expect(location.parseValue({ lat: 51 }, step, ctx)).toEqual({
    ok: false,
    error: { key: 'answers:location.coordinates' },
  });
  expect(location.parseValue({ address: '1 Mill Lane', postcode: 'cm11aa' }, step, ctx)).toEqual({
    ok: true,
    value: { address: '1 Mill Lane', postcode: 'CM1 1AA' },
  });
  expect(location.parseValue({ postcode: 'nope' }, step, ctx)).toEqual({
    ok: false,
    error: { key: 'answers:postcode.invalid' },
  });
});

test('format', () => {
  expect(location.format({ lat: 51.7356, lon: 0.4685 }, step, ctx)).toEqual({
    key: 'answers:format.coordinates',
    params: { lat: '51.73560', lon: '0.46850' },
  });
  expect(location.format({ address: '1 Mill Lane', postcode: 'CM1 1AA' }, step, ctx)).toEqual({
    key: 'answers:format.textWithPostcode',
    params: { value: '1 Mill Lane', postcode: 'CM1 1AA' },
  });
});
