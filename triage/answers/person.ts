import { z } from 'zod';
import type { AnswerTypeDef, ParseResult } from './types';
import { tidy } from './text';
import { fail, fold, ok } from './words';

/**
 * A description of a person, kept in the reporter's words, with what a records system can index
 * picked out where it is plainly there: name, age or age range, sex, height, build, hair, clothing
 * and distinguishing features. Extraction is deliberately literal (English words, a few Welsh and
 * Polish ones); a call handler reads the original text, the fields only help searching.
 */
export type PersonAnswer = {
  readonly text: string;
  readonly name?: string;
  readonly age?: number;
  readonly ageRange?: { readonly min: number; readonly max: number };
  readonly sex?: 'male' | 'female';
  readonly height?: string;
  readonly heightCm?: number;
  readonly build?: string;
  readonly hair?: string;
  readonly clothing?: string;
  readonly features?: readonly string[];
};

/** Nouns decide; pronouns only when there is no noun (a description may mention the victim too). */
const MALE_NOUN =
  /\b(?:male|males|man|men|boy|boys|lad|lads|guy|guys|bloke|blokes|gentleman|dyn|dynion|bachgen|bechgyn|gwryw|mezczyzna|mezczyzni|chlopak|chlopcy|chlopiec|facet|pan)\b/;
const FEMALE_NOUN =
  /\b(?:female|females|woman|women|girl|girls|lady|ladies|menyw|menywod|merch|merched|dynes|benyw|kobieta|kobiety|dziewczyna|dziewczyny|dziewczynka|pani)\b/;
const MALE_PRONOUN = /\b(?:he|him|his)\b/;
const FEMALE_PRONOUN = /\b(?:she|her|hers)\b/;

function sexOf(s: string): PersonAnswer['sex'] {
  const m = MALE_NOUN.test(s);
  const f = FEMALE_NOUN.test(s);
  if (m !== f) return m ? 'male' : 'female';
  if (m && f) return undefined;
  const mp = MALE_PRONOUN.test(s);
  const fp = FEMALE_PRONOUN.test(s);
  return mp !== fp ? (mp ? 'male' : 'female') : undefined;
}

const BUILDS = [
  'slim',
  'thin',
  'skinny',
  'slender',
  'petite',
  'medium build',
  'average build',
  'normal build',
  'athletic',
  'muscular',
  'stocky',
  'heavy',
  'heavy build',
  'large build',
  'big build',
  'broad',
  'well built',
  'chubby',
  'overweight',
  'fat',
  'plump',
  'tenau',
  'szczuply',
  'gruby',
];
const BUILD_RE = new RegExp(`\\b(${BUILDS.join('|')})\\b`);

const HAIR_COLOURS =
  'black|dark|brown|light brown|dark brown|blonde|blond|fair|ginger|red|auburn|grey|gray|white|silver|bleached|dyed|pink|blue|purple|green';
const HAIR_STYLES =
  'short|long|shoulder length|cropped|shaved|curly|straight|wavy|spiky|braided|dreadlocked|dreadlocks|afro|ponytail|messy|thinning|receding|buzz cut|skinhead';
const HAIR_RE = new RegExp(
  `\\b((?:(?:${HAIR_STYLES}|${HAIR_COLOURS})[ ,]+(?:and )?){1,4})(hair|ponytail|dreadlocks)\\b`,
);
const BALD_RE = /\b(bald|balding|shaved head|skinhead|no hair)\b/;

const FEATURES: readonly [RegExp, string][] = [
  [/\btattoo(?:s|ed)?\b[^,.;]*/, 'tattoo'],
  [/\bscar(?:s|red)?\b[^,.;]*/, 'scar'],
  [/\b(?:full |long |short |ginger |grey |black )?beard\b/, 'beard'],
  [/\b(?:mo|tache|moustache|mustache)\b/, 'moustache'],
  [/\bstubble\b/, 'stubble'],
  [/\b(?:glasses|spectacles|specs)\b/, 'glasses'],
  [/\bpiercings?\b[^,.;]*|\b(?:nose|lip|eyebrow) ring\b/, 'piercing'],
  [/\b(?:limp|limping|walks with a stick|walking stick|crutches|wheelchair)\b/, 'mobility'],
  [/\b(?:\w+ )?accent\b/, 'accent'],
  [/\bbirthmark\b[^,.;]*/, 'birthmark'],
  [/\b(?:gold |missing )?(?:tooth|teeth)\b[^,.;]*/, 'teeth'],
  [/\bfreckles\b/, 'freckles'],
];

const CLOTHING_NOUNS =
  'hoodie|hoody|hood|jacket|coat|jumper|sweater|top|t shirt|tshirt|shirt|vest|tracksuit|trackies|joggers|jeans|trousers|shorts|skirt|dress|leggings|trainers|shoes|boots|sliders|cap|hat|beanie|balaclava|mask|scarf|gloves|uniform|hi vis|hi-vis|rucksack|backpack|bag|puffer|gilet|parka|suit|overalls';

const WORD_NUMBERS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

function ageOf(s: string): Pick<PersonAnswer, 'age' | 'ageRange'> {
  const range =
    /\b(\d{1,2}) ?(?:-|to|or) ?(\d{1,2})\b(?! ?(?:cm|ft|feet|foot|'|"|inch|pm|am|:))/.exec(s);
  const inAge =
    /\b(?:aged?|about|around|roughly|maybe|approx|approximately|looked|look|looks|wiek|oko?lo|tua|oed)\b/;
  if (range && (inAge.test(s) || /\b(?:years?|yrs?|y\/?o|lat|oed)\b/.test(s))) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    if (min < max && max < 120) return { ageRange: { min, max } };
  }
  const decade = /\b(?:in (?:his|her|their) )?(early|mid|late)?[ -]?(\d)0s\b/.exec(s);
  if (decade) {
    const base = Number(decade[2]) * 10;
    const part = decade[1];
    const [lo, hi] =
      part === 'early' ? [0, 3] : part === 'mid' ? [3, 7] : part === 'late' ? [6, 9] : [0, 9];
    return { ageRange: { min: base + lo, max: base + hi } };
  }
  const wordDecade =
    /\b(early|mid|late)?[ -]?(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)s\b/.exec(s);
  if (wordDecade) {
    const base = WORD_NUMBERS[wordDecade[2] ?? ''] ?? 0;
    const part = wordDecade[1];
    const [lo, hi] =
      part === 'early' ? [0, 3] : part === 'mid' ? [3, 7] : part === 'late' ? [6, 9] : [0, 9];
    return { ageRange: { min: base + lo, max: base + hi } };
  }
  const single =
    /\b(?:aged?|about|around|roughly|approx|maybe|looked about|wiek|okolo|tua)\s*(\d{1,2})\b(?! ?(?:cm|ft|feet|foot|'|inch|pm|am|:|st\b|stone))/.exec(
      s,
    ) ??
    /\b(\d{1,2}) ?(?:years? old|yrs? old|y\/?o|year old|lat|oed|mlwydd oed)\b/.exec(s) ??
    /\b(?:male|female|man|woman|boy|girl|lad)\b,? (?:aged? )?(\d{1,2})\b(?! ?(?:cm|ft|feet|foot|'|inch|pm|am|:))/.exec(
      s,
    );
  if (single) {
    const age = Number(single[1]);
    if (age > 0 && age < 120) return { age };
  }
  if (/\bteen(?:ager|age|s)?\b|\bnastolat/.test(s)) return { ageRange: { min: 13, max: 19 } };
  if (/\belderly\b|\bpensioner\b|\bold (?:man|woman|lady|gentleman)\b/.test(s))
    return { ageRange: { min: 65, max: 100 } };
  return {};
}

function heightOf(s: string): Pick<PersonAnswer, 'height' | 'heightCm'> {
  const feet = /\b([4-7]) ?(?:ft|feet|foot|'|’)\s*(?:(\d{1,2}) ?(?:in|inch|inches|"|”|'')?)?/.exec(
    s,
  );
  if (feet) {
    const ft = Number(feet[1]);
    const inch = Number(feet[2] ?? 0);
    if (inch < 12) {
      return {
        height: inch ? `${ft}ft ${inch}in` : `${ft}ft`,
        heightCm: Math.round((ft * 12 + inch) * 2.54),
      };
    }
  }
  const metres = /\b(1)[.,](\d{1,2}) ?m\b/.exec(s);
  if (metres) {
    const cm = Number(`${metres[1]}${(metres[2] ?? '').padEnd(2, '0')}`);
    return { height: `${cm}cm`, heightCm: cm };
  }
  const cm = /\b(1\d{2}|2[0-2]\d) ?cm\b/.exec(s);
  if (cm) return { height: `${cm[1]}cm`, heightCm: Number(cm[1]) };
  const word =
    /\b(very tall|quite tall|tall|very short|quite short|short|average height|medium height|tal|byr|wysoki|niski)\b(?! hair)/.exec(
      s,
    );
  return word ? { height: word[1] ?? '' } : {};
}

function clothingOf(original: string): string | undefined {
  const wearing =
    /(?:^|[^\p{L}])(?:wearing|wore|dressed in|had on|yn gwisgo|gwisgo|ubrany w|ubrana w|miał na sobie|miała na sobie)\s+([^.;\n]{3,200})/iu.exec(
      original,
    );
  if (wearing?.[1]) return wearing[1].trim();
  const nouns = new RegExp(`[^,.;\\n]*\\b(?:${CLOTHING_NOUNS})\\b[^,.;\\n]*`, 'gi');
  const pieces = original.match(nouns);
  return pieces?.length ? pieces.map((p) => p.trim()).join(', ') : undefined;
}

function nameOf(original: string): string | undefined {
  const m =
    /\b(?:called|named|name is|name's|names|known as|goes by|enw|o'r enw|nazywa sie|ma na imie|imie)\s+([\p{Lu}][\p{L}'-]+(?:\s+[\p{Lu}][\p{L}'-]+){0,3})/u.exec(
      original,
    );
  return m?.[1];
}

export function readPerson(raw: string): ParseResult {
  const text = tidy(raw).slice(0, 3000);
  if (text.replace(/[^\p{L}\p{N}]/gu, '').length < 2) return fail('person.empty');
  const s = fold(text);
  const sex = sexOf(s);
  const hair = HAIR_RE.exec(s);
  const bald = BALD_RE.exec(s);
  const build = BUILD_RE.exec(s);
  const features = FEATURES.flatMap(([re, label]) => (re.test(s) ? [label] : []));
  const name = nameOf(text);
  const clothing = clothingOf(text);
  const value: PersonAnswer = {
    text,
    ...(name ? { name } : {}),
    ...ageOf(s),
    ...(sex ? { sex } : {}),
    // Feet and inches are written with apostrophes, which `fold` drops.
    ...heightOf(text.toLowerCase()),
    ...(build?.[1] ? { build: build[1] } : {}),
    ...(hair
      ? { hair: `${(hair[1] ?? '').replace(/[ ,]+$/, '')} ${hair[2] ?? ''}`.trim() }
      : bald?.[1]
        ? { hair: bald[1] }
        : {}),
    ...(clothing ? { clothing } : {}),
    ...(features.length ? { features } : {}),
  };
  return ok(value);
}

export const PersonAnswerSchema = z.strictObject({
  text: z.string().min(2).max(3000),
  name: z.string().min(1).max(200).optional(),
  age: z.number().int().min(0).max(120).optional(),
  ageRange: z
    .strictObject({ min: z.number().int().min(0), max: z.number().int().max(120) })
    .refine((r) => r.min <= r.max)
    .optional(),
  sex: z.enum(['male', 'female']).optional(),
  height: z.string().max(50).optional(),
  heightCm: z.number().int().min(30).max(260).optional(),
  build: z.string().max(50).optional(),
  hair: z.string().max(200).optional(),
  clothing: z.string().max(1000).optional(),
  features: z.array(z.string().max(50)).optional(),
});

export const person: AnswerTypeDef<PersonAnswer> = {
  schema: () => PersonAnswerSchema,
  parseText: (text) => readPerson(text),
  parseValue(value) {
    if (typeof value === 'string') return readPerson(value);
    const parsed = PersonAnswerSchema.safeParse(value);
    // A form's description box alone is read like typed text; a finished answer is kept as it is.
    if (parsed.success && Object.keys(parsed.data).length > 1) return ok(parsed.data);
    const text = z.looseObject({ text: z.string() }).safeParse(value);
    return text.success ? readPerson(text.data.text) : fail('person.empty');
  },
  format: (value) => ({ key: 'answers:format.text', params: { value: value.text } }),
};
