import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `Bluelamp-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256("<t>.<raw body>", secret)>`.
 *
 * Signing the timestamp with the body lets a receiver refuse an old request replayed by someone who
 * captured it; signing the raw bytes (never a re-serialised object) means any change to the body,
 * even whitespace, fails. A new `t` is taken on every attempt, so a retry hours later is not stale.
 * Several `v1=` entries are accepted so a secret can be rotated without a gap.
 */

export const SIGNATURE_HEADER = 'Bluelamp-Signature';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Requests signed more than this far from the receiver's clock are refused. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

function hmac(secret: string, t: number, body: Buffer): string {
  return createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
}

export function signBody(secret: string, body: string | Buffer, t: number): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return `t=${t},v1=${hmac(secret, t, bytes)}`;
}

export type Verification =
  | { readonly ok: true; readonly t: number }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export interface VerifyOptions {
  readonly header: string | undefined;
  readonly body: Buffer;
  /** The current secret first; older ones while rotating. */
  readonly secrets: readonly string[];
  /** Unix seconds. */
  readonly now: number;
  readonly toleranceSeconds?: number;
}

export function verifySignature(o: VerifyOptions): Verification {
  if (!o.header) return { ok: false, reason: 'missing' };
  let t: number | undefined;
  const given: Buffer[] = [];
  for (const part of o.header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return { ok: false, reason: 'malformed' };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value)) return { ok: false, reason: 'malformed' };
      t = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) return { ok: false, reason: 'malformed' };
      given.push(Buffer.from(value, 'hex'));
    }
    // Unknown schemes (a future v2) are ignored, so senders can add one without breaking us.
  }
  if (t === undefined || given.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(o.now - t) > (o.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { ok: false, reason: 'stale' };
  }
  for (const secret of o.secrets) {
    const expected = Buffer.from(hmac(secret, t, o.body), 'hex');
    // Both are 32 bytes (checked above), so timingSafeEqual never throws on length.
    if (given.some((g) => timingSafeEqual(g, expected))) return { ok: true, t };
  }
  return { ok: false, reason: 'mismatch' };
}
