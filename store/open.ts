import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { z } from 'zod';
import { PgliteDb, PostgresDb, type Db, type DbInternals, type Engine } from './db';
import { lockDir } from './dir-lock';
import { defaultMigrationsDir, loadMigrations, migrate, SchemaName } from './migrate';
import { copyTemplateInto, defaultTemplateCache, discardTemplate } from './pglite-template';

/** Enough of pino's Logger for what the store reports (never stored values: personal data). */
export interface StoreLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface StoreOptions {
  /** Defaults to `postgres` when a database URL is given (option or DATABASE_URL), else `pglite`. */
  engine?: Engine;
  /** PostgreSQL connection string; defaults to DATABASE_URL. */
  databaseUrl?: string;
  /**
   * PGlite data directory; defaults to DATA_DIR, then `./data`. The cluster goes in its `pglite`
   * subfolder. `memory://` keeps it in RAM (and then each open pays initdb, ~2.5 s).
   */
  dataDir?: string;
  /**
   * A PostgreSQL schema to live in, created if missing and put first on every connection's
   * search_path. Lets several test suites (or services) share one database without meeting.
   */
  schema?: string;
  /** PostgreSQL connections. The bot does short queries, so a few go a long way. */
  poolSize?: number;
  /** Any single PostgreSQL statement running longer is cancelled, so a stuck query cannot hang a turn. */
  statementTimeoutMs?: number;
  /** Where the NNN_name.sql files are; defaults to the project's store/migrations. */
  migrationsDir?: string;
  /** Where the PGlite empty-cluster template is cached (see pglite-template.ts); false: never. */
  templateCache?: string | false;
  /** Environment to read DATABASE_URL / DATA_DIR from; defaults to process.env. */
  env?: Record<string, string | undefined>;
  logger?: StoreLogger;
}

const Options = z.object({
  engine: z.enum(['pglite', 'postgres']).optional(),
  databaseUrl: z.string().optional(),
  dataDir: z.string().min(1).optional(),
  schema: SchemaName.optional(),
  poolSize: z.number().int().min(1).max(100).default(10),
  statementTimeoutMs: z.number().int().min(0).default(10_000),
  migrationsDir: z.string().min(1).optional(),
  templateCache: z.union([z.string().min(1), z.literal(false)]).optional(),
});

function nonEmpty(s: string | undefined): string | undefined {
  return s?.trim() ? s : undefined;
}

/**
 * Opens the store and brings its schema up to date. Everything above `store/` gets a `Db` and
 * cannot tell which engine is underneath.
 */
export async function openStore(options: StoreOptions = {}): Promise<Db> {
  const o = Options.parse(options);
  const env = options.env ?? process.env;
  const databaseUrl = nonEmpty(o.databaseUrl) ?? nonEmpty(env.DATABASE_URL);
  const engine = o.engine ?? (databaseUrl ? 'postgres' : 'pglite');
  const migrationsDir = o.migrationsDir ?? defaultMigrationsDir();
  const migrations = loadMigrations(migrationsDir);

  let db: DbInternals;
  if (engine === 'postgres') {
    if (!databaseUrl) throw new Error('Store: engine "postgres" needs DATABASE_URL.');
    db = openPostgres(databaseUrl, o.schema, o.poolSize, o.statementTimeoutMs, options.logger);
  } else {
    const dataDir = nonEmpty(o.dataDir) ?? nonEmpty(env.DATA_DIR) ?? './data';
    const cache = o.templateCache ?? defaultTemplateCache();
    db = await openPglite(dataDir, cache);
  }

  try {
    // One connection, so setting it once covers every later statement.
    if (engine === 'pglite' && o.schema !== undefined) {
      await db.query(`SET search_path TO ${o.schema}`);
    }
    const applied = await migrate(db, migrations, o.schema);
    if (applied.length > 0) options.logger?.info({ engine, applied }, 'store: migrations applied');
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  return db;
}

function openPostgres(
  connectionString: string,
  schema: string | undefined,
  max: number,
  statementTimeoutMs: number,
  logger: StoreLogger | undefined,
): PostgresDb {
  const pool = new Pool({
    connectionString,
    max,
    // Fail fast rather than queue turns behind a database that is not answering; /readyz
    // reports it.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: statementTimeoutMs,
    // A transaction left open by a crashed caller must not hold row locks for ever.
    idle_in_transaction_session_timeout: 60_000,
    application_name: 'bluelamp',
    // Set at connection start-up, so every pooled connection is in the schema from its first
    // statement; `schema` passed SchemaName, so it needs no quoting.
    ...(schema !== undefined && { options: `-c search_path=${schema}` }),
  });
  // Without a listener, an idle connection dropped by the server would crash the process.
  pool.on('error', (err) => {
    logger?.warn({ err: err.message }, 'store: idle PostgreSQL connection failed');
  });
  return new PostgresDb(pool);
}

/**
 * The cluster lives in DATA_DIR/pglite rather than in DATA_DIR itself, which other parts (the
 * records drop) also write into; DATA_DIR/pglite.lock keeps a second process out.
 */
async function openPglite(dataDir: string, cacheDir: string | false): Promise<PgliteDb> {
  // PGlite's in-memory mode: nothing to copy a template into, so it runs initdb (~2.5 s).
  if (dataDir.startsWith('memory://')) return new PgliteDb(await PGlite.create({ dataDir }));
  const root = resolve(dataDir);
  mkdirSync(root, { recursive: true });
  const release = lockDir(join(root, 'pglite.lock'), root);
  try {
    return new PgliteDb(await createCluster(join(root, 'pglite'), cacheDir), release);
  } catch (err) {
    release();
    throw err;
  }
}

async function createCluster(dir: string, cacheDir: string | false): Promise<PGlite> {
  const fresh = !existsSync(dir) || readdirSync(dir).length === 0;
  if (!fresh || !cacheDir || !(await copyTemplateInto(dir, cacheDir))) {
    mkdirSync(dir, { recursive: true });
    return PGlite.create({ dataDir: dir });
  }
  try {
    return await PGlite.create({ dataDir: dir });
  } catch {
    // A bad template must not leave a cluster that later opens would try to resume.
    discardTemplate(cacheDir);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return PGlite.create({ dataDir: dir });
  }
}
