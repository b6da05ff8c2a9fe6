import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Db } from './db';
import { DirInUseError } from './dir-lock';
import { defaultMigrationsDir, loadMigrations } from './migrate';
import { openStore } from './open';
import { templateDir } from './pglite-template';
import { EtagConflictError, StateStorage, toJsonb } from './state-storage';
import { dropSchema, openTestStore, testEngines, type TestStore } from './testing';

/**
 * The store contract, proved on every engine available: PGlite always, PostgreSQL as well when
 * DATABASE_URL is set. Each engine gets its own temp DATA_DIR or schema, removed afterwards.
 */

const ROOT = resolve(__dirname, '..');

async function settle<T>(promises: Promise<T>[]) {
  const results = await Promise.allSettled(promises);
  return {
    won: results.filter((r) => r.status === 'fulfilled').length,
    lost: results.filter((r) => r.status === 'rejected').map((r) => r.reason as unknown),
  };
}

describe('migration files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bluelamp-migrations-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('are found from the source tree and from the compiled dist/store folder', () => {
    const expected = join(ROOT, 'store', 'migrations');
    expect(defaultMigrationsDir()).toBe(expected);
    expect(defaultMigrationsDir(join(ROOT, 'dist', 'store'))).toBe(expected);
  });

  it('are ordered by number, and a clash or a bad name is refused', () => {
    writeFileSync(join(dir, '010_later.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '002_sooner.sql'), 'SELECT 2;');
    writeFileSync(join(dir, 'README.md'), 'not a migration');
    expect(loadMigrations(dir).map((m) => [m.version, m.name])).toEqual([
      [2, 'sooner'],
      [10, 'later'],
    ]);
    writeFileSync(join(dir, '002_clash.sql'), 'SELECT 3;');
    expect(() => loadMigrations(dir)).toThrow(/two migrations numbered 2/);
    rmSync(join(dir, '002_clash.sql'));
    writeFileSync(join(dir, 'oops.sql'), 'SELECT 4;');
    expect(() => loadMigrations(dir)).toThrow(/NNN_name\.sql/);
  });

  it('escape jsonb-unstorable characters but leave look-alike text alone', () => {
    const value = { nul: 'a\u0000b', lone: 'x\ud800y', pair: '\ud83d\ude00', text: '\\u0000' };
    expect(JSON.parse(toJsonb(value))).toEqual({
      nul: 'a\ufffdb',
      lone: 'x\ufffdy',
      pair: '\ud83d\ude00',
      text: '\\u0000',
    });
  });
});

describe('PGlite empty-cluster template', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'bluelamp-template-'));
  });
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
  });
  const open = (dataDir: string, templateCache: string) =>
    openStore({ engine: 'pglite', dataDir: join(tmp, dataDir), templateCache, env: {} });

  it('is built by the first fresh open, reused by the next, and replaced if broken', async () => {
    const cache = join(tmp, 'cache');
    await (await open('first', cache)).close();
    expect(existsSync(join(templateDir(cache), 'PG_VERSION'))).toBe(true);

    const started = Date.now();
    const second = await open('second', cache);
    const secondMs = Date.now() - started;
    await second.query('CREATE TABLE mine (id int)');
    await second.close();
    expect(secondMs).toBeLessThan(2000);
    // The copy is the second store's own: the template stays empty.
    expect(existsSync(join(templateDir(cache), 'PG_VERSION'))).toBe(true);
    const third = await open('third', cache);
    await expect(third.query('SELECT * FROM mine')).rejects.toThrow(/mine/);
    await third.close();

    // A template that cannot open is discarded and PGlite's own initdb takes over.
    rmSync(join(templateDir(cache), 'global'), { recursive: true });
    const fourth = await open('fourth', cache);
    const { rows } = await fourth.query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]!.n).toBeGreaterThan(0);
    await fourth.close();
    expect(existsSync(templateDir(cache))).toBe(false);
  });
});

describe('PostgreSQL unreachable', () => {
  it('makes openStore reject promptly instead of hanging start-up', async () => {
    const started = Date.now();
    await expect(
      openStore({
        engine: 'postgres',
        databaseUrl: 'postgres://postgres@127.0.0.1:1/none',
        env: {},
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
    expect(Date.now() - started).toBeLessThan(6000);
  });
});

describe('PGlite data directory', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'bluelamp-datadir-'));
  });
  afterEach(() => {
    rmSync(tmp, { recursive: true, force: true });
  });
  const open = () => openStore({ engine: 'pglite', dataDir: tmp, env: {} });

  it('keeps its cluster in a subfolder, so DATA_DIR may hold other things', async () => {
    writeFileSync(join(tmp, 'records.ndjson'), '');
    const db = await open();
    await db.close();
    expect(existsSync(join(tmp, 'pglite', 'PG_VERSION'))).toBe(true);
  });

  it('admits one process at a time, and takes over the lock of one that died', async () => {
    const first = await open();
    await expect(open()).rejects.toThrow(DirInUseError);
    await first.close();

    writeFileSync(join(tmp, 'pglite.lock'), `${process.ppid}\n`); // alive, not us
    await expect(open()).rejects.toThrow(`in use by process ${process.ppid}`);
    // A pid reused after a crash would block every start: the message names the file to remove.
    await expect(open()).rejects.toThrow(`delete ${join(tmp, 'pglite.lock')}`);

    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(tmp, 'pglite.lock'), `${dead}\n`);
    const again = await open();
    expect(readFileSync(join(tmp, 'pglite.lock'), 'utf8').trim()).toBe(String(process.pid));
    await again.close();
    expect(existsSync(join(tmp, 'pglite.lock'))).toBe(false);
  });
});

describe.each(testEngines())('store on %s', (engine) => {
  let t: TestStore;
  let db: Db;
  let storage: StateStorage;

  beforeAll(async () => {
    t = await openTestStore(engine);
    db = t.db;
    storage = new StateStorage(db);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  describe('writeItem (write without reading back)', () => {
    it('returns the new eTag, which the next write must carry', async () => {
      const key = `item-${engine}`;
      const first = await storage.writeItem(key, { n: 1 });
      const second = await storage.writeItem(key, { n: 2, eTag: first });
      expect(second).not.toBe(first);
      expect((await storage.read([key]))[key]).toEqual({ n: 2, eTag: second });
      await expect(storage.writeItem(key, { n: 3, eTag: first })).rejects.toBeInstanceOf(
        EtagConflictError,
      );
      expect((await storage.read([key]))[key]).toEqual({ n: 2, eTag: second });
    });

    it('stores concurrent writes together, each with its own eTag check', async () => {
      const keys = Array.from({ length: 30 }, (_, i) => `batch-${engine}-${String(i)}`);
      const etags = await Promise.all(keys.map((k, i) => storage.writeItem(k, { i })));
      expect(new Set(etags).size).toBe(30);
      // Half carry the right eTag, half a stale one; the same key twice in flight: one wins.
      const results = await Promise.allSettled([
        ...keys.map((k, i) =>
          storage.writeItem(k, { i: i + 100, eTag: i % 2 ? etags[i] : 'stale' }),
        ),
        storage.writeItem(keys[1]!, { i: -1, eTag: etags[1] }),
      ]);
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      expect(ok).toBe(15);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected.every((r) => r.reason instanceof EtagConflictError)).toBe(true);
      const stored = await storage.read(keys);
      expect(stored[keys[0]!]).toEqual({ i: 0, eTag: etags[0] });
      expect(stored[keys[3]!]?.i).toBe(103);
    });
  });

  describe('migrations', () => {
    it('are applied once and recorded', async () => {
      const { rows } = await db.query('SELECT version, name FROM schema_migrations');
      expect(rows).toContainEqual({ version: 1, name: 'conversation_state' });
    });

    it('apply a newly added file on the next open, and nothing twice', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bluelamp-migrations-'));
      for (const file of readdirSync(defaultMigrationsDir())) {
        copyFileSync(join(defaultMigrationsDir(), file), join(dir, file));
      }
      const real = loadMigrations(dir).map((m) => m.version);
      const own = await openTestStore(engine, { migrationsDir: dir });
      try {
        await own.db.close();
        writeFileSync(join(dir, '900_widgets.sql'), 'CREATE TABLE widgets (id int PRIMARY KEY);');
        for (let i = 0; i < 2; i++) {
          own.db = await openStore(own.options);
          await own.db.query('INSERT INTO widgets VALUES ($1)', [i]);
          const { rows } = await own.db.query('SELECT version FROM schema_migrations ORDER BY 1');
          expect(rows.map((r) => r.version)).toEqual([...real, 900]);
          await own.db.close();
        }
      } finally {
        await own.cleanup();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    (engine === 'postgres' ? it : it.skip)(
      'are safe when several opens (own pools, as separate replicas) race on one fresh schema',
      async () => {
        const schema = `race_${randomBytes(4).toString('hex')}`;
        const options = { ...t.options, schema };
        const attempts = await Promise.allSettled([1, 2, 3, 4].map(() => openStore(options)));
        const opened = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
        try {
          expect(attempts.filter((a) => a.status === 'rejected')).toEqual([]);
          const { rows } = await opened[0]!.query(
            'SELECT count(*)::int AS n FROM schema_migrations',
          );
          expect(rows[0]!.n).toBe(loadMigrations(defaultMigrationsDir()).length);
          // Each pooled connection lives in the schema, not in public.
          const cs = await Promise.all(opened.map((d) => d.query('SELECT current_schema() AS s')));
          expect(cs.map((r) => r.rows[0]!.s)).toEqual([schema, schema, schema, schema]);
        } finally {
          await Promise.all(opened.map((d) => d.close()));
          await dropSchema(t.options.databaseUrl!, schema);
        }
      },
    );
  });

  describe('connections', () => {
    (engine === 'postgres' ? it : it.skip)(
      'cancel a statement that runs past the statement timeout',
      async () => {
        const impatient = await openStore({ ...t.options, statementTimeoutMs: 200, poolSize: 2 });
        try {
          await expect(impatient.query('SELECT pg_sleep(2)')).rejects.toThrow(/statement timeout/);
          await expect(impatient.ping()).resolves.toBeUndefined();
        } finally {
          await impatient.close();
        }
      },
    );
  });

  describe('transactions', () => {
    beforeAll(async () => {
      await db.query('CREATE TABLE IF NOT EXISTS counter (id int PRIMARY KEY, n int NOT NULL)');
      await db.query('INSERT INTO counter VALUES (1, 0) ON CONFLICT (id) DO NOTHING');
    });

    it('roll back everything when the callback throws', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.query('UPDATE counter SET n = n + 100 WHERE id = 1');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      const { rows } = await db.query('SELECT n FROM counter WHERE id = 1');
      expect(rows[0]!.n).toBe(0);
    });

    it('isolate concurrent read-modify-write callers', async () => {
      await Promise.all(
        Array.from({ length: 20 }, () =>
          db.transaction(async (tx) => {
            const { rows } = await tx.query<{ n: number }>(
              'SELECT n FROM counter WHERE id = 1 FOR UPDATE',
            );
            await tx.query('UPDATE counter SET n = $1 WHERE id = 1', [rows[0]!.n + 1]);
          }),
        ),
      );
      const { rows } = await db.query('SELECT n FROM counter WHERE id = 1');
      expect(rows[0]!.n).toBe(20);
    });

    it('report affected rows the same way on both engines', async () => {
      expect((await db.query('UPDATE counter SET n = n WHERE id = 1')).rowCount).toBe(1);
      expect((await db.query('SELECT * FROM counter WHERE id < 0')).rowCount).toBe(0);
      expect((await db.query('SELECT * FROM counter')).rowCount).toBe(1);
    });
  });

  describe('state storage', () => {
    it('writes without an eTag, and reads back the value with its stored eTag', async () => {
      await storage.write({ 'conv/a': { step: 1, answers: { name: 'Sam' } } });
      const read = await storage.read(['conv/a', 'conv/missing']);
      expect(Object.keys(read)).toEqual(['conv/a']);
      expect(read['conv/a']).toEqual({
        step: 1,
        answers: { name: 'Sam' },
        eTag: expect.any(String),
      });
    });

    it('overwrites on eTag "*" and on no eTag', async () => {
      await storage.write({ 'conv/b': { v: 1 } });
      await storage.write({ 'conv/b': { v: 2, eTag: '*' } });
      expect((await storage.read(['conv/b']))['conv/b']!.v).toBe(2);
      await storage.write({ 'conv/b': { v: 3 } });
      expect((await storage.read(['conv/b']))['conv/b']!.v).toBe(3);
    });

    it('accepts a matching eTag, issues a new one, and refuses the old one after', async () => {
      await storage.write({ 'conv/c': { v: 1 } });
      const first = (await storage.read(['conv/c']))['conv/c']!;
      const mine = { ...first, v: 2 };
      await storage.write({ 'conv/c': mine });
      expect(mine.eTag).toBe(first.eTag); // the caller's object is not touched
      const second = (await storage.read(['conv/c']))['conv/c']!;
      expect(second.v).toBe(2);
      expect(second.eTag).not.toBe(first.eTag);

      await expect(storage.write({ 'conv/c': { ...first, v: 99 } })).rejects.toBeInstanceOf(
        EtagConflictError,
      );
      await expect(storage.write({ 'conv/c': { ...first, v: 99 } })).rejects.toThrow(
        'Storage: error writing "conv/c" due to eTag conflict.',
      );
      expect((await storage.read(['conv/c']))['conv/c']).toEqual(second);
    });

    it('creates a missing key even when given an eTag, as MemoryStorage does', async () => {
      await storage.write({ 'conv/d': { v: 1, eTag: 'whatever' } });
      expect((await storage.read(['conv/d']))['conv/d']!.v).toBe(1);
    });

    it('never reissues an eTag after a key is deleted and written again', async () => {
      await storage.write({ 'conv/e': { v: 1 } });
      const old = (await storage.read(['conv/e']))['conv/e']!;
      await storage.delete(['conv/e', 'conv/never-existed']);
      expect(await storage.read(['conv/e'])).toEqual({});
      await storage.write({ 'conv/e': { v: 2 } });
      await expect(storage.write({ 'conv/e': { ...old, v: 3 } })).rejects.toThrow(
        EtagConflictError,
      );
    });

    it('makes a multi-key write all or nothing', async () => {
      await storage.write({ 'conv/f': { v: 1 }, 'user/f': { v: 1 } });
      const before = await storage.read(['conv/f', 'user/f']);
      await storage.write({ 'user/f': { v: 2 } }); // someone else moves user/f on
      await expect(
        storage.write({
          'conv/f': { ...before['conv/f'], v: 10 },
          'user/f': { ...before['user/f'], v: 10 },
          'new/f': { v: 10 },
        }),
      ).rejects.toThrow(EtagConflictError);
      const after = await storage.read(['conv/f', 'user/f', 'new/f']);
      expect(after['conv/f']).toEqual(before['conv/f']);
      expect(after['user/f']!.v).toBe(2);
      expect(after['new/f']).toBeUndefined();
    });

    it('lets exactly one of several concurrent writers with the same eTag win', async () => {
      await storage.write({ 'conv/g': { v: 0 } });
      const base = (await storage.read(['conv/g']))['conv/g']!;
      const { won, lost } = await settle(
        Array.from({ length: 8 }, (_, i) => storage.write({ 'conv/g': { ...base, v: i + 1 } })),
      );
      expect(won).toBe(1);
      expect(lost).toHaveLength(7);
      for (const err of lost) expect(err).toBeInstanceOf(EtagConflictError);
      expect((await storage.read(['conv/g']))['conv/g']!.v).not.toBe(0);
    });

    it('does not deadlock multi-key writers touching the same keys in opposite orders', async () => {
      const keys = Array.from({ length: 6 }, (_, i) => `conv/h${i}`);
      const forward = Object.fromEntries(keys.map((k) => [k, { by: 'forward' }]));
      const backward = Object.fromEntries([...keys].reverse().map((k) => [k, { by: 'backward' }]));
      const { won } = await settle(
        Array.from({ length: 6 }, (_, i) => storage.write(i % 2 ? forward : backward)),
      );
      expect(won).toBe(6);
    });

    it('stores what a member of the public may type, even NUL and broken surrogates', async () => {
      await storage.write({ 'conv/i': { text: 'hi\u0000there \ud800 ok 😀', 'k\u0000ey': 1 } });
      expect((await storage.read(['conv/i']))['conv/i']).toEqual({
        text: 'hi\ufffdthere \ufffd ok 😀',
        'k\ufffdey': 1,
        eTag: expect.any(String),
      });
    });

    it('refuses items that are not objects, and calls without keys', async () => {
      await expect(storage.write({ 'conv/j': [1, 2] as never })).rejects.toThrow(TypeError);
      await expect(storage.write({ 'conv/j': null as never })).rejects.toThrow(TypeError);
      await expect(storage.read(undefined as never)).rejects.toThrow(ReferenceError);
      await expect(storage.write(undefined as never)).rejects.toThrow(ReferenceError);
      expect(await storage.read([])).toEqual({});
      await storage.write({});
      await storage.delete([]);
    });

    it('deletes conversations idle since before a cut-off and counts them', async () => {
      await storage.write({ 'idle/1': { v: 1 }, 'idle/2': { v: 2 }, 'idle/3': { v: 3 } });
      await db.query(
        "UPDATE conversation_state SET updated_at = now() - interval '2 days' WHERE key IN ('idle/1', 'idle/2')",
      );
      const cutoff = new Date(Date.now() - 24 * 3600 * 1000);
      expect(await storage.deleteIdle(cutoff)).toBe(2);
      expect(Object.keys(await storage.read(['idle/1', 'idle/2', 'idle/3']))).toEqual(['idle/3']);
      expect(await storage.deleteIdle(cutoff)).toBe(0);
      await expect(storage.deleteIdle(new Date('nonsense'))).rejects.toThrow(RangeError);
    });

    it('answers ping', async () => {
      await expect(storage.ping()).resolves.toBeUndefined();
    });
  });

  (engine === 'pglite' ? it : it.skip)(
    'keeps everything across close and re-open of the same DATA_DIR',
    async () => {
      await storage.write({ 'conv/persist': { said: 'my bike was stolen' } });
      const before = await storage.read(['conv/persist']);
      await storage.close();
      await expect(storage.ping()).rejects.toThrow(/closed/);

      const started = Date.now();
      db = await openStore(t.options);
      const reopenMs = Date.now() - started;
      t.db = db;
      storage = new StateStorage(db);
      expect(await storage.read(['conv/persist'])).toEqual(before);
      expect(reopenMs).toBeLessThan(5000);
    },
  );
});
