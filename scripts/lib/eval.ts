import { z } from 'zod';
import { isRouteId, type RouteId } from '../../triage/routes';
import type { Classifier } from '../../triage/types';

/**
 * The evaluation behind `npm run triage:eval`: parse a JSONL file in the DESIGN.md format, run the
 * classifier on every line, and report the contract's figures. Pure apart from the clock, so tests
 * run it in-process; scripts/triage-eval.ts does the file and console work.
 *
 * Definitions (DESIGN.md): a case is correct when `got` is in `expect`; `got` is "emergency" when
 * the detector fires, otherwise the top route (reported even when below the plausible threshold).
 * Emergency cases are those whose FIRST expected route is `emergency`; `emergencyRecall` is the
 * share of them flagged. `falseEmergencyRate` is the share of cases whose `expect` does not contain
 * `emergency` at all that were flagged.
 */

export interface EvalCase {
  readonly line: number;
  readonly text: string;
  readonly lang: string;
  readonly expect: readonly RouteId[];
}

export interface LineProblem {
  readonly line: number;
  readonly message: string;
}

const LineSchema = z.object({
  text: z.string(),
  lang: z.string().min(1),
  expect: z.array(z.string()).min(1),
});

export function parseEvalFile(content: string): {
  cases: EvalCase[];
  problems: LineProblem[];
} {
  const cases: EvalCase[] = [];
  const problems: LineProblem[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      problems.push({ line, message: 'not valid JSON' });
      return;
    }
    const parsed = LineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') ?? '';
      problems.push({
        line,
        message: `${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}`,
      });
      return;
    }
    const unknown = parsed.data.expect.filter((id) => !isRouteId(id));
    if (unknown.length > 0) {
      problems.push({ line, message: `unknown route ${unknown.join(', ')}` });
      return;
    }
    cases.push({
      line,
      text: parsed.data.text,
      lang: parsed.data.lang,
      expect: parsed.data.expect.filter(isRouteId),
    });
  });
  return { cases, problems };
}

export interface CaseResult {
  readonly line: number;
  readonly got: RouteId;
  readonly confidence: number;
  readonly emergency: boolean;
}

export interface Rate {
  readonly total: number;
  readonly accuracy: number;
}

export interface RouteRate extends Rate {
  readonly correct: number;
}

/** Exactly the DESIGN.md fields, in that order. */
export interface EvalReport {
  readonly total: number;
  readonly accuracy: number;
  readonly emergencyRecall: number | null;
  readonly falseEmergencyRate: number | null;
  /** Median milliseconds per message (classification, detector and language together). */
  readonly msPerMessage: number;
  readonly perRoute: Readonly<Record<string, RouteRate>>;
  readonly perLanguage: Readonly<Record<string, Rate>>;
  readonly cases: readonly CaseResult[];
}

/** What the table shows beyond the report. */
export interface EvalDetails {
  readonly meanMs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly confusions: readonly {
    readonly expected: RouteId;
    readonly got: RouteId;
    readonly n: number;
  }[];
  readonly emergencyCases: number;
  readonly emergencyFlagged: number;
  readonly nonEmergencyCases: number;
  readonly falseEmergencies: number;
  readonly missedEmergencies: readonly number[];
  /** Emergency cases and how many were flagged, per language (recall is where it matters most). */
  readonly emergencyByLanguage: Readonly<
    Record<string, { readonly cases: number; readonly flagged: number }>
  >;
}

const round = (x: number, places = 4): number => Math.round(x * 10 ** places) / 10 ** places;

export function evaluate(
  cases: readonly EvalCase[],
  classifier: Classifier,
  clock: () => number = () => performance.now(),
): { report: EvalReport; details: EvalDetails } {
  const results: CaseResult[] = [];
  const times: number[] = [];
  const byRoute = new Map<string, { total: number; correct: number }>();
  const byLang = new Map<string, { total: number; correct: number }>();
  const confusions = new Map<string, { expected: RouteId; got: RouteId; n: number }>();
  let correct = 0;
  let emergencyCases = 0;
  let emergencyFlagged = 0;
  let nonEmergencyCases = 0;
  let falseEmergencies = 0;
  const missedEmergencies: number[] = [];
  const emergencyByLanguage: Record<string, { cases: number; flagged: number }> = {};

  for (const c of cases) {
    const started = clock();
    const result = classifier.classify(c.text);
    times.push(clock() - started);
    const flagged = result.emergency.emergency;
    const top = result.routes[0];
    const got: RouteId = flagged ? 'emergency' : (top?.route ?? 'general-enquiry');
    const confidence = flagged ? result.emergency.confidence : (top?.confidence ?? 0);
    results.push({ line: c.line, got, confidence: round(confidence, 3), emergency: flagged });

    const ok = c.expect.includes(got);
    if (ok) correct++;
    const first = c.expect[0] ?? 'general-enquiry';
    tally(byRoute, first, ok);
    tally(byLang, c.lang, ok);
    if (!ok) {
      const key = `${first}\u0000${got}`;
      const entry = confusions.get(key) ?? { expected: first, got, n: 0 };
      confusions.set(key, { ...entry, n: entry.n + 1 });
    }
    if (first === 'emergency') {
      emergencyCases++;
      const byLang = (emergencyByLanguage[c.lang] ??= { cases: 0, flagged: 0 });
      byLang.cases++;
      if (flagged) {
        emergencyFlagged++;
        byLang.flagged++;
      } else missedEmergencies.push(c.line);
    }
    if (!c.expect.includes('emergency')) {
      nonEmergencyCases++;
      if (flagged) falseEmergencies++;
    }
  }

  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted.length === 0 ? 0 : quantile(sorted, 0.5);
  const rate = (m: Map<string, { total: number; correct: number }>) =>
    Object.fromEntries(
      [...m.entries()]
        .sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]))
        .map(([k, v]) => [k, { total: v.total, accuracy: round(v.correct / v.total) }]),
    );
  const perRoute = Object.fromEntries(
    [...byRoute.entries()]
      .sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]))
      .map(([k, v]) => [
        k,
        { total: v.total, correct: v.correct, accuracy: round(v.correct / v.total) },
      ]),
  );

  const report: EvalReport = {
    total: cases.length,
    accuracy: cases.length === 0 ? 0 : round(correct / cases.length),
    emergencyRecall: emergencyCases === 0 ? null : round(emergencyFlagged / emergencyCases),
    falseEmergencyRate:
      nonEmergencyCases === 0 ? null : round(falseEmergencies / nonEmergencyCases),
    msPerMessage: round(median, 3),
    perRoute,
    perLanguage: rate(byLang),
    cases: results,
  };
  const details: EvalDetails = {
    meanMs: times.length === 0 ? 0 : round(times.reduce((a, b) => a + b, 0) / times.length, 3),
    medianMs: round(median, 3),
    p95Ms: sorted.length === 0 ? 0 : round(quantile(sorted, 0.95), 3),
    confusions: [...confusions.values()].sort((a, b) => b.n - a.n),
    emergencyCases,
    emergencyFlagged,
    nonEmergencyCases,
    falseEmergencies,
    missedEmergencies,
    emergencyByLanguage,
  };
  return { report, details };
}

function tally(m: Map<string, { total: number; correct: number }>, key: string, ok: boolean): void {
  const entry = m.get(key) ?? { total: 0, correct: 0 };
  m.set(key, { total: entry.total + 1, correct: entry.correct + (ok ? 1 : 0) });
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);

/** The human-readable table. */
export function formatTable(
  report: EvalReport,
  details: EvalDetails,
  extra: { readonly file?: string; readonly buildMs?: number } = {},
): string {
  const out: string[] = [];
  if (extra.file) out.push(`file: ${extra.file}`);
  out.push(
    `messages: ${report.total}   route accuracy: ${pct(report.accuracy)}`,
    `emergency recall: ${pct(report.emergencyRecall)} (${details.emergencyFlagged}/${details.emergencyCases})   ` +
      `false emergencies: ${pct(report.falseEmergencyRate)} (${details.falseEmergencies}/${details.nonEmergencyCases})`,
    `ms per message: mean ${details.meanMs.toFixed(3)}, median ${details.medianMs.toFixed(3)}, p95 ${details.p95Ms.toFixed(3)}` +
      (extra.buildMs === undefined ? '' : `   (models built in ${extra.buildMs.toFixed(0)} ms)`),
  );
  if (details.missedEmergencies.length > 0) {
    out.push(`MISSED EMERGENCIES on lines: ${details.missedEmergencies.join(', ')}`);
  }
  out.push(
    '',
    table(
      ['route', 'n', 'correct', 'accuracy'],
      Object.entries(report.perRoute).map(([route, r]) => [
        route,
        String(r.total),
        String(r.correct),
        pct(r.accuracy),
      ]),
    ),
  );
  out.push(
    '',
    table(
      ['language', 'n', 'accuracy', 'emergencies flagged'],
      Object.entries(report.perLanguage).map(([lang, r]) => {
        const e = details.emergencyByLanguage[lang];
        return [lang, String(r.total), pct(r.accuracy), e ? `${e.flagged}/${e.cases}` : '—'];
      }),
    ),
  );
  const top = details.confusions.slice(0, 15);
  if (top.length > 0) {
    out.push(
      '',
      table(
        ['expected', 'got', 'n'],
        top.map((c) => [c.expected, c.got, String(c.n)]),
      ),
    );
  }
  return out.join('\n');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt)].join('\n');
}
