import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as restify from 'restify';
import type { Activity, TurnContext } from 'botbuilder';
import { loadResources } from '../locales/load';
import { loadTokenKey, mountDirectLine, type DirectLineChannel } from './directline';
import { fromTranslator, mountWebChat } from '../web/mount';
import { openStore, StateStorage, type Db, type StoreItem, type StoreOptions } from '../store';
import { createRecords, purge, startDelivery } from '../records';
import { defaultClassifier, detectEmergency } from '../triage/classifier';
import { createTranslator, type Translator } from '../triage/i18n';
import { isUiLocale } from '../triage/languages';
import {
  createTriageMachine,
  type SubmissionInput,
  type SubmissionResult,
} from '../triage/machine';
import { EXAMPLE_PROFILE, parseProfile, ProfileError, type ForceProfile } from '../triage/profile';
import type { Config } from './config';
import { BluelampAdapter } from './adapter';
import { BluelampBot, turnOrigin, type TurnOrigin } from './bot';
import { createLogger, type Logger } from './logger';

/** What the records hand-off offers the bot (records/ implements it). */
export interface RecordsPort {
  submit(input: SubmissionInput, origin: TurnOrigin): Promise<SubmissionResult>;
  /** Stops background delivery; called on shutdown. */
  stop?(): Promise<void>;
}

export interface ServiceParts {
  readonly logger?: Logger;
  /** Extra store options (tests: a schema of their own on a shared PostgreSQL). */
  readonly store?: Partial<StoreOptions>;
  /** Builds the records hand-off once the store is open. */
  readonly records?: (
    db: Db,
    ctx: { profile: ForceProfile; translator: Translator; logger: Logger },
  ) => RecordsPort;
}

export interface Service {
  readonly server: restify.Server;
  /** Resolves when the store is open and the service can take turns (`/readyz` turns 200). */
  readonly ready: Promise<void>;
  readonly directLine: DirectLineChannel;
  close(): Promise<void>;
}

export function loadForceProfile(path: string | undefined): ForceProfile {
  if (!path) return EXAMPLE_PROFILE;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ProfileError(
      `FORCE_PROFILE ${path}: cannot read it as JSON (${(err as Error).message})`,
    );
  }
  return parseProfile(raw, path);
}

/**
 * The records hand-off: reports and their outbox entries in the store, delivered by a worker in
 * this process to the webhook (RECORDS_WEBHOOK_URL) or, by default, the NDJSON drop in RECORDS_DIR.
 */
function defaultRecords(config: Config): NonNullable<ServiceParts['records']> {
  return (db, { profile, translator, logger }) => {
    const records = createRecords(db, { profile, translator, logger });
    const worker = startDelivery(db, {
      ...(config.RECORDS_WEBHOOK_URL ? { webhookUrl: config.RECORDS_WEBHOOK_URL } : {}),
      ...(config.RECORDS_WEBHOOK_SECRET ? { webhookSecret: config.RECORDS_WEBHOOK_SECRET } : {}),
      recordsDir: config.RECORDS_DIR,
      logger,
    });
    return { submit: (input, origin) => records.submit(input, origin), stop: () => worker.stop() };
  };
}

function sendJson(res: restify.Response, status: number, body: object): void {
  res.status(status);
  res.json(body);
}

/**
 * The whole service on one restify server: the Bot Framework endpoint, our own Direct Line channel
 * and web chat page, health checks. HTTP is up at once; the store opens alongside, and turns wait
 * for it (`/readyz` says when it is ready), so a slow first start never refuses a connection.
 */
export function createServer(config: Config, parts: ServiceParts = {}): Service {
  const logger = parts.logger ?? createLogger(config.LOG_LEVEL);
  const profile = loadForceProfile(config.FORCE_PROFILE);
  const translator = createTranslator(loadResources());
  if (!config.MicrosoftAppId) {
    logger.warn(
      'MicrosoftAppId is not set: /api/messages accepts unauthenticated requests (local use only)',
    );
  }

  // Built before the store opens: a bad auth setting must not leave a half-opened store behind.
  const adapter = new BluelampAdapter(config);
  const store = openStore({
    dataDir: config.DATA_DIR,
    ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}),
    logger,
    ...parts.store,
  });
  let db: Db | undefined;
  let records: RecordsPort | undefined;
  // The classifier trains from its examples on first use: do it while the store opens, not on
  // the first person's message.
  const warm = new Promise<void>((resolve) => {
    setImmediate(() => {
      defaultClassifier.classify('warm up');
      resolve();
    });
  });
  const ready = Promise.all([store, warm]).then(([opened]) => {
    db = opened;
    // Stopped before the store finished opening (e.g. the port was taken): close() closes it, and
    // no delivery worker should start on a database about to close.
    if (closing) return;
    records = (parts.records ?? defaultRecords(config))(opened, { profile, translator, logger });
    logger.info({ engine: opened.engine }, 'store ready');
  });
  // Whoever started the service reports a failed start (bot/main.ts: one line, then exit); this
  // only keeps the rejection from counting as unhandled while nothing awaits it yet.
  ready.catch(() => undefined);
  let state: StateStorage | undefined;
  // One StateStorage for the process, so concurrent turns' writes are committed together.
  const shared = async () => {
    state ??= new StateStorage(await storeOrThrow());
    return state;
  };
  const storage = {
    read: async (keys: string[]) => (await shared()).read(keys),
    write: async (changes: Record<string, StoreItem>) => (await shared()).write(changes),
    writeItem: async (key: string, item: StoreItem) => (await shared()).writeItem(key, item),
  };
  async function storeOrThrow(): Promise<Db> {
    await ready;
    if (!db) throw new Error('store not open');
    return db;
  }

  const machine = createTriageMachine({
    classifier: defaultClassifier,
    detectEmergency,
    profile,
    translator,
    submit: async (input) => {
      const origin = turnOrigin.getStore();
      if (!records || !origin) throw new Error('records hand-off is not available');
      return records.submit(input, origin);
    },
  });
  const bot = new BluelampBot({
    storage,
    logger,
    turn: {
      machine,
      triage: { profile, translator, detectEmergency },
      resumeAfterMs: config.RESUME_PROMPT_MINUTES * 60_000,
      expireAfterMs: config.IDLE_EXPIRY_MINUTES * 60_000,
    },
    onEmitted: (event) => {
      if (event.type === 'handoff' || event.type === 'emergency' || event.type === 'submitted') {
        logger.info({ event: event.type }, 'triage event');
      }
    },
  });

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const correlationId = randomUUID();
    logger.error({ err: error, correlationId, channel: context.activity.channelId }, 'turn failed');
    const locale = context.activity.locale?.split('-')[0] ?? profile.languages.default;
    const text = translator.t(
      { key: 'common:turnError', params: { nonEmergency: profile.nonEmergencyNumber } },
      isUiLocale(locale) ? locale : profile.languages.default,
    );
    try {
      await context.sendActivity({ type: 'message', text, textFormat: 'plain' });
    } catch (sendErr) {
      // The channel is unreachable too (often the very reason the turn failed). Logged under the
      // same id, and not rethrown: botbuilder would answer 500 with the error's text.
      logger.warn(
        { correlationId, reason: (sendErr as Error).message },
        'turn error reply not delivered',
      );
    }
  };

  let inFlight = 0;
  let closing = false;
  const logic = async (context: TurnContext) => {
    inFlight++;
    try {
      await bot.onTurn(context);
    } finally {
      inFlight--;
    }
  };

  const server = restify.createServer({ name: 'bluelamp', handleUncaughtExceptions: false });
  // Node waits up to 5 minutes for a request that is still arriving; one slow client per socket
  // could hold that many open. Nothing here needs more than a few seconds to send a request.
  server.server.headersTimeout = 15_000;
  server.server.requestTimeout = 30_000;
  // Requests whose body has fully arrived and whose response has not closed: shutdown waits for
  // these, but not for one still trickling in (see close()).
  const requests = new Set<{ complete: boolean }>();
  server.server.on('request', (req, res) => {
    requests.add(req);
    res.once('close', () => requests.delete(req));
  });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 512 * 1024 }));
  server.on(
    'restifyError',
    (
      _req: restify.Request,
      res: restify.Response,
      err: Error & { statusCode?: number },
      next: () => void,
    ) => {
      // Never a stack trace to the client: a status and a plain message.
      if (!err.statusCode || err.statusCode >= 500) logger.error({ err }, 'request failed');
      res.header('content-type', 'application/json');
      (err as Error & { toJSON?: () => object }).toJSON = () => ({
        error: err.statusCode && err.statusCode < 500 ? err.message : 'Internal error',
      });
      next();
    },
  );

  server.get('/healthz', async (_req, res) => {
    await Promise.resolve();
    sendJson(res, 200, { status: 'ok' });
  });
  server.get('/readyz', async (_req, res) => {
    try {
      if (!db || closing) throw new Error('not ready');
      await db.ping();
      sendJson(res, 200, { status: 'ready', store: db.engine });
    } catch {
      sendJson(res, 503, { status: 'not ready' });
    }
  });

  server.post('/api/messages', async (req, res) => {
    const body: unknown = req.body;
    if (
      typeof body !== 'object' ||
      body === null ||
      typeof (body as { type?: unknown }).type !== 'string'
    ) {
      sendJson(res, 400, {
        error: 'Expected a Bot Framework activity: a JSON object with a "type".',
      });
      return;
    }
    if (closing) {
      sendJson(res, 503, { error: 'Shutting down; retry shortly.' });
      return;
    }
    if (!req.is('application/json')) {
      sendJson(res, 415, { error: 'Send the activity as application/json.' });
      return;
    }
    // botbuilder answers a failure with the error's message as the body (a fetch error naming
    // an internal host, a database error): the client gets a status and a fixed text instead.
    const send = res.send.bind(res);
    res.send = ((body?: unknown): void => {
      send(res.statusCode >= 500 ? { error: 'Internal error' } : body);
    }) as typeof res.send;
    await adapter.process(req, res, logic);
  });

  const tokenKey = loadTokenKey(config.DIRECTLINE_TOKEN_SECRET, config.DATA_DIR);
  if (tokenKey.source === 'process') {
    logger.warn(
      { reason: tokenKey.reason },
      'web chat token key not kept: web chats will start afresh after a restart',
    );
  }
  const directLine = mountDirectLine(server, {
    ...(tokenKey.source === 'process' ? {} : { tokenSecret: tokenKey.key }),
    bot: (activity: Activity) => adapter.processLocal(activity, logic),
    botErrorText: (locale) =>
      translator.t(
        { key: 'common:turnError', params: { nonEmergency: profile.nonEmergencyNumber } },
        isUiLocale(locale.split('-')[0] ?? '') ? (locale.split('-')[0] ?? 'en') : 'en',
      ),
    botAccount: { id: 'bluelamp', name: profile.botName },
    defaultLocale: profile.languages.default,
    logger,
  });
  mountWebChat(server, { profile, translate: fromTranslator(translator), logger });

  // Forget conversations nobody has touched for IDLE_EXPIRY_MINUTES (their state holds personal
  // data), and purge delivered reports and transcripts past their retention.
  const sweep = setInterval(() => {
    if (!db) return;
    purge(db, {
      reportDays: config.RECORDS_RETENTION_DAYS,
      transcriptDays: config.RECORDS_TRANSCRIPT_RETENTION_DAYS,
      logger,
    }).catch((err: unknown) => {
      logger.warn({ err }, 'retention purge failed');
    });
    const cutoff = new Date(Date.now() - config.IDLE_EXPIRY_MINUTES * 60_000);
    new StateStorage(db)
      .deleteIdle(cutoff)
      .then((n) => {
        if (n > 0) logger.info({ removed: n }, 'idle conversations expired');
      })
      .catch((err: unknown) => {
        logger.warn({ err }, 'idle sweep failed');
      });
  }, 10 * 60_000);
  sweep.unref();

  async function close(): Promise<void> {
    if (closing) return;
    closing = true;
    clearInterval(sweep);
    const closed = new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    // Turns and responses under way get up to 10 s. Keep-alive sockets go as soon as they are
    // idle, and a request still arriving is not waited for: once closing, Node stops timing out
    // slow requests, so one stalled client would otherwise hold the shutdown open for ever.
    const deadline = Date.now() + 10_000;
    const busy = () => inFlight > 0 || [...requests].some((req) => req.complete);
    do {
      server.server.closeIdleConnections();
      if (!busy()) break;
      await new Promise((r) => setTimeout(r, 25));
    } while (Date.now() < deadline);
    directLine.close();
    server.server.closeAllConnections();
    await closed;
    await records?.stop?.();
    await ready.catch(() => undefined);
    await db?.close();
  }

  return { server, ready, directLine, close };
}
