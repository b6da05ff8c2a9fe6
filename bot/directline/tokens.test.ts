import { TokenService, randomId } from './tokens';

describe('TokenService', () => {
  let clock = 1_800_000_000_000;
  const service = new TokenService({ secret: 'x'.repeat(32), ttlSeconds: 60, now: () => clock });

  test('issues a JWT the Web Chat client can decode, bound to one conversation and user', () => {
    const token = service.issue('conversation-1', 'dl_user');
    const [header, payload] = token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({
      alg: 'HS256',
      typ: 'JWT',
    });
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString())).toMatchObject({
      conv: 'conversation-1',
      user: 'dl_user',
      aud: 'directline',
      exp: clock / 1000 + 60,
    });
    const verified = service.verify(token);
    expect(verified.ok && verified.claims.conv).toBe('conversation-1');
  });

  test.each([
    [
      'tampered payload',
      (t: string) =>
        t.replace(/\.[^.]+\./, `.${Buffer.from('{"conv":"other-conv-1"}').toString('base64url')}.`),
      'signature',
    ],
    ['tampered signature', (t: string) => `${t.slice(0, -2)}AA`, 'signature'],
    ['not a JWT', () => 'abc', 'malformed'],
    ['empty', () => '', 'malformed'],
    [
      'another key',
      () => new TokenService({ secret: 'y'.repeat(32) }).issue('conversation-1', 'u'),
      'signature',
    ],
  ])('rejects a %s', (_name, mutate, reason) => {
    const result = service.verify(mutate(service.issue('conversation-1', 'dl_user')));
    expect(result).toEqual({ ok: false, reason });
  });

  test('expires after its lifetime and reports what is left', () => {
    const token = service.issue('conversation-1', 'dl_user');
    clock += 59_000;
    const verified = service.verify(token);
    expect(verified.ok && service.expiresIn(verified.claims)).toBe(1);
    clock += 1_000;
    expect(service.verify(token)).toEqual({ ok: false, reason: 'expired' });
    // Only for resuming a conversation the server still holds; the signature is still checked.
    expect(service.verify(token, 'directline', { ignoreExpiry: true }).ok).toBe(true);
    expect(service.verify(`${token.slice(0, -2)}xx`, 'directline', { ignoreExpiry: true }).ok).toBe(
      false,
    );
  });

  test('keeps stream tickets and bearer tokens apart', () => {
    const ticket = service.issue('conversation-1', 'dl_user', 'stream');
    expect(service.verify(ticket)).toEqual({ ok: false, reason: 'audience' });
    expect(service.verify(ticket, 'stream').ok).toBe(true);
  });

  test('refuses a short secret and makes unguessable ids', () => {
    expect(() => new TokenService({ secret: 'short' })).toThrow(/16 bytes/);
    expect(randomId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomId()).not.toBe(randomId());
  });
});
