import { ConfigError, loadConfig } from './config';
import { createLogger, routeConsoleToLogger } from './logger';
import { createServer } from './server';
import { ProfileError } from '../triage/profile';

/**
 * `npm start`: the service on its embedded defaults. Configuration or profile mistakes stop the
 * start with a message naming the problem (no stack trace); SIGTERM/SIGINT finish the turns in
 * flight and close the store before exiting.
 */
function main(): void {
  const startedAt = performance.now();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config.LOG_LEVEL);
  routeConsoleToLogger(logger, console);
  let service;
  try {
    service = createServer(config, { logger });
  } catch (err) {
    if (err instanceof ProfileError) {
      logger.fatal(err.message);
      process.exit(78);
    }
    logger.fatal({ reason: reason(err) }, 'start-up failed');
    logger.debug({ err }, 'start-up failure in detail');
    process.exit(1);
  }
  const { server, ready } = service;
  const close = () => service.close();
  let stopping = false;
  // A port in use or an address this host does not have: one line naming it, not Node's
  // unhandled 'error' event with a stack. The store is closed so its lock is released.
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (stopping) return;
    stopping = true;
    logger.fatal(
      { code: err.code, host: config.HOST, port: config.PORT },
      `cannot listen on ${config.HOST}:${String(config.PORT)}: ${err.code ?? err.message}`,
    );
    void close().finally(() => process.exit(1));
  });
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    logger.info({ port: address.port }, `listening on http://localhost:${String(address.port)}`);
  });
  ready.then(
    () => {
      if (!stopping) logger.info({ ms: Math.round(performance.now() - startedAt) }, 'ready');
    },
    (err: unknown) => {
      if (stopping) return;
      stopping = true;
      // What went wrong is one line an operator can act on (a locked or unwritable DATA_DIR, a
      // refused database login); the stack only helps a developer, so it is logged at debug.
      logger.fatal({ reason: reason(err) }, 'start-up failed; stopping');
      logger.debug({ err }, 'start-up failure in detail');
      void close().finally(() => process.exit(1));
    },
  );

  const stop = (signal: string) => {
    if (stopping) {
      // Whoever sends a second signal has decided not to wait (shutdown is bounded anyway).
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    const since = performance.now();
    logger.info({ signal }, 'shutting down: finishing turns in flight');
    close().then(
      () => {
        logger.info({ ms: Math.round(performance.now() - since) }, 'stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ reason: reason(err) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
}

function reason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // zod's message is the issues as pretty-printed JSON; one line is enough.
  return err.message.replace(/\s*\n\s*/g, ' ').slice(0, 500);
}

main();
