import * as restify from 'restify';
import WebSocket from 'ws';
import { createEchoBot } from './echoBot';
import { mountDirectLine, type DirectLineChannel, type DirectLineOptions } from './mount';

interface Running {
  readonly base: string;
  readonly channel: DirectLineChannel;
  close(): Promise<void>;
}

const echo = createEchoBot({
  greeting: (locale) => `hello (${locale})`,
  echo: (text, locale) => `echo: ${text} (${locale})`,
});

async function start(options: Partial<DirectLineOptions> = {}): Promise<Running> {
  const server = restify.createServer();
  const channel = mountDirectLine(server, {
    bot: echo,
    botErrorText: (locale) => `sorry (${locale})`,
    botAccount: { id: 'bot', name: 'Bluelamp' },
    ...options,
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { ok: true });
    next();
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = server.address();
  return {
    base: `http://127.0.0.1:${port}`,
    channel,
    close: async () => {
      channel.close();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}

/** The wire shapes the tests read; loose on purpose, the assertions say what must be there. */
interface Json {
  readonly conversationId: string;
  readonly token: string;
  readonly expires_in: number;
  readonly streamUrl: string;
  readonly resumed?: boolean;
  readonly id: string;
  readonly activities: readonly Activity[];
  readonly watermark: string;
  readonly error: { readonly code: string; readonly message: string };
}
interface Activity {
  readonly id: string;
  readonly type: string;
  readonly text: string;
  readonly timestamp: string;
  readonly serviceUrl: string;
  readonly [key: string]: unknown;
}

function claims(token: string): { user: string; conv: string } {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
    user: string;
    conv: string;
  };
}

async function call(
  base: string,
  method: string,
  path: string,
  { token, body, raw }: { token?: string; body?: unknown; raw?: string } = {},
): Promise<{ status: number; json: Json; text: string }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  const text = await res.text();
  let json = {} as Json;
  try {
    json = JSON.parse(text) as Json;
  } catch {
    // left empty: the assertion on status says what went wrong
  }
  return { status: res.status, json, text };
}

const DL = '/v3/directline';

async function newConversation(base: string, locale?: string): Promise<Json> {
  const issued = await call(base, 'POST', '/api/webchat/token', { body: {} });
  expect(issued.status).toBe(200);
  const started = await call(base, 'POST', `${DL}/conversations`, {
    token: issued.json.token,
    body: { locale },
  });
  expect(started.status).toBe(201);
  return started.json;
}

/** Polls until `count` activities after `watermark` exist (the bot answers asynchronously). */
async function poll(base: string, conv: Json, count: number, watermark = ''): Promise<Json> {
  for (let i = 0; i < 100; i++) {
    const got = await call(
      base,
      'GET',
      `${DL}/conversations/${conv.conversationId}/activities?watermark=${watermark}`,
      { token: conv.token },
    );
    expect(got.status).toBe(200);
    if (got.json.activities.length >= count) return got.json;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`fewer than ${count} activities arrived`);
}

function openStream(
  url: string,
): Promise<{ ws: WebSocket; sets: Json[]; next(n: number): Promise<Json[]> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const sets: Json[] = [];
    const waiters: (() => void)[] = [];
    ws.on('message', (data: Buffer) => {
      sets.push(JSON.parse(data.toString()) as Json);
      for (const w of waiters.splice(0)) w();
    });
    const next = async (n: number): Promise<Json[]> => {
      const deadline = Date.now() + 5000;
      while (sets.length < n) {
        if (Date.now() > deadline) throw new Error(`only ${sets.length} of ${n} sets arrived`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 100);
        });
      }
      return sets.slice(0, n);
    };
    ws.once('open', () => {
      resolve({ ws, sets, next });
    });
    ws.once('error', reject);
  });
}

function rejection(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('error', () => undefined);
  });
}

describe('Direct Line 3.0 subset', () => {
  let app: Running;
  beforeAll(async () => {
    app = await start();
  });
  afterAll(async () => {
    await app.close();
  });

  test('the page token starts a conversation; starting again returns the same one', async () => {
    const issued = await call(app.base, 'POST', '/api/webchat/token');
    expect(issued.status).toBe(200);
    expect(issued.json).toMatchObject({ expires_in: 1800, resumed: false });
    const started = await call(app.base, 'POST', `${DL}/conversations`, {
      token: issued.json.token,
    });
    expect(started.status).toBe(201);
    expect(started.json).toMatchObject({
      conversationId: issued.json.conversationId,
      token: issued.json.token,
      expires_in: 1800,
    });
    expect(started.json.streamUrl).toMatch(
      new RegExp(
        `^ws://127\\.0\\.0\\.1:\\d+${DL}/conversations/${issued.json.conversationId}/stream\\?t=`,
      ),
    );
    const again = await call(app.base, 'POST', `${DL}/conversations`, { token: issued.json.token });
    expect(again.status).toBe(200);
    expect(again.json.conversationId).toBe(issued.json.conversationId);
    // The bot greets once, not once per start.
    await new Promise((r) => setTimeout(r, 50));
    expect((await poll(app.base, started.json, 1)).activities).toHaveLength(1);
  });

  test('polling: greeting, then the echo of the user message, then the reply, by watermark', async () => {
    const conv = await newConversation(app.base, 'cy');
    const greeting = await poll(app.base, conv, 1);
    expect(greeting.activities[0]).toMatchObject({
      type: 'message',
      text: 'hello (cy)',
      from: { id: 'bot', role: 'bot' },
      channelId: 'webchat',
      conversation: { id: conv.conversationId },
    });
    expect(greeting.watermark).toBe('1');

    const posted = await call(
      app.base,
      'POST',
      `${DL}/conversations/${conv.conversationId}/activities`,
      {
        token: conv.token,
        body: {
          type: 'message',
          text: 'my bike was stolen',
          from: { id: 'forged', role: 'user' },
          locale: 'en-GB',
          channelData: { clientActivityID: 'client-1' },
          attachments: [],
        },
      },
    );
    expect(posted.status).toBe(200);
    expect(posted.json.id).toBe(`${conv.conversationId}|0000002`);

    const after = await poll(app.base, conv, 2, greeting.watermark);
    const [mine, reply] = after.activities;
    const userId = claims(conv.token).user;
    expect(mine).toMatchObject({
      id: posted.json.id,
      type: 'message',
      text: 'my bike was stolen',
      from: { id: userId, role: 'user' },
      recipient: { id: 'bot' },
      locale: 'en-GB',
      channelId: 'webchat',
      channelData: { clientActivityID: 'client-1' },
    });
    expect(mine!.serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3\/directline$/);
    expect(Date.parse(mine!.timestamp)).not.toBeNaN();
    expect(reply).toMatchObject({
      text: 'echo: my bike was stolen (en-GB)',
      replyToId: posted.json.id,
      recipient: { id: userId },
    });
    expect(after.watermark).toBe('3');
    expect((await poll(app.base, conv, 0, '3')).activities).toEqual([]);
  });

  test('WebSocket: history after the watermark, then every new activity as it happens', async () => {
    const conv = await newConversation(app.base);
    const stream = await openStream(conv.streamUrl);
    const [first] = await stream.next(1);
    expect(first!.activities[0]!.text).toBe('hello (en)');
    await call(app.base, 'POST', `${DL}/conversations/${conv.conversationId}/activities`, {
      token: conv.token,
      body: { type: 'message', text: 'hi' },
    });
    const sets = await stream.next(3);
    expect(sets.slice(1).map((s) => [s.activities[0]!.text, s.watermark])).toEqual([
      ['hi', '2'],
      ['echo: hi (en)', '3'],
    ]);
    stream.ws.send(''); // the client's keep-alive is accepted and ignored
    stream.ws.close();

    // Reconnect as the client does: GET the conversation with its watermark, open the new streamUrl.
    const reconnect = await call(
      app.base,
      'GET',
      `${DL}/conversations/${conv.conversationId}?watermark=2`,
      {
        token: conv.token,
      },
    );
    expect(reconnect.status).toBe(200);
    expect(reconnect.json.token).toBe(conv.token);
    expect(reconnect.json.streamUrl).toContain('watermark=2&');
    const again = await openStream(reconnect.json.streamUrl);
    const [replayed] = await again.next(1);
    expect(replayed!.activities.map((a) => a.text)).toEqual(['echo: hi (en)']);
    again.ws.close();
  });

  test('token refresh keeps the conversation; the refreshed token works', async () => {
    const conv = await newConversation(app.base);
    const refreshed = await call(app.base, 'POST', `${DL}/tokens/refresh`, { token: conv.token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.conversationId).toBe(conv.conversationId);
    const got = await call(
      app.base,
      'GET',
      `${DL}/conversations/${conv.conversationId}/activities`,
      {
        token: refreshed.json.token,
      },
    );
    expect(got.status).toBe(200);
  });

  test('the page can resume its conversation after a reload, and only its own', async () => {
    const conv = await newConversation(app.base);
    const resumed = await call(app.base, 'POST', '/api/webchat/token', {
      body: { resume: conv.token },
    });
    expect(resumed.json).toMatchObject({ conversationId: conv.conversationId, resumed: true });
    const forged = await call(app.base, 'POST', '/api/webchat/token', {
      body: { resume: `${conv.token.slice(0, -3)}abc` },
    });
    expect(forged.json.resumed).toBe(false);
    expect(forged.json.conversationId).not.toBe(conv.conversationId);
  });

  test('proactive messages reach an open conversation; a gone one says so', async () => {
    const conv = await newConversation(app.base);
    await poll(app.base, conv, 1);
    const id = app.channel.pushActivity(conv.conversationId, {
      type: 'message',
      text: 'An officer replied.',
    });
    expect(id).toBe(`${conv.conversationId}|0000002`);
    const got = await poll(app.base, conv, 1, '1');
    expect(got.activities[0]).toMatchObject({ text: 'An officer replied.', from: { role: 'bot' } });
    expect(
      app.channel.pushActivity('no-such-conversation', { type: 'message', text: 'x' }),
    ).toBeUndefined();
  });

  describe('refuses bad requests with JSON errors and stays up', () => {
    let conv: Json;
    let other: Json;
    beforeAll(async () => {
      conv = await newConversation(app.base);
      other = await newConversation(app.base);
    });
    const activities = (c: Json): string => `${DL}/conversations/${c.conversationId}/activities`;

    test.each<
      [string, () => Promise<{ status: number; json: Json; text: string }>, number, string]
    >([
      ['no token', () => call(app.base, 'GET', activities(conv)), 401, 'MissingToken'],
      [
        'a garbage token',
        () => call(app.base, 'GET', activities(conv), { token: 'nope' }),
        403,
        'BadToken',
      ],
      [
        "another conversation's token",
        () => call(app.base, 'GET', activities(conv), { token: other.token }),
        403,
        'Forbidden',
      ],
      [
        'a conversation id that cannot be one',
        () =>
          call(app.base, 'GET', `${DL}/conversations/no!such/activities`, { token: conv.token }),
        404,
        'NotFound',
      ],
      [
        'malformed JSON',
        () => call(app.base, 'POST', activities(conv), { token: conv.token, raw: '{"type":' }),
        400,
        'BadArgument',
      ],
      [
        'an unknown activity type',
        () =>
          call(app.base, 'POST', activities(conv), { token: conv.token, body: { type: 'invoke' } }),
        400,
        'BadArgument',
      ],
      [
        'an attachment',
        () =>
          call(app.base, 'POST', activities(conv), {
            token: conv.token,
            body: { type: 'message', attachments: [{ contentType: 'image/png' }] },
          }),
        400,
        'BadArgument',
      ],
      [
        'text that is too long',
        () =>
          call(app.base, 'POST', activities(conv), {
            token: conv.token,
            body: { type: 'message', text: 'x'.repeat(10_001) },
          }),
        400,
        'BadArgument',
      ],
      [
        'a body over 64 KB',
        () =>
          call(app.base, 'POST', activities(conv), {
            token: conv.token,
            body: { type: 'message', value: 'x'.repeat(70_000) },
          }),
        413,
        'TooLarge',
      ],
      [
        'a bad watermark',
        () => call(app.base, 'GET', `${activities(conv)}?watermark=abc`, { token: conv.token }),
        400,
        'BadArgument',
      ],
      [
        'a bad locale',
        () =>
          call(app.base, 'POST', `${DL}/conversations`, {
            token: conv.token,
            body: { locale: '<x>' },
          }),
        400,
        'BadArgument',
      ],
      [
        'token generation without a configured secret',
        () => call(app.base, 'POST', `${DL}/tokens/generate`, { token: conv.token }),
        403,
        'Forbidden',
      ],
    ])('%s', async (_name, request, status, code) => {
      const res = await request();
      expect(res.status).toBe(status);
      expect(res.json.error.code).toBe(code);
      expect(res.text).not.toMatch(/\.ts:\d+|at .*\(/); // no stack trace
      expect((await call(app.base, 'GET', '/healthz')).status).toBe(200);
    });

    test('a WebSocket with a bad, foreign or bearer ticket is refused', async () => {
      const url = new URL(conv.streamUrl);
      const base = `${url.origin}${url.pathname}`;
      expect(await rejection(`${base}?t=nope`)).toBe(403);
      expect(await rejection(`${base}?t=${conv.token}`)).toBe(403);
      const foreign = new URL(other.streamUrl).searchParams.get('t');
      expect(await rejection(`${base}?t=${foreign}`)).toBe(403);
      expect(await rejection(`${conv.streamUrl}&watermark=x`)).toBe(400);
      expect(await rejection(conv.streamUrl)).toBe(101);
    });
  });
});

describe('Direct Line lifecycle', () => {
  test('an expired token gets 403 everywhere and cannot be refreshed', async () => {
    let clock = Date.now();
    const app = await start({ now: () => clock, tokenTtlSeconds: 60 });
    try {
      const conv = await newConversation(app.base);
      clock += 61_000;
      const path = `${DL}/conversations/${conv.conversationId}`;
      for (const [method, p] of [
        ['GET', `${path}/activities`],
        ['GET', path],
        ['POST', `${DL}/tokens/refresh`],
      ] as const) {
        const res = await call(app.base, method, p, { token: conv.token });
        expect([p, res.status, res.json.error.code]).toEqual([p, 403, 'TokenExpired']);
      }
    } finally {
      await app.close();
    }
  });

  test('an expired token still resumes a conversation the server kept, but not a swept one', async () => {
    let clock = Date.now();
    const app = await start({ now: () => clock, tokenTtlSeconds: 60, idleMs: 10 * 60_000 });
    try {
      const conv = await newConversation(app.base);
      clock += 5 * 60_000; // the phone slept past the token's lifetime, not past the idle sweep
      const resumed = await call(app.base, 'POST', '/api/webchat/token', {
        body: { resume: conv.token },
      });
      expect(resumed.json).toMatchObject({ conversationId: conv.conversationId, resumed: true });
      const reconnected = await call(
        app.base,
        'GET',
        `${DL}/conversations/${conv.conversationId}`,
        {
          token: resumed.json.token,
        },
      );
      expect(reconnected.status).toBe(200);
      expect(reconnected.json.streamUrl).toContain(conv.conversationId);

      const forged = await call(app.base, 'POST', '/api/webchat/token', {
        body: { resume: `${conv.token.slice(0, -3)}abc` },
      });
      expect(forged.json.resumed).toBe(false);
    } finally {
      await app.close();
    }
  });

  test('with a secret: generate a token, start, and the secret reads any conversation', async () => {
    const secret = 's'.repeat(40);
    const app = await start({ secret });
    try {
      const generated = await call(app.base, 'POST', `${DL}/tokens/generate`, {
        token: secret,
        body: { user: { id: 'alice' } },
      });
      expect(generated.status).toBe(200);
      expect(claims(generated.json.token).user).toBe('dl_alice');
      const started = await call(app.base, 'POST', `${DL}/conversations`, { token: secret });
      expect(started.status).toBe(201);
      expect(started.json.token).not.toBe(secret);
      const read = await call(
        app.base,
        'GET',
        `${DL}/conversations/${started.json.conversationId}/activities`,
        {
          token: secret,
        },
      );
      expect(read.status).toBe(200);
      const byToken = await call(app.base, 'POST', `${DL}/tokens/generate`, {
        token: generated.json.token,
      });
      expect(byToken.status).toBe(403);
    } finally {
      await app.close();
    }
  });

  test('a failing bot turn becomes a message telling the person, in their language', async () => {
    const app = await start({ bot: () => Promise.reject(new Error('boom')) });
    try {
      const conv = await newConversation(app.base, 'cy');
      const got = await poll(app.base, conv, 1);
      expect(got.activities[0]).toMatchObject({ text: 'sorry (cy)', from: { role: 'bot' } });
      expect(JSON.stringify(got)).not.toContain('boom');
    } finally {
      await app.close();
    }
  });

  test('turns run one at a time; a flood gets 429 and a slow bot does not hold the POST', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const seen: string[] = [];
    const app = await start({
      bot: async (a) => {
        if (a.type !== 'message') return [];
        seen.push(a.text);
        await gate;
        return [{ type: 'message', text: `done ${a.text}` }];
      },
      maxPendingTurns: 2,
      replyTimeoutMs: 100,
      typingAfterMs: 10,
    });
    try {
      const conv = await newConversation(app.base);
      const stream = await openStream(conv.streamUrl);
      const post = (text: string): Promise<{ status: number; json: Json }> =>
        call(app.base, 'POST', `${DL}/conversations/${conv.conversationId}/activities`, {
          token: conv.token,
          body: { type: 'message', text },
        });
      const started = Date.now();
      const [a, b] = await Promise.all([post('a'), post('b')]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(Date.now() - started).toBeLessThan(2000);
      const flood = await post('c');
      expect(flood.status).toBe(429);
      expect(seen).toEqual(['a']); // b waits for a
      await stream.next(3); // echo a, echo b, typing
      expect(stream.sets.some((s) => s.activities[0]?.type === 'typing')).toBe(true);
      release();
      const got = await poll(app.base, conv, 4);
      expect(got.activities.map((x) => x.text)).toEqual(['a', 'b', 'done a', 'done b']);
      stream.ws.close();
    } finally {
      await app.close();
    }
  });

  test('conversations are bounded: the least recently active is evicted, its stream closed', async () => {
    const app = await start({ maxConversations: 2 });
    try {
      const first = await newConversation(app.base);
      const stream = await openStream(first.streamUrl);
      const closed = new Promise<number>((r) => {
        stream.ws.once('close', (code) => {
          r(code);
        });
      });
      await newConversation(app.base);
      await newConversation(app.base);
      expect(await closed).toBe(1000);
      expect(app.channel.stats()).toMatchObject({ conversations: 2, evicted: 1 });
      // Its person is not locked out: the token brings it back (see the restart test below).
      const back = await call(app.base, 'GET', `${DL}/conversations/${first.conversationId}`, {
        token: first.token,
      });
      expect(back.status).toBe(200);
      expect(app.channel.stats()).toMatchObject({ conversations: 2, evicted: 2 });
    } finally {
      await app.close();
    }
  });

  test('after a restart with the same token key, the client carries on: same conversation, the bot told it started, nothing hidden by its old watermark', async () => {
    const tokenSecret = 'k'.repeat(48);
    const before = await start({ tokenSecret });
    const conv = await newConversation(before.base);
    await call(before.base, 'POST', `${DL}/conversations/${conv.conversationId}/activities`, {
      token: conv.token,
      body: { type: 'message', from: { id: claims(conv.token).user }, text: 'hi' },
    });
    const old = await poll(before.base, conv, 2); // the greeting and the echo
    await before.close();

    const after = await start({ tokenSecret });
    try {
      // What directlinejs does to reconnect: GET the conversation with the watermark it holds.
      const reconnect = await call(
        after.base,
        'GET',
        `${DL}/conversations/${conv.conversationId}?watermark=${old.watermark}`,
        { token: conv.token },
      );
      expect(reconnect.status).toBe(200);
      expect(reconnect.json.conversationId).toBe(conv.conversationId);
      const next = await poll(after.base, conv, 1, old.watermark);
      // The bot's cue to show the person where they were (Bluelamp asks "carry on or start again?").
      expect(next.activities.map((a) => a.text)).toEqual([expect.stringMatching(/^hello/)]);
      expect(Number(next.watermark)).toBeGreaterThan(Number(old.watermark));
      // The page's own resume gets the same conversation, not a new one.
      const resumed = await call(after.base, 'POST', '/api/webchat/token', {
        body: { resume: conv.token },
      });
      expect(resumed.json).toMatchObject({ conversationId: conv.conversationId, resumed: true });
      // A key this server did not sign with is still refused.
      const other = await start({ tokenSecret: 'o'.repeat(48) });
      try {
        const refused = await call(
          other.base,
          'GET',
          `${DL}/conversations/${conv.conversationId}`,
          {
            token: conv.token,
          },
        );
        expect(refused.status).toBe(403);
      } finally {
        await other.close();
      }
    } finally {
      await after.close();
    }
  });

  test('closing the HTTP server closes open streams (1001), so a SIGTERM is not held by a chat tab', async () => {
    const server = restify.createServer();
    mountDirectLine(server, { bot: echo, botErrorText: () => 'sorry' });
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', () => {
        resolve();
      });
    });
    const base = `http://127.0.0.1:${server.address().port}`;
    const conv = await newConversation(base);
    const stream = await openStream(conv.streamUrl);
    const code = new Promise<number>((r) => {
      stream.ws.once('close', (c) => {
        r(c);
      });
    });
    // What bot/server.ts does on SIGTERM: the server first, the channel only once it has closed.
    const started = Date.now();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await code).toBe(1001);
  });
});
