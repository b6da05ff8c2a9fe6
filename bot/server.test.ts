import { connect } from 'node:net';
import {
  allText,
  HttpConversation,
  startService,
  type RunningService,
} from '../tests/support/service';

describe('the service over HTTP (embedded store)', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService();
  });
  afterAll(() => svc.stop());

  test('health and readiness', async () => {
    expect((await fetch(`${svc.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${svc.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: 'pglite' });
  });

  test('an agency redirect, completed over /api/messages with expectReplies', async () => {
    const c = new HttpConversation(svc.baseUrl);
    const welcome = await c.send({
      type: 'conversationUpdate',
      membersAdded: [{ id: 'user' }, { id: 'bluelamp' }],
    });
    expect(allText(welcome)).toMatch(/immediate danger/);
    await c.press('no');
    const proposal = await c.say(
      'got a text saying my parcel was held, paid the fee and it was a scam',
    );
    expect(allText(proposal)).toMatch(/Fraud/i);
    const agency = await c.press('yes');
    const text = allText(agency);
    expect(text).toMatch(/Report Fraud/);
    expect(text).toMatch(/0300 123 2040/);
    const bye = await c.press('done');
    expect(allText(bye)).toMatch(/Thank you/);
  });

  test.each([
    'webchat',
    'directline',
    'emulator',
    'facebook',
    'sms',
    'twilio-sms',
    'whatsapp',
    'telegram',
    'slack',
  ])('an emergency typed in the middle of a form gets 999 guidance on %s', async (channel) => {
    const c = new HttpConversation(svc.baseUrl, channel);
    await c.say('no');
    await c.say('my bike was stolen from outside the shop');
    const step = await c.say('yes');
    expect(allText(step)).toMatch(/happened/i);
    const emergency = allText(await c.say('hes come back and hes got a knife'));
    expect(emergency).toMatch(/999/);
    expect(emergency).toMatch(/18000/);
    expect(emergency).toMatch(/55/);
    if (channel.includes('sms')) expect(emergency).not.toMatch(/[*_#`]/);
  });

  test('a malformed body gets a 400 with a clear message, and the server stays up', async () => {
    for (const body of ['{not json', '[]', '{"text":"no type"}', '"a string"']) {
      const res = await fetch(`${svc.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      expect([body, res.status]).toEqual([body, 400]);
      const text = await res.text();
      expect(text).not.toMatch(/at .*\.(js|ts):\d+/);
      expect(text.length).toBeGreaterThan(5);
    }
    expect((await fetch(`${svc.baseUrl}/healthz`)).status).toBe(200);
  });

  test('an activity the bot does not read (typing) gets no reply and no error', async () => {
    const c = new HttpConversation(svc.baseUrl);
    expect(await c.send({ type: 'typing' })).toEqual([]);
  });
});

describe('what an operator and a misbehaving client run into', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService();
  });
  afterAll(() => svc.stop());

  test('a form-encoded body is refused with 415, not read as an activity', async () => {
    const res = await fetch(`${svc.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'type=message&text=hello',
    });
    expect(res.status).toBe(415);
  });

  test('a turn whose replies cannot be delivered does not echo the error to the caller', async () => {
    // No expectReplies: the replies go to serviceUrl, where nothing listens.
    const res = await fetch(`${svc.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'x1',
        text: 'hello',
        channelId: 'webchat',
        serviceUrl: 'http://127.0.0.1:9',
        from: { id: 'u' },
        recipient: { id: 'b' },
        conversation: { id: 'unreachable-channel' },
      }),
    });
    const body = await res.text();
    expect(body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  }, 20_000);
});

describe('shutdown', () => {
  test('a request still arriving does not hold the shutdown open', async () => {
    const svc = await startService();
    const { port } = new URL(svc.baseUrl);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    // Headers and part of a body, then nothing: a slow or stalled client. Once the server is
    // closing, Node no longer times such requests out, so before the fix this waited for ever.
    socket.write(
      'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        'Content-Length: 500\r\n\r\n{"type":',
    );
    socket.on('error', () => undefined);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await svc.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    socket.destroy();
  }, 20_000);
});

describe('authentication when MicrosoftAppId is set', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService({
      MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
      MicrosoftAppPassword: 'x',
    });
  });
  afterAll(() => svc.stop());

  const activity = JSON.stringify({
    type: 'message',
    text: 'hello',
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9',
    from: { id: 'u' },
    recipient: { id: 'b' },
    conversation: { id: 'c' },
  });

  test.each([
    ['no token', undefined],
    ['not a JWT', 'Bearer not-a-token'],
    // Signed by nobody Bot Framework trusts, with an issuer it does not accept: rejected before any key fetch.
    [
      'a forged token',
      'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2V2aWwuZXhhbXBsZSIsImF1ZCI6IjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMSJ9.c2lnbmF0dXJl',
    ],
  ])('%s gets 401', async (_name, authorization) => {
    const res = await fetch(`${svc.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: activity,
    });
    expect(res.status).toBe(401);
  });
});

describe('restart', () => {
  test('a half-finished conversation survives a server restart (embedded store)', async () => {
    const first = await startService();
    const c = new HttpConversation(first.baseUrl, 'sms');
    await c.say('no');
    await c.say('someone keyed my car last night');
    const step = allText(await c.say('yes'));
    await first.stop({ keepData: true });

    const second = await startService({ DATA_DIR: first.dataDir });
    try {
      const again = new HttpConversation(second.baseUrl, 'sms', c.conversationId);
      const next = allText(await again.say('help'));
      // Still on the same question after the restart (help re-asks it).
      expect(next).toContain(step.split('\n').find((l) => l.endsWith('?')) ?? step.slice(-40));
    } finally {
      await second.stop();
    }
  });
});
