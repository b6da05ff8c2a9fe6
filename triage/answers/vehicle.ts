import { z } from 'zod';
import type { StepDef } from '../flows/schema';
import type { Message } from '../types';
import type { AnswerTypeDef, ParseResult } from './types';
import { tidy } from './text';
import { containsSkipPhrase, fail, fold, ok } from './words';

/**
 * A vehicle: its registration in the DVLA's formats, normalised ("ab12 cde" → "AB12 CDE"), and the
 * make, model, colour and kind when the person mentions them. A required vehicle step needs the
 * registration (a driving complaint cannot go on without it); an optional one takes a description
 * alone, "silver van, don't know the reg".
 */
export type VehicleAnswer = {
  readonly text: string;
  readonly registration?: string;
  /** Part of a plate, as seen: "starts AB12". */
  readonly registrationPartial?: string;
  readonly make?: string;
  readonly model?: string;
  readonly colour?: string;
  readonly kind?: string;
};

/** Formats used since 1963, normalised with the DVLA's spacing. Order matters: most specific first. */
const FORMATS: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  // Current, since 2001: AB12 CDE.
  [
    /^([A-Z]{2})([0-9O]{2})([A-Z]{3})$/,
    (m) => `${m[1] ?? ''}${(m[2] ?? '').replace(/O/g, '0')} ${m[3] ?? ''}`,
  ],
  // Prefix, 1983–2001: A123 BCD.
  [/^([A-Z])([0-9]{1,3})([A-Z]{3})$/, (m) => `${m[1] ?? ''}${m[2] ?? ''} ${m[3] ?? ''}`],
  // Suffix, 1963–1983: ABC 123D.
  [/^([A-Z]{3})([0-9]{1,3})([A-Z])$/, (m) => `${m[1] ?? ''} ${m[2] ?? ''}${m[3] ?? ''}`],
];
/** Dateless and Northern Irish plates: only when the whole reply is the plate (else "A12", "5pm"). */
const DATELESS: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^([A-Z]{1,3})([0-9]{1,4})$/, (m) => `${m[1] ?? ''} ${m[2] ?? ''}`],
  [/^([0-9]{1,4})([A-Z]{1,3})$/, (m) => `${m[1] ?? ''} ${m[2] ?? ''}`],
];

export function normaliseRegistration(raw: string, dateless = false): string | undefined {
  const compact = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (compact.length < 2 || compact.length > 7) return undefined;
  for (const [re, f] of dateless ? [...FORMATS, ...DATELESS] : FORMATS) {
    const m = re.exec(compact);
    if (m) return f(m);
  }
  return undefined;
}

const MAKES = [
  'alfa romeo',
  'aston martin',
  'audi',
  'bentley',
  'bmw',
  'byd',
  'citroen',
  'cupra',
  'dacia',
  'daf',
  'ds',
  'ferrari',
  'fiat',
  'ford',
  'honda',
  'hyundai',
  'isuzu',
  'iveco',
  'jaguar',
  'jeep',
  'kawasaki',
  'kia',
  'land rover',
  'range rover',
  'lexus',
  'ldv',
  'mazda',
  'mercedes',
  'mercedes benz',
  'merc',
  'mg',
  'mini',
  'mitsubishi',
  'nissan',
  'peugeot',
  'polestar',
  'porsche',
  'renault',
  'scania',
  'seat',
  'skoda',
  'smart',
  'subaru',
  'suzuki',
  'tesla',
  'toyota',
  'triumph',
  'vauxhall',
  'volkswagen',
  'vw',
  'volvo',
  'yamaha',
  'ducati',
  'harley davidson',
  'man',
];
const MAKE_RE = new RegExp(`\\b(${[...MAKES].sort((a, b) => b.length - a.length).join('|')})\\b`);
const MAKE_NAMES: Record<string, string> = {
  bmw: 'BMW',
  vw: 'Volkswagen',
  merc: 'Mercedes-Benz',
  mercedes: 'Mercedes-Benz',
  'mercedes benz': 'Mercedes-Benz',
  mg: 'MG',
  ds: 'DS',
  daf: 'DAF',
  ldv: 'LDV',
  byd: 'BYD',
  man: 'MAN',
};

const COLOURS =
  'black|white|silver|grey|gray|dark grey|light grey|red|dark red|maroon|blue|dark blue|light blue|navy|green|dark green|yellow|orange|gold|beige|brown|purple|pink|bronze|cream|du|gwyn|arian|llwyd|coch|glas|gwyrdd|melyn|czarny|czarna|czarne|bialy|biala|biale|srebrny|srebrna|szary|szara|czerwony|czerwona|niebieski|niebieska|zielony|zielona|zolty';
const COLOUR_RE = new RegExp(`\\b(${COLOURS})\\b`);
const KINDS =
  'car|van|lorry|hgv|truck|pickup|pick up|bus|coach|taxi|minicab|motorbike|motorcycle|moped|scooter|e scooter|escooter|quad bike|quad|bicycle|bike|tractor|caravan|campervan|motorhome|4x4|suv|estate|hatchback|saloon|convertible|car|fan|lori|beic|samochod|auto|furgonetka|ciezarowka|motocykl|skuter|rower';
const KIND_RE = new RegExp(`\\b(${KINDS})\\b`);
const NOT_MODEL = new RegExp(
  `^(?:${COLOURS}|${KINDS}|reg|registration|with|and|the|a|was|is|car|number|plate)$`,
);

function titleCase(s: string): string {
  return s.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

/** Short words that happen to fit a plate's letters when a sentence runs together ("at 11 and"). */
const STOPWORDS = new Set(
  'a an as at be by do go he if in is it me my no of on or so to up us we am the and for was not but you her him his she had has are our out off its who why how now any saw ran hit got big two one red new old car van bus cab reg'.split(
    ' ',
  ),
);

/** The plate in a longer reply: the first run of one to three tokens that reads as a full format. */
function findRegistration(text: string): string | undefined {
  const tokens = text
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  for (let i = 0; i < tokens.length; i++) {
    for (let n = 1; n <= 3 && i + n <= tokens.length; n++) {
      const parts = tokens.slice(i, i + n);
      const run = parts.join('');
      if (run.length > 7) break;
      if (n > 1 && parts.some((p) => /^[A-Z]+$/.test(p) && STOPWORDS.has(p.toLowerCase())))
        continue;
      if (!/[0-9]/.test(run) || !/[A-Z]/.test(run)) continue;
      const reg = normaliseRegistration(run);
      if (reg) return reg;
    }
  }
  return undefined;
}

function partialOf(s: string): string | undefined {
  const m =
    /\b(?:reg|registration|plate|number plate|rhif|rejestracja|tablica)\b[^a-z0-9]*(?:was|is|started|starts|starting|began|begins|had|with|ended|ends|ending|included|contains|like|something like|rhywbeth fel|zaczynala sie od)?[^a-z0-9]*(?:with )?([a-z0-9]{2,7}(?: [a-z0-9]{1,4})?)/.exec(
      s,
    );
  const raw = m?.[1]?.toUpperCase();
  return raw && /[0-9]/.test(raw) ? raw : undefined;
}

export function readVehicle(raw: string, step: StepDef): ParseResult {
  const text = tidy(raw).slice(0, 1000);
  const s = fold(text);
  if (s.replace(/[^\p{L}\p{N}]/gu, '').length < 2) return fail('vehicle.invalid');
  const wholeReg = normaliseRegistration(text, true);
  const registration = wholeReg ?? findRegistration(text);
  const make = MAKE_RE.exec(s)?.[1];
  let model: string | undefined;
  if (make) {
    const after = s
      .slice(s.indexOf(make) + make.length)
      .trim()
      .split(/[\s,.;]+/)[0];
    if (
      after &&
      !NOT_MODEL.test(after) &&
      !(registration && after.toUpperCase() === registration.split(' ')[0])
    )
      model = after.length <= 3 ? after.toUpperCase() : titleCase(after);
  }
  const colour = COLOUR_RE.exec(s)?.[1];
  const kind = KIND_RE.exec(s)?.[1];
  const partial = registration ? undefined : partialOf(s);
  if (!registration && !step.optional) {
    return fail(
      containsSkipPhrase(text) || make || colour || kind
        ? 'vehicle.registrationRequired'
        : 'vehicle.registration',
    );
  }
  if (!registration && !make && !colour && !kind && !partial && /^[\s\d\p{P}]*$/u.test(text)) {
    return fail('vehicle.registration');
  }
  const value: VehicleAnswer = {
    text,
    ...(registration ? { registration } : {}),
    ...(partial ? { registrationPartial: partial } : {}),
    ...(make ? { make: MAKE_NAMES[make] ?? titleCase(make) } : {}),
    ...(model ? { model } : {}),
    ...(colour ? { colour } : {}),
    ...(kind ? { kind } : {}),
  };
  return ok(value);
}

const REG =
  /^(?:[A-Z]{2}[0-9]{2} [A-Z]{3}|[A-Z][0-9]{1,3} [A-Z]{3}|[A-Z]{3} [0-9]{1,3}[A-Z]|[A-Z]{1,3} [0-9]{1,4}|[0-9]{1,4} [A-Z]{1,3})$/;

export const VehicleAnswerSchema = z.strictObject({
  text: z.string().min(1).max(1000),
  registration: z.string().regex(REG).optional(),
  registrationPartial: z.string().max(12).optional(),
  make: z.string().max(50).optional(),
  model: z.string().max(50).optional(),
  colour: z.string().max(30).optional(),
  kind: z.string().max(30).optional(),
});

export const vehicle: AnswerTypeDef<VehicleAnswer> = {
  schema: (step) =>
    step.optional
      ? VehicleAnswerSchema
      : VehicleAnswerSchema.refine((v) => v.registration !== undefined, 'registration required'),
  parseText: (text, step) => readVehicle(text, step),
  parseValue(value, step) {
    if (typeof value === 'string') return readVehicle(value, step);
    const fields = z
      .looseObject({
        registration: z.string().optional(),
        make: z.string().optional(),
        model: z.string().optional(),
        colour: z.string().optional(),
        text: z.string().optional(),
      })
      .safeParse(value);
    if (!fields.success) return fail('vehicle.invalid');
    const v = fields.data;
    let registration: string | undefined;
    if (v.registration?.trim()) {
      registration = normaliseRegistration(v.registration, true);
      if (!registration) return fail('vehicle.registration');
    } else if (!step.optional) return fail('vehicle.registration');
    const text = tidy(
      v.text ?? [registration, v.colour, v.make, v.model].filter(Boolean).join(' '),
    );
    if (!text) return fail('vehicle.invalid');
    const answer: VehicleAnswer = {
      text,
      ...(registration ? { registration } : {}),
      ...(v.make?.trim() ? { make: v.make.trim() } : {}),
      ...(v.model?.trim() ? { model: v.model.trim() } : {}),
      ...(v.colour?.trim() ? { colour: v.colour.trim().toLowerCase() } : {}),
    };
    return ok(answer);
  },
  format: (value): Message =>
    value.registration &&
    !value.text.toUpperCase().replace(/\s/g, '').includes(value.registration.replace(' ', ''))
      ? {
          key: 'answers:format.vehicle',
          params: { registration: value.registration, value: value.text },
        }
      : { key: 'answers:format.text', params: { value: value.text } },
};
