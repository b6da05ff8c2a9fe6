import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Db } from '../store/db';
import { openStore } from '../store/open';
import { dropSchema, testEngines } from '../store/testing';
import type { Engine } from '../store/db';
import { EXAMPLE_PROFILE } from '../triage/profile';
import { outboxCounts } from './admin';
import { sampleOrigin, sampleSubmission } from './fixtures';
import { startReceiver, type RunningReceiver } from './receiver';
import { createRecords, defaultTranslator } from './records';

/**
 * Faults with real processes: a Bluelamp stand-in (records/testing/fault-child.ts, run from source
 * through a tiny transpile-on-require hook) is SIGKILLed mid-delivery, two of them share one
 * PostgreSQL, and the database connection is cut in the middle of a submit.
 */

const ROOT = resolve(__dirname, '..');
const HOOK = join(ROOT, 'records', 'testing', 'register-ts.js');
const CHILD = join(ROOT, 'records', 'testing', 'fault-child.ts');
const SECRET = 'fault-test-secret';
const DATABASE_URL = process.env.DATABASE_URL?.trim();
const translator = defaultTranslator();

interface Child {
  readonly process: ChildProcess;
  readonly lines: string[];
  waitFor(predicate: (lines: readonly string[]) => boolean, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

function spawnChild(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['-r', HOOK, CHILD], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'error', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of waiters) w();
  });
  const exited = new Promise<number | null>((res) => {
    child.on('exit', (code) => {
      res(code);
    });
  });
  return {
    process: child,
    lines,
    exited,
    waitFor(predicate, timeoutMs = 20_000) {
      return new Promise((res, rej) => {
        const check = () => {
          if (!predicate(lines)) return;
          clearTimeout(timer);
          waiters.delete(check);
          res();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          rej(new Error(`child: timed out; stdout ${lines.join(' | ')}; stderr ${stderr}`));
        }, timeoutMs);
        waiters.add(check);
        void exited.then(() => {
          if (!predicate(lines)) {
            clearTimeout(timer);
            waiters.delete(check);
            rej(new Error(`child exited; stdout ${lines.join(' | ')}; stderr ${stderr}`));
          }
        });
        check();
      });
    },
  };
}

const submitted = (lines: readonly string[]) =>
  lines.filter((l) => l.startsWith('submitted ')).map((l) => l.slice('submitted '.length));

/** Where a child's store is: its own DATA_DIR, or a fresh schema on the shared PostgreSQL. */
interface Place {
  readonly env: Record<string, string>;
  open(): Promise<Db>;
  cleanup(): Promise<void>;
}

function place(engine: Engine): Place {
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'bluelamp-fault-'));
    return {
      env: { DATA_DIR: dataDir },
      open: () => openStore({ engine, dataDir, env: {} }),
      cleanup: () => {
        rmSync(dataDir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  }
  const url = DATABASE_URL ?? '';
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    env: { DATABASE_URL: url, STORE_SCHEMA: schema },
    open: () => openStore({ engine, databaseUrl: url, schema, env: {} }),
    cleanup: () => dropSchema(url, schema),
  };
}

/** How many times each Idempotency-Key was accepted as new (must be exactly once). */
function acceptedPerKey(r: RunningReceiver): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of r.events) {
    if (e.outcome === 'received' && e.key) counts.set(e.key, (counts.get(e.key) ?? 0) + 1);
  }
  return counts;
}

describe.each(testEngines())('killed mid-delivery (%s)', (engine) => {
  let where: Place;
  let receiver: RunningReceiver;
  const children: Child[] = [];
  beforeEach(async () => {
    where = place(engine);
    receiver = await startReceiver({ secret: SECRET });
  });
  afterEach(async () => {
    for (const c of children.splice(0)) c.process.kill('SIGKILL');
    await receiver.close();
    await where.cleanup();
  });

  test('a report acknowledged before SIGKILL is delivered after restart, once per key', async () => {
    const env = {
      ...where.env,
      RECORDS_WEBHOOK_URL: receiver.url,
      RECORDS_WEBHOOK_SECRET: SECRET,
      RECORDS_DIR: join(tmpdir(), 'unused'),
      RECORDS_POLL_MS: '50',
      RECORDS_BASE_DELAY_MS: '20',
      RECORDS_MAX_DELAY_MS: '100',
      RECORDS_TIMEOUT_MS: '30000',
      RECORDS_LEASE_MS: '1500',
    };
    // The records system is stuck: deliveries are in flight, none answered.
    receiver.setBehaviour('hang');
    const first = spawnChild({ ...env, FAULT_SUBMIT: '5' });
    children.push(first);
    await first.waitFor((l) => l.includes('done'));
    await new Promise<void>((res) => {
      const check = () => {
        if (receiver.events.some((e) => e.outcome === 'held')) res();
        else setTimeout(check, 20);
      };
      check();
    });
    const told = submitted(first.lines);
    expect(told).toHaveLength(5);
    first.process.kill('SIGKILL');
    await first.exited;

    receiver.setBehaviour('accept');
    const second = spawnChild({ ...env, FAULT_SUBMIT: '0' });
    children.push(second);
    const got = await receiver.waitForReports(5, 20_000);
    expect(got.map((r) => r.reference).sort()).toEqual([...told].sort());
    second.process.kill('SIGTERM');
    await second.exited;

    const accepted = acceptedPerKey(receiver);
    expect([...accepted.values()]).toEqual([1, 1, 1, 1, 1]);
    const db = await where.open();
    try {
      expect(await outboxCounts(db)).toEqual({ pending: 0, delivered: 5, dead: 0 });
    } finally {
      await db.close();
    }
  });
});

const onPostgres = DATABASE_URL ? describe : describe.skip;

onPostgres('two workers on one PostgreSQL', () => {
  test('share the outbox and never send one report twice', async () => {
    const where = place('postgres');
    const receiver = await startReceiver({ secret: SECRET });
    const db = await where.open();
    const env = {
      ...where.env,
      RECORDS_WEBHOOK_URL: receiver.url,
      RECORDS_WEBHOOK_SECRET: SECRET,
      RECORDS_DIR: join(tmpdir(), 'unused'),
      RECORDS_POLL_MS: '20',
      RECORDS_CONCURRENCY: '4',
      FAULT_SUBMIT: '0',
    };
    const workers = [spawnChild(env), spawnChild(env)];
    try {
      await Promise.all(workers.map((w) => w.waitFor((l) => l.includes('ready'))));
      const records = createRecords(db, { profile: EXAMPLE_PROFILE, translator });
      const refs: string[] = [];
      for (let i = 0; i < 200; i++) {
        const input = sampleSubmission(i % 2 ? 'crime' : 'asb', translator, { variant: i });
        refs.push((await records.submit(input, sampleOrigin())).reference);
      }
      await receiver.waitForReports(200, 30_000);
      await new Promise((res) => setTimeout(res, 300));
      // Each report reached the receiver in exactly one request: no duplicates at all.
      const perKey = new Map<string, number>();
      for (const e of receiver.events) perKey.set(e.key ?? '', (perKey.get(e.key ?? '') ?? 0) + 1);
      expect([...perKey.keys()].sort()).toEqual([...refs].sort());
      expect([...perKey.values()].every((n) => n === 1)).toBe(true);
      expect(await outboxCounts(db)).toEqual({ pending: 0, delivered: 200, dead: 0 });
      for (const w of workers) w.process.kill('SIGTERM');
      const stats = await Promise.all(
        workers.map(async (w) => {
          await w.exited;
          const line = w.lines.find((l) => l.startsWith('delivered '));
          return Number(line?.split(' ')[1] ?? NaN);
        }),
      );
      expect(stats.reduce((a, b) => a + b, 0)).toBe(200);
      expect(stats.every((n) => n > 0)).toBe(true);
    } finally {
      for (const w of workers) w.process.kill('SIGKILL');
      await db.close();
      await receiver.close();
      await where.cleanup();
    }
  });
});

/**
 * A TCP relay in front of PostgreSQL that can drop the connection — both ways — when the client
 * sends a statement mentioning a needle: either before the server sees it (the database went away
 * as the report was sent) or once the server has answered it (the report was stored, but the
 * reply is lost on the way back).
 */
interface Proxy {
  readonly port: number;
  /** Cut the connection that next sends a statement containing `needle`, at `when`. */
  arm(needle: string, when: 'before' | 'after'): void;
  /** Stop relaying: every connection dropped, new ones refused. */
  kill(): Promise<void>;
}

async function cuttingProxy(target: URL): Promise<Proxy> {
  let armed: { needle: string; when: 'before' | 'after' } | undefined;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection(Number(target.port || 5432), target.hostname);
    let cutOnReply = false;
    sockets.add(client).add(upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (armed && chunk.includes(armed.needle)) {
        const { when } = armed;
        armed = undefined;
        if (when === 'before') {
          cut();
          return;
        }
        cutOnReply = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (cutOnReply) cut();
      else client.write(chunk);
    });
    client.on('close', () => {
      sockets.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    client.on('error', cut);
    upstream.on('error', cut);
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return {
    port: address.port,
    arm: (needle, when) => {
      armed = { needle, when };
    },
    kill: () =>
      new Promise<void>((res) => {
        server.close(() => {
          res();
        });
        for (const socket of sockets) socket.destroy();
      }),
  };
}

onPostgres('the database goes away in the middle of a submit', () => {
  let where: Place;
  let direct: Db;
  let proxy: Proxy;
  let viaProxy: Db;
  beforeEach(async () => {
    where = place('postgres');
    direct = await where.open(); // applies the migrations
    proxy = await cuttingProxy(new URL(DATABASE_URL ?? ''));
    const url = new URL(DATABASE_URL ?? '');
    url.host = `127.0.0.1:${proxy.port}`;
    viaProxy = await openStore({
      databaseUrl: url.toString(),
      schema: where.env.STORE_SCHEMA ?? '',
      env: {},
    });
  });
  afterEach(async () => {
    await viaProxy.close().catch(() => undefined);
    await direct.close();
    await proxy.kill();
    await where.cleanup();
  });
  const stored = async (submissionId: string) =>
    z
      .object({ n: z.number() })
      .parse(
        (
          await direct.query('SELECT count(*)::int AS n FROM reports WHERE submission_id = $1', [
            submissionId,
          ])
        ).rows[0],
      ).n;

  test('lost as the report is sent: submit rejects, nothing is left, a retry stores it once', async () => {
    const records = createRecords(viaProxy, { profile: EXAMPLE_PROFILE, translator });
    const input = sampleSubmission('crime', translator);
    proxy.arm('report_outbox', 'before');
    await expect(records.submit(input, sampleOrigin())).rejects.toThrow();
    expect(await stored(input.submissionId)).toBe(0);
    expect(await outboxCounts(direct)).toEqual({ pending: 0, delivered: 0, dead: 0 });
    // The store is back: the person's retry (same submission id) is stored once.
    const { reference } = await records.submit(input, sampleOrigin());
    expect(reference).toMatch(/^BL-/);
    expect(await stored(input.submissionId)).toBe(1);
  });

  test('lost after it was stored: submit rejects (never a false "submitted"); the retry finds the same report', async () => {
    const records = createRecords(viaProxy, { profile: EXAMPLE_PROFILE, translator });
    const input = sampleSubmission('rtc', translator);
    proxy.arm('report_outbox', 'after');
    await expect(records.submit(input, sampleOrigin())).rejects.toThrow();
    // Report, outbox entry and transcript all committed together…
    expect(await stored(input.submissionId)).toBe(1);
    expect(await outboxCounts(direct)).toEqual({ pending: 1, delivered: 0, dead: 0 });
    // …and the retry the person is offered returns that report, not a second one.
    const { reference } = await records.submit(input, sampleOrigin());
    const found = await createRecords(direct, {
      profile: EXAMPLE_PROFILE,
      translator,
    }).findByReference(reference);
    expect(found?.submissionId).toBe(input.submissionId);
    expect(await stored(input.submissionId)).toBe(1);
    expect(await outboxCounts(direct)).toEqual({ pending: 1, delivered: 0, dead: 0 });
  });

  test('unreachable altogether: submit rejects', async () => {
    const records = createRecords(viaProxy, { profile: EXAMPLE_PROFILE, translator });
    // The database is gone: open connections drop, new ones are refused.
    await proxy.kill();
    await expect(
      records.submit(sampleSubmission('crime', translator), sampleOrigin()),
    ).rejects.toThrow();
    expect(await outboxCounts(direct)).toEqual({ pending: 0, delivered: 0, dead: 0 });
  });
});
