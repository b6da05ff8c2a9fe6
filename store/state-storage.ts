import { z } from 'zod';
import type { Db, Queryable } from './db';

/**
 * Durable bot state with optimistic concurrency, shaped exactly like botbuilder 4.23's
 * `Storage` (read / write / delete over `StoreItems`) so `bot/` can hand it to ConversationState
 * and UserState — without this folder importing botbuilder. Semantics follow botbuilder's own
 * MemoryStorage:
 *
 * - a write whose item has no eTag (or `*`) overwrites whatever is there;
 * - a write whose eTag equals the stored one succeeds, and the item gets a new eTag;
 * - a write with any other eTag fails with an error and changes nothing — not even the other
 *   keys in the same call, since a multi-key write is one transaction;
 * - a write with an eTag to a key that does not exist creates it (MemoryStorage does the same);
 * - reads return each item with its stored eTag; missing keys are simply absent.
 *
 * The caller's objects are never modified: to write again after a write, read again.
 */

/** botbuilder's `StoreItem`: a JSON object with an optional eTag. */
export interface StoreItem {
  [key: string]: unknown;
  eTag?: string;
}

/** botbuilder's `StoreItems`: items by storage key. */
export type StoreItems = Record<string, StoreItem>;

/** Thrown when a write's eTag is stale; nothing in that write was saved. */
export class EtagConflictError extends Error {
  constructor(readonly key: string) {
    // Same wording as botbuilder's MemoryStorage, which code and people may already recognise.
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'EtagConflictError';
  }
}

const StoredRow = z.object({
  key: z.string(),
  value: z.record(z.string(), z.unknown()),
  etag: z.string(),
});

const WrittenItem = z
  .record(z.string(), z.unknown())
  .and(z.object({ eTag: z.string().optional() }));

/**
 * jsonb refuses two things JSON.stringify happily emits: the NUL character (`\u0000`) and
 * unpaired UTF-16 surrogates (`\ud800`). Both can arrive in what a member of the public types,
 * and one such message must not make their conversation unsavable, so they become U+FFFD.
 * JSON.stringify writes both only as `\u` escapes, so we rewrite the escape — unless the
 * backslash is itself escaped (an even run of backslashes before it).
 */
const UNSTORABLE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi;

export function toJsonb(value: object): string {
  const json = JSON.stringify(value);
  // Both only ever appear as a `\u` escape: without one (nearly every turn) there is nothing to
  // scan for, and the state is written on every turn.
  return json.includes('\\u') ? json.replace(UNSTORABLE_ESCAPE, '$1\\ufffd') : json;
}

interface PendingWrite {
  readonly key: string;
  readonly json: string;
  readonly expected: string | null;
  readonly resolve: (etag: string) => void;
  readonly reject: (err: unknown) => void;
}

const BATCH_LIMIT = 200;

/**
 * Many keys in one statement with per-key eTag checks: existing rows are updated only where the
 * expected eTag matches (or none was given); missing rows are inserted (as MemoryStorage does).
 * A key missing from the result lost an eTag race.
 */
const WRITE_BATCH = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS i(key, value, expected)
  ), updated AS (
    UPDATE conversation_state AS s
       SET value = input.value::jsonb,
           etag = nextval('conversation_state_etag_seq')::text,
           updated_at = now()
      FROM input
     WHERE s.key = input.key AND (input.expected IS NULL OR s.etag = input.expected)
    RETURNING s.key, s.etag
  ), inserted AS (
    INSERT INTO conversation_state (key, value, etag)
    SELECT input.key, input.value::jsonb, nextval('conversation_state_etag_seq')::text
      FROM input
     WHERE NOT EXISTS (SELECT 1 FROM conversation_state AS s WHERE s.key = input.key)
    ON CONFLICT (key) DO NOTHING
    RETURNING key, etag
  )
  SELECT key, etag FROM updated UNION ALL SELECT key, etag FROM inserted`;

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/*
 * One statement decides each key. `ON CONFLICT … DO UPDATE … WHERE` locks the existing row and
 * re-checks the eTag against its latest committed version, so of two writers holding the same
 * eTag exactly one updates; the other gets no row back and we abort its transaction. eTags come
 * from a sequence, so they never repeat — not even after a key is deleted and written again.
 */
const UPSERT = `
  INSERT INTO conversation_state AS s (key, value, etag)
  VALUES ($1, $2::text::jsonb, nextval('conversation_state_etag_seq')::text)
  ON CONFLICT (key) DO UPDATE
    SET value = excluded.value, etag = excluded.etag, updated_at = now()
    WHERE $3::text IS NULL OR s.etag = $3::text
  RETURNING etag`;

export class StateStorage {
  constructor(private readonly db: Db) {}

  async read(keys: string[]): Promise<StoreItems> {
    // botbuilder's storages throw on a missing argument rather than return nothing.
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const { rows } = await this.db.query(
      'SELECT key, value, etag FROM conversation_state WHERE key = ANY($1::text[])',
      [keys],
    );
    for (const raw of rows) {
      const row = StoredRow.parse(raw);
      items[row.key] = { ...row.value, eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const input: unknown = changes;
    if (typeof input !== 'object' || input === null) {
      throw new ReferenceError('Changes are required when writing.');
    }
    // A fixed key order means two multi-key writers on PostgreSQL lock rows in the same order
    // and cannot deadlock.
    const entries = Object.entries(changes).sort(([a], [b]) => compareKeys(a, b));
    if (entries.length === 0) return;
    // Parse everything before touching the database, so a bad item fails the call up front.
    const rows = entries.map(([key, item]) => {
      const parsed = WrittenItem.safeParse(item);
      if (!parsed.success) throw new TypeError(`Storage: the item for "${key}" must be an object.`);
      const { eTag, ...value } = parsed.data;
      const expected = eTag === undefined || eTag === '' || eTag === '*' ? null : eTag;
      return { key, params: [key, toJsonb(value), expected] };
    });
    const upsert = async (tx: Queryable, row: (typeof rows)[number]) => {
      const { rowCount } = await tx.query(UPSERT, row.params);
      if (rowCount === 0) throw new EtagConflictError(row.key);
    };
    const [only] = rows;
    // One key is one statement, atomic on its own: no BEGIN/COMMIT round trips (the common
    // case — a turn saves conversation state).
    if (rows.length === 1 && only) return upsert(this.db, only);
    await this.db.transaction(async (tx) => {
      for (const row of rows) await upsert(tx, row);
    });
  }

  /**
   * Writes one item with botbuilder's eTag rules and returns its new eTag, so a caller that keeps
   * the item in memory can write it next time without reading it back first (a stale eTag still
   * fails with EtagConflictError, so a cache never hides another process's write).
   *
   * Group commit: writes that arrive while one is in flight go to the database together, as one
   * statement. Each caller still resolves only once its own row is stored, so nothing is
   * acknowledged early; the per-statement cost (large on PGlite) is shared by everyone waiting.
   */
  writeItem(key: string, item: StoreItem): Promise<string> {
    const { eTag, ...value } = item;
    const expected = eTag === undefined || eTag === '' || eTag === '*' ? null : eTag;
    return new Promise<string>((resolve, reject) => {
      this.pending.push({ key, json: toJsonb(value), expected, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private readonly pending: PendingWrite[] = [];
  private flushing = false;

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      // One row per key per statement: a second write of the same key waits for the next round,
      // where it meets the first one's new eTag exactly as it would have one at a time.
      const batch: PendingWrite[] = [];
      const later: PendingWrite[] = [];
      const keys = new Set<string>();
      for (const write of this.pending.splice(0, BATCH_LIMIT)) {
        if (keys.has(write.key)) later.push(write);
        else {
          keys.add(write.key);
          batch.push(write);
        }
      }
      this.pending.unshift(...later);
      try {
        const { rows } = await this.db.query<{ key: string; etag: string }>(WRITE_BATCH, [
          batch.map((w) => w.key),
          batch.map((w) => w.json),
          batch.map((w) => w.expected),
        ]);
        const etags = new Map(rows.map((r) => [r.key, r.etag]));
        for (const write of batch) {
          const etag = etags.get(write.key);
          if (etag === undefined) write.reject(new EtagConflictError(write.key));
          else write.resolve(etag);
        }
      } catch (err) {
        for (const write of batch) write.reject(err);
      }
    }
    this.flushing = false;
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.db.query('DELETE FROM conversation_state WHERE key = ANY($1::text[])', [keys]);
  }

  /**
   * Forgets state last written before `olderThan` (abandoned conversations: their state holds
   * what people told us, which we keep no longer than needed). Returns how many keys went.
   */
  async deleteIdle(olderThan: Date): Promise<number> {
    if (Number.isNaN(olderThan.getTime())) throw new RangeError('deleteIdle: invalid date.');
    const { rowCount } = await this.db.query(
      'DELETE FROM conversation_state WHERE updated_at < $1::timestamptz',
      [olderThan.toISOString()],
    );
    return rowCount;
  }

  /** For `/readyz`: rejects when the database cannot be reached. */
  ping(): Promise<void> {
    return this.db.ping();
  }

  /** Closes the underlying database (shared with anything else using the same `Db`). */
  close(): Promise<void> {
    return this.db.close();
  }
}
