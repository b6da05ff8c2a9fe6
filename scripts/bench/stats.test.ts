import { percentile, percentileCurve, round, Samples, summarise } from './stats';

describe('percentile (nearest rank)', () => {
  const ten = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  test.each([
    [0, 1],
    [10, 1],
    [50, 5],
    [51, 6],
    [90, 9],
    [99, 10],
    [100, 10],
  ])('p%d of 1..10 is %d', (p, want) => {
    expect(percentile(ten, p)).toBe(want);
  });

  test('no samples: NaN, never a made-up number', () => {
    expect(percentile(new Float64Array(0), 50)).toBeNaN();
    expect(summarise(new Float64Array(0)).p99Ms).toBeNaN();
  });
});

describe('Samples', () => {
  test('grows past its first buffer and sorts a copy', () => {
    const s = new Samples();
    for (let i = 10_000; i > 0; i--) s.add(i);
    expect(s.count).toBe(10_000);
    const sorted = s.sorted();
    expect(sorted[0]).toBe(1);
    expect(sorted[9_999]).toBe(10_000);
    expect(summarise(sorted)).toMatchObject({
      count: 10_000,
      p50Ms: 5_000,
      p99Ms: 9_900,
      maxMs: 10_000,
    });
  });
});

describe('percentileCurve', () => {
  test('runs from p0 to the maximum, never going down', () => {
    const sorted = Float64Array.from({ length: 5000 }, (_, i) => i * i).sort();
    const curve = percentileCurve(sorted);
    expect(curve[0]).toEqual({ p: 0, ms: 0 });
    expect(curve.at(-1)).toEqual({ p: 100, ms: 4999 * 4999 });
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i]!.p).toBeGreaterThanOrEqual(curve[i - 1]!.p);
      expect(curve[i]!.ms).toBeGreaterThanOrEqual(curve[i - 1]!.ms);
    }
    expect(curve.some((pt) => Math.abs(pt.p - 99) < 1e-9)).toBe(true);
  });
});

test('round', () => {
  expect(round(12.345, 1)).toBe(12.3);
  expect(round(12.355, 2)).toBe(12.36);
  expect(round(Number.NaN)).toBeNaN();
});
