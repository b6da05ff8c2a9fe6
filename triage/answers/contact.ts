import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import type { StepDef } from '../flows/schema';
import type { Message } from '../types';
import { normalisePostcode } from './location';
import type { AnswerTypeDef, ParseResult } from './types';
import { tidy } from './text';
import { fail, fold, ok } from './words';

/**
 * Contact details: name, email, UK phone (normalised to E.164 with libphonenumber-js), postal address
 * and date of birth. `constraints.require` says which the step needs. One typed message may carry
 * several ("Jane Smith, 07911 123456, jane@example.com"); each piece is recognised by its shape.
 */
export type ContactAnswer = {
  readonly name?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly address?: string;
  readonly postcode?: string;
  readonly dateOfBirth?: string;
};
type Field = NonNullable<NonNullable<StepDef['constraints']>['require']>[number];

const EMAIL_IN_TEXT = /[^\s,;:<>()[\]"']*@[^\s,;:<>()[\]"']*/;
const emailSchema = z.email();
const E164_GB = /^\+44\d{9,10}$/;

export function normalisePhone(raw: string): string | undefined {
  const phone = parsePhoneNumberFromString(raw.trim(), 'GB');
  if (!phone?.isValid()) return undefined;
  // A force calls back on UK numbers and international ones alike; only the format is ours to fix.
  return phone.number;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  ionawr: 1,
  chwefror: 2,
  mawrth: 3,
  ebrill: 4,
  mai: 5,
  mehefin: 6,
  gorffennaf: 7,
  awst: 8,
  medi: 9,
  hydref: 10,
  tachwedd: 11,
  rhagfyr: 12,
  stycznia: 1,
  lutego: 2,
  marca: 3,
  kwietnia: 4,
  maja: 5,
  czerwca: 6,
  lipca: 7,
  sierpnia: 8,
  wrzesnia: 9,
  pazdziernika: 10,
  listopada: 11,
  grudnia: 12,
};

function isoDate(y: number, m: number, d: number): string | undefined {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return date.toISOString().slice(0, 10);
}

/** "01/02/1980", "1.2.1980", "1980-02-01", "1 February 1980", "1st feb 80" → "1980-02-01". */
export function readDateOfBirth(raw: string, now: Date): string | undefined | null {
  const s = fold(raw);
  let y: number | undefined;
  let m: number | undefined;
  let d: number | undefined;
  const iso = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/.exec(s);
  const numeric = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b/.exec(s);
  const named = /\b(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]{3,12})\.?,? (\d{2}|\d{4})\b/.exec(s);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (numeric) [d, m, y] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
  else if (named) {
    const month = MONTHS[named[2] ?? ''] ?? MONTHS[(named[2] ?? '').slice(0, 3)];
    if (month === undefined) return undefined;
    [d, m, y] = [Number(named[1]), month, Number(named[3])];
  } else return undefined;
  // Two-digit years: a date of birth is in the past, so "80" is 1980 and "05" is 2005.
  if (y < 100) y += y + 2000 > now.getUTCFullYear() ? 1900 : 2000;
  const date = isoDate(y, m, d);
  if (!date) return null;
  const age = (now.getTime() - Date.parse(date)) / (365.25 * 86_400_000);
  return age < 0 || age > 120 ? null : date;
}

const NAME = /^[\p{L}][\p{L}\p{M}'’. -]{0,98}[\p{L}.]?$/u;
const NAME_PREFIX =
  /^(?:hi|hello)?[,\s]*(?:my name is|my name's|name is|name:|name -|i am|i'm|im|it's|its|this is|call me|fy enw i yw|fy enw i ydy|fy enw yw|enw:|nazywam si[eę]|mam na imi[eę]|jestem|imi[eę] i nazwisko:?)\s+/iu;
const STREET =
  /\b(?:road|rd|street|st|lane|ln|avenue|ave|close|drive|dr|way|crescent|court|place|grove|gardens|terrace|square|hill|parade|walk|row|mews|park|green|view|rise|flat|house|cottage|farm|heol|ffordd|stryd|ulica|ul|osiedle)\b/i;

function cleanName(raw: string): string | undefined {
  const name = raw.replace(NAME_PREFIX, '').replace(/\s+/g, ' ').trim();
  return NAME.test(name) && name.length >= 2 && !/\d|@/.test(name) ? name : undefined;
}

interface Pieces {
  name?: string;
  email?: string;
  phone?: string;
  address?: string;
  postcode?: string;
  dateOfBirth?: string;
  invalid?: Field;
}

function readPieces(raw: string, step: StepDef, now: Date): Pieces {
  const require = step.constraints?.require ?? [];
  const text = tidy(raw).slice(0, 1000);
  const out: Pieces = {};
  let rest = text;

  const email = EMAIL_IN_TEXT.exec(rest)?.[0]?.replace(/[.,;]+$/, '');
  if (email) {
    if (emailSchema.safeParse(email).success) out.email = email.toLowerCase();
    else out.invalid ??= 'email';
    rest = rest.replace(email, ' ');
  }

  const dobLabel =
    /\b(?:born|dob|d\.o\.b\.?|date of birth|birthday|ganwyd|dyddiad geni|urodzon[ya]|data urodzenia)\b[:\s]*/i;
  const dobMatch =
    /(?:\b(?:born|dob|d\.o\.b\.?|date of birth|birthday|ganwyd|dyddiad geni|urodzon[ya]|data urodzenia)\b[:\s]*)?(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)? (?:of )?[\p{L}]{3,12}\.?,? \d{2,4})/iu.exec(
      rest,
    );
  if (dobMatch && (require.includes('dateOfBirth') || dobLabel.test(dobMatch[0]))) {
    const dob = readDateOfBirth(dobMatch[1] ?? '', now);
    if (dob) {
      out.dateOfBirth = dob;
      rest = rest.replace(dobMatch[0], ' ');
    } else if (dob === null) out.invalid ??= 'dateOfBirth';
  }

  // Phone numbers: runs of digits with the usual separators, at least 9 digits long.
  for (const m of rest.matchAll(/(?:\+|\b00)?\(?\d[\d\s().-]{7,}\d/g)) {
    const candidate = m[0];
    const digits = candidate.replace(/\D/g, '');
    if (digits.length < 9 || digits.length > 15) continue;
    const phone = normalisePhone(candidate);
    if (phone) {
      out.phone = phone;
      rest = rest.replace(candidate, ' ');
      break;
    }
    out.invalid ??= 'phone';
  }

  const segments = rest
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter((s) => /\p{L}|\d/u.test(s));
  const postcodeAt = segments.findIndex((s) =>
    /\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b/i.test(s),
  );
  const streetAt = segments.findIndex((s) => /\d/.test(s) && STREET.test(s));
  const onlyAddress = require.length === 1 && require[0] === 'address';
  let start = [streetAt, postcodeAt]
    .filter((i) => i >= 0)
    .reduce((a, b) => Math.min(a, b), Infinity);
  if (onlyAddress && start === Infinity && segments.length > 0 && /\d/.test(rest)) start = 0;
  if (start !== Infinity) {
    const end = postcodeAt >= start ? postcodeAt : segments.length - 1;
    const lines = segments.slice(start, end + 1);
    out.address = lines.join(', ');
    const pc = /\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b/i.exec(out.address);
    const postcode = pc ? normalisePostcode(`${pc[1] ?? ''}${pc[2] ?? ''}`) : undefined;
    if (postcode) {
      out.postcode = postcode;
      out.address = out.address.replace(pc?.[0] ?? '', postcode);
    } else if (pc) out.invalid ??= 'address';
    segments.splice(start, end - start + 1);
  }

  const onlyName = require.length === 1 && require[0] === 'name';
  const nameText = onlyName && !out.email && !out.phone && !out.address ? rest : segments[0];
  if (nameText) {
    const name = cleanName(nameText);
    if (name) out.name = name;
    else if (onlyName || require.includes('name')) out.invalid ??= 'name';
  }
  return out;
}

const FIELD_ORDER: readonly Field[] = ['name', 'phone', 'email', 'address', 'dateOfBirth'];

function complete(pieces: Pieces, step: StepDef): ParseResult {
  const require = step.constraints?.require ?? [];
  const value: ContactAnswer = {
    ...(pieces.name ? { name: pieces.name } : {}),
    ...(pieces.email ? { email: pieces.email } : {}),
    ...(pieces.phone ? { phone: pieces.phone } : {}),
    ...(pieces.address ? { address: pieces.address } : {}),
    ...(pieces.postcode ? { postcode: pieces.postcode } : {}),
    ...(pieces.dateOfBirth ? { dateOfBirth: pieces.dateOfBirth } : {}),
  };
  const missing = FIELD_ORDER.filter((f) => require.includes(f) && value[f] === undefined);
  if (
    pieces.invalid &&
    (require.includes(pieces.invalid) || missing.length > 0 || Object.keys(value).length === 0)
  ) {
    return fail(`contact.${pieces.invalid}`);
  }
  const first = missing[0];
  if (first) return fail(`contact.${first}Missing`);
  if (Object.keys(value).length === 0) return fail('contact.empty');
  return ok(value);
}

export const ContactAnswerSchema = z.strictObject({
  name: z.string().regex(NAME).max(100).optional(),
  email: z.email().optional(),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/)
    .optional(),
  address: z.string().min(3).max(500).optional(),
  postcode: z.string().max(8).optional(),
  dateOfBirth: z.iso.date().optional(),
});

function structured(value: unknown, step: StepDef, now: Date): ParseResult {
  const input = z
    .looseObject({
      name: z.string().optional(),
      email: z.string().optional(),
      phone: z.string().optional(),
      address: z.string().optional(),
      postcode: z.string().optional(),
      dateOfBirth: z.string().optional(),
    })
    .safeParse(value);
  if (!input.success) return fail('contact.empty');
  const v = input.data;
  const pieces: Pieces = {};
  if (v.name?.trim()) {
    const name = cleanName(v.name);
    if (!name) return fail('contact.name');
    pieces.name = name;
  }
  if (v.email?.trim()) {
    if (!emailSchema.safeParse(v.email.trim()).success) return fail('contact.email');
    pieces.email = v.email.trim().toLowerCase();
  }
  if (v.phone?.trim()) {
    const phone = normalisePhone(v.phone);
    if (!phone) return fail('contact.phone');
    pieces.phone = phone;
  }
  if (v.postcode?.trim()) {
    const postcode = normalisePostcode(v.postcode);
    if (!postcode) return fail('postcode.invalid');
    pieces.postcode = postcode;
  }
  if (v.address?.trim()) {
    const address = tidy(v.address);
    const postcode = pieces.postcode;
    pieces.address =
      postcode && !address.toUpperCase().includes(postcode) ? `${address}, ${postcode}` : address;
  }
  if (v.dateOfBirth?.trim()) {
    const dob = readDateOfBirth(v.dateOfBirth, now);
    if (!dob) return fail('contact.dateOfBirth');
    pieces.dateOfBirth = dob;
  }
  return complete(pieces, step);
}

export const contact: AnswerTypeDef<ContactAnswer> = {
  schema: (step) =>
    ContactAnswerSchema.refine(
      (v) => (step.constraints?.require ?? []).every((f) => v[f] !== undefined),
      'required contact details',
    ).refine((v) => Object.keys(v).length > 0, 'some contact details'),
  parseText: (text, step, ctx) => complete(readPieces(text, step, ctx.now), step),
  parseValue: (value, step, ctx) =>
    typeof value === 'string'
      ? complete(readPieces(value, step, ctx.now), step)
      : structured(value, step, ctx.now),
  format(value, _step, ctx): Message {
    const phone = value.phone ? parsePhoneNumberFromString(value.phone) : undefined;
    const dob = value.dateOfBirth
      ? new Intl.DateTimeFormat(ctx.locale === 'en' ? 'en-GB' : ctx.locale, {
          timeZone: 'UTC',
          day: 'numeric',
          month: 'long',
          year: 'numeric',
        }).format(new Date(value.dateOfBirth))
      : undefined;
    const parts = [
      value.name,
      phone && value.phone && E164_GB.test(value.phone)
        ? phone.formatNational()
        : phone?.formatInternational(),
      value.email,
      value.address,
      dob,
    ].filter((p): p is string => Boolean(p));
    return { key: 'answers:format.text', params: { value: parts.join(', ') } };
  },
};
