import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { Db, Engine } from './db';
import { SchemaName } from './migrate';
import { openStore, type StoreOptions } from './open';

/**
 * For test suites of anything built on the store (records, desk, bot): run the same suite on
 * every engine available — PGlite always, PostgreSQL when DATABASE_URL is set — each in a
 * database of its own that is removed afterwards. Typical use:
 *
 *   describe.each(testEngines())('%s', (engine) => {
 *     let t: TestStore;
 *     beforeAll(async () => { t = await openTestStore(engine); });
 *     afterAll(() => t.cleanup());
 *   });
 */

export function testEngines(env: Record<string, string | undefined> = process.env): Engine[] {
  return env.DATABASE_URL?.trim() ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestStore {
  /** Reassign after re-opening; `cleanup` closes whichever `Db` is here then. */
  db: Db;
  engine: Engine;
  /** The options that open this same database again (after `db.close()`). */
  options: StoreOptions;
  /** Closes `db` (if still open) and removes the temp directory or schema. */
  cleanup(): Promise<void>;
}

/** A fresh, migrated store: a temp DATA_DIR for PGlite, a new schema for PostgreSQL. */
export async function openTestStore(
  engine: Engine,
  extra: Omit<StoreOptions, 'engine' | 'dataDir' | 'schema'> = {},
): Promise<TestStore> {
  const env = extra.env ?? process.env;
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'bluelamp-store-'));
    const options: StoreOptions = { ...extra, env, engine, dataDir };
    const store: TestStore = {
      db: await openStore(options),
      engine,
      options,
      cleanup: async () => {
        await store.db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
    return store;
  }
  const databaseUrl = extra.databaseUrl ?? env.DATABASE_URL;
  if (!databaseUrl) throw new Error('openTestStore: postgres needs DATABASE_URL.');
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const options: StoreOptions = { ...extra, env, engine, databaseUrl, schema };
  const store: TestStore = {
    db: await openStore(options),
    engine,
    options,
    cleanup: async () => {
      await store.db.close();
      await dropSchema(databaseUrl, schema);
    },
  };
  return store;
}

/** Drops a test schema (the name is checked, so it needs no quoting). */
export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  SchemaName.parse(schema);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
