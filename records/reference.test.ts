import {
  REFERENCE_ALPHABET,
  REFERENCE_PATTERN,
  checkCharacter,
  isReference,
  newReference,
  parseReference,
} from './reference';

/** A small seeded generator, so the error-detection sweep is the same on every run. */
function seeded(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const chars = (ref: string) => ref.replace(/^BL-|-/g, '');
const format = (c: string) => `BL-${c.slice(0, 4)}-${c.slice(4)}`;

describe('reference numbers', () => {
  test('the alphabet has no look-alikes or U, and is prime-sized for the check', () => {
    expect(REFERENCE_ALPHABET).toHaveLength(29);
    for (const bad of ['0', 'O', '1', 'I', 'L', 'U', 'Z'])
      expect(REFERENCE_ALPHABET).not.toContain(bad);
    expect(new Set(REFERENCE_ALPHABET).size).toBe(29);
  });

  test('new references are BL-XXXX-XXXX, pass their own check and differ', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const ref = newReference();
      expect(ref).toMatch(REFERENCE_PATTERN);
      expect(isReference(ref)).toBe(true);
      seen.add(ref);
    }
    expect(seen.size).toBe(2000);
  });

  test('staff can type them in lower case, with spaces, without dashes or without BL', () => {
    const ref = newReference(seeded(7));
    const c = chars(ref);
    for (const typed of [
      ref.toLowerCase(),
      c,
      c.toLowerCase(),
      `bl ${c.slice(0, 4)} ${c.slice(4)}`,
      ` BL${c} `,
      `${c.slice(0, 4)}-${c.slice(4)}`,
      `bl.${c.slice(0, 4)}.${c.slice(4)}`,
    ]) {
      expect(parseReference(typed)).toEqual({ ok: true, reference: ref });
    }
  });

  test('every single-character error and every adjacent swap is caught (5,000 references)', () => {
    const random = seeded(42);
    let substitutions = 0;
    let swaps = 0;
    const missed: string[] = [];
    for (let n = 0; n < 5_000; n++) {
      const c = chars(newReference(random));
      for (let i = 0; i < 8; i++) {
        for (const x of REFERENCE_ALPHABET) {
          if (x === c[i]) continue;
          const wrong = `${c.slice(0, i)}${x}${c.slice(i + 1)}`;
          if (isReference(format(wrong))) missed.push(wrong);
          substitutions++;
        }
        if (i < 7 && c[i] !== c[i + 1]) {
          const swapped = `${c.slice(0, i)}${c[i + 1] ?? ''}${c[i] ?? ''}${c.slice(i + 2)}`;
          if (isReference(format(swapped))) missed.push(swapped);
          swaps++;
        }
      }
    }
    expect(missed).toEqual([]);
    expect(substitutions).toBe(5_000 * 8 * 28);
    expect(swaps).toBeGreaterThan(30_000);
    // And parseReference, which staff input goes through, agrees on a sample.
    const c = chars(newReference(random));
    expect(parseReference(`${c.slice(0, 7)}${c[7] === 'A' ? 'B' : 'A'}`).ok).toBe(false);
  });

  test('a slip is refused with the nearby references that pass, the right one among them', () => {
    const ref = newReference(seeded(3));
    const c = chars(ref);
    const slipped = c.slice(0, 5) + (c[5] === 'A' ? 'B' : 'A') + c.slice(6);
    const parsed = parseReference(slipped);
    expect(parsed).toMatchObject({ ok: false, reason: 'check' });
    if (!parsed.ok) {
      expect(parsed.nearby).toContain(ref);
      for (const near of parsed.nearby) expect(isReference(near)).toBe(true);
    }
    // A character that is never issued (O for 0, I for 1) is caught the same way.
    const impossible = `${c.slice(0, 2)}O${c.slice(3)}`;
    const read = parseReference(impossible);
    expect(read).toMatchObject({ ok: false, reason: 'format' });
    if (!read.ok) expect(read.nearby).toContain(ref);
  });

  test('Z is read as the 2 it must have been', () => {
    const ref = newReference(seeded(11));
    if (!chars(ref).includes('2')) return;
    expect(parseReference(ref.replace(/2/g, 'Z'))).toEqual({ ok: true, reference: ref });
  });

  test('wrong lengths and junk are refused', () => {
    for (const typed of ['', 'BL-', 'hello', 'BL-7K3M-9QX', 'BL-7K3M-9QX22', '12345678901']) {
      expect(parseReference(typed)).toMatchObject({ ok: false, reason: 'format' });
    }
    expect(() => checkCharacter('ABC')).toThrow();
    expect(isReference(format('AAAAAAA2'))).toBe(false);
  });
});
