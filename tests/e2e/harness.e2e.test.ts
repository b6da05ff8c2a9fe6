import { join } from 'node:path';
import { startApp, startFactoryApp } from './harness';

describe('the harness', () => {
  test('starts a service factory with a parsed config on a random loopback port, and stops it', async () => {
    const app = await startFactoryApp(join(__dirname, 'fixtures', 'echoFactory'), {});
    try {
      expect(app.kind).toBe('real');
      expect(app.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await app.close();
    }
    await expect(fetch(`${app.baseUrl}/healthz`)).rejects.toThrow();
  });

  test('startApp({ kind: "echo" }) always gives the echo app', async () => {
    const app = await startApp({ kind: 'echo' });
    try {
      expect(app.kind).toBe('echo');
      expect((await fetch(`${app.baseUrl}/`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
