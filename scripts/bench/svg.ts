import { percentile, percentileCurve } from './stats';

/**
 * The benchmark's chart, hand-written SVG (no chart library): turn latency against percentile for
 * each server, on a "nines" axis (50, 90, 99, 99.9) because the tail is where servers differ, with
 * p50 and p99 marked and the headline figures beside it.
 */

export interface ChartSeries {
  readonly name: string;
  readonly colour: string;
  /** Ascending latencies in ms. */
  readonly latencies: ArrayLike<number>;
  /** One line of figures for the legend, e.g. "2,612 turns/s · peak RSS 92 MB". */
  readonly figures: string;
}

export interface ChartInput {
  readonly title: string;
  readonly subtitle: string;
  readonly series: readonly ChartSeries[];
  readonly footer: string;
}

const W = 1000;
const H = 600;
const PAD = { left: 78, right: 320, top: 84, bottom: 110 };
const MAX_NINES = 3;

export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A round axis maximum at or above `v`: 1, 2 or 5 times a power of ten. */
export function niceCeil(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const pow = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 5, 10]) if (m * pow >= v) return m * pow;
  return 10 * pow;
}

/** Percentile → "nines" (0 at p0, 1 at p90, 2 at p99, 3 at p99.9), capped at MAX_NINES. */
function nines(p: number): number {
  if (p >= 100) return MAX_NINES;
  return Math.min(MAX_NINES, -Math.log10(1 - p / 100));
}

const fmt = (ms: number) =>
  ms === 0 || ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);

export function renderChart(input: ChartInput): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const top = Math.max(
    1,
    ...input.series.map((s) => percentile(s.latencies, 99.9)).filter(Number.isFinite),
  );
  const yMax = niceCeil(top * 1.1);
  const x = (p: number) => PAD.left + (nines(p) / MAX_NINES) * plotW;
  const y = (ms: number) => PAD.top + plotH - (Math.min(ms, yMax) / yMax) * plotH;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${String(W)}" height="${String(H)}" viewBox="0 0 ${String(W)} ${String(H)}" font-family="system-ui, -apple-system, 'Segoe UI', Arial, sans-serif" role="img" aria-labelledby="t d">`,
    `<title id="t">${escapeXml(input.title)}</title>`,
    `<desc id="d">${escapeXml(
      input.series.map((s) => `${s.name}: ${s.figures}`).join('; '),
    )}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${String(PAD.left)}" y="34" font-size="20" font-weight="700" fill="#0b0c0c">${escapeXml(input.title)}</text>`,
    `<text x="${String(PAD.left)}" y="58" font-size="13" fill="#505a5f">${escapeXml(input.subtitle)}</text>`,
  );

  // Grid and y axis: five steps.
  for (let i = 0; i <= 5; i++) {
    const v = (yMax / 5) * i;
    const yy = y(v);
    out.push(
      `<line x1="${String(PAD.left)}" x2="${String(PAD.left + plotW)}" y1="${yy.toFixed(1)}" y2="${yy.toFixed(1)}" stroke="${i === 0 ? '#0b0c0c' : '#e5e6e7'}" stroke-width="1"/>`,
      `<text x="${String(PAD.left - 8)}" y="${(yy + 4).toFixed(1)}" font-size="12" text-anchor="end" fill="#0b0c0c">${escapeXml(fmt(v))}</text>`,
    );
  }
  // x axis: the percentiles people quote.
  for (const p of [0, 50, 75, 90, 95, 99, 99.5, 99.9]) {
    const xx = x(p);
    const major = p === 50 || p === 90 || p === 99 || p === 99.9;
    out.push(
      `<line x1="${xx.toFixed(1)}" x2="${xx.toFixed(1)}" y1="${String(PAD.top)}" y2="${String(PAD.top + plotH)}" stroke="${major ? '#d8dadc' : '#f0f1f2'}" stroke-width="1"/>`,
      `<text x="${xx.toFixed(1)}" y="${String(PAD.top + plotH + 18)}" font-size="12" text-anchor="middle" fill="#0b0c0c">p${escapeXml(String(p))}</text>`,
    );
  }
  out.push(
    `<text x="${String(PAD.left + plotW / 2)}" y="${String(PAD.top + plotH + 42)}" font-size="13" text-anchor="middle" fill="#0b0c0c">percentile of turns (each step right is ten times rarer)</text>`,
    `<text transform="translate(22 ${String(PAD.top + plotH / 2)}) rotate(-90)" font-size="13" text-anchor="middle" fill="#0b0c0c">turn latency (ms)</text>`,
  );

  input.series.forEach((s, i) => {
    const curve = percentileCurve(s.latencies, MAX_NINES).filter((pt) => pt.p < 100);
    if (curve.length === 0) return;
    const d = curve
      .map((pt, j) => `${j === 0 ? 'M' : 'L'}${x(pt.p).toFixed(1)} ${y(pt.ms).toFixed(1)}`)
      .join(' ');
    out.push(
      `<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="2.5" stroke-linejoin="round"/>`,
    );
    for (const p of [50, 99]) {
      const ms = percentile(s.latencies, p);
      if (!Number.isFinite(ms)) continue;
      const cx = x(p);
      const cy = y(ms);
      // The slower series is labelled above its point, the faster below (unless at the axis).
      const slowest = Math.max(...input.series.map((o) => percentile(o.latencies, p)));
      const above = ms >= slowest || cy + 22 > PAD.top + plotH;
      out.push(
        `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="4.5" fill="${s.colour}" stroke="#fff" stroke-width="1.5"/>`,
        // Right of the point on the left half, left of it on the right, clear of both axes.
        `<text x="${(p < 90 ? cx + 8 : cx + 6).toFixed(1)}" y="${(cy + (above ? -10 : 18)).toFixed(1)}" font-size="12" text-anchor="${p < 90 ? 'start' : 'end'}" fill="${s.colour}" font-weight="700" paint-order="stroke" stroke="#fff" stroke-width="3">p${String(p)} ${escapeXml(fmt(ms))} ms</text>`,
      );
    }
    const max = percentile(s.latencies, 100);
    if (Number.isFinite(max) && max > yMax) {
      out.push(
        `<text x="${String(PAD.left + plotW - 4)}" y="${String(PAD.top + 14 + i * 16)}" font-size="11" text-anchor="end" fill="${s.colour}">${escapeXml(s.name)} max ${escapeXml(fmt(max))} ms (off the chart)</text>`,
      );
    }
  });

  // Legend with the figures.
  const lx = PAD.left + plotW + 28;
  input.series.forEach((s, i) => {
    const ly = PAD.top + 10 + i * 92;
    out.push(
      `<rect x="${String(lx)}" y="${String(ly - 11)}" width="16" height="16" rx="3" fill="${s.colour}"/>`,
      `<text x="${String(lx + 24)}" y="${String(ly + 2)}" font-size="15" font-weight="700" fill="#0b0c0c">${escapeXml(s.name)}</text>`,
    );
    s.figures.split('\n').forEach((line, j) => {
      out.push(
        `<text x="${String(lx + 24)}" y="${String(ly + 22 + j * 17)}" font-size="12.5" fill="#0b0c0c">${escapeXml(line)}</text>`,
      );
    });
  });
  const footer = input.footer.split('\n');
  footer.forEach((line, j) => {
    out.push(
      `<text x="${String(PAD.left)}" y="${String(H - 16 - (footer.length - 1 - j) * 16)}" font-size="11.5" fill="#505a5f">${escapeXml(line)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
