import { EXAMPLE_PROFILE } from '../triage/profile';
import { buildReport } from './build';
import { sampleOrigin, sampleSubmission } from './fixtures';
import { startReceiver, type RunningReceiver } from './receiver';
import { describeEvent, runReceiverCli } from './receiver-cli';
import { defaultTranslator } from './records';
import { newReference } from './reference';
import { signBody } from './signature';

const SECRET = 'receiver-test-secret';
const translator = defaultTranslator();

function reportBody(reference = newReference()): string {
  return JSON.stringify(
    buildReport(sampleSubmission('crime', translator), sampleOrigin(), {
      profile: EXAMPLE_PROFILE,
      translator,
      reference,
      submittedAt: new Date(),
    }),
  );
}

interface Sent {
  status: number;
  json: Record<string, unknown>;
}

async function send(
  r: RunningReceiver,
  body: string,
  headers: Record<string, string | undefined>,
  method = 'POST',
): Promise<Sent> {
  const res = await fetch(r.url, {
    method,
    headers: Object.fromEntries(
      Object.entries(headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, v]])),
    ) as Record<string, string>,
    ...(method === 'POST' ? { body } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const now = () => Math.floor(Date.now() / 1000);
const signed = (body: string, reference: string, t = now(), secret = SECRET) => ({
  'Bluelamp-Signature': signBody(secret, body, t),
  'Idempotency-Key': reference,
});

describe('the reference receiver', () => {
  let r: RunningReceiver;
  beforeAll(async () => {
    r = await startReceiver({ secret: SECRET, maxBytes: 256 * 1024 });
  });
  afterAll(() => r.close());

  test('accepts a signed, valid report once, and answers a repeat "already received"', async () => {
    const ref = newReference();
    const body = reportBody(ref);
    expect(await send(r, body, signed(body, ref))).toEqual({
      status: 200,
      json: { status: 'received', reference: ref },
    });
    // A retry signs afresh (new timestamp); the same key settles without a second record.
    expect(await send(r, body, signed(body, ref, now() - 5))).toEqual({
      status: 200,
      json: { status: 'already received', reference: ref },
    });
    expect(r.received.filter((x) => x.reference === ref)).toHaveLength(1);
    expect(r.received.find((x) => x.reference === ref)?.report.route).toBe('crime');
  });

  test('refuses a tampered body, a forged signature, a stale or missing one', async () => {
    const ref = newReference();
    const body = reportBody(ref);
    const tampered = body.replace('"crime-bureau"', '"press-office"');
    expect((await send(r, tampered, signed(body, ref))).status).toBe(401);
    expect((await send(r, body, signed(body, ref, now(), 'guessed-secret'))).status).toBe(401);
    const stale = await send(r, body, signed(body, ref, now() - 301));
    expect(stale).toEqual({ status: 401, json: { error: 'signature stale' } });
    expect((await send(r, body, signed(body, ref, now() + 301))).status).toBe(401);
    expect((await send(r, body, { 'Idempotency-Key': ref })).status).toBe(401);
    expect(r.received.some((x) => x.reference === ref)).toBe(false);
    const outcomes = r.events.slice(-5).map((e) => e.outcome);
    expect(outcomes).toEqual(['forged', 'forged', 'stale', 'stale', 'unsigned']);
  });

  test('refuses a signed body that is not a valid report, or keyed by another reference', async () => {
    const ref = newReference();
    const body = reportBody(ref);
    const broken = JSON.stringify({ ...JSON.parse(body), schema: 'bluelamp.report/v0' });
    const invalid = await send(r, broken, signed(broken, ref));
    expect(invalid.status).toBe(422);
    expect(invalid.json.issues).toEqual([expect.stringContaining('schema')]);
    expect((await send(r, 'not json', signed('not json', ref))).status).toBe(400);
    expect((await send(r, body, signed(body, newReference()))).status).toBe(400);
    // Same reference, different content: a conflict, never silently accepted.
    await send(r, body, signed(body, ref));
    const other = JSON.stringify({ ...JSON.parse(body), channel: 'sms' });
    expect((await send(r, other, signed(other, ref))).status).toBe(409);
  });

  test('refuses oversized bodies and other methods', async () => {
    const big = 'x'.repeat(300 * 1024);
    expect((await send(r, big, signed(big, newReference()))).status).toBe(413);
    expect((await send(r, '', {}, 'GET')).status).toBe(405);
  });

  test('can be told to fail, for fault tests', async () => {
    const ref = newReference();
    const body = reportBody(ref);
    r.setBehaviour({ status: 503 });
    expect((await send(r, body, signed(body, ref))).status).toBe(503);
    r.setBehaviour('accept');
    expect((await send(r, body, signed(body, ref))).status).toBe(200);
  });
});

describe('records:receiver command', () => {
  test('starts on the port given, prints what it gets, and refuses bad arguments', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), env: {} };
    expect(await runReceiverCli(['--port', 'x'], io)).toBe(2);
    expect(await runReceiverCli(['--bogus'], io)).toBe(2);
    const started = await runReceiverCli(['--port', '0', '--secret', SECRET, '--quiet'], io);
    if (typeof started === 'number') throw new Error(`exit ${started}`);
    try {
      expect(out.join('\n')).toContain(`RECORDS_WEBHOOK_URL=${started.url}`);
      const ref = newReference();
      const body = reportBody(ref);
      await send(started, body, signed(body, ref));
      expect(out.at(-1)).toMatch(new RegExp(`200  received  ${ref}  crime → Crime Bureau`));
      const taken = await runReceiverCli(['--port', String(started.port), '--secret', 's'], io);
      expect(taken).toBe(3);
      expect(err.at(-1)).toMatch(/in use/);
    } finally {
      await started.close();
    }
    const generated = await runReceiverCli(['--port', '0'], io);
    if (typeof generated === 'number') throw new Error(`exit ${generated}`);
    await generated.close();
    expect(out.at(-1)).toMatch(/RECORDS_WEBHOOK_SECRET=[\w-]{20,}/);
    expect(describeEvent({ at: new Date(0), outcome: 'held', status: 0 }, true)).toMatch(
      /--- {2}held/,
    );
  });
});
