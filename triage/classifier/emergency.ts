import type { EmergencyResult } from '../types';
import { emergencyLexicons, type EmergencyCategory } from './lexicons';
import { clauseTokens, foldText, squeeze } from './normalise';
import { PatternSet, type PatternMatch } from './patterns';
import { trainingVocabulary } from './training';

/**
 * The emergency detector. It runs on every message in every state, so it is a rule matcher over
 * phrase patterns (triage/data/emergency/<lang>.json), not a model: a few map look-ups per word,
 * and every decision can be explained by the phrases that fired.
 *
 * Tuned for recall — a missed emergency is the worst bug this product can have. A trigger is only
 * quietened by specific, local evidence that it is not happening now:
 *
 *   idioms    "the noise is killing me", "dying to know": those words can never fire.
 *   alarm     fires unless negated just before it ("not going to kill myself") or, in the same
 *             clause, told as past ("held at knifepoint last year") with no sign of now.
 *   danger    also quietened by a report or question frame ("I want to report an assault"), habit
 *             ("he always carries a knife"), lawful context (a firearms licence, a film shoot), or a
 *             calm statement anywhere ("no one is hurt", "he's gone now") — unless a sign of now
 *             ("right now", "outside", "he's back") sits in the same clause.
 *   needsNow  words that are only an emergency when happening ("fight", "drunk driver"): need a
 *             sign of now nearby.
 *   cry       "help", "sos", "pomocy": fire in short or urgent messages, not in "can you help me
 *             with my licence". A bare "help" is the help command, not a cry.
 *
 * "Nearby" means the same clause (split on sentence punctuation) and within WINDOW words, so in a
 * long unpunctuated message a "yesterday" at the start does not excuse a knife at the end.
 */

const WINDOW = 10;
/** A plain "now" counts only this close to the trigger ("knife outside my house now"). */
const NOW_REACH = 5;
/** "It's happening right now" at the end of a long message covers the whole clause. */
const STRONG_REACH = 20;
/** "HELP!!" counts as urgent in a message up to this long; longer ones need more than a cry. */
const URGENT_MESSAGE = 12;
const NEGATION_REACH = 3;
const SHORT_MESSAGE = 8;
/** Typo matching for the languages whose vocabulary is long and spelled in Latin letters. */
const FUZZY_LANGUAGES: ReadonlySet<string> = new Set(['en', 'cy', 'pl']);
const FUZZY_CATEGORIES: ReadonlySet<EmergencyCategory> = new Set(['alarm', 'danger', 'needsNow']);
/**
 * Categories that only apply to a trigger of their own language (or English, which people mix in):
 * Polish "tu" (here) says nothing about Welsh "tu allan".
 */
const SAME_LANGUAGE: ReadonlySet<EmergencyCategory> = new Set([
  'negators',
  'purpose',
  'requestFrame',
  'present',
  'strongNow',
]);

interface Tag {
  readonly category: EmergencyCategory;
  readonly lang: string;
}

const FIRST_PHASE: ReadonlySet<EmergencyCategory> = new Set(['idioms', 'calm']);

const CONFIDENCE: Partial<Record<EmergencyCategory, number>> = {
  alarm: 0.9,
  danger: 0.75,
  needsNow: 0.7,
  cry: 0.6,
};

export interface EmergencyDetectorOptions {
  /** Real words that must not be read as typos of emergency words (e.g. the training vocabulary). */
  readonly knownWords?: Iterable<string>;
}

/** One trigger or marker found in a message, for audit and tests. */
export interface EmergencyMatch {
  readonly category: EmergencyCategory;
  readonly lang: string;
  readonly pattern: string;
  readonly words: string;
  /** Triggers only: whether it fired. */
  readonly fired?: boolean;
}

export type EmergencyDetector = ((text: string) => EmergencyResult) & {
  /** Everything that matched and why, for audit and debugging. */
  readonly explain: (text: string) => readonly EmergencyMatch[];
};

type Match = PatternMatch<Tag>;

export function createEmergencyDetector(options: EmergencyDetectorOptions = {}): EmergencyDetector {
  const set = new PatternSet<Tag>();
  for (const lexicon of emergencyLexicons()) {
    for (const category of Object.keys(CATEGORY_KEYS) as EmergencyCategory[]) {
      const fuzzy = FUZZY_LANGUAGES.has(lexicon.lang) && FUZZY_CATEGORIES.has(category);
      for (const source of lexicon[category]) {
        set.add(source, { category, lang: lexicon.lang }, { fuzzy });
      }
    }
  }
  set.setKnownWords(options.knownWords ?? []);
  const firstPhase = (t: Tag) => FIRST_PHASE.has(t.category);
  const secondPhase = (t: Tag) => !FIRST_PHASE.has(t.category);

  function analyse(text: string) {
    const folded = foldText(text);
    const ct = clauseTokens(folded);
    const tokens = ct.map((t) => squeeze(t.token));
    const clause = ct.map((t) => t.clause);
    const atoms = set.atomize(tokens);

    const first = set.match(atoms, undefined, firstPhase);
    const blocked: boolean[] = new Array<boolean>(tokens.length).fill(false);
    for (const m of first) for (let i = m.start; i < m.end; i++) blocked[i] = true;
    const calm = first.some((m) => m.tag.category === 'calm');

    const by = new Map<EmergencyCategory, Match[]>();
    for (const m of set.match(atoms, blocked, secondPhase)) {
      const list = by.get(m.tag.category) ?? [];
      list.push(m);
      by.set(m.tag.category, list);
    }
    const get = (c: EmergencyCategory, lang?: string): readonly Match[] => {
      const all = by.get(c) ?? [];
      // English frames also apply to the loanword "help" in Welsh, Urdu or Punjabi messages.
      return lang && SAME_LANGUAGE.has(c)
        ? all.filter((m) => m.tag.lang === lang || (c !== 'negators' && m.tag.lang === 'en'))
        : all;
    };

    /** Markers in the same clause within `reach` words, other than the trigger's own words. */
    const near = (m: Match, c: EmergencyCategory, reach = WINDOW): boolean =>
      get(c).some(
        (o) =>
          !(o.start === m.start && o.end === m.end) &&
          clause[o.start] === clause[m.start] &&
          o.start < m.end + reach &&
          o.end > m.start - reach,
      );
    const strongNow = (m: Match): boolean => near(m, 'strongNow', STRONG_REACH);
    // A past form wrapped round the trigger ("was mugged") needs more than a nearby "now".
    const toldAsPast = (m: Match): boolean =>
      get('past').some((o) => o.start <= m.start && o.end >= m.end);
    const now = (m: Match): boolean =>
      strongNow(m) || (!toldAsPast(m) && near(m, 'present', NOW_REACH));
    const negated = (m: Match): boolean =>
      get('negators', m.tag.lang).some(
        (n) => n.end <= m.start && n.end > m.start - NEGATION_REACH && !blocked[n.start],
      );
    const legit = get('legit').length > 0;

    const quietened = (m: Match): boolean => {
      if (legit || negated(m)) return true;
      if ((near(m, 'habitual') || near(m, 'hearsay')) && !strongNow(m)) return true;
      return (calm || near(m, 'past') || near(m, 'report')) && !now(m);
    };
    const fires = (m: Match): boolean => {
      switch (m.tag.category) {
        case 'alarm':
          if (negated(m)) return false;
          if (near(m, 'habitual') && !strongNow(m)) return false;
          return !((near(m, 'past') || near(m, 'report')) && !now(m));
        case 'danger':
          return !quietened(m);
        case 'needsNow':
          return now(m) && !quietened(m);
        case 'cry': {
          if (bareHelp) return false;
          if (within(get('purpose', m.tag.lang), m.end, m.end + 2)) return false;
          // A question before the cry in the same clause: "what's the difference between 999 and 101".
          const asked = get('requestFrame', m.tag.lang).some(
            (o) => o.end <= m.start && clause[o.start] === clause[m.start],
          );
          if (asked) return false;
          if (calm && !strongNow(m)) return false;
          return (
            tokens.length <= SHORT_MESSAGE ||
            (urgentRaw && tokens.length <= URGENT_MESSAGE) ||
            near(m, 'strongNow', NOW_REACH) ||
            near(m, 'present', NOW_REACH)
          );
        }
        default:
          return false;
      }
    };
    const urgentRaw = /\b(help|sos)\s*!|\bHELP\b|\bSOS\b|!{2,}/.test(text.normalize('NFKC'));
    const bareHelp = tokens.length === 1 && tokens[0] === 'help' && !urgentRaw;
    const words = (m: Match) =>
      ct
        .slice(m.start, m.end)
        .map((t) => t.token)
        .join(' ');
    return { first, by, fires, words };
  }

  const detect = (text: string): EmergencyResult => {
    const { by, fires, words } = analyse(text);
    let miss = 1;
    const evidence: string[] = [];
    for (const category of TRIGGERS) {
      for (const m of by.get(category) ?? []) {
        if (!fires(m)) continue;
        miss *= 1 - (CONFIDENCE[category] ?? 0.5);
        const w = words(m);
        if (!evidence.includes(w)) evidence.push(w);
      }
    }
    if (evidence.length === 0) return { emergency: false, confidence: 0, evidence: [] };
    return {
      emergency: true,
      confidence: Math.round(Math.min(0.99, 1 - miss) * 1000) / 1000,
      evidence,
    };
  };
  const explain = (text: string): EmergencyMatch[] => {
    const { first, by, fires, words } = analyse(text);
    const out: EmergencyMatch[] = [];
    for (const m of [...first, ...[...by.values()].flat()]) {
      const trigger = (TRIGGERS as readonly string[]).includes(m.tag.category);
      out.push({
        category: m.tag.category,
        lang: m.tag.lang,
        pattern: m.source,
        words: words(m),
        ...(trigger ? { fired: fires(m) } : {}),
      });
    }
    return out;
  };
  return Object.assign(detect, { explain });
}

const TRIGGERS = [
  'alarm',
  'danger',
  'needsNow',
  'cry',
] as const satisfies readonly EmergencyCategory[];

/** Every category compiled into the detector. */
const CATEGORY_KEYS: Readonly<Record<EmergencyCategory, true>> = {
  alarm: true,
  danger: true,
  needsNow: true,
  cry: true,
  present: true,
  strongNow: true,
  past: true,
  habitual: true,
  hearsay: true,
  report: true,
  legit: true,
  calm: true,
  idioms: true,
  negators: true,
  purpose: true,
  requestFrame: true,
};

/** Some match of `list` lies within token positions [from, to). */
function within(list: readonly Match[], from: number, to: number): boolean {
  return list.some((o) => o.start < to && o.end > from);
}

let shared: EmergencyDetector | undefined;

/**
 * The shared detector, built at first use (a few milliseconds). Every word of the route training
 * data counts as a real word, so only words nobody used there are read as typos.
 */
export function detectEmergency(text: string): EmergencyResult {
  return sharedDetector()(text);
}

export function sharedDetector(): EmergencyDetector {
  shared ??= createEmergencyDetector({ knownWords: trainingVocabulary() });
  return shared;
}
