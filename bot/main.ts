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
    throw err;
  }
  const { server, ready } = service;
  const close = () => service.close();
  server.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    logger.info({ port: address.port }, `listening on http://localhost:${String(address.port)}`);
  });
  ready.then(
    () => {
      logger.info({ ms: Math.round(performance.now() - startedAt) }, 'ready');
    },
    () => {
      logger.fatal('the store could not be opened; stopping');
      void close().finally(() => process.exit(1));
    },
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing turns in flight');
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
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

main();
