import type { Browser } from 'playwright-core';
import {
  artifactPath,
  foreignRequests,
  launchBrowser,
  openPage,
  runAxe,
  seriousViolations,
  sendMessage,
  startEchoApp,
  waitForConnected,
  waitForMessage,
  type RunningApp,
} from './harness';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startEchoApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser.close();
  await app.close();
});

describe('the web chat page, through our Direct Line endpoint (echo bot)', () => {
  test('shows 999 guidance above the chat, chats over a WebSocket, survives a reload, fetches nothing foreign', async () => {
    const { page, context, requests, webSockets, errors } = await openPage(
      browser,
      `${app.baseUrl}/`,
    );
    try {
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      const banner = page.getByRole('region', { name: 'In an emergency, call 999' });
      await banner.waitFor({ state: 'visible' });
      const bannerText = await banner.innerText();
      expect(bannerText).toContain('18000');
      expect(bannerText).toMatch(/press 55/);
      const bannerBox = (await banner.boundingBox())!;
      const chatBox = (await page.locator('#webchat').boundingBox())!;
      expect(bannerBox.y + bannerBox.height).toBeLessThanOrEqual(chatBox.y);

      await waitForMessage(page, 'Test bot ready (en-GB).');
      await sendMessage(page, 'my bike was stolen');
      await waitForMessage(page, 'You wrote: my bike was stolen (en-GB)');
      expect(webSockets).toHaveLength(1);
      expect(webSockets[0]).toMatch(/\/v3\/directline\/conversations\/[^/]+\/stream\?t=/);

      await waitForConnected(page);
      await page.screenshot({ path: artifactPath('webchat-desktop.png'), fullPage: true });

      // Same tab, same conversation: the transcript comes back and the chat carries on.
      await page.reload();
      await waitForMessage(page, 'You wrote: my bike was stolen (en-GB)');
      await sendMessage(page, 'and my helmet');
      await waitForMessage(page, 'You wrote: and my helmet (en-GB)');
      expect(
        await page
          .locator('.webchat__basic-transcript__activity', { hasText: 'Test bot ready' })
          .count(),
      ).toBe(1);

      expect(foreignRequests(requests, app.baseUrl)).toEqual([]);
      expect(requests.some((u) => u.includes('/assets/webchat.js'))).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('falls back to polling when WebSockets are unavailable', async () => {
    const { page, context, requests, webSockets, errors } = await openPage(
      browser,
      `${app.baseUrl}/`,
      {
        withoutWebSocket: true,
      },
    );
    try {
      await waitForMessage(page, 'Test bot ready (en-GB).');
      await sendMessage(page, 'polling works');
      await waitForMessage(page, 'You wrote: polling works (en-GB)');
      expect(webSockets).toEqual([]);
      expect(requests.filter((u) => /\/activities\?watermark=/.test(u)).length).toBeGreaterThan(0);
      expect(foreignRequests(requests, app.baseUrl)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('in Welsh (?lang=cy), the page and the locale sent to the bot are Welsh', async () => {
    const { page, context, errors } = await openPage(browser, `${app.baseUrl}/?lang=cy`);
    try {
      expect(await page.getAttribute('html', 'lang')).toBe('cy');
      await page.getByRole('heading', { name: 'Mewn argyfwng, ffoniwch 999' }).waitFor();
      await waitForMessage(page, 'Test bot ready (cy-GB).');
      await sendMessage(page, 'helo');
      await waitForMessage(page, 'You wrote: helo (cy-GB)');
      await waitForConnected(page);
      await page.screenshot({ path: artifactPath('webchat-cy.png'), fullPage: true });
      expect(
        await page.getAttribute(
          '[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input',
          'placeholder',
        ),
      ).toBe('Teipiwch eich neges');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('Accept-Language picks Welsh without a query', async () => {
    const { page, context } = await openPage(browser, `${app.baseUrl}/`, { locale: 'cy-GB' });
    try {
      expect(await page.getAttribute('html', 'lang')).toBe('cy');
    } finally {
      await context.close();
    }
  });

  test('axe-core finds no serious or critical violations, before and during a chat, in both languages', async () => {
    for (const lang of ['en', 'cy']) {
      const { page, context } = await openPage(browser, `${app.baseUrl}/?lang=${lang}`);
      try {
        await waitForMessage(page, 'Test bot ready');
        await sendMessage(page, 'hello');
        await waitForMessage(page, 'You wrote: hello');
        const violations = await runAxe(page);
        expect(seriousViolations(violations)).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  test('reflows at 320 px: no sideways scrolling, banner and chat usable', async () => {
    const { page, context, errors } = await openPage(browser, `${app.baseUrl}/`, {
      viewport: { width: 320, height: 640 },
    });
    try {
      await waitForMessage(page, 'Test bot ready');
      await sendMessage(page, 'small screen');
      await waitForMessage(page, 'You wrote: small screen');
      const scrollWidth = await page.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
            .document.documentElement.scrollWidth,
      );
      expect(scrollWidth).toBeLessThanOrEqual(320);
      await waitForConnected(page);
      await page.screenshot({ path: artifactPath('webchat-320.png'), fullPage: true });
      expect(seriousViolations(await runAxe(page))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('keyboard: the first Tab shows the skip link with a visible focus style, Enter moves to main', async () => {
    const { page, context } = await openPage(browser, `${app.baseUrl}/`);
    type Doc = {
      document: { activeElement: { id: string; className: string } | null };
      getComputedStyle(el: unknown): { backgroundColor: string };
    };
    try {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(
        () => (globalThis as unknown as Doc).document.activeElement?.className,
      );
      expect(focused).toBe('skip-link');
      const skip = page.locator('.skip-link');
      const box = (await skip.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(
        await skip.evaluate(
          (el) => (globalThis as unknown as Doc).getComputedStyle(el).backgroundColor,
        ),
      ).toBe('rgb(255, 221, 0)');
      await page.keyboard.press('Enter');
      expect(
        await page.evaluate(() => (globalThis as unknown as Doc).document.activeElement?.id),
      ).toBe('main');
    } finally {
      await context.close();
    }
  });

  test('without JavaScript: 101, 999 and the report forms, no chat placeholder', async () => {
    const { page, context } = await openPage(browser, `${app.baseUrl}/`, {
      javaScriptEnabled: false,
    });
    try {
      const fallback = page.locator('.notice');
      await fallback.waitFor({ state: 'visible' });
      const text = await fallback.innerText();
      expect(text).toContain('101');
      expect(text).toContain('999');
      expect(await fallback.getByRole('link').getAttribute('href')).toBe(
        'https://www.example.police.uk/report',
      );
      expect(await page.locator('#chat-status').isVisible()).toBe(false);
      await page.screenshot({ path: artifactPath('webchat-nojs.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
