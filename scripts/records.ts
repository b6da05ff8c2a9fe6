/**
 * npm run records -- list | show REF | redeliver REF | dead-letters | stats | purge | schema
 * The force IT team's view of the records hand-off; see records/cli.ts and docs/records.md.
 */
import pino from 'pino';
import { runRecordsCli } from '../records/cli';

const logger = pino({ base: { service: 'bluelamp-records' } }, pino.destination(2));

runRecordsCli(process.argv.slice(2), {
  out: (text) => {
    console.log(text);
  },
  err: (text) => {
    console.error(text);
  },
  env: process.env,
  logger,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`records: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 4;
  },
);
