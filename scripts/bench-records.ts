/**
 * npm run build && node dist/scripts/bench-records.js [--reports N] [--rate R] [--seconds S]
 *     [--kill-trials N] [--kill-window-ms MS] [--engine pglite|postgres] [--receiver process|inline]
 *     [--workers N] [--skip-throughput] [--json]
 *
 * Figures for the records hand-off (docs/records.md), against the reference receiver on 127.0.0.1
 * (its own process by default) with real signing and verification:
 *   1. throughput: N reports submitted by 32 callers as fast as they go, delivered by one worker
 *      (in-process, or N worker processes); reports/s from the first submit to the last delivery;
 *   2. drain: N reports already in the outbox, delivered by one worker;
 *   3. latency: reports submitted at a steady R per second for S seconds; submit-to-delivered
 *      p50/p95/p99/max (from the moment submit resolved to the receiver's acceptance);
 *   4. kill trials: a Bluelamp stand-in (dist/records/testing/fault-child.js) submits continuously
 *      and is SIGKILLed at a random moment, N times; then one more drains the outbox. Every report
 *      it acknowledged ("submitted REF") must reach the receiver: lost = acknowledged − received.
 * PostgreSQL when DATABASE_URL is set (a fresh schema, dropped afterwards), else embedded PGlite.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Db, Engine } from '../store/db';
import { openStore } from '../store/open';
import { dropSchema } from '../store/testing';
import { EXAMPLE_PROFILE } from '../triage/profile';
import type { FlowRouteId } from '../triage/routes';
import { outboxCounts } from '../records/admin';
import { startDelivery } from '../records/delivery';
import { sampleOrigin, sampleSubmission } from '../records/fixtures';
import { startReceiver, type RunningReceiver } from '../records/receiver';
import { createRecords, defaultTranslator } from '../records/records';
import type { SubmissionInput } from '../triage/machine';

const SECRET = 'bench-secret';
const ROUTES: readonly FlowRouteId[] = ['crime', 'rtc', 'asb', 'hate-crime', 'driving-complaint'];

const USAGE = `usage: npm run bench:records -- [--reports N] [--rate R] [--seconds S]
    [--kill-trials N] [--kill-window-ms MS] [--engine pglite|postgres] [--receiver process|inline]
    [--workers N] [--skip-throughput] [--json]
PostgreSQL when DATABASE_URL is set, else embedded PGlite. See docs/records.md ("Measured").`;

function readArgs() {
  try {
    return parseArgs({
      options: {
        reports: { type: 'string', default: '5000' },
        rate: { type: 'string', default: '200' },
        seconds: { type: 'string', default: '10' },
        'kill-trials': { type: 'string', default: '0' },
        /** Each kill lands at a random moment this long after the stand-in is ready. */
        'kill-window-ms': { type: 'string' },
        engine: { type: 'string' },
        json: { type: 'boolean', default: false },
        'skip-throughput': { type: 'boolean', default: false },
        /** `process`: the reference receiver runs as its own process, as a records system would. */
        receiver: { type: 'string', default: 'process' },
        /** Delivery workers in processes of their own (dist/records/worker-main.js); 0: in-process. */
        workers: { type: 'string', default: '0' },
      },
    });
  } catch (err) {
    // A mistyped option gets the usage, not a stack trace.
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exit(2);
  }
}

if (process.argv.slice(2).some((a) => a === '--help' || a === '-h')) {
  console.log(USAGE);
  process.exit(0);
}
const { values } = readArgs();

const url = process.env.DATABASE_URL?.trim();
const engine: Engine = (values.engine as Engine | undefined) ?? (url ? 'postgres' : 'pglite');
const log = (line: string) => {
  if (!values.json) console.log(line);
};

interface Place {
  env: Record<string, string>;
  open(): Promise<Db>;
  cleanup(): Promise<void>;
}

function place(): Place {
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'bluelamp-bench-'));
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: '' },
      open: () => openStore({ engine, dataDir, env: {} }),
      cleanup: () => {
        rmSync(dataDir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  if (!url) throw new Error('--engine postgres needs DATABASE_URL');
  const schema = `bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  return {
    env: { DATABASE_URL: url, STORE_SCHEMA: schema },
    open: () => openStore({ engine, databaseUrl: url, schema, poolSize: 16, env: {} }),
    cleanup: () => dropSchema(url, schema),
  };
}

/** What the bench needs of a receiver, whether in this process or its own. */
interface BenchReceiver {
  readonly url: string;
  /** Accepted reports: reference and when it arrived (ms since the epoch). */
  readonly received: { key: string; at: number }[];
  duplicates(): number;
  waitFor(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

async function inlineReceiver(): Promise<BenchReceiver> {
  const r: RunningReceiver = await startReceiver({ secret: SECRET });
  const received: { key: string; at: number }[] = [];
  return {
    url: r.url,
    received,
    duplicates: () => r.events.filter((e) => e.outcome === 'duplicate').length,
    async waitFor(count, timeoutMs) {
      await r.waitForReports(count, timeoutMs);
      received.splice(
        0,
        received.length,
        ...r.received.map((x) => ({ key: x.reference, at: x.receivedAt.getTime() })),
      );
    },
    close: () => r.close(),
  };
}

async function processReceiver(): Promise<BenchReceiver> {
  const child = spawn(
    process.execPath,
    [join(__dirname, 'records-receiver.js'), '--port', '0', '--secret', SECRET, '--quiet'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const received: { key: string; at: number }[] = [];
  let duplicates = 0;
  let onLine: () => void = () => undefined;
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', () => {
      reject(new Error('receiver exited'));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const listening = /listening on (\S+)/.exec(line);
      if (listening?.[1]) resolve(listening[1]);
      const [at, , outcome, key] = line.split(/ {2}/);
      if (outcome === 'received' && key && at) received.push({ key, at: Date.parse(at) });
      if (outcome === 'duplicate') duplicates++;
      onLine();
    });
  });
  return {
    url,
    received,
    duplicates: () => duplicates,
    waitFor: (count, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`receiver: ${received.length} of ${count}`));
        }, timeoutMs);
        onLine = () => {
          if (received.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        };
        onLine();
      }),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

const newReceiver = () => (values.receiver === 'inline' ? inlineReceiver() : processReceiver());

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

function inputs(n: number): SubmissionInput[] {
  const translator = defaultTranslator();
  // A few hundred distinct samples, reused with fresh ids: building them is not what is measured.
  const base = Array.from({ length: Math.min(n, 250) }, (_, i) =>
    sampleSubmission(ROUTES[i % ROUTES.length] ?? 'crime', translator, { variant: i }),
  );
  return Array.from({ length: n }, (_, i) => ({
    ...(base[i % base.length] as SubmissionInput),
    submissionId: `bench-${i}-${randomBytes(6).toString('hex')}`,
  }));
}

/** In-process, or `--workers N` processes running dist/records/worker-main.js. */
function deliverers(db: Db, where: Place, url: string): { stop(): Promise<void> } {
  const count = Number(values.workers);
  if (count === 0) {
    return startDelivery(db, {
      webhookUrl: url,
      webhookSecret: SECRET,
      recordsDir: join(tmpdir(), 'unused'),
      concurrency: 16,
    });
  }
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, [join(__dirname, '..', 'records', 'worker-main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        LOG_LEVEL: 'warn',
        ...where.env,
        RECORDS_WEBHOOK_URL: url,
        RECORDS_WEBHOOK_SECRET: SECRET,
        RECORDS_DIR: join(tmpdir(), 'unused'),
        RECORDS_POLL_MS: '20',
        RECORDS_CONCURRENCY: '16',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  return {
    stop: () =>
      Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              c.once('exit', () => {
                resolve();
              });
              c.kill('SIGTERM');
            }),
        ),
      ).then(() => undefined),
  };
}

async function throughput(n: number) {
  const where = place();
  const db = await where.open();
  const receiver = await newReceiver();
  const worker = deliverers(db, where, receiver.url);
  const records = createRecords(db, { profile: EXAMPLE_PROFILE });
  const list = inputs(n);
  const origin = sampleOrigin('webchat', 12);
  const submittedAt = new Map<string, number>();
  const started = performance.now();
  // Latency runs from the moment submit resolved (the person is told) to the receiver's 2xx.
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < list.length) {
        const input = list[next++];
        if (!input) break;
        const { reference } = await records.submit(input, origin);
        submittedAt.set(reference, Date.now());
      }
    }),
  );
  const submitMs = performance.now() - started;
  await receiver.waitFor(n, 120_000);
  const totalMs = performance.now() - started;
  await worker.stop();
  const counts = await outboxCounts(db);
  const latencies = receiver.received
    .map((r) => r.at - (submittedAt.get(r.key) ?? NaN))
    .sort((a, b) => a - b);
  await db.close();
  await receiver.close();
  await where.cleanup();
  return {
    reports: n,
    submitPerSecond: round(n / (submitMs / 1000)),
    endToEndPerSecond: round(n / (totalMs / 1000)),
    seconds: round(totalMs / 1000, 2),
    latencyUnderBurstMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99) },
    duplicates: receiver.duplicates(),
    delivered: counts.delivered,
  };
}

/** The outbox alone: N reports already stored, then one worker delivers them all. */
async function drain(n: number) {
  const where = place();
  const db = await where.open();
  const records = createRecords(db, { profile: EXAMPLE_PROFILE });
  const list = inputs(n);
  const origin = sampleOrigin('webchat', 12);
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < list.length) {
        const input = list[next++];
        if (input) await records.submit(input, origin);
      }
    }),
  );
  const receiver = await newReceiver();
  const started = performance.now();
  const worker = startDelivery(db, {
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    recordsDir: join(tmpdir(), 'unused'),
    concurrency: 16,
  });
  await receiver.waitFor(n, 120_000);
  const ms = performance.now() - started;
  await worker.stop();
  await db.close();
  await receiver.close();
  await where.cleanup();
  return { reports: n, perSecond: round(n / (ms / 1000)), duplicates: receiver.duplicates() };
}

async function latency(rate: number, seconds: number) {
  const where = place();
  const db = await where.open();
  const receiver = await newReceiver();
  const worker = startDelivery(db, {
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    recordsDir: join(tmpdir(), 'unused'),
  });
  const records = createRecords(db, { profile: EXAMPLE_PROFILE });
  const n = rate * seconds;
  const list = inputs(n);
  const origin = sampleOrigin('webchat', 12);
  const begin = performance.now();
  const pending: Promise<unknown>[] = [];
  const submittedAt = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const due = begin + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const input = list[i];
    if (input) {
      pending.push(
        records.submit(input, origin).then(({ reference }) => {
          submittedAt.set(reference, Date.now());
        }),
      );
    }
  }
  await Promise.all(pending);
  await receiver.waitFor(n, 60_000);
  await worker.stop();
  const latencies = receiver.received
    .map((r) => r.at - (submittedAt.get(r.key) ?? NaN))
    .sort((a, b) => a - b);
  await db.close();
  await receiver.close();
  await where.cleanup();
  return {
    rate,
    reports: n,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
  };
}

interface ChildRun {
  acknowledged: string[];
  exited: Promise<void>;
  kill(signal: NodeJS.Signals): void;
  ready: Promise<void>;
}

function runChild(env: Record<string, string>): ChildRun {
  const child = spawn(
    process.execPath,
    [join(__dirname, '..', 'records', 'testing', 'fault-child.js')],
    {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'fatal', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const acknowledged: string[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => {
    markReady = r;
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'ready') markReady();
    if (line.startsWith('submitted ')) acknowledged.push(line.slice('submitted '.length));
  });
  const exited = new Promise<void>((r) => {
    child.on('exit', () => {
      markReady();
      r();
    });
  });
  return { acknowledged, exited, ready, kill: (s) => child.kill(s) };
}

async function killTrials(trials: number) {
  const where = place();
  const db = await where.open(); // migrate once, then let the children have it
  await db.close();
  const receiver: RunningReceiver = await startReceiver({ secret: SECRET });
  const env = {
    ...where.env,
    RECORDS_WEBHOOK_URL: receiver.url,
    RECORDS_WEBHOOK_SECRET: SECRET,
    RECORDS_DIR: join(tmpdir(), 'unused'),
    RECORDS_POLL_MS: '100',
    RECORDS_LEASE_MS: '2000',
    RECORDS_BASE_DELAY_MS: '50',
    RECORDS_MAX_DELAY_MS: '500',
  };
  const acknowledged = new Set<string>();
  const started = performance.now();
  for (let i = 0; i < trials; i++) {
    const run = runChild({ ...env, FAULT_SUBMIT: 'forever' });
    await run.ready;
    // Anywhere from mid-first-submit to well into delivering (the embedded store warms up slower).
    const window = Number(values['kill-window-ms'] ?? (engine === 'pglite' ? 3000 : 600));
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * window)));
    run.kill('SIGKILL');
    await run.exited;
    for (const ref of run.acknowledged) acknowledged.add(ref);
    if ((i + 1) % 10 === 0)
      log(`  kill trial ${i + 1}/${trials}: ${acknowledged.size} acknowledged`);
  }
  // Restart once more and let it drain.
  const drain = runChild({ ...env, FAULT_SUBMIT: '0' });
  await drain.ready;
  const deadline = Date.now() + 60_000;
  const got = () => new Set(receiver.received.map((r) => r.reference));
  while ([...acknowledged].some((ref) => !got().has(ref)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  drain.kill('SIGTERM');
  await drain.exited;
  const received = got();
  const lost = [...acknowledged].filter((ref) => !received.has(ref));
  const perKey = new Map<string, number>();
  for (const e of receiver.events) {
    if (e.outcome === 'received' && e.key) perKey.set(e.key, (perKey.get(e.key) ?? 0) + 1);
  }
  const check = await where.open();
  const counts = await outboxCounts(check);
  await check.close();
  await receiver.close();
  await where.cleanup();
  return {
    trials,
    acknowledged: acknowledged.size,
    received: received.size,
    lost: lost.length,
    acceptedTwice: [...perKey.values()].filter((n) => n > 1).length,
    resentAfterKill: receiver.events.filter((e) => e.outcome === 'duplicate').length,
    outbox: counts,
    seconds: round((performance.now() - started) / 1000),
  };
}

async function main() {
  const result: Record<string, unknown> = { engine };
  log(`records bench on ${engine}`);
  if (!values['skip-throughput']) {
    const n = Number(values.reports);
    const t = await throughput(n);
    result.throughput = t;
    log(
      `throughput: ${t.reports} reports in ${t.seconds} s = ${t.endToEndPerSecond} reports/s ` +
        `submitted→delivered (submit alone ${t.submitPerSecond}/s); under that burst ` +
        `p50 ${t.latencyUnderBurstMs.p50} ms, p99 ${t.latencyUnderBurstMs.p99} ms; ` +
        `${t.delivered} delivered, ${t.duplicates} duplicates`,
    );
    const d = await drain(n);
    result.drain = d;
    log(
      `outbox drain: ${d.reports} stored reports delivered at ${d.perSecond} reports/s by one worker`,
    );
    const l = await latency(Number(values.rate), Number(values.seconds));
    result.latency = l;
    log(
      `latency at ${l.rate}/s (${l.reports} reports): submit→delivered p50 ${l.p50} ms, ` +
        `p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms`,
    );
  }
  const trials = Number(values['kill-trials']);
  if (trials > 0) {
    const k = await killTrials(trials);
    result.kill = k;
    log(
      `kill trials: ${k.trials} SIGKILLs, ${k.acknowledged} reports acknowledged, ` +
        `${k.received} received, ${k.lost} lost; ${k.resentAfterKill} resent after a kill ` +
        `(answered "already received"), ${k.acceptedTwice} accepted twice; ${k.seconds} s`,
    );
  }
  if (values.json) console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
