import { z } from 'zod';
import type { EmergencyLocale } from '../languages';
import ar from '../data/emergency/concepts/ar.json';
import bn from '../data/emergency/concepts/bn.json';
import cy from '../data/emergency/concepts/cy.json';
import en from '../data/emergency/concepts/en.json';
import es from '../data/emergency/concepts/es.json';
import fr from '../data/emergency/concepts/fr.json';
import gu from '../data/emergency/concepts/gu.json';
import it from '../data/emergency/concepts/it.json';
import lt from '../data/emergency/concepts/lt.json';
import pa from '../data/emergency/concepts/pa.json';
import pl from '../data/emergency/concepts/pl.json';
import pt from '../data/emergency/concepts/pt.json';
import ro from '../data/emergency/concepts/ro.json';
import ru from '../data/emergency/concepts/ru.json';
import so from '../data/emergency/concepts/so.json';
import ta from '../data/emergency/concepts/ta.json';
import tr from '../data/emergency/concepts/tr.json';
import uk from '../data/emergency/concepts/uk.json';
import ur from '../data/emergency/concepts/ur.json';
import zh from '../data/emergency/concepts/zh.json';
import rulesData from '../data/emergency/rules.json';

/**
 * Danger as concepts rather than memorised sentences. Each language lists the words (stems,
 * inflections, misspellings, romanised forms) that realise a small set of concepts — a weapon, being
 * hit, a door being forced, fire, people inside, a child, lost — in
 * triage/data/emergency/concepts/<lang>.json. Language-independent rules
 * (triage/data/emergency/rules.json) say which concepts, alone or together, make danger and how
 * much; signs of now and urgency add to a rule's score, signs of past, habit, hearsay, a report or
 * calm take away. So "a man with a knife in the shop" is a weapon near "in", whatever the
 * language, and a Romanised Urdu "jump" next to an English "bridge" still makes the pair.
 */

export const CONCEPT_CLASSES = [
  /** Knife, gun, machete, axe, bat, acid. */
  'weapon',
  /** Hitting, beating, stabbing, strangling, shooting, throwing things at someone. */
  'attack',
  /** Kill, murder. */
  'kill',
  /** "Going to", "about to", "wants to", "says he will". */
  'intent',
  /** Threaten, threats. */
  'threaten',
  /** Breaking, smashing, kicking in, forcing, trying to get in. */
  'force',
  /** Door, window, lock, gate. */
  'door',
  /** House, flat, home, room: the place being entered. */
  'home',
  /** Intruder, burglar, a stranger in the house. */
  'intruder',
  /** Fire, smoke, flames, burning. */
  'fire',
  /** Someone, people, children, an old man, my nan. */
  'people',
  /** Inside, upstairs, still in there, cannot get out. */
  'inside',
  /** Trapped, locked in, held, hostage, will not let me leave. */
  'trapped',
  /** Not breathing, unconscious, collapsed, overdose, fitting, turning blue. */
  'medical',
  /** Bleeding, blood everywhere. */
  'bleeding',
  /** Suicide, kill myself, end my life, want to die, self-harm. */
  'suicide',
  /** Jump, throw himself. */
  'jump',
  /** Bridge, roof, ledge, cliff, balcony, railway line. */
  'height',
  /** Pills, tablets, paracetamol. */
  'pills',
  /** A note, a goodbye letter. */
  'note',
  /** Child, son, daughter, kid (any age). */
  'child',
  /** Toddler, baby, little boy, a five-year-old. */
  'young',
  /** Missing, lost, disappeared, cannot find. */
  'lost',
  /** Kidnapped, abducted, snatched, bundled into a car. */
  'kidnap',
  /** Following, chasing, stalking. */
  'follow',
  /** Drunk, drugged, high, over the limit. */
  'drunk',
  /** Drive, driving, car, keys, behind the wheel. */
  'drive',
  /** Crash, collision, knocked down, run over. */
  'crash',
  /** Injured, hurt, trapped, not moving. */
  'injured',
  /** In danger, life or death. */
  'danger',
] as const;
export type ConceptClass = (typeof CONCEPT_CLASSES)[number];

export const CUE_CLASSES = [
  /** Now, right now, still, currently, at the moment. */
  'now',
  /** Present-progressive forms ("is hitting", "are trying"), "about to", "on his way". */
  'ongoing',
  /** Here, outside, at the door, downstairs, in the house. */
  'here',
  /** Help!, please come, hurry, send someone, call 999. */
  'urgent',
  /** Scared, terrified, hiding, cannot talk. */
  'fear',
  /** Just now, minutes ago, a moment ago. */
  'recent',
] as const;
export type CueClass = (typeof CUE_CLASSES)[number];

export type ConceptOrCue = ConceptClass | CueClass;

const patternList = z.array(z.string().min(1)).default([]);

const conceptShape = Object.fromEntries(
  [...CONCEPT_CLASSES, ...CUE_CLASSES].map((c) => [c, patternList]),
) as Record<ConceptOrCue, typeof patternList>;

export const ConceptLexiconSchema = z.object({
  lang: z.string().min(2),
  classes: z.object(conceptShape).strict(),
});
export type ConceptLexicon = z.infer<typeof ConceptLexiconSchema>;

const classRef = z.enum(CONCEPT_CLASSES);
/** "fire|people": any of these classes fills the slot. */
const slot = z
  .string()
  .transform((s) => s.split('|'))
  .pipe(z.array(classRef).min(1));

export const RuleSchema = z.object({
  id: z.string().min(1),
  /** Every slot must be filled; the first is the anchor that cues and damping are read around. */
  all: z.array(slot).min(1),
  weight: z.number().positive(),
  /** For messages in a language the route classifier cannot read: fires on its own. */
  alone: z.boolean().default(false),
  /** Quietened by lawful context (a firearms licence, a film shoot, a bonfire). */
  lawful: z.boolean().default(false),
  /** Slots may be anywhere in the message, not only the anchor's clause ("She is missing. She left a note."). */
  message: z.boolean().default(false),
});
export type Rule = z.infer<typeof RuleSchema>;

const cueWeights = z.object({
  now: z.number(),
  ongoing: z.number(),
  here: z.number(),
  urgent: z.number(),
  fear: z.number(),
  recent: z.number(),
});

export const RulesFileSchema = z.object({
  /** A message is an emergency when its best rule scores at least this. */
  threshold: z.number().positive(),
  /** In English, Welsh and Polish a rule weighing less than this only adds to another. */
  routedMin: z.number().min(0),
  /** Slots and cues must be this many tokens from the anchor, in its clause. */
  reach: z.number().int().positive(),
  /** Each further distinct rule that scores above zero adds this. */
  together: z.number().min(0),
  cues: cueWeights,
  /** The most cues can add to one rule. */
  cueCap: z.number().min(0),
  damping: z.object({
    past: z.number().min(0),
    habitual: z.number().min(0),
    hearsay: z.number().min(0),
    report: z.number().min(0),
    calm: z.number().min(0),
    legit: z.number().min(0),
  }),
  rules: z.array(RuleSchema).min(1),
});
export type RulesFile = z.infer<typeof RulesFileSchema>;

const RAW: Readonly<Record<EmergencyLocale, unknown>> = {
  en,
  cy,
  pl,
  ro,
  pa,
  ur,
  pt,
  es,
  ar,
  bn,
  gu,
  it,
  lt,
  fr,
  zh,
  tr,
  so,
  uk,
  ru,
  ta,
};

let lexicons: readonly ConceptLexicon[] | undefined;
let rules: RulesFile | undefined;

/** Every language's concept vocabulary, validated once; a malformed file throws with its language. */
export function conceptLexicons(): readonly ConceptLexicon[] {
  if (lexicons) return lexicons;
  lexicons = Object.entries(RAW).map(([lang, data]) => {
    const result = ConceptLexiconSchema.safeParse(data);
    if (!result.success) throw new Error(`concept lexicon ${lang}: ${result.error.message}`);
    if (result.data.lang !== lang) throw new Error(`concept lexicon ${lang}: lang mismatch`);
    return result.data;
  });
  return lexicons;
}

/** The rules that turn concepts into a danger score. */
export function conceptRules(): RulesFile {
  if (rules) return rules;
  const result = RulesFileSchema.safeParse(rulesData);
  if (!result.success) throw new Error(`emergency rules: ${result.error.message}`);
  rules = result.data;
  return rules;
}

/** Languages the route classifier reads; any other language is treated recall-first. */
export const ROUTED: ReadonlySet<string> = new Set(['en', 'cy', 'pl']);
