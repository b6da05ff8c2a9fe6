import { startApp } from './harness';

describe('the harness', () => {
  test('startApp() runs the real service on a random loopback port, ready, and stops it', async () => {
    const app = await startApp();
    try {
      expect(app.kind).toBe('real');
      expect(app.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
      expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
      expect((await fetch(`${app.baseUrl}/`)).status).toBe(200);
    } finally {
      await app.close();
    }
    await expect(fetch(`${app.baseUrl}/healthz`)).rejects.toThrow();
  });

  test('startApp({ kind: "echo" }) gives the echo app', async () => {
    const app = await startApp({ kind: 'echo' });
    try {
      expect(app.kind).toBe('echo');
      expect((await fetch(`${app.baseUrl}/`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
