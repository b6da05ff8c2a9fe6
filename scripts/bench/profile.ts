import { z } from 'zod';

/**
 * Reads a V8 .cpuprofile (what `node --cpu-prof` writes) and says where the time went: the
 * functions that were on the CPU themselves (self time), the same grouped by area (our folders,
 * each npm package, Node's internals, the garbage collector), and how much of the time each of our
 * own functions was anywhere on the stack (inclusive time).
 */

const CallFrame = z.object({
  functionName: z.string(),
  url: z.string(),
  lineNumber: z.number(),
  columnNumber: z.number(),
});

const ProfileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: CallFrame,
      children: z.array(z.number()).optional(),
    }),
  ),
  startTime: z.number(),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

/** Only samples taken this many ms after the profile started (roughly: after the process started). */
export interface ProfileWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

export interface Frame {
  readonly name: string;
  /** Where it lives: a repo-relative path with line, a package, or a V8 pseudo-frame. */
  readonly where: string;
  readonly area: string;
  readonly ms: number;
  readonly share: number;
}

export interface ProfileSummary {
  readonly totalMs: number;
  /** Share of samples that were idle (waiting for I/O): the rest is CPU. */
  readonly idleShare: number;
  readonly topSelf: readonly Frame[];
  readonly byArea: readonly { area: string; ms: number; share: number }[];
  /** Our own code (not node_modules), by time on the stack. */
  readonly topInclusive: readonly Frame[];
}

/** "bot/", "triage/", "botbuilder", "@electric-sql/pglite", "node", "(garbage collector)"... */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node';
  // The only WebAssembly in the process is PGlite's PostgreSQL.
  if (url.startsWith('wasm://')) return '@electric-sql/pglite (wasm)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? 'node_modules');
  }
  const dist = url.lastIndexOf('/dist/');
  if (dist >= 0) return `${url.slice(dist + '/dist/'.length).split('/')[0] ?? ''}/`;
  return url.replace(/^file:\/\//, '');
}

function whereOf(url: string, line: number): string {
  if (!url) return '';
  const nm = url.lastIndexOf('/node_modules/');
  const dist = url.lastIndexOf('/dist/');
  const short =
    nm >= 0
      ? url.slice(nm + '/node_modules/'.length)
      : dist >= 0
        ? url.slice(dist + '/dist/'.length)
        : url.replace(/^file:\/\//, '');
  return `${short}:${String(line + 1)}`;
}

export function summariseProfile(raw: unknown, window?: ProfileWindow, top = 15): ProfileSummary {
  const profile = ProfileSchema.parse(raw);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const key = (id: number) => {
    const f = byId.get(id)?.callFrame;
    return f ? `${f.functionName}\u0000${f.url}\u0000${String(f.lineNumber)}` : String(id);
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const frames = new Map<string, { name: string; url: string; line: number }>();
  let total = 0;
  let idle = 0;
  let at = 0;
  profile.samples.forEach((id, i) => {
    const dt = Math.max(0, profile.timeDeltas[i] ?? 0) / 1000;
    at += dt;
    if (window && (at < window.fromMs || at > window.toMs)) return;
    total += dt;
    const node = byId.get(id);
    if (!node) return;
    if (node.callFrame.functionName === '(idle)') idle += dt;
    const k = key(id);
    self.set(k, (self.get(k) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const ck = key(cur);
      if (seen.has(ck)) continue;
      seen.add(ck);
      inclusive.set(ck, (inclusive.get(ck) ?? 0) + dt);
      const f = byId.get(cur)?.callFrame;
      if (f && !frames.has(ck)) {
        frames.set(ck, { name: f.functionName || '(anonymous)', url: f.url, line: f.lineNumber });
      }
    }
  });

  const frame = (k: string, ms: number): Frame => {
    const f = frames.get(k) ?? { name: k, url: '', line: 0 };
    return {
      name: f.name,
      where: whereOf(f.url, f.line),
      area: areaOf(f.url, f.name),
      ms,
      share: total > 0 ? ms / total : 0,
    };
  };
  const topSelf = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, ms]) => frame(k, ms));

  const areas = new Map<string, number>();
  for (const [k, ms] of self) {
    const a = frame(k, ms).area;
    areas.set(a, (areas.get(a) ?? 0) + ms);
  }
  const byArea = [...areas.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([area, ms]) => ({ area, ms, share: total > 0 ? ms / total : 0 }));

  const ours = (f: Frame) =>
    f.where !== '' && !f.where.includes('node_modules') && f.area.endsWith('/') && f.name !== '';
  const topInclusive = [...inclusive.entries()]
    .map(([k, ms]) => frame(k, ms))
    .filter((f) => ours(f) && f.name !== '(anonymous)')
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top);

  return { totalMs: total, idleShare: total > 0 ? idle / total : 0, topSelf, byArea, topInclusive };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatProfile(s: ProfileSummary): string {
  const lines: string[] = [];
  lines.push(
    `CPU profile of the Bluelamp process while measured: ${(s.totalMs / 1000).toFixed(1)} s sampled, ${pct(s.idleShare)} idle`,
    '',
    'Self time by area:',
  );
  for (const a of s.byArea.slice(0, 12)) {
    lines.push(`  ${pct(a.share).padStart(6)}  ${a.area}`);
  }
  lines.push('', 'Top functions by self time:');
  for (const f of s.topSelf) {
    lines.push(`  ${pct(f.share).padStart(6)}  ${f.name}  ${f.where}`);
  }
  // Only the synchronous stack: time a function spends awaiting the store is not counted under it.
  lines.push('', 'Our functions by time on the stack (inclusive, synchronous part only):');
  for (const f of s.topInclusive) {
    lines.push(`  ${pct(f.share).padStart(6)}  ${f.name}  ${f.where}`);
  }
  return lines.join('\n');
}
