import { z } from 'zod';
import type { EmergencyLocale } from '../languages';
import ar from '../data/emergency/ar.json';
import bn from '../data/emergency/bn.json';
import cy from '../data/emergency/cy.json';
import en from '../data/emergency/en.json';
import es from '../data/emergency/es.json';
import fr from '../data/emergency/fr.json';
import gu from '../data/emergency/gu.json';
import it from '../data/emergency/it.json';
import lt from '../data/emergency/lt.json';
import pa from '../data/emergency/pa.json';
import pl from '../data/emergency/pl.json';
import pt from '../data/emergency/pt.json';
import ro from '../data/emergency/ro.json';
import ru from '../data/emergency/ru.json';
import so from '../data/emergency/so.json';
import ta from '../data/emergency/ta.json';
import tr from '../data/emergency/tr.json';
import uk from '../data/emergency/uk.json';
import ur from '../data/emergency/ur.json';
import zh from '../data/emergency/zh.json';

/**
 * The emergency detector's vocabulary, one file per language in triage/data/emergency/. Imported
 * (not read from disk) so tsc copies it into dist/ and a browser bundle carries it. Every language's
 * file is used on every message: people mix languages, and language identification of a four-word
 * cry for help is not reliable enough to decide which list to consult.
 */

export const EMERGENCY_CATEGORIES = [
  /** Fires unless negated just before ("not going to kill myself") or told as past. */
  'alarm',
  /** Fires unless the clause tells it as past, habitual, a report or a question, or all is calm. */
  'danger',
  /** Ambiguous alone ("fight", "drunk driver"): fires only next to a sign it is happening now. */
  'needsNow',
  /** A cry for help: fires in short or urgent messages, not in "can you help me with…". */
  'cry',
  /** Signs it is happening now: excuse a danger told next to a past-tense marker. */
  'present',
  /** Stronger signs of now: also outweigh "always", "every night". */
  'strongNow',
  'past',
  'habitual',
  /** "Keeps": repetition that may be going on now. Habit to the phrases; the concepts let a
   * present-progressive form outweigh it ("they keep trying to run us off the road"). */
  'repeated',
  /** Second-hand or suspected ("I think he deals", "he keeps a gun at his mum's"): quiets danger. */
  'hearsay',
  /** Reporting, asking, aftermath (court, compensation, statistics). */
  'report',
  /** Lawful context for weapon or fire words (a firearms licence, a film shoot, a bonfire). */
  'legit',
  /** "Not an emergency", "no one is hurt", "he's gone now": quiets danger in the whole message. */
  'calm',
  /** Figures of speech ("the noise is killing me"): their words can never fire. */
  'idioms',
  'negators',
  /** Words after "help" that make it a request ("help with", "help me find"). */
  'purpose',
  /** Words before "help" that make it a question ("can you help"). */
  'requestFrame',
] as const;
export type EmergencyCategory = (typeof EMERGENCY_CATEGORIES)[number];

const patternList = z.array(z.string().min(1)).default([]);

export const LexiconSchema = z.object({
  lang: z.string().min(2),
  alarm: patternList,
  danger: patternList,
  needsNow: patternList,
  cry: patternList,
  present: patternList,
  strongNow: patternList,
  past: patternList,
  habitual: patternList,
  repeated: patternList,
  hearsay: patternList,
  report: patternList,
  legit: patternList,
  calm: patternList,
  idioms: patternList,
  negators: patternList,
  purpose: patternList,
  requestFrame: patternList,
});
export type Lexicon = z.infer<typeof LexiconSchema>;

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

let parsed: readonly Lexicon[] | undefined;

/** All lexicons, validated once; a malformed file throws with its language. */
export function emergencyLexicons(): readonly Lexicon[] {
  if (parsed) return parsed;
  parsed = Object.entries(RAW).map(([lang, data]) => {
    const result = LexiconSchema.safeParse(data);
    if (!result.success) {
      throw new Error(`emergency lexicon ${lang}: ${result.error.message}`);
    }
    if (result.data.lang !== lang) throw new Error(`emergency lexicon ${lang}: lang mismatch`);
    return result.data;
  });
  return parsed;
}
