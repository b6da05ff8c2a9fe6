import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestStore, testEngines, type TestStore } from '../store/testing';
import { EXAMPLE_PROFILE } from '../triage/profile';
import { deadLetters, redeliver } from './admin';
import { backoffMs, startDelivery, type DeliveryOptions, type DeliveryWorker } from './delivery';
import { dropFileName } from './drop';
import { sampleOrigin, sampleSubmission } from './fixtures';
import { startReceiver, type RunningReceiver } from './receiver';
import { createRecords, defaultTranslator, type Records } from './records';
import { ReportSchema } from './report';

const SECRET = 'delivery-test-secret';
const translator = defaultTranslator();
const FAST = { pollMs: 50, baseDelayMs: 20, maxDelayMs: 80, timeoutMs: 2_000 } as const;

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A port nobody listens on (yet): connection refused, like a receiver that is down. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise<void>((r) => {
    server.close(() => {
      r();
    });
  });
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe.each(testEngines())('delivery on %s', (engine) => {
  let t: TestStore;
  let records: Records;
  let dir: string;
  const workers: DeliveryWorker[] = [];
  const receivers: RunningReceiver[] = [];
  const start = (options: Partial<DeliveryOptions>) => {
    const w = startDelivery(t.db, { recordsDir: dir, ...FAST, ...options });
    workers.push(w);
    return w;
  };
  const receiver = async (port?: number) => {
    const r = await startReceiver({ secret: SECRET, ...(port ? { port } : {}) });
    receivers.push(r);
    return r;
  };
  const submit = () =>
    records.submit(sampleSubmission('crime', translator), sampleOrigin()).then((r) => r.reference);
  const state = async (reference: string) => (await records.findByReference(reference))?.delivery;

  beforeAll(async () => {
    t = await openTestStore(engine);
    records = createRecords(t.db, { profile: EXAMPLE_PROFILE, translator });
  });
  afterAll(() => t.cleanup());
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bluelamp-drop-'));
    await t.db.query('DELETE FROM reports');
  });
  afterEach(async () => {
    // Receivers first: a held request then fails at once instead of waiting out its timeout.
    await Promise.all(receivers.splice(0).map((r) => r.close()));
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  test('POSTs the report signed, with its reference as Idempotency-Key, at once', async () => {
    const r = await receiver();
    r.setBehaviour('accept');
    start({ webhookUrl: r.url, webhookSecret: SECRET, pollMs: 60_000 });
    const started = Date.now();
    const reference = await submit();
    const [got] = await r.waitForReports(1, 5_000);
    // Delivered on the nudge from submit, not on a poll a minute away.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(got?.reference).toBe(reference);
    expect(ReportSchema.parse(JSON.parse(got?.body ?? ''))).toEqual(got?.report);
    expect(r.events.map((e) => e.outcome)).toEqual(['received']);
    await until(async () => (await state(reference))?.status === 'delivered');
    expect(await state(reference)).toMatchObject({
      status: 'delivered',
      attempts: 1,
      deliveredTo: 'webhook',
      lastError: null,
    });
    const stored = await records.findByReference(reference);
    expect(got?.body).toBe(stored?.body);
  });

  test('receiver down → retried with backoff → delivered exactly once when it is back', async () => {
    const port = await freePort();
    start({ webhookUrl: `http://127.0.0.1:${port}/`, webhookSecret: SECRET });
    const reference = await submit();
    await until(async () => ((await state(reference))?.attempts ?? 0) >= 3);
    const failing = await state(reference);
    expect(failing).toMatchObject({ status: 'pending' });
    expect(failing?.lastError).toMatch(/ECONNREFUSED/);
    const r = await receiver(port);
    await r.waitForReports(1, 5_000);
    await until(async () => (await state(reference))?.status === 'delivered');
    await new Promise((res) => setTimeout(res, 300));
    expect(r.events.map((e) => e.outcome)).toEqual(['received']);
  });

  test('errors and timeouts are retried; after maxAttempts it is dead-lettered for staff', async () => {
    const r = await receiver();
    r.setBehaviour({ status: 500 });
    start({ webhookUrl: r.url, webhookSecret: SECRET, maxAttempts: 3 });
    const reference = await submit();
    await until(async () => (await state(reference))?.status === 'dead');
    expect(await state(reference)).toMatchObject({ attempts: 3, lastError: 'HTTP 500' });
    expect((await deadLetters(t.db)).map((d) => d.reference)).toEqual([reference]);
    expect(r.events.map((e) => e.status)).toEqual([500, 500, 500]);

    // The cause is fixed; staff send it again.
    r.setBehaviour('accept');
    expect(await redeliver(t.db, reference)).toBe(true);
    await r.waitForReports(1, 5_000);
    await until(async () => (await state(reference))?.status === 'delivered');
    expect(await deadLetters(t.db)).toEqual([]);
  });

  test('a receiver that never answers times out and is tried again', async () => {
    const r = await receiver();
    r.setBehaviour('hang');
    start({ webhookUrl: r.url, webhookSecret: SECRET, timeoutMs: 300 });
    const reference = await submit();
    await until(async () => ((await state(reference))?.attempts ?? 0) >= 2);
    expect((await state(reference))?.lastError).toMatch(/timed out after 300 ms/);
    r.setBehaviour('accept');
    await r.waitForReports(1, 5_000);
  });

  test('no transaction is held while HTTP runs: the store answers during a stuck delivery', async () => {
    const r = await receiver();
    r.setBehaviour('hang');
    start({ webhookUrl: r.url, webhookSecret: SECRET, timeoutMs: 5_000 });
    await submit();
    await until(() => r.events.some((e) => e.outcome === 'held'));
    const began = Date.now();
    await t.db.transaction(async (tx) => tx.query('SELECT count(*) FROM report_outbox'));
    const other = await submit();
    expect(Date.now() - began).toBeLessThan(1_000);
    expect(other).toMatch(/^BL-/);
  });

  test('with no webhook, each report is dropped atomically as one NDJSON file', async () => {
    start({});
    const refs = await Promise.all([submit(), submit(), submit()]);
    await until(() => readdirSync(dir).filter((f) => f.endsWith('.ndjson')).length === 3);
    await until(async () =>
      (await Promise.all(refs.map(state))).every((s) => s?.status === 'delivered'),
    );
    const files = readdirSync(dir);
    expect(files.filter((f) => !f.endsWith('.ndjson'))).toEqual([]);
    for (const ref of refs) {
      const stored = await records.findByReference(ref);
      const name = dropFileName(ref, stored?.submittedAt ?? new Date());
      expect(files).toContain(name);
      expect(name).toMatch(/^\d{8}T\d{6}Z-BL-[A-Z0-9]{4}-[A-Z0-9]{4}\.ndjson$/);
      const text = readFileSync(join(dir, name), 'utf8');
      expect(text).toBe(`${stored?.body ?? ''}\n`);
      expect(ReportSchema.safeParse(JSON.parse(text)).success).toBe(true);
      expect((await state(ref))?.deliveredTo).toBe('file');
    }
    // Redelivery lands on the same file name: still one file per report.
    const [firstRef] = refs;
    await redeliver(t.db, firstRef);
    await until(async () => (await state(firstRef))?.status === 'delivered');
    expect(readdirSync(dir).filter((f) => f.endsWith('.ndjson'))).toHaveLength(3);
  });

  test('a worker needs a secret to sign with', () => {
    expect(() =>
      startDelivery(t.db, { recordsDir: dir, webhookUrl: 'http://127.0.0.1:9/' }),
    ).toThrow(/secret/);
  });
});

describe('backoff', () => {
  test('is full jitter under an exponential ceiling, capped', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0.999)).toBe(999);
    expect(backoffMs(3, 1000, 60_000, () => 0.5)).toBe(2000);
    expect(backoffMs(10, 1000, 60_000, () => 0.999)).toBe(59_940);
    expect(backoffMs(1000, 1000, 60_000, () => 0.5)).toBe(30_000);
    expect(backoffMs(5, 1000, 60_000, () => 0)).toBe(0);
  });
});
