import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOKEN_KEY_FILE, loadTokenKey } from './token-key';

describe('the web chat token key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bluelamp-key-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('is made once in DATA_DIR, private to the service, and the same on the next start', () => {
    const first = loadTokenKey(undefined, join(dir, 'data'));
    expect(first).toMatchObject({ source: 'file' });
    const file = join(dir, 'data', TOKEN_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadTokenKey(undefined, join(dir, 'data'));
    expect(again).toEqual(first);
    expect(first.source === 'file' && first.key).toBe(readFileSync(file, 'utf8').trim());
  });

  test('a configured secret wins and nothing is written', () => {
    expect(loadTokenKey('c'.repeat(40), dir)).toEqual({ source: 'config', key: 'c'.repeat(40) });
    expect(() => statSync(join(dir, TOKEN_KEY_FILE))).toThrow();
  });

  test('a DATA_DIR that cannot hold it, or a file that is not ours, gives a reason, not a crash', () => {
    const notADir = join(dir, 'file');
    writeFileSync(notADir, 'x');
    expect(loadTokenKey(undefined, notADir)).toMatchObject({ source: 'process' });
    writeFileSync(join(dir, TOKEN_KEY_FILE), 'hello\n');
    expect(loadTokenKey(undefined, dir)).toMatchObject({
      source: 'process',
      reason: expect.stringContaining('not a key written by Bluelamp'),
    });
  });
});
