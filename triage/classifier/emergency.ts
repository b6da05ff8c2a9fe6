import type { EmergencyResult } from '../types';
import {
  CUE_CLASSES,
  ROUTED,
  conceptLexicons,
  conceptRules,
  type ConceptClass,
  type ConceptOrCue,
  type CueClass,
  type Rule,
} from './concepts';
import { emergencyLexicons, type EmergencyCategory } from './lexicons';
import { languageMarkers } from './markers';
import { prepare, squeeze, type Prepared } from './normalise';
import { PatternSet, type PatternMatch } from './patterns';
import { trainingVocabulary } from './training';

/**
 * The emergency detector. It runs on every message in every state, so it is a matcher over
 * vocabulary kept as data, not a model: a few map look-ups per word, and every decision can be
 * explained by the words that fired. Two layers read the same tokens:
 *
 * 1. Concepts (concepts.ts, triage/data/emergency/concepts/ and rules.json) — the main layer. Each
 *    language lists the words for a weapon, being hit, a door being forced, fire, people inside, a
 *    child, lost…; language-independent rules combine them into a score, to which signs of now and
 *    urgency add and signs of past, habit, hearsay, a report, lawful context or calm take away.
 *    In a language the route classifier cannot read (anything but English, Welsh and Polish) a
 *    single danger concept is enough: those people only reach the menu anyway, and a missed
 *    emergency is the worst bug this product can have.
 * 2. Phrases (triage/data/emergency/<lang>.json) — whole expressions of danger, cries for help, and
 *    the markers both layers share (past, calm, idioms, negators):
 *      idioms    "the noise is killing me", "dying to know": those words can never fire.
 *      alarm     fires unless negated just before it or, in the same clause, told as past.
 *      danger    also quietened by a report or question frame, habit, lawful context, or calm —
 *                unless a sign of now sits in the same clause.
 *      needsNow  words that are only an emergency when happening: need a sign of now nearby.
 *      cry       "help", "sos", "pomocy": fire in short or urgent messages, not in "can you help me
 *                with my licence". A bare "help" is the help command, not a cry.
 *
 * "Nearby" means the same clause (split on sentence punctuation) and within a few words, so in a
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
/** Urgency and fear cues ("help!", "I'm terrified") speak for a message up to this long. */
const CUE_MESSAGE = 60;
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

type Tag =
  | { readonly kind: 'phrase'; readonly category: EmergencyCategory; readonly lang: string }
  | { readonly kind: 'concept'; readonly cls: ConceptOrCue; readonly lang: string };

const FIRST_PHASE: ReadonlySet<EmergencyCategory> = new Set(['idioms', 'calm']);
/** Pattern groups (bit sets): idioms and calm first, then everything else in one pass. */
const FIRST = 1;
const MAIN = 2;

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

/** One trigger, concept or marker found in a message, for audit and tests. */
export interface EmergencyMatch {
  /** A phrase category, a concept or cue class, or "rule" for a concept rule that matched. */
  readonly category: EmergencyCategory | ConceptOrCue | 'rule';
  readonly lang: string;
  /** The pattern as written in the data, or the rule id with its score. */
  readonly pattern: string;
  readonly words: string;
  /** Triggers and rules only: whether it fired. */
  readonly fired?: boolean;
}

export type EmergencyDetector = ((text: string) => EmergencyResult) & {
  /** Looks these (normalised) words up in the vocabulary now, at start-up. */
  readonly prime: (words: Iterable<string>) => void;
  /** Everything that matched and why, for audit and debugging. */
  readonly explain: (text: string) => readonly EmergencyMatch[];
  /** The same decision for text the classifier has already normalised. */
  readonly detectPrepared: (prepared: Prepared) => EmergencyResult;
};

type Match = PatternMatch<Tag>;
const NONE: readonly never[] = [];
type PhraseMatch = PatternMatch<Extract<Tag, { kind: 'phrase' }>>;

interface Occurrence {
  readonly cls: ConceptOrCue;
  readonly lang: string;
  readonly start: number;
  readonly end: number;
}

interface RuleResult {
  readonly rule: Rule;
  readonly score: number;
  readonly parts: readonly Occurrence[];
}

export function createEmergencyDetector(options: EmergencyDetectorOptions = {}): EmergencyDetector {
  const set = new PatternSet<Tag>({ variants: arabicVariants });
  for (const lexicon of emergencyLexicons()) {
    for (const category of Object.keys(CATEGORY_KEYS) as EmergencyCategory[]) {
      const fuzzy = FUZZY_LANGUAGES.has(lexicon.lang) && FUZZY_CATEGORIES.has(category);
      const groups = FIRST_PHASE.has(category) ? FIRST : MAIN;
      for (const source of lexicon[category]) {
        set.add(source, { kind: 'phrase', category, lang: lexicon.lang }, { fuzzy, groups });
      }
    }
  }
  for (const lexicon of conceptLexicons()) {
    const fuzzy = FUZZY_LANGUAGES.has(lexicon.lang);
    for (const [cls, sources] of Object.entries(lexicon.classes) as [ConceptOrCue, string[]][]) {
      for (const source of sources) {
        set.add(source, { kind: 'concept', cls, lang: lexicon.lang }, { fuzzy, groups: MAIN });
      }
    }
  }
  const known = [...(options.knownWords ?? [])];
  set.setKnownWords(known);
  const markers = languageMarkers(known);
  const rules = conceptRules();

  function analyse(p: Prepared) {
    const tokens = p.squeezed;
    const clause = p.clauses;
    const atoms = set.atomize(tokens);

    const first = set.match(atoms, undefined, 0) as PhraseMatch[];
    const blocked: boolean[] = new Array<boolean>(tokens.length).fill(false);
    // Concepts are kept out of idioms only: "she left" is calm, "she left a note" is not.
    const idiom: boolean[] = new Array<boolean>(tokens.length).fill(false);
    const calmMatches: PhraseMatch[] = [];
    for (const m of first) {
      const isIdiom = m.tag.category === 'idioms';
      if (!isIdiom) calmMatches.push(m);
      for (let i = m.start; i < m.end; i++) {
        blocked[i] = true;
        if (isIdiom) idiom[i] = true;
      }
    }
    const calm = calmMatches.length > 0;

    const by = new Map<EmergencyCategory, PhraseMatch[]>();
    const concepts = new Map<ConceptOrCue, Occurrence[]>();
    const conceptMatches: Match[] = [];
    const conceptNegators: Match[] = [];
    // One pass with only idioms blocked. A phrase that touches a calm word is dropped, which is
    // exactly matching with calm words blocked too: a gap cannot cross a blocked word, so a
    // shortest match through one means no match avoids it.
    for (const m of set.match(atoms, idiom, 1)) {
      const tag = m.tag;
      if (tag.kind === 'concept') {
        conceptMatches.push(m);
        continue;
      }
      if (tag.category === 'negators') conceptNegators.push(m);
      let calmed = false;
      for (let i = m.start; i < m.end && !calmed; i++) calmed = blocked[i] === true;
      if (calmed) continue;
      const list = by.get(tag.category) ?? [];
      list.push(m as PhraseMatch);
      by.set(tag.category, list);
    }
    const filtered = new Map<string, readonly PhraseMatch[]>();
    const get = (c: EmergencyCategory, lang?: string): readonly PhraseMatch[] => {
      const all = by.get(c);
      if (!all) return NONE;
      if (!lang || !SAME_LANGUAGE.has(c)) return all;
      const key = `${c} ${lang}`;
      let hit = filtered.get(key);
      if (!hit) {
        // English frames also apply to the loanword "help" in Welsh, Urdu or Punjabi messages.
        hit = all.filter((m) => m.tag.lang === lang || (c !== 'negators' && m.tag.lang === 'en'));
        filtered.set(key, hit);
      }
      return hit;
    };
    const negatedAt = (start: number, lang: string): boolean =>
      get('negators', lang).some(
        (n) =>
          n.end <= start &&
          n.end > start - NEGATION_REACH &&
          clause[n.start] === clause[start] &&
          !blocked[n.start],
      );
    const asRequest = (m: Match): boolean => {
      const lang = m.tag.lang;
      if (within(get('purpose', lang), m.end, m.end + 2)) return true;
      return get('requestFrame', lang).some(
        (o) => o.end <= m.start && o.end > m.start - 4 && clause[o.start] === clause[m.start],
      );
    };
    const conceptNegated = (m: Match): boolean =>
      conceptNegators.some(
        (n) =>
          // Welsh "na" is Polish "on"; only a negator of the word's own language counts, or
          // another language's before an English loanword ("knife nahi hai").
          (n.tag.lang === m.tag.lang || (m.tag.lang === 'en' && !ROUTED.has(n.tag.lang))) &&
          n.end <= m.start &&
          n.end > m.start - NEGATION_REACH &&
          clause[n.start] === clause[m.start],
      );
    for (const m of conceptMatches) {
      if (m.tag.kind !== 'concept') continue;
      const cls = m.tag.cls;
      // A negated concept is absent ("he doesn't have a knife"); cues are never negated.
      if (!isCue(cls) && conceptNegated(m)) continue;
      // "Can you send someone to look at my car" and "help with my licence" are requests, not cries.
      if (cls === 'urgent' && asRequest(m)) continue;
      const list = concepts.get(cls) ?? [];
      list.push({ cls, lang: m.tag.lang, start: m.start, end: m.end });
      concepts.set(cls, list);
    }

    /** Markers in the same clause within `reach` words, other than the trigger's own words. */
    const near = (m: Span, c: EmergencyCategory, reach = WINDOW, lang?: string): boolean =>
      get(c, lang).some(
        (o) =>
          !(o.start === m.start && o.end === m.end) &&
          clause[o.start] === clause[m.start] &&
          o.start < m.end + reach &&
          o.end > m.start - reach,
      );
    const strongNow = (m: Span, lang?: string): boolean => near(m, 'strongNow', STRONG_REACH, lang);
    // A past form wrapped round the trigger ("was mugged") needs more than a nearby "now".
    const toldAsPast = (m: Span): boolean =>
      get('past').some((o) => o.start <= m.start && o.end > m.start);
    const now = (m: Span, lang?: string): boolean =>
      strongNow(m, lang) || (!toldAsPast(m) && near(m, 'present', NOW_REACH, lang));
    const negated = (m: PhraseMatch): boolean => negatedAt(m.start, m.tag.lang);
    const legit = get('legit').length > 0;

    const quietened = (m: PhraseMatch): boolean => {
      if (legit || negated(m)) return true;
      const habit = near(m, 'habitual') || near(m, 'repeated') || near(m, 'hearsay');
      if (habit && !strongNow(m, m.tag.lang)) return true;
      // "He pushed me, he has left now and I'm ok": calm gives way only to a strong sign of now.
      if (calm && !strongNow(m, m.tag.lang)) return true;
      return (near(m, 'past') || near(m, 'report')) && !now(m, m.tag.lang);
    };
    const urgentRaw = /\b(help|sos)\s*!|\bHELP\b|\bSOS\b|!{2,}/.test(p.raw);
    const bareHelp = tokens.length === 1 && tokens[0] === 'help' && !urgentRaw;
    const fires = (m: PhraseMatch): boolean => {
      const lang = m.tag.lang;
      switch (m.tag.category) {
        case 'alarm':
          if (negated(m)) return false;
          if ((near(m, 'habitual') || near(m, 'repeated')) && !strongNow(m, lang)) return false;
          return !((near(m, 'past') || near(m, 'report')) && !now(m, lang));
        case 'danger':
          return !quietened(m);
        case 'needsNow':
          return now(m, lang) && !quietened(m);
        case 'cry': {
          if (bareHelp) return false;
          if (within(get('purpose', lang), m.end, m.end + 2)) return false;
          // A question before the cry in the same clause: "what's the difference between 999 and 101".
          const asked = get('requestFrame', lang).some(
            (o) => o.end <= m.start && clause[o.start] === clause[m.start],
          );
          if (asked) return false;
          if (calm && !strongNow(m, lang)) return false;
          return (
            tokens.length <= SHORT_MESSAGE ||
            (urgentRaw && tokens.length <= URGENT_MESSAGE) ||
            near(m, 'strongNow', NOW_REACH, lang) ||
            near(m, 'present', NOW_REACH, lang)
          );
        }
        default:
          return false;
      }
    };

    // ---- concepts ----
    const occ = (c: ConceptOrCue): readonly Occurrence[] => concepts.get(c) ?? [];
    const closeTo = (o: Span, anchor: Span, reach: number): boolean =>
      clause[o.start] === clause[anchor.start] &&
      o.start < anchor.end + reach &&
      o.end > anchor.start - reach;
    const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
    const cueNear = (c: CueClass, parts: readonly Occurrence[]): boolean => {
      const list = occ(c);
      if (list.length === 0) return false;
      // Urgency and fear speak for a whole short message; now, here and recent for their clause.
      if ((c === 'urgent' || c === 'fear') && tokens.length <= CUE_MESSAGE) return true;
      return list.some((o) => parts.some((part) => closeTo(o, part, rules.reach)));
    };
    // A calm phrase that is only part of a danger concept ("she left" in "she left a note") is not
    // calm; one that contains the concept ("the fire is out") is.
    const conceptCalm = calmMatches.some(
      (m) =>
        ![...concepts.entries()].some(
          ([cls, list]) =>
            !isCue(cls) && list.some((o) => overlaps(o, m) && (o.start < m.start || o.end > m.end)),
        ),
    );
    // "Fifteen minutes ago" is recent, not past.
    const pastMarkers = get('past').filter((o) => !occ('recent').some((r) => overlaps(r, o)));
    const markerNear = (c: EmergencyCategory, anchor: Span): boolean =>
      get(c).some((o) => closeTo(o, anchor, rules.reach));

    const score = (rule: Rule, parts: readonly Occurrence[]): number => {
      const anchor = parts[0];
      if (!anchor) return 0;
      let s = rule.weight;
      let cues = 0;
      for (const c of CUE_CLASSES) if (cueNear(c, parts)) cues += rules.cues[c];
      s += Math.min(cues, rules.cueCap);
      const strong = strongNow(anchor);
      // What outweighs a past or habitual marker: an explicit "now" or "minutes ago" right by the
      // danger. A progressive form does not ("kids are throwing stones every evening").
      const close = (list: readonly Occurrence[]) =>
        list.some((o) => parts.some((q) => closeTo(o, q, NOW_REACH)));
      const current = strong || close(occ('now')) || close(occ('recent'));
      const d = rules.damping;
      // "Was mugged", "used to beat me": a past form wrapped round the danger's first word.
      const wrapped = pastMarkers.some((o) => o.start <= anchor.start && o.end > anchor.start);
      const pastNear = pastMarkers.some((o) => closeTo(o, anchor, rules.reach));
      if (wrapped ? !strong : pastNear && !current) s -= d.past;
      // Habit gives way to a sign of now ("he keeps hitting her, he's doing it now"); "keeps" also
      // to a progressive form; hearsay ("I know where the lad who did the stabbing is hiding")
      // only to a strong sign.
      if (markerNear('habitual', anchor) && !current) s -= d.habitual;
      else if (markerNear('repeated', anchor) && !current && !close(occ('ongoing'))) {
        s -= d.habitual;
      } else if (markerNear('hearsay', anchor) && !strong) s -= d.hearsay;
      if (markerNear('report', anchor) && !current) s -= d.report;
      if (conceptCalm && !strong) s -= d.calm;
      if (rule.lawful && legit) s -= d.legit;
      return s;
    };

    const ruleResults: RuleResult[] = [];
    for (const rule of rules.rules) {
      const [head, ...rest] = rule.all;
      if (!head) continue;
      let best: RuleResult | undefined;
      for (const anchorClass of head) {
        for (const anchor of occ(anchorClass)) {
          const parts: Occurrence[] = [anchor];
          let complete = true;
          for (const slot of rest) {
            let found: Occurrence | undefined;
            let distance = Infinity;
            for (const c of slot) {
              for (const o of occ(c)) {
                if (parts.some((q) => overlaps(q, o))) continue;
                if (!rule.message && !closeTo(o, anchor, rules.reach)) continue;
                const dist = Math.abs(o.start - anchor.start);
                if (dist < distance) {
                  distance = dist;
                  found = o;
                }
              }
            }
            if (!found) {
              complete = false;
              break;
            }
            parts.push(found);
          }
          if (!complete) continue;
          const s = score(rule, parts);
          if (!best || s > best.score) best = { rule, score: s, parts };
        }
      }
      if (best) ruleResults.push(best);
    }

    const foreign = isForeign(p, markers);
    let conceptScore = 0;
    let top: RuleResult | undefined;
    for (const r of ruleResults) {
      if (r.rule.weight < rules.routedMin) continue;
      if (r.score > conceptScore) {
        conceptScore = r.score;
        top = r;
      }
    }
    if (top) {
      // Independent dangers in one message add up ("he's drunk, he has a knife, the kids are here").
      const covered = new Set<ConceptClass | CueClass>(top.parts.map((q) => q.cls));
      for (const r of ruleResults) {
        const anchor = r.parts[0];
        if (r === top || !anchor || r.score < 0.4 || covered.has(anchor.cls)) continue;
        covered.add(anchor.cls);
        conceptScore += rules.together;
      }
    }
    // Recall first where the route classifier cannot read the message: any danger concept not
    // explicitly calmed or made lawful is enough.
    const aloneFires = (r: RuleResult): boolean =>
      r.rule.alone &&
      !(conceptCalm && !strongNow(r.parts[0] ?? { start: 0, end: 0 })) &&
      !(r.rule.lawful && legit);
    const foreignHit = foreign ? ruleResults.find(aloneFires) : undefined;
    const conceptFired = conceptScore >= rules.threshold || foreignHit !== undefined;
    const shown = conceptScore >= rules.threshold ? top : foreignHit;

    const words = (m: Span) => p.tokens.slice(m.start, m.end).join(' ');
    return {
      first,
      by,
      fires,
      words,
      concepts,
      ruleResults,
      conceptFired,
      conceptScore,
      shown,
      foreign,
    };
  }

  const decide = (p: Prepared): EmergencyResult => {
    const a = analyse(p);
    let miss = 1;
    const evidence: string[] = [];
    for (const category of TRIGGERS) {
      for (const m of a.by.get(category) ?? []) {
        if (!a.fires(m)) continue;
        miss *= 1 - (CONFIDENCE[category] ?? 0.5);
        const w = a.words(m);
        if (!evidence.includes(w)) evidence.push(w);
      }
    }
    if (a.conceptFired && a.shown) {
      miss *=
        a.foreign && a.conceptScore < rules.threshold ? 0.4 : 1 - conceptConfidence(a.conceptScore);
      for (const part of a.shown.parts) {
        const w = a.words(part);
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
  const detect = (text: string): EmergencyResult => decide(prepare(text));
  const explain = (text: string): EmergencyMatch[] => {
    const a = analyse(prepare(text));
    const out: EmergencyMatch[] = [];
    for (const m of [...a.first, ...[...a.by.values()].flat()]) {
      const trigger = (TRIGGERS as readonly string[]).includes(m.tag.category);
      out.push({
        category: m.tag.category,
        lang: m.tag.lang,
        pattern: m.source,
        words: a.words(m),
        ...(trigger ? { fired: a.fires(m) } : {}),
      });
    }
    for (const [cls, list] of a.concepts) {
      for (const o of list)
        out.push({ category: cls, lang: o.lang, pattern: cls, words: a.words(o) });
    }
    for (const r of a.ruleResults) {
      out.push({
        category: 'rule',
        lang: r.parts[0]?.lang ?? '',
        pattern: `${r.rule.id} ${r.score.toFixed(2)}${a.foreign ? ' (foreign)' : ''}`,
        words: r.parts.map((q) => a.words(q)).join(' + '),
        fired: a.conceptFired && a.shown === r,
      });
    }
    return out;
  };
  const prime = (words: Iterable<string>): void => {
    for (const w of words) set.atomsOf(squeeze(w));
  };
  return Object.assign(detect, { explain, detectPrepared: decide, prime });
}

interface Span {
  readonly start: number;
  readonly end: number;
}

function isCue(c: ConceptOrCue): c is CueClass {
  return (CUE_CLASSES as readonly string[]).includes(c);
}

/** Score 1 (just enough) reads as 0.75, 2 as 0.95. */
function conceptConfidence(score: number): number {
  return Math.min(0.95, 0.55 + 0.2 * score);
}

/**
 * Is the message in a language the route classifier cannot read? Mostly another script, or more
 * words that mark another language ("hay", "mera", "incendio") than words of English, Welsh or
 * Polish.
 */
function isForeign(p: Prepared, markers: ReturnType<typeof languageMarkers>): boolean {
  let other = 0;
  let latin = 0;
  let routedVotes = 0;
  let foreignVotes = 0;
  let unknown = 0;
  for (const t of p.squeezed) {
    const cp = t.codePointAt(0) ?? 0;
    if (cp >= 0x30 && cp <= 0x39) continue;
    if (cp < 0x250) latin++;
    else other++;
    // "a", "o", "na", "mi": too many languages share them to vote.
    if (t.length <= 2) continue;
    const mark = markers.get(t);
    if (mark === 'routed') routedVotes++;
    else if (mark === 'foreign') foreignVotes++;
    else unknown++;
  }
  if (other > latin) return true;
  // A word nobody wrote in the English, Welsh or Polish examples leans a little foreign.
  return foreignVotes > 0 && foreignVotes + UNKNOWN_VOTE * unknown >= routedVotes;
}

const UNKNOWN_VOTE = 0.5;

/** Arabic proclitics (and, with, the, for): "والسكين" is "and the knife". */
const ARABIC_PREFIXES = ['وال', 'بال', 'فال', 'كال', 'ال', 'لل', 'و', 'ف', 'ب', 'ل', 'ک', 'ك'];
function arabicVariants(token: string): readonly string[] {
  const cp = token.codePointAt(0) ?? 0;
  if (cp < 0x600 || cp > 0x6ff) return [];
  const out: string[] = [];
  for (const prefix of ARABIC_PREFIXES) {
    if (token.length - prefix.length >= 2 && token.startsWith(prefix)) {
      out.push(token.slice(prefix.length));
    }
  }
  return out;
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
  repeated: true,
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
