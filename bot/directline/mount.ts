import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { timingSafeEqual } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type * as restify from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { ConversationStore, type Conversation } from './conversations';
import { TokenService, randomId, type TokenClaims } from './tokens';

/**
 * A Direct Line 3.0 subset: exactly what the Bot Framework Web Chat client (botframework-directlinejs
 * 0.15, bundled in botframework-webchat 4.18) calls, so Web Chat runs against this server with no
 * Azure Bot Service in between. Paths, payloads and status codes follow that client: 403 means
 * "token expired or not yours" (it then refreshes or gives up), 404 means "conversation ended".
 */

/**
 * The bridge to the bot: one turn in, the turn's replies out. The real bot implements this with an
 * in-process `deliveryMode: "expectReplies"` turn on its CloudAdapter. The activity has the JSON
 * shape a bot receives over HTTP (timestamps as ISO strings), typed as botbuilder's Activity for the
 * implementer's convenience.
 */
export type DirectLineBot = (activity: Activity) => Promise<readonly Partial<Activity>[]>;

export interface DirectLineLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface DirectLineOptions {
  readonly bot: DirectLineBot;
  /** What the person sees when a turn fails. From locales; say 999 there. */
  readonly botErrorText: (locale: string) => string;
  readonly botAccount?: { readonly id: string; readonly name: string };
  /** Locale for activities when neither the client nor the conversation names one. */
  readonly defaultLocale?: string;
  /** HMAC key for tokens (a random per-process key otherwise). */
  readonly tokenSecret?: string;
  /** A Direct Line secret for server-to-server use (`tokens/generate`, starting conversations).
   * Without one only the public token endpoint issues tokens. */
  readonly secret?: string;
  readonly tokenTtlSeconds?: number;
  /** Public origin, e.g. https://chat.example.police.uk, when behind a proxy. Otherwise the Host
   * header (and X-Forwarded-Proto when `trustProxy`) decides the stream URL. */
  readonly publicUrl?: string;
  readonly trustProxy?: boolean;
  readonly basePath?: string;
  /** The page's token endpoint: no secret in the page, the server is the page's token server. */
  readonly webChatTokenPath?: string;
  readonly maxConversations?: number;
  readonly maxHistory?: number;
  readonly idleMs?: number;
  /** How long a POST waits for the bot before answering `{id}` anyway (replies follow when ready). */
  readonly replyTimeoutMs?: number;
  /** Turns queued per conversation before 429. */
  readonly maxPendingTurns?: number;
  /** A typing indicator goes out if the bot has not answered within this many ms. */
  readonly typingAfterMs?: number;
  readonly logger?: DirectLineLogger;
  readonly now?: () => number;
}

export interface DirectLineStats {
  readonly conversations: number;
  readonly streams: number;
  readonly evicted: number;
  readonly expired: number;
}

export interface DirectLineChannel {
  /** A proactive message (a QoS agent's reply, an outcome notice) into an open conversation. Returns
   * the activity id, or undefined when the conversation has gone (use another channel then). */
  pushActivity(conversationId: string, activity: Partial<Activity>): string | undefined;
  stats(): DirectLineStats;
  /** Stops the sweeper and closes every stream; call before closing the HTTP server. */
  close(): void;
}

const MAX_BODY_BYTES = 64 * 1024;
export const MAX_TEXT_LENGTH = 10_000;
const SWEEP_INTERVAL_MS = 60_000;
const PING_INTERVAL_MS = 30_000;
const MAX_SOCKET_BUFFER = 1024 * 1024;

const LocaleSchema = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'a BCP 47 language tag');

const StartBodySchema = z
  .object({
    user: z.object({ id: z.string().max(128).optional() }).optional(),
    locale: LocaleSchema.optional(),
  })
  .optional();

const GenerateBodySchema = z
  .object({
    user: z
      .object({ id: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _.:-') })
      .optional(),
  })
  .optional();

const WebChatTokenBodySchema = z
  .object({ resume: z.string().max(2048).optional(), locale: LocaleSchema.optional() })
  .optional();

/** Only what Web Chat sends and a bot reads; anything else is dropped, never forwarded. */
const IncomingActivitySchema = z.object({
  type: z.enum(['message', 'event', 'typing']),
  text: z.string().max(MAX_TEXT_LENGTH).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: LocaleSchema.optional(),
  localTimestamp: z.string().max(40).optional(),
  localTimezone: z.string().max(64).optional(),
  name: z.string().max(256).optional(),
  value: z.unknown().optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(16).optional(),
  attachments: z.array(z.unknown()).max(0, 'attachments are not supported').optional(),
  replyToId: z.string().max(128).optional(),
});

const WatermarkSchema = z
  .string()
  .regex(/^(-|-?\d{1,15})?$/, 'a watermark is a number')
  .transform((w) => (w === '' || w === '-' ? -1 : Number(w)));

const ConversationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

type Handler = (req: restify.Request, res: restify.Response) => Promise<void>;

type Auth =
  | { readonly kind: 'secret' }
  | { readonly kind: 'token'; readonly token: string; readonly claims: TokenClaims };

export function mountDirectLine(
  server: restify.Server,
  options: DirectLineOptions,
): DirectLineChannel {
  const basePath = options.basePath ?? '/v3/directline';
  const tokens = new TokenService({
    secret: options.tokenSecret,
    ttlSeconds: options.tokenTtlSeconds,
    now: options.now,
  });
  const store = new ConversationStore({
    maxConversations: options.maxConversations,
    maxHistory: options.maxHistory,
    idleMs: options.idleMs,
    now: options.now,
  });
  const now = options.now ?? Date.now;
  const bot = options.botAccount ?? { id: 'bluelamp', name: 'Bluelamp' };
  const defaultLocale = options.defaultLocale ?? 'en';
  const replyTimeoutMs = options.replyTimeoutMs ?? 15_000;
  const maxPendingTurns = options.maxPendingTurns ?? 8;
  const typingAfterMs = options.typingAfterMs ?? 500;
  const log = options.logger;
  const secret = options.secret ? Buffer.from(options.secret, 'utf8') : undefined;
  const publicUrl = options.publicUrl ? new URL(options.publicUrl) : undefined;

  /* ------------------------------------------------------------ request helpers */

  const handle =
    (fn: (req: restify.Request, res: restify.Response) => Promise<void> | void): Handler =>
    async (req, res) => {
      try {
        await fn(req, res);
      } catch (err) {
        if (err instanceof HttpError) {
          sendJson(
            res,
            err.status,
            { error: { code: err.code, message: err.message } },
            err.headers,
          );
        } else {
          log?.error({ err, path: req.path() }, 'direct line request failed');
          sendJson(res, 500, { error: { code: 'ServiceError', message: 'Something went wrong.' } });
        }
      }
    };

  function authenticate(req: restify.Request): Auth {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    const presented = match?.[1];
    if (!presented)
      throw new HttpError(401, 'MissingToken', 'Authorization: Bearer <token> is required.');
    if (secret && safeEqual(Buffer.from(presented, 'utf8'), secret)) return { kind: 'secret' };
    const verified = tokens.verify(presented);
    if (!verified.ok) {
      // 403 for every bad token: the client reads it as "expired" and refreshes or stops.
      const message =
        verified.reason === 'expired' ? 'The token has expired.' : 'The token is not valid.';
      throw new HttpError(
        403,
        verified.reason === 'expired' ? 'TokenExpired' : 'BadToken',
        message,
      );
    }
    return { kind: 'token', token: presented, claims: verified.claims };
  }

  /** The conversation named in the path, checked against the token's conversation. */
  function conversationFor(req: restify.Request, auth: Auth): Conversation {
    const id = ConversationIdSchema.safeParse(pathParam(req, 'conversationId'));
    if (!id.success) throw new HttpError(404, 'NotFound', 'No such conversation.');
    if (auth.kind === 'token' && auth.claims.conv !== id.data) {
      throw new HttpError(403, 'Forbidden', 'The token is for another conversation.');
    }
    const conversation = auth.kind === 'token' ? revive(req, auth.claims) : store.get(id.data);
    if (!conversation)
      throw new HttpError(404, 'NotFound', 'No such conversation (it may have ended).');
    store.touch(conversation);
    return conversation;
  }

  /**
   * The token's conversation, brought back if this process does not have it. Conversations here
   * are only the channel's buffer: after a restart (or the idle sweep) a client still holds a
   * token we signed (the key outlives the process: see `tokenSecret`), and the person's place in
   * the triage is in the store under the same conversation id. So the conversation is recreated
   * rather than refused, and the bot is told it started, which shows the person where they were.
   * Its sequence numbers start above any watermark the client can hold from before.
   */
  function revive(req: IncomingMessage, claims: TokenClaims): Conversation {
    const known = store.get(claims.conv);
    if (known) return known;
    const conversation = store.create(claims.conv, claims.user, Math.max(1, Math.floor(now())));
    startConversation(req, conversation);
    return conversation;
  }

  function origin(req: IncomingMessage): { http: string; ws: string } {
    if (publicUrl) {
      const secure = publicUrl.protocol === 'https:';
      return { http: publicUrl.origin, ws: `${secure ? 'wss' : 'ws'}://${publicUrl.host}` };
    }
    const host = validHost(req.headers.host) ?? '127.0.0.1';
    const forwarded = options.trustProxy
      ? firstHeader(req.headers['x-forwarded-proto'])
      : undefined;
    const secure =
      forwarded === 'https' || ('encrypted' in req.socket && req.socket.encrypted === true);
    return {
      http: `${secure ? 'https' : 'http'}://${host}`,
      ws: `${secure ? 'wss' : 'ws'}://${host}`,
    };
  }

  function streamUrl(req: IncomingMessage, conversation: Conversation, watermark?: number): string {
    const ticket = tokens.issue(conversation.id, conversation.userId, 'stream');
    const query = watermark === undefined ? '' : `watermark=${watermark}&`;
    return `${origin(req).ws}${basePath}/conversations/${conversation.id}/stream?${query}t=${ticket}`;
  }

  function conversationResponse(
    req: IncomingMessage,
    conversation: Conversation,
    token: string,
    watermark?: number,
  ): Record<string, unknown> {
    const verified = tokens.verify(token);
    return {
      conversationId: conversation.id,
      token,
      expires_in: verified.ok ? tokens.expiresIn(verified.claims) : 0,
      streamUrl: streamUrl(req, conversation, watermark),
      referenceGrammarId: '',
    };
  }

  /* ------------------------------------------------------------ the bot side */

  function userAccount(conversation: Conversation): Record<string, string> {
    return { id: conversation.userId, role: 'user' };
  }
  const botAccount = { id: bot.id, name: bot.name, role: 'bot' };

  /** What goes to the client for something the bot said: our ids, our timestamps, our addresses. */
  function stampReply(
    conversation: Conversation,
    reply: Partial<Activity>,
    replyToId: string | undefined,
  ): Record<string, unknown> | undefined {
    if (reply.type === 'trace' || reply.type === 'invokeResponse' || reply.type === 'delay') return;
    const plain = JSON.parse(JSON.stringify(reply)) as Record<string, unknown>;
    delete plain.id;
    delete plain.serviceUrl;
    delete plain.deliveryMode;
    delete plain.relatesTo;
    return {
      ...plain,
      type: reply.type ?? 'message',
      channelId: 'webchat',
      conversation: { id: conversation.id },
      from: botAccount,
      recipient: userAccount(conversation),
      timestamp: new Date(now()).toISOString(),
      locale: reply.locale ?? conversation.locale ?? defaultLocale,
      ...(replyToId ? { replyToId: reply.replyToId ?? replyToId } : {}),
    };
  }

  /** Runs one turn after those already queued for this conversation; never rejects. */
  function enqueueTurn(
    conversation: Conversation,
    activity: Record<string, unknown>,
    replyToId: string | undefined,
  ): Promise<void> {
    conversation.pendingTurns++;
    const run = async (): Promise<void> => {
      const typing = setTimeout(() => {
        conversation.broadcast({
          type: 'typing',
          id: `${conversation.id}|typing-${randomId(6)}`,
          channelId: 'webchat',
          conversation: { id: conversation.id },
          from: botAccount,
          recipient: userAccount(conversation),
          timestamp: new Date(now()).toISOString(),
        });
      }, typingAfterMs);
      try {
        const replies = await options.bot(activity as unknown as Activity);
        for (const reply of replies) {
          const stamped = stampReply(conversation, reply, replyToId);
          if (stamped) conversation.append(stamped);
        }
      } catch (err) {
        log?.error({ err, conversationId: conversation.id }, 'bot turn failed');
        const locale = conversation.locale ?? defaultLocale;
        conversation.append({
          type: 'message',
          text: options.botErrorText(locale),
          channelId: 'webchat',
          conversation: { id: conversation.id },
          from: botAccount,
          recipient: userAccount(conversation),
          timestamp: new Date(now()).toISOString(),
          locale,
          ...(replyToId ? { replyToId } : {}),
        });
      } finally {
        clearTimeout(typing);
        conversation.pendingTurns--;
        store.touch(conversation);
      }
    };
    const turn = conversation.turnQueue.then(run);
    conversation.turnQueue = turn;
    return turn;
  }

  function baseInbound(req: IncomingMessage, conversation: Conversation): Record<string, unknown> {
    return {
      channelId: 'webchat',
      serviceUrl: `${origin(req).http}${basePath}`,
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal' },
      from: userAccount(conversation),
      recipient: botAccount,
      timestamp: new Date(now()).toISOString(),
      locale: conversation.locale ?? defaultLocale,
    };
  }

  /** Tells the bot the conversation began (its cue to greet), once per conversation. */
  function startConversation(req: IncomingMessage, conversation: Conversation): void {
    if (conversation.started) return;
    conversation.started = true;
    void enqueueTurn(
      conversation,
      {
        ...baseInbound(req, conversation),
        type: 'conversationUpdate',
        // A conversation brought back after a restart starts again with its own id: the bot skips
        // an activity id it has already seen (a channel's redelivery), and it saw the first start.
        id: `${conversation.id}|start|${String(conversation.watermark)}`,
        membersAdded: [userAccount(conversation), botAccount],
      },
      undefined,
    );
  }

  /* ------------------------------------------------------------ routes */

  server.post(
    options.webChatTokenPath ?? '/api/webchat/token',
    handle(async (req, res) => {
      const body = parse(WebChatTokenBodySchema, await readJson(req));
      if (body?.resume) {
        // An expired token still resumes a conversation the server has kept: a phone that slept
        // past the token's half hour missed the refresh, and its person should carry on. The
        // signature proves the token is ours; the conversation itself is swept once idle.
        const verified = tokens.verify(body.resume, 'directline', { ignoreExpiry: true });
        const conversation = verified.ok ? revive(req, verified.claims) : undefined;
        if (verified.ok && conversation && conversation.userId === verified.claims.user) {
          store.touch(conversation);
          const token = tokens.issue(conversation.id, conversation.userId);
          sendJson(res, 200, {
            conversationId: conversation.id,
            token,
            expires_in: tokens.ttlSeconds,
            resumed: true,
          });
          return;
        }
      }
      const conversationId = randomId();
      const token = tokens.issue(conversationId, `dl_${randomId(12)}`);
      sendJson(res, 200, { conversationId, token, expires_in: tokens.ttlSeconds, resumed: false });
    }),
  );

  server.post(
    `${basePath}/tokens/generate`,
    handle(async (req, res) => {
      if (!secret) throw new HttpError(403, 'Forbidden', 'Token generation is not enabled here.');
      if (authenticate(req).kind !== 'secret') {
        throw new HttpError(403, 'Forbidden', 'Generating a token needs the Direct Line secret.');
      }
      const body = parse(GenerateBodySchema, await readJson(req));
      const conversationId = randomId();
      const userId = body?.user?.id ? `dl_${body.user.id}` : `dl_${randomId(12)}`;
      const token = tokens.issue(conversationId, userId);
      sendJson(res, 200, { conversationId, token, expires_in: tokens.ttlSeconds });
    }),
  );

  server.post(
    `${basePath}/tokens/refresh`,
    handle((req, res) => {
      const auth = authenticate(req);
      if (auth.kind !== 'token')
        throw new HttpError(403, 'Forbidden', 'Only a token can be refreshed.');
      const token = tokens.issue(auth.claims.conv, auth.claims.user);
      sendJson(res, 200, {
        conversationId: auth.claims.conv,
        token,
        expires_in: tokens.ttlSeconds,
      });
    }),
  );

  server.post(
    `${basePath}/conversations`,
    handle(async (req, res) => {
      const auth = authenticate(req);
      const body = parse(StartBodySchema, await readJson(req));
      let conversation: Conversation;
      let token: string;
      let status = 201;
      if (auth.kind === 'token') {
        const existing = store.get(auth.claims.conv);
        if (existing) status = 200;
        conversation = existing ?? store.create(auth.claims.conv, auth.claims.user);
        token = auth.token;
      } else {
        const userId = body?.user?.id ? body.user.id : `dl_${randomId(12)}`;
        conversation = store.create(randomId(), userId);
        token = tokens.issue(conversation.id, conversation.userId);
      }
      if (body?.locale) conversation.locale = body.locale;
      store.touch(conversation);
      startConversation(req, conversation);
      sendJson(res, status, conversationResponse(req, conversation, token));
    }),
  );

  server.get(
    `${basePath}/conversations/:conversationId`,
    handle((req, res) => {
      const auth = authenticate(req);
      const conversation = conversationFor(req, auth);
      const watermark = parse(WatermarkSchema, queryParam(req, 'watermark') ?? '');
      const token =
        auth.kind === 'token' ? auth.token : tokens.issue(conversation.id, conversation.userId);
      sendJson(
        res,
        200,
        conversationResponse(req, conversation, token, watermark < 0 ? undefined : watermark),
      );
    }),
  );

  server.get(
    `${basePath}/conversations/:conversationId/activities`,
    handle((req, res) => {
      const conversation = conversationFor(req, authenticate(req));
      const watermark = parse(WatermarkSchema, queryParam(req, 'watermark') ?? '');
      sendRawJson(res, 200, conversation.after(watermark));
    }),
  );

  server.post(
    `${basePath}/conversations/:conversationId/activities`,
    handle(async (req, res) => {
      const conversation = conversationFor(req, authenticate(req));
      const incoming = parse(IncomingActivitySchema, await readJson(req));
      if (incoming.type === 'typing') {
        // Not forwarded: a turn per keystroke would cost the bot for nothing.
        sendJson(res, 200, { id: `${conversation.id}|typing` });
        return;
      }
      if (conversation.pendingTurns >= maxPendingTurns) {
        throw new HttpError(
          429,
          'TooManyRequests',
          'Too many messages at once; try again shortly.',
          {
            'Retry-After': '2',
          },
        );
      }
      if (incoming.locale) conversation.locale = incoming.locale;
      const { type, attachments: _ignored, ...rest } = incoming;
      const activity: Record<string, unknown> = {
        ...rest,
        ...baseInbound(req, conversation),
        type,
      };
      const { id } = conversation.append(activity);
      const turn = enqueueTurn(conversation, { ...activity, id }, id);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        turn,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, replyTimeoutMs);
        }),
      ]);
      clearTimeout(timer);
      sendJson(res, 200, { id });
    }),
  );

  /* ------------------------------------------------------------ the stream */

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const streamPath = new RegExp(`^${escapeRegExp(basePath)}/conversations/([^/]+)/stream$`);

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return;
    }
    const match = streamPath.exec(url.pathname);
    if (!match) return; // another part of the server may own this upgrade
    const refuse = (status: number, text: string): void => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const verified = tokens.verify(url.searchParams.get('t') ?? '', 'stream');
    if (!verified.ok || verified.claims.conv !== match[1]) {
      refuse(403, 'Forbidden');
      return;
    }
    const watermark = WatermarkSchema.safeParse(url.searchParams.get('watermark') ?? '');
    if (!watermark.success) {
      refuse(400, 'Bad Request');
      return;
    }
    const conversation = revive(req, verified.claims);
    wss.handleUpgrade(req, socket, head, (ws) => {
      attach(conversation, ws, watermark.data);
    });
  };
  server.server.on('upgrade', onUpgrade);

  const alive = new WeakMap<WebSocket, boolean>();

  function attach(conversation: Conversation, ws: WebSocket, watermark: number): void {
    const subscriber = {
      send(set: string): void {
        // A client that stops reading is dropped, not buffered for without end.
        if (ws.bufferedAmount > MAX_SOCKET_BUFFER) ws.terminate();
        else ws.send(set);
      },
      close(): void {
        ws.close(1000, 'conversation ended');
      },
    };
    alive.set(ws, true);
    // Replay and subscribe in the same tick, so no activity falls between them.
    if (conversation.watermark > Math.max(watermark, 0)) ws.send(conversation.after(watermark));
    conversation.subscribers.add(subscriber);
    store.touch(conversation);
    ws.on('pong', () => alive.set(ws, true));
    // The client sends empty messages as keep-alives; any message counts as activity, none is read.
    ws.on('message', () => {
      alive.set(ws, true);
      store.touch(conversation);
    });
    ws.on('close', () => {
      conversation.subscribers.delete(subscriber);
      store.touch(conversation);
    });
    ws.on('error', () => {
      ws.terminate();
    });
  }

  // Pings keep proxies from idling the stream out and find browsers that vanished without a close.
  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, PING_INTERVAL_MS);
  pinger.unref();
  const sweeper = setInterval(() => store.sweep(), SWEEP_INTERVAL_MS);
  sweeper.unref();

  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(pinger);
    clearInterval(sweeper);
    server.server.off('upgrade', onUpgrade);
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    store.clear();
  };
  server.server.once('close', close);

  // http.Server.close() waits for every connection to end, and an upgraded stream is one that only
  // the browser ends: without this, a SIGTERM waits as long as any chat tab stays open (the 'close'
  // event above never comes). 1001 "going away" makes the client reconnect, to the next process.
  const httpServer = server.server;
  const httpClose = httpServer.close.bind(httpServer);
  httpServer.close = function closeWithStreams(this: typeof httpServer, callback) {
    server.server.off('upgrade', onUpgrade);
    for (const ws of wss.clients) ws.close(1001, 'server restarting');
    // A client that does not answer the close handshake is cut off, not waited for.
    setTimeout(() => {
      for (const ws of wss.clients) ws.terminate();
    }, 1000).unref();
    httpClose(callback);
    return this;
  };

  return {
    pushActivity(conversationId, activity) {
      const conversation = store.get(conversationId);
      if (!conversation) return undefined;
      const stamped = stampReply(conversation, activity, undefined);
      return stamped ? conversation.append(stamped).id : undefined;
    },
    stats() {
      let streams = 0;
      for (const ws of wss.clients) if (ws.readyState === ws.OPEN) streams++;
      return { conversations: store.size, streams, evicted: store.evicted, expired: store.expired };
    },
    close,
  };
}

/* ------------------------------------------------------------ plumbing */

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new HttpError(400, 'BadArgument', `${where}${issue?.message ?? 'invalid request'}`);
  }
  return parsed.data;
}

/** The JSON body, whether or not a body parser ran before us; undefined when there is none. */
async function readJson(req: restify.Request): Promise<unknown> {
  const preParsed: unknown = req.body;
  if (preParsed !== undefined && !Buffer.isBuffer(preParsed) && typeof preParsed !== 'string') {
    return preParsed;
  }
  const raw =
    preParsed === undefined
      ? await readBody(req)
      : Buffer.isBuffer(preParsed)
        ? preParsed.toString('utf8')
        : preParsed;
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new HttpError(400, 'BadArgument', 'The body is not valid JSON.');
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) {
    return Promise.reject(new HttpError(413, 'TooLarge', 'The body is too large.'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'TooLarge', 'The body is too large.'));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function sendJson(
  res: restify.Response,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendRawJson(res, status, JSON.stringify(body), headers);
}

function sendRawJson(
  res: restify.Response,
  status: number,
  json: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(json)),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(json);
}

function pathParam(req: restify.Request, name: string): unknown {
  const params: unknown = req.params;
  return typeof params === 'object' && params !== null
    ? (params as Record<string, unknown>)[name]
    : undefined;
}

function queryParam(req: IncomingMessage, name: string): string | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost').searchParams.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.split(',')[0]?.trim().toLowerCase();
}

/** A Host header fit to put in a URL we hand back; anything odd falls back to loopback. */
export function validHost(host: string | undefined): string | undefined {
  if (!host) return undefined;
  return /^([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(:\d{1,5})?$/.test(host)
    ? host
    : undefined;
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
