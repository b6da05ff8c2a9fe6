import type { Browser } from 'playwright-core';
import {
  launchBrowser,
  openPage,
  sendMessage,
  startEchoApp,
  waitForMessage,
  type RunningApp,
} from './harness';

/**
 * What the page does when its connection cannot be repaired by the Direct Line client alone. Left to
 * itself the client shows a permanent "Unable to connect" and the person is stuck with a chat that
 * will never answer; chat.js asks for a token again instead.
 */

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  // Tokens that lapse in four seconds: the client's own refresh (every 15 minutes) never runs in
  // time, as on a phone that slept for longer than the token's half hour.
  [app, browser] = await Promise.all([startEchoApp({ tokenTtlSeconds: 4 }), launchBrowser()]);
});

afterAll(async () => {
  await browser.close();
  await app.close();
});

test('after the token has lapsed, the chat carries on in the same conversation', async () => {
  const { page, context, errors } = await openPage(browser, `${app.baseUrl}/`);
  try {
    await waitForMessage(page, 'Test bot ready (en-GB).');
    await sendMessage(page, 'before');
    await waitForMessage(page, 'You wrote: before (en-GB)');
    await page.waitForTimeout(5000);

    // The phone wakes: the page renews the lapsed token before the person types.
    const renewed = page.waitForResponse(
      (r) => r.url().endsWith('/api/webchat/token') && r.status() === 200,
    );
    await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { dispatchEvent(e: unknown): void } })
        .document;
      doc.dispatchEvent(new Event('visibilitychange'));
    });
    expect(await (await renewed).json()).toMatchObject({ resumed: true });
    await sendMessage(page, 'after the token lapsed');
    await waitForMessage(page, 'You wrote: after the token lapsed (en-GB)', 20000);
    // The same conversation, not a fresh one: the greeting came once.
    expect(
      await page
        .locator('.webchat__basic-transcript__activity', { hasText: 'Test bot ready' })
        .count(),
    ).toBe(1);
    expect(await page.locator('.chat-status--error').count()).toBe(0);
    // directlinejs logs the refused calls it then recovers from; nothing else may go wrong.
    expect(errors.filter((e) => !/403|Forbidden/.test(e))).toEqual([]);
  } finally {
    await context.close();
  }
});
