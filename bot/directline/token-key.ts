import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the key lives when no secret is configured: beside the embedded store. */
export const TOKEN_KEY_FILE = 'directline-token.key';

export type TokenKey =
  | { readonly source: 'config' | 'file'; readonly key: string; readonly path?: string }
  | { readonly source: 'process'; readonly reason: string };

/**
 * The key web chat tokens are signed with. It must outlive the process: the page keeps its token,
 * and after a restart (a deploy) the conversation it names carries on only if the new process
 * accepts that token. A configured secret wins (needed when several machines serve one force);
 * otherwise a random key is made once and kept in DATA_DIR, readable by the service's user only.
 * If DATA_DIR cannot hold it, the caller gets a reason and falls back to a key of this process:
 * web chats then start afresh after a restart, as they did before, and nothing else is affected.
 */
export function loadTokenKey(configured: string | undefined, dataDir: string): TokenKey {
  if (configured) return { source: 'config', key: configured };
  const path = join(dataDir, TOKEN_KEY_FILE);
  try {
    mkdirSync(dataDir, { recursive: true });
    try {
      // 'wx': of two processes starting at once on one DATA_DIR, one writes and both read it.
      writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const key = readFileSync(path, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(key)) {
      return { source: 'process', reason: `${path} is not a key written by Bluelamp` };
    }
    return { source: 'file', key, path };
  } catch (err) {
    return { source: 'process', reason: (err as Error).message };
  }
}
