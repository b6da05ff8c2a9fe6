import { z } from 'zod';
import type { Message } from '../types';
import type { AnswerTypeDef, ParseResult } from './types';
import { tidy } from './text';
import { fail, ok } from './words';

/**
 * Where: a UK postcode, an address, a description ("outside Tesco on the high street"), or a shared
 * location from a channel. Postcodes are checked against the Royal Mail format and normalised
 * ("cm1 1aa" → "CM1 1AA"); the rest is kept in the person's words for a call handler to read.
 */
export type LocationAnswer = {
  readonly text?: string;
  readonly postcode?: string;
  readonly address?: string;
  readonly description?: string;
  readonly lat?: number;
  readonly lon?: number;
};

/** Royal Mail's postcode format (outward code, space, inward code), plus the Girobank oddity. */
const POSTCODE =
  /^(?:GIR 0AA|(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?) [0-9][ABD-HJLNP-UW-Z]{2})$/;
/** Something shaped like a postcode, valid or not, inside a longer text. */
const POSTCODE_IN_TEXT = /\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9OIl][A-Z]{2})\b/i;

export function normalisePostcode(raw: string): string | undefined {
  const compact = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact.length < 5 || compact.length > 7) return undefined;
  // The inward code always starts with a digit: "CM1 OAA" is a slip for "CM1 0AA".
  const inward = compact.slice(-3).replace(/^[O]/, '0').replace(/^[IL]/, '1');
  const candidate = `${compact.slice(0, -3)} ${inward}`;
  return POSTCODE.test(candidate) ? candidate : undefined;
}

/** A whole reply that is trying to be a postcode (outward and inward part), valid or not. */
function looksLikePostcode(text: string): boolean {
  return /^(?:[A-Za-z]{1,2}[0-9][A-Za-z0-9]?|GIR) ?[0-9OoIl][A-Za-z]{1,3}$/i.test(text.trim());
}

/** A road by its number ("A12", "the M25", "B1008"): a place in itself, on the roads routes. */
const ROAD = /^(?:the )?[ABM][0-9]{1,4}(?:\([MT]\))?$/i;

const STREET =
  /\b(?:road|rd|street|st|lane|ln|avenue|ave|close|drive|dr|way|crescent|cres|court|ct|place|pl|grove|gardens|gdns|terrace|square|sq|hill|parade|walk|row|mews|park|green|view|rise|estate|heol|ffordd|stryd|lon|ulica|ul)\b/i;

/**
 * "10 High Street", "Flat 2, 5 Mill Lane", "12 Mill Lane, CM1 1AA": an address rather than a place
 * described ("outside the station, CM1 1HT" is a description with a postcode).
 */
function looksLikeAddress(text: string, postcode: string | undefined): boolean {
  const rest = postcode ? text.replace(POSTCODE_IN_TEXT, ' ') : text;
  if (/\b\d+[a-z]?\b/i.test(rest) && STREET.test(rest)) return true;
  return (
    /^\s*(?:flat|apartment|unit)?\s*\d+[a-z]?\b/i.test(rest) && rest.trim().split(/\s+/).length >= 2
  );
}

export function readLocation(raw: string): ParseResult {
  const text = tidy(raw).slice(0, 1000);
  if (!/\p{L}{2,}|\d/u.test(text)) return fail('location.invalid');
  if (looksLikePostcode(text)) {
    const postcode = normalisePostcode(text);
    return postcode ? ok({ text, postcode }) : fail('postcode.invalid');
  }
  const match = POSTCODE_IN_TEXT.exec(text);
  const postcode = match ? normalisePostcode(`${match[1] ?? ''}${match[2] ?? ''}`) : undefined;
  if (ROAD.test(text)) return ok({ text, description: text });
  if (text.replace(/[^\p{L}]/gu, '').length < 3) return fail('location.invalid');
  const value: LocationAnswer = {
    text,
    ...(postcode ? { postcode } : {}),
    ...(looksLikeAddress(text, postcode) ? { address: text } : { description: text }),
  };
  return ok(value);
}

const coordinate = (min: number, max: number) => z.number().min(min).max(max);

export const LocationAnswerSchema = z
  .strictObject({
    text: z.string().min(1).max(1000).optional(),
    postcode: z.string().regex(POSTCODE).optional(),
    address: z.string().min(1).max(1000).optional(),
    description: z.string().min(1).max(1000).optional(),
    lat: coordinate(-90, 90).optional(),
    lon: coordinate(-180, 180).optional(),
  })
  .refine((v) => (v.lat === undefined) === (v.lon === undefined), 'lat and lon together')
  .refine(
    (v) => Boolean(v.text ?? v.postcode ?? v.address ?? v.description ?? v.lat),
    'something to find the place by',
  );

/** A channel's location share, or a web form's fields. */
function readStructured(value: unknown): ParseResult {
  if (typeof value === 'string') return readLocation(value);
  const input = z
    .looseObject({
      lat: z.coerce.number().optional(),
      latitude: z.coerce.number().optional(),
      lon: z.coerce.number().optional(),
      lng: z.coerce.number().optional(),
      longitude: z.coerce.number().optional(),
      postcode: z.string().optional(),
      address: z.string().optional(),
      description: z.string().optional(),
      text: z.string().optional(),
    })
    .safeParse(value);
  if (!input.success) return fail('location.invalid');
  const v = input.data;
  const lat = v.lat ?? v.latitude;
  const lon = v.lon ?? v.lng ?? v.longitude;
  let postcode: string | undefined;
  if (v.postcode?.trim()) {
    postcode = normalisePostcode(v.postcode);
    if (!postcode) return fail('postcode.invalid');
  }
  const answer: LocationAnswer = {
    ...(v.text?.trim() ? { text: tidy(v.text) } : {}),
    ...(postcode ? { postcode } : {}),
    ...(v.address?.trim() ? { address: tidy(v.address) } : {}),
    ...(v.description?.trim() ? { description: tidy(v.description) } : {}),
    ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
  };
  if ((lat === undefined) !== (lon === undefined)) return fail('location.coordinates');
  const checked = LocationAnswerSchema.safeParse(answer);
  if (!checked.success) {
    return fail(lat !== undefined ? 'location.coordinates' : 'location.invalid');
  }
  return ok(answer);
}

export const location: AnswerTypeDef<LocationAnswer> = {
  schema: () => LocationAnswerSchema,
  parseText: (text) => readLocation(text),
  parseValue: (value) => readStructured(value),
  format(value): Message {
    const words = value.address ?? value.description ?? value.text;
    if (words) {
      return value.postcode &&
        !words.toUpperCase().replace(/\s/g, '').includes(value.postcode.replace(' ', ''))
        ? {
            key: 'answers:format.textWithPostcode',
            params: { value: words, postcode: value.postcode },
          }
        : { key: 'answers:format.text', params: { value: words } };
    }
    if (value.postcode) return { key: 'answers:format.text', params: { value: value.postcode } };
    return {
      key: 'answers:format.coordinates',
      params: { lat: (value.lat ?? 0).toFixed(5), lon: (value.lon ?? 0).toFixed(5) },
    };
  },
};
