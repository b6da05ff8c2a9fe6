import pino from 'pino';
import { z } from 'zod';
import type { Db } from '../store/db';
import { openStore } from '../store/open';
import { startDelivery, type DeliveryWorker } from './delivery';
import { defaultDropDir } from './drop';

/**
 * A delivery worker on its own: `node dist/records/worker-main.js`. The server runs one in-process;
 * on PostgreSQL, more can run beside it (or on other hosts) and share the outbox — SKIP LOCKED and
 * leases keep each entry with one of them at a time. Configured by the same environment as the
 * server (DATABASE_URL or DATA_DIR, RECORDS_WEBHOOK_URL, RECORDS_WEBHOOK_SECRET, RECORDS_DIR) plus
 * the tuning knobs below, all optional.
 */

const optional = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();
const ms = z.coerce.number().int().positive().optional();

export const WorkerEnvSchema = z.object({
  DATABASE_URL: optional,
  DATA_DIR: optional,
  /** PostgreSQL schema to work in (tests give each run its own). */
  STORE_SCHEMA: optional,
  RECORDS_WEBHOOK_URL: optional,
  RECORDS_WEBHOOK_SECRET: optional,
  /** Default: `records` inside DATA_DIR (./data), as the server has it. */
  RECORDS_DIR: optional,
  RECORDS_MAX_ATTEMPTS: z.coerce.number().int().positive().optional(),
  RECORDS_BASE_DELAY_MS: ms,
  RECORDS_MAX_DELAY_MS: ms,
  RECORDS_POLL_MS: ms,
  RECORDS_CONCURRENCY: z.coerce.number().int().positive().optional(),
  RECORDS_TIMEOUT_MS: ms,
  RECORDS_LEASE_MS: ms,
  LOG_LEVEL: z.string().default('info'),
});
export type WorkerEnv = z.output<typeof WorkerEnvSchema>;

export interface StartedWorker {
  readonly db: Db;
  readonly worker?: DeliveryWorker;
  stop(): Promise<void>;
}

export function openStoreFromEnv(env: WorkerEnv, logger: pino.Logger): Promise<Db> {
  return openStore({
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(env.DATA_DIR ? { dataDir: env.DATA_DIR } : {}),
    ...(env.STORE_SCHEMA ? { schema: env.STORE_SCHEMA } : {}),
    env: {},
    logger,
  });
}

export async function startWorkerFromEnv(
  env: WorkerEnv,
  logger: pino.Logger,
  deliver = true,
): Promise<StartedWorker> {
  const db = await openStoreFromEnv(env, logger);
  if (!deliver) return { db, stop: () => db.close() };
  const worker = startDelivery(db, {
    recordsDir: env.RECORDS_DIR ?? defaultDropDir(env.DATA_DIR),
    logger,
    ...(env.RECORDS_WEBHOOK_URL ? { webhookUrl: env.RECORDS_WEBHOOK_URL } : {}),
    ...(env.RECORDS_WEBHOOK_SECRET ? { webhookSecret: env.RECORDS_WEBHOOK_SECRET } : {}),
    ...(env.RECORDS_MAX_ATTEMPTS ? { maxAttempts: env.RECORDS_MAX_ATTEMPTS } : {}),
    ...(env.RECORDS_BASE_DELAY_MS ? { baseDelayMs: env.RECORDS_BASE_DELAY_MS } : {}),
    ...(env.RECORDS_MAX_DELAY_MS ? { maxDelayMs: env.RECORDS_MAX_DELAY_MS } : {}),
    ...(env.RECORDS_POLL_MS ? { pollMs: env.RECORDS_POLL_MS } : {}),
    ...(env.RECORDS_CONCURRENCY ? { concurrency: env.RECORDS_CONCURRENCY } : {}),
    ...(env.RECORDS_TIMEOUT_MS ? { timeoutMs: env.RECORDS_TIMEOUT_MS } : {}),
    ...(env.RECORDS_LEASE_MS ? { leaseMs: env.RECORDS_LEASE_MS } : {}),
  });
  return {
    db,
    worker,
    async stop() {
      await worker.stop();
      await db.close();
    },
  };
}

if (require.main === module) {
  const parsed = WorkerEnvSchema.safeParse(process.env);
  const logger = pino({
    level: parsed.success ? parsed.data.LOG_LEVEL : 'info',
    base: { service: 'bluelamp-records-worker' },
  });
  if (!parsed.success) {
    logger.fatal({ issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'bad configuration');
    process.exitCode = 2;
  } else {
    startWorkerFromEnv(parsed.data, logger).then(
      (started) => {
        logger.info({ engine: started.db.engine }, 'records worker started');
        const stop = () => {
          void started.stop().then(() => process.exit(0));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      },
      (err: unknown) => {
        logger.fatal({ err: err instanceof Error ? err.message : String(err) }, 'could not start');
        process.exitCode = 3;
      },
    );
  }
}
