import type { StepDef } from '../flows/schema';
import { ContactAnswerSchema, contact, normalisePhone, readDateOfBirth } from './contact';

type Field = 'name' | 'email' | 'phone' | 'address' | 'dateOfBirth';
const step = (require: Field[], optional = false): StepDef => ({
  id: 'contactDetails',
  type: 'contact',
  prompt: 'flows:contact.name.prompt',
  optional,
  constraints: { require },
});
const now = new Date('2026-11-24T10:00:00Z');
const ctx = { locale: 'en' as const, now, label: (k: string) => k };

test.each([
  ['07911 123456', '+447911123456'],
  ['07911123456', '+447911123456'],
  ['+44 7911 123456', '+447911123456'],
  ['0044 7911 123456', '+447911123456'],
  ['(01245) 491491', '+441245491491'],
  ['020 7946 0958', '+442079460958'],
  ['+48 601 234 567', '+48601234567'],
  ['07911 12345', undefined],
  ['123', undefined],
])('phone %j → %s', (raw, expected) => {
  expect(normalisePhone(raw)).toBe(expected);
});

test.each([
  ['01/02/1980', '1980-02-01'],
  ['1.2.1980', '1980-02-01'],
  ['1980-02-01', '1980-02-01'],
  ['1st February 1980', '1980-02-01'],
  ['1 feb 80', '1980-02-01'],
  ['3 Mawrth 1990', '1990-03-03'],
  ['5 maja 2001', '2001-05-05'],
  ['31/02/1980', null],
  ['01/01/2030', null],
  ['hello', undefined],
])('date of birth %j → %s', (raw, expected) => {
  expect(readDateOfBirth(raw, now)).toBe(expected);
});

test('several details in one message', () => {
  const r = contact.parseText(
    'Jane Smith, jane.smith@Example.com, 07911 123456, 10 High Street, Chelmsford CM1 1AA, born 01/02/1980',
    step(['name', 'email', 'phone', 'address', 'dateOfBirth']),
    ctx,
  );
  expect(r).toEqual({
    ok: true,
    value: {
      name: 'Jane Smith',
      email: 'jane.smith@example.com',
      phone: '+447911123456',
      address: '10 High Street, Chelmsford CM1 1AA',
      postcode: 'CM1 1AA',
      dateOfBirth: '1980-02-01',
    },
  });
  if (r.ok) expect(ContactAnswerSchema.safeParse(r.value).success).toBe(true);
});

test.each<[string, Field[], Record<string, string>]>([
  ['My name is Siân Jones', ['name'], { name: 'Siân Jones' }],
  ["I'm O'Brien", ['name'], { name: "O'Brien" }],
  ['Nazywam się Anna Kowalska', ['name'], { name: 'Anna Kowalska' }],
  ['call me on 07911 123456 after 5', ['phone'], { phone: '+447911123456' }],
  ['me@example.org', ['email'], { email: 'me@example.org' }],
  [
    '01/02/1980, 10 High Street, Chelmsford CM1 1AA',
    ['dateOfBirth', 'address'],
    {
      dateOfBirth: '1980-02-01',
      address: '10 High Street, Chelmsford CM1 1AA',
      postcode: 'CM1 1AA',
    },
  ],
])('%j', (text, require, expected) => {
  expect(contact.parseText(text, step(require), ctx)).toEqual({ ok: true, value: expected });
});

test.each<[string, Field[], string]>([
  ['jane@', ['email'], 'contact.email'],
  ['jane at example dot com', ['email'], 'contact.emailMissing'],
  ['07911 12345 6789', ['phone'], 'contact.phone'],
  ['ring me', ['phone'], 'contact.phoneMissing'],
  ['12345', ['name'], 'contact.name'],
  ['07911 123456', ['name', 'phone'], 'contact.nameMissing'],
  ['10 High Street, Chelmsford', ['dateOfBirth', 'address'], 'contact.dateOfBirthMissing'],
  ['31/02/1980, 10 High Street, CM1 1AA', ['dateOfBirth', 'address'], 'contact.dateOfBirth'],
  ['Jane', ['address'], 'contact.addressMissing'],
])('%j → %s', (text, require, key) => {
  expect(contact.parseText(text, step(require), ctx)).toEqual({
    ok: false,
    error: { key: `answers:${key}` },
  });
});

test('form fields are checked one by one', () => {
  expect(
    contact.parseValue({ name: 'Jane Smith', phone: '07911 123456' }, step(['name', 'phone']), ctx),
  ).toEqual({
    ok: true,
    value: { name: 'Jane Smith', phone: '+447911123456' },
  });
  expect(contact.parseValue({ email: 'nope' }, step(['email']), ctx)).toEqual({
    ok: false,
    error: { key: 'answers:contact.email' },
  });
  expect(
    contact.parseValue({ address: '1 Mill Lane', postcode: 'cm1 1aa' }, step(['address']), ctx),
  ).toEqual({
    ok: true,
    value: { address: '1 Mill Lane, CM1 1AA', postcode: 'CM1 1AA' },
  });
});

test('format shows the phone as people write it', () => {
  expect(
    contact.format(
      { name: 'Jane', phone: '+447911123456', dateOfBirth: '1980-02-01' },
      step([]),
      ctx,
    ),
  ).toEqual({
    key: 'answers:format.text',
    params: { value: 'Jane, 07911 123456, 1 February 1980' },
  });
});
