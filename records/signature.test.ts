import { createHmac } from 'node:crypto';
import { signBody, verifySignature } from './signature';

const SECRET = 'whsec_test_0123456789';
const body = Buffer.from('{"schema":"bluelamp.report/v1","reference":"BL-7K3M-9QX2"}');
const T = 1_795_000_000;

describe('Bluelamp-Signature', () => {
  test('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${body.toString()}`).digest('hex');
    expect(signBody(SECRET, body, T)).toBe(`t=${T},v1=${expected}`);
    expect(signBody(SECRET, body.toString(), T)).toBe(signBody(SECRET, body, T));
  });

  test('verifies within the tolerance, and refuses stale, tampered, forged or garbled ones', () => {
    const header = signBody(SECRET, body, T);
    const check = (h: string | undefined, b = body, now = T, secrets = [SECRET]) =>
      verifySignature({ header: h, body: b, secrets, now });
    expect(check(header)).toEqual({ ok: true, t: T });
    expect(check(header, body, T + 299)).toEqual({ ok: true, t: T });
    expect(check(header, body, T - 299)).toEqual({ ok: true, t: T });
    expect(check(header, body, T + 301)).toEqual({ ok: false, reason: 'stale' });
    expect(check(header, body, T - 301)).toEqual({ ok: false, reason: 'stale' });
    const tampered = Buffer.from(body.toString().replace('9QX2', '9QX3'));
    expect(check(header, tampered)).toEqual({ ok: false, reason: 'mismatch' });
    expect(check(header, Buffer.concat([body, Buffer.from(' ')]))).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(check(signBody('not-the-secret', body, T))).toEqual({ ok: false, reason: 'mismatch' });
    // Moving the timestamp invalidates the signature: it is signed too.
    expect(check(header.replace(`t=${T}`, `t=${T + 1}`), body, T)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(check(undefined)).toEqual({ ok: false, reason: 'missing' });
    for (const bad of ['garbage', `t=${T}`, 'v1=abc', `t=x,v1=${'a'.repeat(64)}`, `t=${T},v1=zz`]) {
      expect(check(bad)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  test('a rotated secret still verifies, and unknown schemes are ignored', () => {
    const header = signBody('old-secret', body, T);
    expect(verifySignature({ header, body, secrets: [SECRET, 'old-secret'], now: T }).ok).toBe(
      true,
    );
    const withV2 = `${signBody(SECRET, body, T)},v2=somethingnew`;
    expect(verifySignature({ header: withV2, body, secrets: [SECRET], now: T }).ok).toBe(true);
    const two = `${signBody('wrong', body, T)},v1=${signBody(SECRET, body, T).split('v1=')[1] ?? ''}`;
    expect(verifySignature({ header: two, body, secrets: [SECRET], now: T }).ok).toBe(true);
  });
});
