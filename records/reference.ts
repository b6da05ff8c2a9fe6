import { randomInt } from 'node:crypto';

/**
 * Report references, e.g. `BL-7K3M-9QX2`: what a person is told at submission, reads out over the
 * phone or types into a form, and what staff search by.
 *
 * - Alphabet: 29 characters, `23456789ABCDEFGHJKMNPQRSTVWXY`. No 0/O, 1/I/L (read-alike), no U
 *   (U/V, and it keeps the commonest rude words out), no Z (Z/2, and "zed"/"zee").
 * - Eight characters: seven random ones (29^7 ≈ 1.7 × 10^10) and a check character, shown as
 *   `BL-XXXX-XXXX` so it is read in two groups of four.
 * - Check character: a weighted sum modulo 29, the construction of ISBN-10 and ISO/IEC 7064's pure
 *   systems over our own alphabet. With values v1..v8 (v8 the check), Σ i·vi ≡ 0 (mod 29). As 29 is
 *   prime and every weight 1..8 is non-zero and distinct modulo 29, any single wrong character
 *   changes the sum by i·d ≢ 0, and swapping neighbours i, i+1 changes it by (a − b) ≢ 0: every
 *   single substitution and every adjacent transposition (and every jump transposition a·c ↔ c·a)
 *   is caught. Because the check lives in the same 29 symbols, no value needs an extra symbol.
 * - Uniqueness comes from the database (primary key) with a retry on the rare clash.
 */

export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXY';
const MOD = REFERENCE_ALPHABET.length; // 29, prime
const BODY = 7;
const LENGTH = BODY + 1;
export const REFERENCE_PREFIX = 'BL';
/** Canonical form only; use `parseReference` for anything a person typed. */
export const REFERENCE_PATTERN = /^BL-[2-9A-HJKMNP-TV-Y]{4}-[2-9A-HJKMNP-TV-Y]{4}$/;

const VALUE = new Map(Array.from(REFERENCE_ALPHABET).map((c, i) => [c, i]));

/** Look-alikes that cannot be in a reference, read as the character they must have been. */
const LOOK_ALIKE: Readonly<Record<string, string>> = { Z: '2' };

function weightedSum(values: readonly number[]): number {
  return values.reduce((sum, v, i) => (sum + (i + 1) * v) % MOD, 0);
}

/** The modular inverse of the check character's weight (8 · 11 = 88 ≡ 1 mod 29). */
const INVERSE_CHECK_WEIGHT = (() => {
  for (let x = 1; x < MOD; x++) if ((LENGTH * x) % MOD === 1) return x;
  throw new Error('reference: check weight has no inverse');
})();

export function checkCharacter(body: string): string {
  if (body.length !== BODY) throw new Error(`reference body must be ${BODY} characters`);
  const values = Array.from(body).map((c) => {
    const v = VALUE.get(c);
    if (v === undefined) throw new Error(`reference: "${c}" is not in the alphabet`);
    return v;
  });
  const check = ((MOD - weightedSum(values)) * INVERSE_CHECK_WEIGHT) % MOD;
  return REFERENCE_ALPHABET[check] ?? '';
}

function format(chars: string): string {
  return `${REFERENCE_PREFIX}-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** A new random reference. `random(n)` returns an integer in [0, n); crypto-strong by default. */
export function newReference(random: (n: number) => number = (n) => randomInt(n)): string {
  let body = '';
  for (let i = 0; i < BODY; i++) body += REFERENCE_ALPHABET[random(MOD)] ?? '';
  return format(body + checkCharacter(body));
}

function valid(chars: string): boolean {
  if (chars.length !== LENGTH) return false;
  const values: number[] = [];
  for (const c of chars) {
    const v = VALUE.get(c);
    if (v === undefined) return false;
    values.push(v);
  }
  return weightedSum(values) === 0;
}

export type ParsedReference =
  | { readonly ok: true; readonly reference: string }
  | {
      readonly ok: false;
      /** `format`: not eight reference characters; `check`: eight, but the check fails. */
      readonly reason: 'format' | 'check';
      /**
       * References one slip away that pass the check (one character changed, or two neighbours
       * swapped). Offer only those that exist: several always pass the check.
       */
      readonly nearby: readonly string[];
    };

/** What a person typed, reduced to its eight characters: case, spaces, dashes and "BL" ignored. */
function compact(input: string): string {
  let s = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (s.length === LENGTH + REFERENCE_PREFIX.length && s.startsWith(REFERENCE_PREFIX)) {
    s = s.slice(REFERENCE_PREFIX.length);
  }
  return Array.from(s, (c) => LOOK_ALIKE[c] ?? c).join('');
}

function nearby(chars: string): string[] {
  const found = new Set<string>();
  const arr = Array.from(chars);
  for (let i = 0; i < arr.length; i++) {
    for (const c of REFERENCE_ALPHABET) {
      if (c === arr[i]) continue;
      const candidate = [...arr];
      candidate[i] = c;
      const s = candidate.join('');
      if (valid(s)) found.add(s);
    }
    if (i + 1 < arr.length && arr[i] !== arr[i + 1]) {
      const swapped = [...arr];
      [swapped[i], swapped[i + 1]] = [arr[i + 1] ?? '', arr[i] ?? ''];
      const s = swapped.join('');
      if (valid(s)) found.add(s);
    }
  }
  return [...found].map(format);
}

/**
 * Reads a reference as staff or the public type it: `bl-7k3m-9qx2`, `7K3M 9QX2`, `BL7K3M9QX2`.
 * Returns the canonical `BL-XXXX-XXXX`, or why not and what it might have been.
 */
export function parseReference(input: string): ParsedReference {
  const chars = compact(input);
  if (chars.length !== LENGTH) return { ok: false, reason: 'format', nearby: [] };
  if (valid(chars)) return { ok: true, reference: format(chars) };
  // An impossible character (O, I, L, U, 0, 1) is a slip like any other: the check finds it.
  return {
    ok: false,
    reason: Array.from(chars).every((c) => VALUE.has(c)) ? 'check' : 'format',
    nearby: nearby(chars),
  };
}

export function isReference(value: string): boolean {
  return REFERENCE_PATTERN.test(value) && valid(value.replace(/^BL-|-/g, ''));
}
