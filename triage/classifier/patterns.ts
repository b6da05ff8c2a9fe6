import { squeeze, tokenize } from './normalise';

/**
 * A small phrase-pattern engine for vocabulary kept as data. A pattern is a phrase written as people
 * write it; it is normalised exactly like a message, so "can't breathe" in the data matches "cant
 * breath" typed on a phone. Syntax, token by token:
 *
 *   word        that word (after normalisation and squeezing repeated letters)
 *   stem*       any word starting with stem ("stab*" → stab, stabbed, stabbing)
 *   a|b|c       any of the alternatives; a_b inside an alternative is two words ("going_to|about_to")
 *   ..          up to 3 words of anything;  ...  up to 8
 *
 * Patterns added with `fuzzy` also match words one typo away (a letter missing, extra, changed or
 * two swapped) when the pattern word has six letters or more, the typed word starts with the same
 * letter and is not itself a known word — "eating" is not "beating", "stack" is not "attack".
 */

interface GapSlot {
  readonly kind: 'gap';
  readonly max: number;
}
interface AltSlot {
  readonly kind: 'alts';
  /** Each alternative is a sequence of atom ids. */
  readonly alts: readonly (readonly number[])[];
}
type Slot = GapSlot | AltSlot;

export interface PatternMatch<T> {
  readonly tag: T;
  /** The pattern as written in the data, for evidence. */
  readonly source: string;
  /** Token span [start, end). */
  readonly start: number;
  readonly end: number;
}

interface Compiled<T> {
  readonly tag: T;
  readonly source: string;
  readonly slots: readonly Slot[];
  /** One slot of one-word alternatives: a first-atom hit is already the whole match. */
  readonly single: boolean;
  /**
   * When the first slot is one-word alternatives and the second a list of alternatives: the atoms
   * the next token must have for the pattern to have any chance (checked before matching).
   */
  readonly next: ReadonlySet<number> | undefined;
}

interface Atom {
  readonly prefix: boolean;
  readonly text: string;
}

const FUZZY_MIN = 6;
const MIN_STEM = 4;
/**
 * In Cyrillic, Arabic and the Indic scripts a three-letter stem is already a word with its endings
 * stripped ("нож*" → ножом, ножа; "ছুর*"), and nothing in English can collide with it.
 */
const MIN_STEM_OTHER_SCRIPT = 3;
const LATIN = /\p{Script=Latin}/u;
/** Cached atom look-ups per token: tokens repeat across messages, and this is the hot path. */
const ATOM_CACHE_LIMIT = 50_000;
const NO_ATOMS: readonly number[] = [];
const SUBSTITUTION_MIN = 7;
const FUZZY_SCRIPT = /^[\p{Script=Latin}\p{Script=Cyrillic}]+$/u;

/**
 * Restricted Damerau–Levenshtein distance ≤ 1 without building a matrix; a substitution only counts
 * in words of SUBSTITUTION_MIN letters or more.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    // A changed letter in a short word too often makes another real word ("raping"/"ripping").
    if (a.slice(i + 1) === b.slice(i + 1)) return la >= SUBSTITUTION_MIN;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function deletes(word: string): string[] {
  const out: string[] = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * A set of compiled patterns sharing one atom table. Build once (at first use), then `match` is a
 * handful of map look-ups per token.
 */
export class PatternSet<T> {
  private readonly atoms: Atom[] = [];
  private readonly atomIds = new Map<string, number>();
  private readonly words = new Map<string, number>();
  private readonly prefixes = new Map<string, number>();
  private readonly fuzzyWords = new Map<string, number[]>();
  private maxPrefix = 0;
  private minPrefix = Infinity;
  private readonly patterns: Compiled<T>[] = [];
  /** Per group: first-slot atom id → patterns of that group that can start there. */
  private readonly byFirst: (number[] | undefined)[][] = [];
  /** Which patterns were already tried at the current token (stamp per token, no allocation). */
  private tried = new Int32Array(0);
  private stamp = 0;
  private known: ReadonlySet<string> = new Set();
  private readonly cache = new Map<string, readonly number[]>();
  private readonly variants: ((token: string) => readonly string[]) | undefined;

  /**
   * `variants`: other forms of a token to look up when the token itself matches nothing (Arabic
   * proclitics: "بسكين" is "with a knife").
   */
  constructor(options: { readonly variants?: (token: string) => readonly string[] } = {}) {
    this.variants = options.variants;
  }

  /** Words that are real words in their own right: never treated as a typo of something else. */
  setKnownWords(words: Iterable<string>): void {
    const known = new Set<string>();
    for (const w of words) known.add(squeeze(w));
    for (const a of this.atoms) if (!a.prefix) known.add(a.text);
    this.known = known;
    this.cache.clear();
  }

  /**
   * `groups`: bit set of the groups the pattern belongs to (default group 0), so that `match` can
   * look only at the patterns of one phase without testing every candidate.
   */
  add(
    source: string,
    tag: T,
    options: { readonly fuzzy?: boolean; readonly groups?: number } = {},
  ): void {
    const slots: Slot[] = [];
    for (const part of source.trim().split(/\s+/)) {
      if (part === '..' || part === '...') {
        slots.push({ kind: 'gap', max: part === '..' ? 3 : 8 });
        continue;
      }
      const alts: number[][] = [];
      for (const alt of part.split('|')) {
        const prefix = alt.endsWith('*');
        const words = tokenize(prefix ? alt.slice(0, -1) : alt.replace(/_/g, ' '));
        if (words.length === 0) continue;
        const seq = words.map((w, i) =>
          this.atom(squeeze(w), prefix && i === words.length - 1, options.fuzzy === true, source),
        );
        alts.push(seq);
      }
      if (alts.length === 0) throw new Error(`pattern "${source}": empty slot "${part}"`);
      slots.push({ kind: 'alts', alts });
    }
    const first = slots[0];
    if (!first || first.kind !== 'alts' || slots[slots.length - 1]?.kind !== 'alts') {
      throw new Error(`pattern "${source}" must start and end with words`);
    }
    const index = this.patterns.length;
    const oneWord = first.alts.every((a) => a.length === 1);
    const second = slots[1];
    let next: Set<number> | undefined;
    if (oneWord && second?.kind === 'alts') {
      next = new Set<number>();
      for (const alt of second.alts) if (alt[0] !== undefined) next.add(alt[0]);
    }
    this.patterns.push({ tag, source, slots, single: oneWord && slots.length === 1, next });
    const groups = options.groups ?? 1;
    for (let g = 0; 1 << g <= groups; g++) {
      if ((groups & (1 << g)) === 0) continue;
      const byFirst = (this.byFirst[g] ??= []);
      for (const alt of first.alts) {
        const head = alt[0];
        if (head === undefined) continue;
        const list = (byFirst[head] ??= []);
        if (!list.includes(index)) list.push(index);
      }
    }
  }

  get size(): number {
    return this.patterns.length;
  }

  private atom(text: string, prefix: boolean, fuzzy: boolean, source: string): number {
    const minStem = LATIN.test(text) ? MIN_STEM : MIN_STEM_OTHER_SCRIPT;
    if (prefix && text.length < minStem) {
      throw new Error(`pattern "${source}": stem "${text}*" is shorter than ${minStem} letters`);
    }
    this.cache.clear();
    const key = `${prefix ? 'p' : 'w'}:${text}`;
    let id = this.atomIds.get(key);
    if (id === undefined) {
      id = this.atoms.length;
      this.atoms.push({ prefix, text });
      this.atomIds.set(key, id);
      if (prefix) {
        this.prefixes.set(text, id);
        this.maxPrefix = Math.max(this.maxPrefix, text.length);
        this.minPrefix = Math.min(this.minPrefix, text.length);
      } else {
        this.words.set(text, id);
      }
    }
    if (fuzzy && !prefix && text.length >= FUZZY_MIN && FUZZY_SCRIPT.test(text)) {
      for (const d of deletes(text)) push(this.fuzzyWords, d, id);
    }
    return id;
  }

  /** Atom ids a (squeezed) token matches; the array is shared, do not change it. */
  atomsOf(token: string): readonly number[] {
    const hit = this.cache.get(token);
    if (hit) return hit;
    let out = this.lookUp(token);
    if (out.length === 0 && this.variants) {
      for (const v of this.variants(token)) {
        out = this.lookUp(v);
        if (out.length > 0) break;
      }
    }
    const result = out.length === 0 ? NO_ATOMS : out;
    if (this.cache.size >= ATOM_CACHE_LIMIT) this.cache.clear();
    this.cache.set(token, result);
    return result;
  }

  private lookUp(token: string): number[] {
    const out: number[] = [];
    const w = this.words.get(token);
    if (w !== undefined) out.push(w);
    const top = Math.min(token.length, this.maxPrefix);
    for (let k = this.minPrefix; k <= top; k++) {
      const p = this.prefixes.get(token.slice(0, k));
      if (p !== undefined) out.push(p);
    }
    if (out.length > 0 || token.length < FUZZY_MIN - 1 || this.fuzzyWords.size === 0) return out;
    if (this.known.has(token)) return out;
    if (!FUZZY_SCRIPT.test(token)) return out;
    for (const d of deletes(token)) {
      for (const id of this.fuzzyWords.get(d) ?? []) {
        const atom = this.atoms[id];
        if (
          atom &&
          !out.includes(id) &&
          atom.text[0] === token[0] &&
          withinOneEdit(token, atom.text)
        ) {
          out.push(id);
        }
      }
    }
    return out;
  }

  /** Atom ids for each token of an already squeezed token list. */
  atomize(tokens: readonly string[]): (readonly number[])[] {
    return tokens.map((t) => this.atomsOf(t));
  }

  /**
   * All matches, leftmost first; `blocked` tokens (idioms already consumed) cannot be part of one.
   * Overlapping matches of different patterns are all reported.
   */
  match(
    atoms: readonly (readonly number[])[],
    blocked?: readonly boolean[],
    group = 0,
  ): PatternMatch<T>[] {
    const out: PatternMatch<T>[] = [];
    const byFirst = this.byFirst[group];
    if (!byFirst) return out;
    if (this.tried.length < this.patterns.length) this.tried = new Int32Array(this.patterns.length);
    const tried = this.tried;
    for (let i = 0; i < atoms.length; i++) {
      if (blocked?.[i]) continue;
      const here = atoms[i];
      if (!here || here.length === 0) continue;
      // A pattern reachable from two atoms of one token is tried once.
      const multi = here.length > 1;
      if (multi && ++this.stamp === 0x7fffffff) {
        tried.fill(0);
        this.stamp = 1;
      }
      const stamp = this.stamp;
      for (const a of here) {
        const list = byFirst[a];
        if (!list) continue;
        for (const p of list) {
          if (multi) {
            if (tried[p] === stamp) continue;
            tried[p] = stamp;
          }
          const pattern = this.patterns[p];
          if (!pattern) continue;
          if (pattern.single) {
            out.push({ tag: pattern.tag, source: pattern.source, start: i, end: i + 1 });
            continue;
          }
          if (pattern.next && !canFollow(pattern.next, atoms[i + 1], blocked?.[i + 1])) continue;
          const end = matchFrom(pattern.slots, 0, i, atoms, blocked);
          if (end >= 0) out.push({ tag: pattern.tag, source: pattern.source, start: i, end });
        }
      }
    }
    return out;
  }
}

/** Whether the token after a one-word first slot can start the pattern's second slot. */
function canFollow(
  next: ReadonlySet<number>,
  atoms: readonly number[] | undefined,
  blocked: boolean | undefined,
): boolean {
  if (!atoms || blocked) return false;
  for (const a of atoms) if (next.has(a)) return true;
  return false;
}

function push(map: Map<string, number[]>, key: string, id: number): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(id)) list.push(id);
  } else map.set(key, [id]);
}

/** End position of the shortest match of slots[s..] starting at token pos, or -1. */
function matchFrom(
  slots: readonly Slot[],
  s: number,
  pos: number,
  atoms: readonly (readonly number[])[],
  blocked: readonly boolean[] | undefined,
): number {
  if (s === slots.length) return pos;
  const slot = slots[s];
  if (!slot) return -1;
  if (slot.kind === 'gap') {
    for (let k = 0; k <= slot.max && pos + k <= atoms.length; k++) {
      if (k > 0 && blocked?.[pos + k - 1]) break;
      const end = matchFrom(slots, s + 1, pos + k, atoms, blocked);
      if (end >= 0) return end;
    }
    return -1;
  }
  for (const alt of slot.alts) {
    let ok = pos + alt.length <= atoms.length;
    for (let j = 0; ok && j < alt.length; j++) {
      const at = atoms[pos + j];
      const want = alt[j];
      ok = !blocked?.[pos + j] && at !== undefined && want !== undefined && at.includes(want);
    }
    if (!ok) continue;
    const end = matchFrom(slots, s + 1, pos + alt.length, atoms, blocked);
    if (end >= 0) return end;
  }
  return -1;
}
