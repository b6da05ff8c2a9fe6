/**
 * Latency summaries for the turn benchmark. Every measured turn is kept (a 20 s run at a few
 * thousand turns a second is well under a million numbers), so percentiles are exact rather than
 * bucketed, and the chart can be drawn from the same sorted array.
 */

/** Growable store of latencies in milliseconds. */
export class Samples {
  private data = new Float64Array(4096);
  private n = 0;

  add(ms: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n++] = ms;
  }

  get count(): number {
    return this.n;
  }

  /** A sorted copy; the store itself keeps arrival order. */
  sorted(): Float64Array {
    return this.data.slice(0, this.n).sort();
  }
}

/**
 * The nearest-rank percentile (p in 0..100) of an ascending array: the smallest sample that at
 * least p% of samples are less than or equal to. NaN for no samples.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0] ?? Number.NaN;
  const rank = Math.ceil((Math.min(p, 100) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)] ?? Number.NaN;
}

export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly maxMs: number;
}

export function summarise(sorted: ArrayLike<number>): LatencySummary {
  let sum = 0;
  for (let i = 0; i < sorted.length; i++) sum += sorted[i] ?? 0;
  return {
    count: sorted.length,
    meanMs: sorted.length > 0 ? sum / sorted.length : Number.NaN,
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    p999Ms: percentile(sorted, 99.9),
    maxMs: sorted.length > 0 ? (sorted[sorted.length - 1] ?? Number.NaN) : Number.NaN,
  };
}

/**
 * Points of the percentile curve for a chart: x is the percentile, spaced so that 90, 99 and 99.9
 * are equally far apart (the tail is where servers differ), y the latency at it.
 */
export function percentileCurve(
  sorted: ArrayLike<number>,
  maxNines = 3,
  pointsPerNine = 24,
): { p: number; ms: number }[] {
  const out: { p: number; ms: number }[] = [];
  if (sorted.length === 0) return out;
  for (let i = 0; i <= maxNines * pointsPerNine; i++) {
    const nines = i / pointsPerNine;
    const p = 100 * (1 - Math.pow(10, -nines));
    out.push({ p, ms: percentile(sorted, p) });
  }
  out.push({ p: 100, ms: percentile(sorted, 100) });
  return out;
}

/** Rounds to `digits` decimals for display and JSON; NaN and infinities pass through. */
export function round(n: number, digits = 1): number {
  if (!Number.isFinite(n)) return n;
  const f = Math.pow(10, digits);
  return Math.round(n * f) / f;
}
