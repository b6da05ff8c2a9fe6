import type { PGlite, Results as PgliteResults } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';

/**
 * The one database interface everything above `store/` sees. It hides whether we run on embedded
 * PGlite or on a PostgreSQL server, so SQL must stay in the dialect both understand (PGlite *is*
 * PostgreSQL 17 compiled to WebAssembly, so in practice: plain PostgreSQL, no extensions).
 */

/** A row as it comes off the wire: untrusted until a zod schema has parsed it. */
export type Row = Record<string, unknown>;

export interface QueryResult<R extends Row = Row> {
  rows: R[];
  /** Rows inserted, updated, deleted or returned by the statement. */
  rowCount: number;
}

/** Anything that runs one parameterised statement (`$1`, `$2`, …). */
export interface Queryable {
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

export type Engine = 'pglite' | 'postgres';

export interface Db extends Queryable {
  readonly engine: Engine;
  /**
   * Runs `fn` inside BEGIN … COMMIT, rolling back if it throws. Use only the `tx` it is given:
   * on PGlite (one connection) calling `db.query` from inside `fn` waits for the transaction to
   * end, i.e. forever.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Cheap round trip for `/readyz`; rejects when the database is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Internal: what the migration runner needs beyond `Db` — multi-statement SQL, and a session that
 * keeps the PostgreSQL advisory lock for as long as migrating takes.
 */
export interface MigrationSession {
  /** Runs several `;`-separated statements with no parameters, inside one transaction. */
  execInTransaction(sql: string, then: (tx: Queryable) => Promise<void>): Promise<void>;
  query: Queryable['query'];
}

export interface DbInternals extends Db {
  withMigrationSession<T>(lockKey: string, fn: (s: MigrationSession) => Promise<T>): Promise<T>;
}

class ClosedError extends Error {
  constructor() {
    super('Store: the database is closed.');
  }
}

function toResult<R extends Row>(
  rows: unknown[],
  count: number | null | undefined,
): QueryResult<R> {
  return { rows: rows as R[], rowCount: count ?? rows.length };
}

/** PGlite reports `affectedRows: 0` for a SELECT; callers expect the number of rows returned. */
function fromPglite<R extends Row>(r: PgliteResults<R>): QueryResult<R> {
  return toResult<R>(r.rows, r.command === 'SELECT' ? r.rows.length : r.affectedRows);
}

// ---------------------------------------------------------------------------------------------

/**
 * PGlite runs PostgreSQL in this process on a single connection. PGlite itself queues queries
 * and transactions behind one mutex, so a `query` issued while another caller's transaction is
 * open waits for it rather than running inside it — which is exactly the isolation we need.
 */
export class PgliteDb implements DbInternals {
  readonly engine = 'pglite' as const;
  private closed = false;

  /** `onClose` runs once the database is shut down (it releases the data directory lock). */
  constructor(
    private readonly pg: PGlite,
    private readonly onClose: () => void = () => undefined,
  ) {}

  async query<R extends Row = Row>(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<QueryResult<R>> {
    this.assertOpen();
    return fromPglite(await this.pg.query<R>(sql, [...params]));
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    this.assertOpen();
    return this.pg.transaction(async (tx) =>
      fn({
        query: async <R extends Row = Row>(sql: string, params: readonly unknown[] = []) =>
          fromPglite(await tx.query<R>(sql, [...params])),
      }),
    );
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.pg.close();
    } finally {
      this.onClose();
    }
  }

  async withMigrationSession<T>(
    _lockKey: string,
    fn: (s: MigrationSession) => Promise<T>,
  ): Promise<T> {
    // One process owns a PGlite data directory, so there is nobody to race with.
    return fn({
      query: (sql, params) => this.query(sql, params),
      execInTransaction: async (sql, then) => {
        await this.pg.transaction(async (tx) => {
          await tx.exec(sql);
          await then({
            query: async <R extends Row = Row>(q: string, p: readonly unknown[] = []) =>
              fromPglite(await tx.query<R>(q, [...p])),
          });
        });
      },
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new ClosedError();
  }
}

// ---------------------------------------------------------------------------------------------

async function inTransaction<T>(client: PoolClient, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // If ROLLBACK itself fails the connection is broken; the original error is the useful one.
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

function clientQueryable(client: PoolClient): Queryable {
  return {
    query: async <R extends Row = Row>(sql: string, params: readonly unknown[] = []) => {
      const r = await client.query<R>(sql, [...params]);
      return toResult<R>(r.rows, r.rowCount);
    },
  };
}

/** PostgreSQL through a `pg.Pool`: every transaction gets its own pooled connection. */
export class PostgresDb implements DbInternals {
  readonly engine = 'postgres' as const;
  private closed = false;

  constructor(private readonly pool: Pool) {}

  async query<R extends Row = Row>(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<QueryResult<R>> {
    this.assertOpen();
    const r = await this.pool.query<R>(sql, [...params]);
    return toResult<R>(r.rows, r.rowCount);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    this.assertOpen();
    const client = await this.pool.connect();
    // A checked-out client's connection can drop mid-transaction; pg then emits 'error' on the
    // client, which would end the process if nobody listens. Catch it, and destroy that client
    // instead of returning it to the pool.
    let lost: Error | undefined;
    const onError = (err: Error) => {
      lost = err;
    };
    client.on('error', onError);
    try {
      return await inTransaction(client, () => fn(clientQueryable(client)));
    } finally {
      client.off('error', onError);
      client.release(lost);
    }
  }

  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /**
   * Several replicas may start at once against one database. A session-level advisory lock,
   * keyed by schema, makes them take turns: the first applies the migrations, the rest then find
   * nothing to do. It is held on one dedicated connection and released when that connection
   * ends, so a process that dies mid-migration cannot leave the lock behind.
   */
  async withMigrationSession<T>(
    lockKey: string,
    fn: (s: MigrationSession) => Promise<T>,
  ): Promise<T> {
    this.assertOpen();
    const client = await this.pool.connect();
    let healthy = false;
    try {
      // No statement timeout here: waiting for another replica's migration is expected.
      await client.query('SET statement_timeout = 0');
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey]);
      try {
        return await fn({
          ...clientQueryable(client),
          execInTransaction: (sql, then) =>
            inTransaction(client, async () => {
              await client.query(sql);
              await then(clientQueryable(client));
            }),
        });
      } finally {
        healthy = await client
          .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey])
          .then(() => client.query('RESET statement_timeout'))
          .then(
            () => true,
            () => false,
          );
      }
    } finally {
      // A connection that could not unlock (or reset) is destroyed rather than pooled; ending
      // the session also frees its lock server-side.
      client.release(!healthy);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new ClosedError();
  }
}
