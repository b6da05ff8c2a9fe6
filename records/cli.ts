import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { z } from 'zod';
import type { Db } from '../store/db';
import { DirInUseError } from '../store/dir-lock';
import { projectRoot } from '../store/migrate';
import { openStore } from '../store/open';
import {
  deadLetters,
  listReports,
  outboxCounts,
  purge,
  redeliver,
  type ReportSummary,
} from './admin';
import { loadReport, type RecordsLogger } from './records';
import { parseReference } from './reference';
import { reportJsonSchema } from './report';
import { DELIVERY_STATUSES } from './rows';

/**
 * `npm run records -- <command>`: the force IT team's view of the hand-off. The logic lives here
 * (returning an exit code) so it is tested in-process; scripts/records.ts only wires the process.
 *
 * Exit codes: 0 done; 1 not found (or nothing to redeliver); 2 usage; 3 store unavailable.
 */

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Record<string, string | undefined>;
  readonly logger?: RecordsLogger;
  /** For tests: use this store instead of opening one from DATA_DIR / DATABASE_URL. */
  readonly db?: Db;
  readonly now?: () => Date;
}

export const USAGE = `usage: npm run records -- <command> [options]

  list [--status pending|delivered|dead] [--limit N]   reports, newest first
  show REF [--transcript]                              one report, its delivery and transcript
  redeliver REF                                        queue a report to be delivered again
  dead-letters                                         reports that could not be delivered
  stats                                                how many reports are in each state
  purge [--dry-run] [--days N] [--transcript-days N]   apply retention (counts only are logged)
  schema [--write]                                     print (or write docs/report.schema.json)

  --json    machine-readable output
  The store is DATA_DIR (embedded, default ./data) or DATABASE_URL (PostgreSQL).
  Retention defaults: RECORDS_RETENTION_DAYS, RECORDS_TRANSCRIPT_RETENTION_DAYS (30 days each).`;

const EXIT = { ok: 0, notFound: 1, usage: 2, store: 3 } as const;

class UsageError extends Error {}

const RetentionEnv = z.object({
  RECORDS_RETENTION_DAYS: z.coerce.number().min(0).default(30),
  RECORDS_TRANSCRIPT_RETENTION_DAYS: z.coerce.number().min(0).default(30),
});

function emptyToUndefined(env: Record<string, string | undefined>) {
  return Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
}

const iso = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, 'Z') : '');

function table(rows: readonly ReportSummary[]): string {
  const head = ['REFERENCE', 'SUBMITTED', 'ROUTE', 'TEAM', 'CHANNEL', 'STATUS', 'TRIES', 'DETAIL'];
  const body = rows.map((r) => [
    r.reference,
    iso(r.submittedAt),
    r.route,
    r.team,
    r.channel,
    r.status,
    String(r.attempts),
    r.status === 'delivered'
      ? `to ${r.deliveredTo ?? '?'} at ${iso(r.deliveredAt)}`
      : r.status === 'dead'
        ? (r.lastError ?? '')
        : r.lastError
          ? `retry at ${iso(r.nextAttemptAt)}: ${r.lastError}`
          : `due ${iso(r.nextAttemptAt)}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(head), ...body.map(line)].join('\n');
}

async function openFromEnv(io: CliIo): Promise<Db> {
  const env = io.env;
  const url = env.DATABASE_URL?.trim();
  if (!url) {
    const dataDir = resolve(env.DATA_DIR?.trim() || './data');
    // Opening an empty folder would create a new, empty store: almost certainly the wrong place.
    if (!existsSync(join(dataDir, 'pglite'))) {
      throw new StoreUnavailable(
        `No embedded store in ${dataDir}. Set DATA_DIR to the server's data folder, or DATABASE_URL.`,
      );
    }
  }
  try {
    return await openStore({ env, poolSize: 2 });
  } catch (err) {
    if (err instanceof DirInUseError) {
      throw new StoreUnavailable(
        `${err.message}\nThe embedded store can be open in one process only: stop the server to ` +
          'use this command, or run Bluelamp on PostgreSQL (DATABASE_URL) to share the store.',
      );
    }
    const code = (err as NodeJS.ErrnoException).code;
    throw new StoreUnavailable(
      `Cannot open the store${url ? ' at DATABASE_URL' : ''}: ${code ? `${code} ` : ''}${
        (err as Error).message
      }`,
    );
  }
}

class StoreUnavailable extends Error {}

export async function runRecordsCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        status: { type: 'string' },
        limit: { type: 'string' },
        transcript: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        days: { type: 'string' },
        'transcript-days': { type: 'string' },
        write: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const json = values.json;
  const print = (human: string, data: unknown) => {
    io.out(json ? JSON.stringify(data, null, 2) : human);
  };

  if (command === 'schema') {
    const text = `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
    if (values.write) {
      const path = join(projectRoot(), 'docs', 'report.schema.json');
      writeFileSync(path, text);
      io.out(`wrote ${path}`);
    } else io.out(text.trimEnd());
    return EXIT.ok;
  }

  let db: Db | undefined;
  try {
    const needsRef = command === 'show' || command === 'redeliver';
    if (!['list', 'show', 'redeliver', 'dead-letters', 'stats', 'purge'].includes(command)) {
      throw new UsageError(`unknown command "${command}"`);
    }
    if (needsRef ? rest.length !== 1 : rest.length !== 0) {
      throw new UsageError(needsRef ? `${command} needs one reference` : 'unexpected arguments');
    }
    const status = values.status;
    if (status !== undefined && !(DELIVERY_STATUSES as readonly string[]).includes(status)) {
      throw new UsageError(`--status must be one of ${DELIVERY_STATUSES.join(', ')}`);
    }
    const number = (name: string, v: string | undefined) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a number ≥ 0`);
      return n;
    };
    const limit = number('limit', values.limit);

    // A typed reference is checked before the store is opened: a slip is answered at once.
    let reference: string | undefined;
    let nearby: readonly string[] = [];
    if (needsRef) {
      const typed = rest[0] ?? '';
      const ref = parseReference(typed);
      if (ref.ok) reference = ref.reference;
      else nearby = ref.nearby;
      if (!ref.ok && nearby.length === 0) {
        io.err(`"${typed}" is not a Bluelamp reference (they look like BL-7K3M-9QX2).`);
        return EXIT.notFound;
      }
    }

    db = io.db ?? (await openFromEnv(io));
    const now = io.now ? io.now() : new Date();

    switch (command) {
      case 'list': {
        const rows = await listReports(db, {
          ...(status ? { status: status as ReportSummary['status'] } : {}),
          limit: limit ?? 50,
        });
        print(rows.length ? table(rows) : 'No reports.', rows);
        return EXIT.ok;
      }
      case 'dead-letters': {
        const rows = await deadLetters(db, limit ?? 200);
        print(
          rows.length
            ? `${table(rows)}\n\nFix the cause, then: npm run records -- redeliver REF`
            : 'No dead letters: every report has been delivered or is still being tried.',
          rows,
        );
        return EXIT.ok;
      }
      case 'stats': {
        const counts = await outboxCounts(db);
        print(
          `pending ${counts.pending}  delivered ${counts.delivered}  dead ${counts.dead}`,
          counts,
        );
        return EXIT.ok;
      }
      case 'purge': {
        const defaults = RetentionEnv.parse(emptyToUndefined(io.env));
        const result = await purge(db, {
          reportDays: number('days', values.days) ?? defaults.RECORDS_RETENTION_DAYS,
          transcriptDays:
            number('transcript-days', values['transcript-days']) ??
            defaults.RECORDS_TRANSCRIPT_RETENTION_DAYS,
          now,
          dryRun: values['dry-run'],
          ...(io.logger ? { logger: io.logger } : {}),
        });
        print(
          `${result.dryRun ? 'Would remove' : 'Removed'} ${result.reports} delivered report(s) ` +
            `and ${result.transcripts} transcript(s).`,
          result,
        );
        return EXIT.ok;
      }
      case 'show':
      case 'redeliver': {
        if (!reference) {
          const found = await existing(db, nearby);
          io.err(
            `${rest[0] ?? ''} is not a valid reference (a character is wrong or two are swapped).` +
              (found.length ? `\nDid you mean ${found.join(' or ')}?` : ''),
          );
          return EXIT.notFound;
        }
        if (command === 'redeliver') {
          if (!(await redeliver(db, reference, now))) {
            io.err(`No report ${reference}.`);
            return EXIT.notFound;
          }
          print(
            `${reference} queued for delivery (same Idempotency-Key: a receiver that has it ` +
              'answers "already received").',
            { reference, status: 'pending' },
          );
          return EXIT.ok;
        }
        const stored = await loadReport(db, reference);
        if (!stored) {
          io.err(`No report ${reference} (it may have been purged after delivery).`);
          return EXIT.notFound;
        }
        const d = stored.delivery;
        const human = [
          `${stored.reference}  ${stored.report.title} → ${stored.report.team.name}`,
          `submitted ${iso(stored.submittedAt)} via ${stored.channel} (${stored.report.language})`,
          `delivery  ${d.status}, ${d.attempts} attempt(s)` +
            (d.deliveredAt
              ? `, delivered to ${d.deliveredTo ?? '?'} at ${iso(d.deliveredAt)}`
              : '') +
            (d.lastError ? `, last error: ${d.lastError}` : ''),
          '',
          JSON.stringify(stored.report, null, 2),
          ...(values.transcript
            ? [
                '',
                stored.transcript
                  ? stored.transcript
                      .map((l) => `${l.at}  ${l.from.padEnd(6)}  ${l.text}`)
                      .join('\n')
                  : '(no transcript: none was kept, or it has been purged)',
              ]
            : []),
        ].join('\n');
        print(human, {
          reference: stored.reference,
          delivery: stored.delivery,
          report: stored.report,
          ...(values.transcript ? { transcript: stored.transcript ?? null } : {}),
        });
        return EXIT.ok;
      }
    }
    return EXIT.usage;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (err instanceof StoreUnavailable) {
      io.err(err.message);
      return EXIT.store;
    }
    throw err;
  } finally {
    if (db && !io.db) await db.close();
  }
}

async function existing(db: Db, references: readonly string[]): Promise<string[]> {
  if (references.length === 0) return [];
  const params = references.map((_, i) => `$${i + 1}`).join(', ');
  const { rows } = await db.query(`SELECT reference FROM reports WHERE reference IN (${params})`, [
    ...references,
  ]);
  return rows.map((r) => z.object({ reference: z.string() }).parse(r).reference);
}

/** Whether docs/report.schema.json is what the schema generates now (a test checks this). */
export function schemaFileIsCurrent(root: string = projectRoot()): boolean {
  const path = join(root, 'docs', 'report.schema.json');
  if (!existsSync(path)) return false;
  // Compared as JSON, so a formatter's line breaks in the committed file do not matter.
  const committed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return isDeepStrictEqual(committed, JSON.parse(JSON.stringify(reportJsonSchema())));
}
