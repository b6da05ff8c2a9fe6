import { ComplementNB, featurize, softmax } from './model';
import { tokenize } from './normalise';

const STOP: ReadonlySet<string> = new Set(['the', 'my', 'a', 'was', 'is']);

function model() {
  const docs = [
    ['crime', 'my bike was stolen from the shed'],
    ['crime', 'someone stole my car last night'],
    ['rtc', 'a van crashed into my car at the junction'],
    ['rtc', 'collision on the roundabout, we swapped details'],
    ['lost', 'i lost my wallet on the bus'],
    ['lost', 'found a set of keys in the park'],
  ].map(([label, text]) => ({
    label: label as 'crime' | 'rtc' | 'lost',
    features: featurize(tokenize(text ?? ''), STOP),
  }));
  return new ComplementNB(['crime', 'rtc', 'lost'], docs);
}

describe('ComplementNB', () => {
  test('the counted fast path scores exactly like the string-keyed one', () => {
    const m = model();
    for (const text of ['my car was stolen', 'crashed at the roundabout', 'lost keys', 'zzz']) {
      const features = featurize(tokenize(text), STOP);
      for (const [key, count] of features) {
        const row = m.row(key);
        if (row) m.count(row, count);
      }
      const fast = m.scoreVector(m.vector());
      const slow = m.scores(features);
      expect([...fast].map((x) => x.toFixed(12))).toEqual([...slow].map((x) => x.toFixed(12)));
    }
  });

  test('vector() clears the counts for the next message', () => {
    const m = model();
    const row = m.row('w:stolen');
    expect(row).toBeDefined();
    if (!row) return;
    m.count(row, 1);
    expect(m.vector().ids.length).toBe(1);
    expect(m.vector().ids.length).toBe(0);
  });

  test('evidence is words and pairs only, strongest first', () => {
    const m = model();
    const features = featurize(tokenize('my bike was stolen'), STOP);
    for (const [key, count] of features) {
      const row = m.row(key);
      if (row) m.count(row, count);
    }
    const contributions = m.contributionsOf(m.vector(), 'crime', 8);
    expect(contributions.length).toBeGreaterThan(0);
    expect(contributions.every((c) => !c.feature.startsWith('c:'))).toBe(true);
    const weights = contributions.map((c) => c.weight);
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
  });

  test('softmax sums to one and keeps the order', () => {
    const p = softmax([1, 3, 2], 2);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p[1]).toBeGreaterThan(p[2] ?? 0);
  });
});
