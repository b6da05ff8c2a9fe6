/**
 * npm run records:receiver -- [--port N] [--secret S] [--quiet]
 * The reference receiver for integrators: see records/receiver.ts and docs/records.md.
 */
import { runReceiverCli } from '../records/receiver-cli';

void runReceiverCli(process.argv.slice(2), {
  out: (text) => {
    console.log(text);
  },
  err: (text) => {
    console.error(text);
  },
  env: process.env,
}).then((result) => {
  if (typeof result === 'number') {
    process.exitCode = result;
    return;
  }
  const stop = () => {
    void result.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
