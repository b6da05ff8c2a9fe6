import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestStore, testEngines, type TestStore } from '../store/testing';
import { EXAMPLE_PROFILE } from '../triage/profile';
import { outboxCounts, purge } from './admin';
import { runRecordsCli, schemaFileIsCurrent, type CliIo } from './cli';
import { sampleOrigin, sampleSubmission } from './fixtures';
import { createRecords, defaultTranslator, type Records } from './records';
import { newReference } from './reference';
import { reportJsonSchema } from './report';

const translator = defaultTranslator();
const DAY = 86_400_000;

function io(extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const logged: { obj: object; msg: string }[] = [];
  const log = (obj: object, msg: string) => logged.push({ obj, msg });
  return {
    out,
    err,
    logged,
    io: {
      out: (s: string) => out.push(s),
      err: (s: string) => err.push(s),
      env: {},
      logger: { info: log, warn: log, error: log },
      ...extra,
    } satisfies CliIo,
  };
}

describe('docs/report.schema.json', () => {
  test('is what the zod schema generates (regenerate: npm run records -- schema --write)', () => {
    expect(schemaFileIsCurrent()).toBe(true);
  });

  test('is a closed draft 2020-12 schema with the POLE sections', () => {
    const schema = reportJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const defs = schema.$defs as Record<
      string,
      { properties: Record<string, unknown>; additionalProperties: boolean }
    >;
    const root = defs.BluelampReportV1;
    expect(root?.additionalProperties).toBe(false);
    expect(Object.keys(root?.properties ?? {})).toEqual(
      expect.arrayContaining([
        'reporter',
        'event',
        'people',
        'vehicles',
        'property',
        'attachments',
      ]),
    );
  });
});

describe.each(testEngines())('npm run records on %s', (engine) => {
  let t: TestStore;
  let records: Records;
  const run = (argv: string[], extra: Partial<CliIo> = {}) => {
    const c = io({ db: t.db, ...extra });
    return runRecordsCli(argv, c.io).then((code) => ({ code, ...c }));
  };
  const submit = (route: Parameters<typeof sampleSubmission>[0] = 'crime') =>
    records
      .submit(sampleSubmission(route, translator), sampleOrigin('sms', 3))
      .then((r) => r.reference);

  beforeAll(async () => {
    t = await openTestStore(engine);
    records = createRecords(t.db, { profile: EXAMPLE_PROFILE, translator });
  });
  afterAll(() => t.cleanup());
  beforeEach(async () => {
    await t.db.query('DELETE FROM reports');
  });

  test('list, stats and dead-letters, as tables or JSON', async () => {
    const a = await submit('crime');
    const b = await submit('rtc');
    await t.db.query(
      `UPDATE report_outbox SET status = 'dead', attempts = 25, last_error = 'HTTP 500' WHERE reference = $1`,
      [b],
    );
    const list = await run(['list']);
    expect(list.code).toBe(0);
    expect(list.out[0]).toMatch(/^REFERENCE\s+SUBMITTED\s+ROUTE\s+TEAM\s+CHANNEL\s+STATUS/);
    expect(list.out[0]).toContain(a);
    expect(list.out[0]).toContain(b);

    const pending = await run(['list', '--status', 'pending', '--json']);
    const rows = JSON.parse(pending.out[0] ?? '[]') as { reference: string; status: string }[];
    expect(rows.map((r) => [r.reference, r.status])).toEqual([[a, 'pending']]);

    const dead = await run(['dead-letters']);
    expect(dead.out[0]).toContain(b);
    expect(dead.out[0]).toContain('HTTP 500');
    expect(dead.out[0]).toContain('redeliver REF');

    const stats = await run(['stats', '--json']);
    expect(JSON.parse(stats.out[0] ?? '')).toEqual({ pending: 1, delivered: 0, dead: 1 });
  });

  test('show finds a report however the reference is typed, with its transcript', async () => {
    const ref = await submit();
    const typed = ref.toLowerCase().replace(/-/g, ' ');
    const shown = await run(['show', typed, '--transcript']);
    expect(shown.code).toBe(0);
    expect(shown.out[0]).toContain(`${ref}  Report a crime → Crime Bureau`);
    expect(shown.out[0]).toContain('person line 0');
    const json = await run(['show', ref, '--json']);
    expect(JSON.parse(json.out[0] ?? '')).toMatchObject({
      reference: ref,
      delivery: { status: 'pending' },
      report: { reference: ref, route: 'crime' },
    });
  });

  test('a mistyped reference is answered with the one it must have been', async () => {
    const ref = await submit();
    // Two neighbours swapped, as people do when reading a reference out.
    const chars = ref.slice(3).replace('-', '');
    const i = Array.from(chars).findIndex((c, k) => k < 7 && c !== chars[k + 1]);
    const swapped =
      chars.slice(0, i) + (chars[i + 1] ?? '') + (chars[i] ?? '') + chars.slice(i + 2);
    const slipped = `${swapped.slice(0, 4)} ${swapped.slice(4)}`;
    const shown = await run(['show', slipped]);
    expect(shown.code).toBe(1);
    expect(shown.err.join('\n')).toContain(`Did you mean ${ref}?`);
    const junk = await run(['show', 'hello']);
    expect(junk.code).toBe(1);
    expect(junk.err[0]).toMatch(/not a Bluelamp reference/);
  });

  test('redeliver queues a dead letter again; unknown references exit 1', async () => {
    const ref = await submit();
    await t.db.query(
      `UPDATE report_outbox SET status = 'dead', attempts = 25 WHERE reference = $1`,
      [ref],
    );
    const again = await run(['redeliver', ref]);
    expect(again.code).toBe(0);
    expect(again.out[0]).toContain('queued');
    expect((await records.findByReference(ref))?.delivery).toMatchObject({
      status: 'pending',
      attempts: 0,
    });
    const missing = await run(['redeliver', newReference()]);
    expect(missing.code).toBe(1);
    expect(missing.err[0]).toMatch(/^No report BL-/);
  });

  test('purge removes only delivered reports past retention, and logs counts not content', async () => {
    const now = new Date();
    const old = await submit();
    const recent = await submit();
    const pending = await submit();
    const dead = await submit();
    const at = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
    await t.db.query(
      `UPDATE report_outbox SET status = 'delivered', delivered_at = $2::timestamptz WHERE reference = $1`,
      [old, at(40)],
    );
    await t.db.query(
      `UPDATE report_outbox SET status = 'delivered', delivered_at = $2::timestamptz WHERE reference = $1`,
      [recent, at(2)],
    );
    await t.db.query(`UPDATE report_transcripts SET created_at = $1::timestamptz`, [at(40)]);
    await t.db.query(`UPDATE report_outbox SET status = 'dead' WHERE reference = $1`, [dead]);

    const dry = await run(['purge', '--dry-run', '--json'], {
      env: { RECORDS_RETENTION_DAYS: '30', RECORDS_TRANSCRIPT_RETENTION_DAYS: '7' },
    });
    expect(JSON.parse(dry.out[0] ?? '')).toEqual({ reports: 1, transcripts: 2, dryRun: true });
    expect(await outboxCounts(t.db)).toEqual({ pending: 1, delivered: 2, dead: 1 });

    const real = await run(['purge', '--days', '30', '--transcript-days', '7']);
    expect(real.out[0]).toBe('Removed 1 delivered report(s) and 2 transcript(s).');
    expect(real.logged).toEqual([
      {
        obj: { reports: 1, transcripts: 2, dryRun: false, reportDays: 30, transcriptDays: 7 },
        msg: 'records: purge removed',
      },
    ]);
    expect(await records.findByReference(old)).toBeUndefined();
    const kept = await records.findByReference(recent);
    expect(kept?.report.reference).toBe(recent);
    expect(kept?.transcript).toBeUndefined();
    // Not yet in the records system: kept whatever their age.
    expect((await records.findByReference(pending))?.transcript).toHaveLength(3);
    expect((await records.findByReference(dead))?.transcript).toHaveLength(3);
    expect(await purge(t.db, { reportDays: 30, transcriptDays: 7 })).toEqual({
      reports: 0,
      transcripts: 0,
      dryRun: false,
    });
  });

  test('usage errors exit 2 with the usage', async () => {
    for (const argv of [
      [],
      ['frobnicate'],
      ['list', '--status', 'lost'],
      ['show'],
      ['list', '--nope'],
      ['purge', '--days', '-1'],
    ]) {
      const r = await run(argv);
      expect([argv, r.code]).toEqual([argv, 2]);
      expect(r.err.join('\n')).toContain('usage: npm run records');
    }
    expect((await run(['--help'])).code).toBe(0);
  });
});

describe('npm run records without a store', () => {
  test('says where it looked and exits 3', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bluelamp-nostore-'));
    try {
      const c = io({ env: { DATA_DIR: dir } });
      expect(await runRecordsCli(['list'], c.io)).toBe(3);
      expect(c.err[0]).toMatch(/No embedded store in .*Set DATA_DIR/);
      const pg = io({ env: { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
      expect(await runRecordsCli(['stats'], pg.io)).toBe(3);
      expect(pg.err[0]).toMatch(/Cannot open the store at DATABASE_URL/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
