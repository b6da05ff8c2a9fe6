import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Direct Line tokens are HS256 JWTs, like Azure's, because the Web Chat client decodes them
 * (jwt-decode, for the `user` claim) and would warn on anything else. Signed rather than stored, so
 * issuing a token costs no memory: a flood of token requests cannot fill the server.
 *
 * Two audiences: `directline` is the bearer token the client sends on every REST call; `stream` is a
 * short-lived ticket put in the WebSocket URL (browsers cannot set headers on a WebSocket), so the
 * bearer token itself never appears in a URL or an access log.
 */
export type TokenAudience = 'directline' | 'stream';

const ClaimsSchema = z.object({
  iss: z.literal('bluelamp'),
  aud: z.enum(['directline', 'stream']),
  conv: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  user: z.string().min(1).max(128),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type TokenClaims = z.infer<typeof ClaimsSchema>;

export type VerifyResult =
  | { readonly ok: true; readonly claims: TokenClaims }
  | { readonly ok: false; readonly reason: 'malformed' | 'signature' | 'expired' | 'audience' };

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export interface TokenServiceOptions {
  /** HMAC key. A random per-process key when omitted: tokens then die with the process, as do the
   * in-memory conversations they point at, so nothing is lost that a restart had not lost already. */
  readonly secret?: string | Buffer;
  /** Bearer token lifetime, seconds (Azure's default is 30 minutes; the client refreshes at 15). */
  readonly ttlSeconds?: number;
  /** Stream ticket lifetime, seconds: only needs to outlive the gap between reconnect and upgrade. */
  readonly streamTtlSeconds?: number;
  readonly now?: () => number;
}

export class TokenService {
  private readonly key: Buffer;
  readonly ttlSeconds: number;
  private readonly streamTtlSeconds: number;
  private readonly now: () => number;

  constructor(options: TokenServiceOptions = {}) {
    this.key =
      options.secret === undefined
        ? randomBytes(32)
        : Buffer.isBuffer(options.secret)
          ? options.secret
          : Buffer.from(options.secret, 'utf8');
    if (this.key.length < 16) throw new Error('Direct Line token secret must be at least 16 bytes');
    this.ttlSeconds = options.ttlSeconds ?? 30 * 60;
    this.streamTtlSeconds = options.streamTtlSeconds ?? 120;
    this.now = options.now ?? Date.now;
  }

  issue(conversationId: string, userId: string, audience: TokenAudience = 'directline'): string {
    const iat = Math.floor(this.now() / 1000);
    const ttl = audience === 'stream' ? this.streamTtlSeconds : this.ttlSeconds;
    const claims: TokenClaims = {
      iss: 'bluelamp',
      aud: audience,
      conv: conversationId,
      user: userId,
      iat,
      exp: iat + ttl,
    };
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return `${body}.${this.sign(body)}`;
  }

  /** `ignoreExpiry` only for resuming: see the page's token endpoint in mount.ts. */
  verify(
    token: string,
    audience: TokenAudience = 'directline',
    { ignoreExpiry = false }: { readonly ignoreExpiry?: boolean } = {},
  ): VerifyResult {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' };
    const [, payload = '', signature = ''] = parts;
    const expected = Buffer.from(this.sign(`${HEADER}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'signature' };
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const claims = ClaimsSchema.safeParse(decoded);
    if (!claims.success) return { ok: false, reason: 'malformed' };
    if (claims.data.aud !== audience) return { ok: false, reason: 'audience' };
    if (!ignoreExpiry && claims.data.exp <= Math.floor(this.now() / 1000)) {
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, claims: claims.data };
  }

  /** Seconds until a verified token expires (what `expires_in` reports). */
  expiresIn(claims: TokenClaims): number {
    return Math.max(0, claims.exp - Math.floor(this.now() / 1000));
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** URL-safe random id: conversation ids and user ids are unguessable, not merely unique. */
export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}
