import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { DbInternals } from './db';

/**
 * Schema changes are numbered SQL files in `store/migrations/` (`001_conversation_state.sql`,
 * `002_records.sql`, …), applied in order and recorded in `schema_migrations`. Adding one is
 * adding a file; the same files run on PGlite and PostgreSQL. Never edit a file once merged:
 * a database that already applied it will not run it again. Each file runs in one transaction,
 * so it must not use statements PostgreSQL forbids there (e.g. CREATE INDEX CONCURRENTLY).
 */

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE = /^(\d+)_([a-z0-9_-]+)\.sql$/i;

/**
 * The compiled server runs from `dist/store/`, where tsc copies no SQL; tests run from `store/`.
 * Walking up to the first folder holding `store/migrations` finds the source folder from both.
 */
export function defaultMigrationsDir(from: string = __dirname): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'store', 'migrations');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) {
      throw new Error(`Store: no store/migrations folder above ${from}.`);
    }
  }
}

/** The project folder (the one holding store/migrations), found the same way. */
export function projectRoot(from: string = __dirname): string {
  return dirname(dirname(defaultMigrationsDir(from)));
}

export function loadMigrations(dir: string): Migration[] {
  const migrations: Migration[] = [];
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.sql')) continue;
    const match = FILE.exec(file);
    if (!match?.[1] || !match[2]) {
      throw new Error(`Store: migration "${file}" is not named NNN_name.sql.`);
    }
    migrations.push({
      version: Number(match[1]),
      name: match[2],
      sql: readFileSync(join(dir, file), 'utf8'),
    });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i++) {
    // Two branches that both added "004_…" must not silently both run (or one be skipped).
    if (migrations[i]?.version === migrations[i - 1]?.version) {
      throw new Error(`Store: two migrations numbered ${migrations[i]?.version ?? '?'}.`);
    }
  }
  return migrations;
}

const AppliedRow = z.object({ version: z.number().int() });

/** Identifiers we splice into SQL (schema names) are checked, never quoted from user input. */
export const SchemaName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case SQL identifier');

/**
 * Applies the migrations `db` has not seen yet and returns the versions it applied. With a
 * schema it is created first, inside the same lock, because `CREATE SCHEMA IF NOT EXISTS` is
 * itself not safe against a concurrent twin.
 */
export async function migrate(
  db: DbInternals,
  migrations: readonly Migration[],
  schema: string | undefined,
): Promise<number[]> {
  const lockKey = `bluelamp:migrate:${schema ?? 'public'}`;
  return db.withMigrationSession(lockKey, async (session) => {
    if (schema !== undefined) {
      await session.query(`CREATE SCHEMA IF NOT EXISTS ${SchemaName.parse(schema)}`);
    }
    await session.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version    integer PRIMARY KEY,
         name       text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { rows } = await session.query('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => AppliedRow.parse(r).version));
    const done: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      await session.execInTransaction(m.sql, async (tx) => {
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          m.version,
          m.name,
        ]);
      });
      done.push(m.version);
    }
    return done;
  });
}
