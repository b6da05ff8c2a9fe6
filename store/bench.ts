/**
 * Store figures (a script, not a test): PGlite open times, and state-storage reads and writes
 * per second on PGlite and, when DATABASE_URL is set, on PostgreSQL.
 *
 *   npm run build && node dist/store/bench.js [--json] [--ops 2000] [--only open|rate]
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node dist/store/bench.js
 *
 * Each open case runs in a child process of its own, because a warm process (WebAssembly already
 * compiled, files in cache) would flatter the number a freshly started server sees.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from './open';
import { StateStorage } from './state-storage';
import { openTestStore, testEngines } from './testing';

type OpenCase = 'cold-template' | 'warm-template' | 'no-template' | 'existing';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Child process: open once as told, print the milliseconds, exit. */
async function openOnce(dataDir: string, cache: string | false): Promise<void> {
  const started = performance.now();
  const db = await openStore({ engine: 'pglite', dataDir, templateCache: cache, env: {} });
  const ms = performance.now() - started;
  await db.close();
  process.stdout.write(`${ms.toFixed(0)}\n`);
}

/** Milliseconds inside openStore, and for the whole child process (node start-up included). */
function timeOpen(dataDir: string, cache: string | false): { open: number; process: number } {
  const started = performance.now();
  const out = execFileSync(
    process.execPath,
    [__filename, '--open-once', dataDir, '--cache', cache === false ? '-' : cache],
    { encoding: 'utf8' },
  );
  return { open: Number(out.trim()), process: Math.round(performance.now() - started) };
}

function openTimes(): Record<OpenCase, { open: number; process: number }> {
  const tmp = mkdtempSync(join(tmpdir(), 'bluelamp-bench-'));
  try {
    const cache = join(tmp, 'cache');
    return {
      // A machine's very first start: no template yet, so one is built (in a worker) and used.
      'cold-template': timeOpen(join(tmp, 'a'), cache),
      // Any later fresh DATA_DIR on the same machine.
      'warm-template': timeOpen(join(tmp, 'b'), cache),
      // PGlite's own initdb, for comparison.
      'no-template': timeOpen(join(tmp, 'c'), false),
      // Every ordinary restart.
      existing: timeOpen(join(tmp, 'a'), cache),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A conversation's state about the size the bot keeps mid-report (~1.5 KB of JSON). */
function state(i: number): Record<string, unknown> {
  return {
    dialogStack: [{ id: 'triage', state: { step: i % 12, route: 'crime', lang: 'en' } }],
    answers: Object.fromEntries(
      Array.from({ length: 20 }, (_, k) => [`q${k}`, `answer ${k} for conversation ${i}`]),
    ),
    lastSeen: new Date().toISOString(),
  };
}

async function rate(ops: number, concurrency: number, op: (i: number) => Promise<unknown>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < ops) await op(next++);
    }),
  );
  return Math.round(ops / ((performance.now() - started) / 1000));
}

async function throughput(ops: number): Promise<Record<string, Record<string, number>>> {
  const results: Record<string, Record<string, number>> = {};
  for (const engine of testEngines()) {
    const t = await openTestStore(engine);
    try {
      const s = new StateStorage(t.db);
      const keys = 500;
      const key = (i: number) => `bench/conversation/${i % keys}`;
      const r: Record<string, number> = {};
      for (const c of [1, 16]) {
        r[`write c=${c}`] = await rate(ops, c, (i) =>
          s.write({ [key(i)]: { ...state(i), eTag: '*' } }),
        );
        r[`read c=${c}`] = await rate(ops, c, (i) => s.read([key(i)]));
        // A bot turn: read the state, then write it back guarded by its eTag. Distinct keys per
        // worker, as in real traffic (one conversation is one person).
        r[`turn c=${c}`] = await rate(ops, c, async (i) => {
          const k = key(i);
          const item = (await s.read([k]))[k] ?? {};
          await s.write({ [k]: { ...item, ...state(i) } });
        });
      }
      results[engine] = r;
    } finally {
      await t.cleanup();
    }
  }
  return results;
}

async function main(): Promise<void> {
  const dir = arg('--open-once');
  if (dir !== undefined) {
    const cache = arg('--cache');
    await openOnce(dir, cache === undefined || cache === '-' ? false : cache);
    return;
  }
  const ops = Number(arg('--ops') ?? 2000);
  const only = arg('--only'); // "open" or "rate"
  const open: Partial<ReturnType<typeof openTimes>> = only === 'rate' ? {} : openTimes();
  const perSecond = only === 'open' ? {} : await throughput(ops);
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ openMs: open, opsPerSecond: perSecond, ops })}\n`);
    return;
  }
  if (only !== 'rate') {
    process.stdout.write('PGlite open, own process each (ms in openStore / whole process):\n');
  }
  for (const [k, v] of Object.entries(open)) {
    process.stdout.write(`  ${k.padEnd(14)} ${v.open} / ${v.process}\n`);
  }
  for (const [engine, r] of Object.entries(perSecond)) {
    process.stdout.write(`State storage on ${engine} (ops/s, ${ops} ops, c = in flight):\n`);
    for (const [k, v] of Object.entries(r)) process.stdout.write(`  ${k.padEnd(14)} ${v}\n`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
