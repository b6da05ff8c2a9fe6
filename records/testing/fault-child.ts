import pino from 'pino';
import { EXAMPLE_PROFILE } from '../../triage/profile';
import type { FlowRouteId } from '../../triage/routes';
import { sampleOrigin, sampleSubmission } from '../fixtures';
import { createRecords, defaultTranslator } from '../records';
import { WorkerEnvSchema, startWorkerFromEnv } from '../worker-main';

/**
 * A Bluelamp stand-in for the fault tests and the kill-loop benchmark: opens the store like the
 * server, runs a delivery worker (unless FAULT_DELIVER=0), and submits FAULT_SUBMIT sample reports
 * (or keeps submitting with FAULT_SUBMIT=forever), writing `submitted <REF>` to stdout once each
 * submit has resolved — the moment the person would be told. Killing it with SIGKILL at any point
 * must never lose a report so acknowledged.
 */

const ROUTES: readonly FlowRouteId[] = ['crime', 'rtc', 'asb', 'hate-crime', 'driving-complaint'];

async function main(): Promise<void> {
  const env = WorkerEnvSchema.parse(process.env);
  const logger = pino(
    { level: env.LOG_LEVEL, base: { service: 'fault-child' } },
    pino.destination(2),
  );
  const deliver = process.env.FAULT_DELIVER !== '0';
  const submitEnv = process.env.FAULT_SUBMIT ?? '0';
  const forever = submitEnv === 'forever';
  const count = forever ? Infinity : Number(submitEnv);
  const started = await startWorkerFromEnv(env, logger, deliver);
  const records = createRecords(started.db, { profile: EXAMPLE_PROFILE, logger });
  const translator = defaultTranslator();
  process.stdout.write('ready\n');
  for (let i = 0; i < count; i++) {
    const input = sampleSubmission(ROUTES[i % ROUTES.length] ?? 'crime', translator, {
      variant: i,
    });
    const { reference } = await records.submit(input, sampleOrigin());
    process.stdout.write(`submitted ${reference}\n`);
  }
  process.stdout.write('done\n');
  const stop = () => {
    void started.stop().then(() => {
      process.stdout.write(`delivered ${started.worker?.stats.delivered ?? 0}\n`, () =>
        process.exit(0),
      );
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `fault-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(3);
});
