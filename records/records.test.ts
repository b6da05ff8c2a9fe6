import { z } from 'zod';
import { openTestStore, testEngines, type TestStore } from '../store/testing';
import { EXAMPLE_PROFILE } from '../triage/profile';
import { ReportValidationError } from './build';
import { sampleOrigin, sampleSubmission } from './fixtures';
import { createRecords, defaultTranslator, type Records } from './records';
import { isReference, newReference } from './reference';
import { ReportSchema } from './report';

const translator = defaultTranslator();
const Count = z.object({ n: z.number() });

async function counts(t: TestStore) {
  const one = async (table: string) =>
    Count.parse((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]).n;
  return {
    reports: await one('reports'),
    outbox: await one('report_outbox'),
    transcripts: await one('report_transcripts'),
  };
}

describe.each(testEngines())('records.submit on %s', (engine) => {
  let t: TestStore;
  let records: Records;
  beforeAll(async () => {
    t = await openTestStore(engine);
    records = createRecords(t.db, { profile: EXAMPLE_PROFILE, translator });
  });
  afterAll(() => t.cleanup());
  beforeEach(async () => {
    await t.db.query('DELETE FROM reports');
  });

  test('writes the report, its outbox entry and transcript, then resolves with the reference', async () => {
    const input = sampleSubmission('crime', translator, { variant: 3 });
    const origin = sampleOrigin('whatsapp', 5);
    const { reference } = await records.submit(input, origin);
    expect(isReference(reference)).toBe(true);
    expect(await counts(t)).toEqual({ reports: 1, outbox: 1, transcripts: 1 });

    const stored = await records.findByReference(reference.toLowerCase().replace(/-/g, ' '));
    expect(stored?.reference).toBe(reference);
    expect(stored?.submissionId).toBe(input.submissionId);
    expect(stored?.conversationId).toBe(origin.conversationId);
    expect(stored?.delivery).toMatchObject({ status: 'pending', attempts: 0, lastError: null });
    expect(stored?.transcript).toEqual(origin.transcript);
    expect(ReportSchema.parse(JSON.parse(stored?.body ?? '{}'))).toEqual(stored?.report);
    expect(stored?.report).toMatchObject({
      reference,
      route: 'crime',
      channel: 'whatsapp',
      transcript: { reference, lines: 5 },
    });
  });

  test('a retried submit returns the same reference and writes nothing new', async () => {
    const input = sampleSubmission('rtc', translator);
    const first = await records.submit(input, sampleOrigin());
    const again = await records.submit(input, sampleOrigin('webchat', 9));
    // Two at once (a double-click, a channel retrying a turn): still one report.
    const twins = await Promise.all([
      records.submit(input, sampleOrigin()),
      records.submit(input, sampleOrigin()),
    ]);
    expect([again, ...twins]).toEqual([first, first, first]);
    expect(await counts(t)).toEqual({ reports: 1, outbox: 1, transcripts: 1 });
  });

  test('concurrent first submits of one id from separate Records still make one report', async () => {
    const input = sampleSubmission('asb', translator);
    const other = createRecords(t.db, { profile: EXAMPLE_PROFILE, translator });
    const results = await Promise.all([
      records.submit(input, sampleOrigin()),
      other.submit(input, sampleOrigin()),
    ]);
    expect(results[0]).toEqual(results[1]);
    expect((await counts(t)).reports).toBe(1);
  });

  test('a reference that is already taken is never reused: another is drawn', async () => {
    const taken = (await records.submit(sampleSubmission('crime', translator), sampleOrigin()))
      .reference;
    const fresh = newReference();
    const draws = [taken, taken, fresh];
    const clashing = createRecords(t.db, {
      profile: EXAMPLE_PROFILE,
      translator,
      newReference: () => draws.shift() ?? newReference(),
    });
    const { reference } = await clashing.submit(
      sampleSubmission('crime', translator),
      sampleOrigin(),
    );
    expect(reference).toBe(fresh);
    expect((await counts(t)).reports).toBe(2);
  });

  test('many submits at once are stored together, each whole, even when two draw one reference', async () => {
    const clash = newReference();
    let draws = 0;
    const clashing = createRecords(t.db, {
      profile: EXAMPLE_PROFILE,
      translator,
      // The first two draws are the same reference: one of those submits must draw again.
      newReference: () => (draws++ < 2 ? clash : newReference()),
    });
    const inputs = Array.from({ length: 40 }, (_, i) =>
      sampleSubmission('crime', translator, { variant: i }),
    );
    const results = await Promise.all(
      inputs.map((input) => clashing.submit(input, sampleOrigin())),
    );
    const refs = results.map((r) => r.reference);
    expect(new Set(refs).size).toBe(40);
    expect(refs).toContain(clash);
    expect(await counts(t)).toEqual({ reports: 40, outbox: 40, transcripts: 40 });
    for (const [i, ref] of refs.entries()) {
      expect((await records.findByReference(ref))?.submissionId).toBe(inputs[i]?.submissionId);
    }
  });

  test('answers that fail the route’s schema are refused and nothing is written', async () => {
    const input = sampleSubmission('crime', translator);
    await expect(
      records.submit(
        { ...input, answers: { ...input.answers, where: 'not a location' } },
        sampleOrigin(),
      ),
    ).rejects.toBeInstanceOf(ReportValidationError);
    expect(await counts(t)).toEqual({ reports: 0, outbox: 0, transcripts: 0 });
  });

  test('a failure inside the transaction leaves nothing half-written', async () => {
    // The last insert of the three fails: the report and outbox rows before it must go too.
    await t.db.query(`CREATE FUNCTION refuse_transcript() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$`);
    await t.db.query(`CREATE TRIGGER refuse BEFORE INSERT ON report_transcripts
      FOR EACH ROW EXECUTE FUNCTION refuse_transcript()`);
    try {
      await expect(
        records.submit(sampleSubmission('crime', translator), sampleOrigin()),
      ).rejects.toThrow(/disk full/);
      expect(await counts(t)).toEqual({ reports: 0, outbox: 0, transcripts: 0 });
    } finally {
      await t.db.query('DROP TRIGGER refuse ON report_transcripts');
      await t.db.query('DROP FUNCTION refuse_transcript()');
    }
  });

  test('unknown or mistyped references find nothing', async () => {
    const { reference } = await records.submit(sampleSubmission('foi', translator), sampleOrigin());
    expect(await records.findByReference(newReference())).toBeUndefined();
    expect(await records.findByReference('not a reference')).toBeUndefined();
    const slipped = reference.slice(0, -1) + (reference.endsWith('A') ? 'B' : 'A');
    expect(await records.findByReference(slipped)).toBeUndefined();
  });
});

describe.each(testEngines())('records.submit with the store gone (%s)', (engine) => {
  test('rejects — never resolves — when the database is closed', async () => {
    const t = await openTestStore(engine);
    const records = createRecords(t.db, { profile: EXAMPLE_PROFILE, translator });
    await t.db.close();
    try {
      await expect(
        records.submit(sampleSubmission('crime', translator), sampleOrigin()),
      ).rejects.toThrow();
    } finally {
      await t.cleanup();
    }
  });
});
