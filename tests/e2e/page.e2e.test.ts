import type { Browser, Page } from 'playwright-core';
import { contrastRatio } from '../../web/contrast';
import { EXAMPLE_PROFILE } from '../../triage/profile';
import {
  artifactPath,
  launchBrowser,
  openPage,
  runAxe,
  sendMessage,
  seriousViolations,
  sendBox,
  startEchoApp,
  transcript,
  waitForConnected,
  waitForMessage,
  type RunningApp,
} from './harness';

/**
 * The page around the chat: the 999 line that stays on screen while someone chats, the HTML 404,
 * and double taps on buttons (echo bot; the buttons are pushed in as a bot would send them).
 */

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startEchoApp(), launchBrowser()]);
});

afterAll(async () => {
  await browser.close();
  await app.close();
});

interface Box {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

type Win = {
  innerWidth: number;
  innerHeight: number;
  scrollY: number;
  document: {
    documentElement: { scrollWidth: number; style: { fontSize: string } };
    activeElement: { getBoundingClientRect(): Box; tagName: string; textContent: string } | null;
    querySelector(s: string): {
      getBoundingClientRect(): Box;
      closest(s: string): unknown;
      getAttribute(n: string): string | null;
    } | null;
  };
  getComputedStyle(el: unknown): { position: string; color: string; backgroundColor: string };
};

/** Where the 999 line is on screen, with what a reader needs to judge it. */
async function emergencyLine(page: Page) {
  return page.evaluate(() => {
    const w = globalThis as unknown as Win;
    const el = w.document.querySelector('.emergency-line')!;
    const r = el.getBoundingClientRect();
    const style = w.getComputedStyle(el);
    return {
      box: { top: r.top, bottom: r.bottom, left: r.left, right: r.right },
      viewport: { width: w.innerWidth, height: w.innerHeight },
      scrollY: w.scrollY,
      scrollWidth: w.document.documentElement.scrollWidth,
      position: style.position,
      color: style.color,
      background: style.backgroundColor,
      live: el.closest('[aria-live], [role="alert"], [role="status"], [role="log"]') !== null,
      role: el.getAttribute('role'),
    };
  });
}

function hex(rgb: string): string {
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
  return `#${[r, g, b].map((c) => (c ?? 0).toString(16).padStart(2, '0')).join('')}`;
}

/** The Welsh strings are web.json's own (noscript.emergency). */
const LINE = { en: 'In an emergency, call 999.', cy: 'Mewn argyfwng, ffoniwch 999.' };

describe('the 999 line stays on screen while the chat is used', () => {
  test.each([
    ['en', 360, 740],
    ['cy', 360, 740],
    ['en', 1280, 800],
  ] as const)('%s at %i×%i, mid-conversation', async (lang, width, height) => {
    const { page, context, errors } = await openPage(browser, `${app.baseUrl}/?lang=${lang}`, {
      viewport: { width, height },
    });
    try {
      await waitForMessage(page, 'Test bot ready');
      for (const text of ['one', 'two', 'three']) {
        await sendMessage(page, text);
        await waitForMessage(page, `You wrote: ${text}`);
      }
      await waitForConnected(page);
      const line = page.locator('.emergency-line');
      expect(await line.innerText()).toBe(LINE[lang]);
      const seen = await emergencyLine(page);
      // The person is chatting: the page has scrolled down to the send box...
      expect(seen.scrollY).toBeGreaterThan(300);
      // ...and the full 999 guidance is off screen, but the line is in view, whole.
      const banner = (await page.locator('.emergency').boundingBox())!;
      expect(banner.y + banner.height).toBeLessThan(0);
      expect(seen.position).toBe('sticky');
      expect(seen.box.top).toBeGreaterThanOrEqual(0);
      expect(seen.box.bottom).toBeLessThanOrEqual(height / 8);
      expect(seen.box.right).toBeLessThanOrEqual(width);
      // Not over the send box the person is typing in.
      const input = (await page
        .locator('[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input')
        .first()
        .boundingBox())!;
      expect(input.y).toBeGreaterThanOrEqual(seen.box.bottom);
      expect(input.y + input.height).toBeLessThanOrEqual(height);
      expect(contrastRatio(hex(seen.color), hex(seen.background))).toBeGreaterThanOrEqual(4.5);
      // Read once, in its place: not a live region, so chat updates never re-announce it.
      expect(seen.live).toBe(false);
      expect(seen.role).toBeNull();
      await page.screenshot({ path: artifactPath(`emergency-line-${lang}-${String(width)}.png`) });
      expect(seriousViolations(await runAxe(page))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('a link focused from the keyboard scrolls into view below the line, not under it', async () => {
    const { page, context } = await openPage(browser, `${app.baseUrl}/`, {
      viewport: { width: 360, height: 740 },
    });
    try {
      await waitForMessage(page, 'Test bot ready');
      await sendMessage(page, 'hello');
      await waitForMessage(page, 'You wrote: hello');
      const privacy = page.locator('.chat-section .hint a');
      const focused = () =>
        privacy.evaluate(
          (el: unknown) =>
            (globalThis as unknown as { document: { activeElement: unknown } }).document
              .activeElement === el,
        );
      // Shift+Tab back from the send box until the privacy link above the chat has focus.
      for (let i = 0; i < 12 && !(await focused()); i++) {
        await page.keyboard.press('Shift+Tab');
      }
      expect(await focused()).toBe(true);
      const link = (await privacy.boundingBox())!;
      const line = (await emergencyLine(page)).box;
      expect(link.y).toBeGreaterThanOrEqual(line.bottom);
      expect(link.y + link.height).toBeLessThanOrEqual(740);
    } finally {
      await context.close();
    }
  });

  test.each([
    ['320 px wide', { width: 320, height: 640 }, '100%'],
    ['200 % zoom of 1280×800', { width: 640, height: 400 }, '100%'],
    ['200 % text size at 1280×800', { width: 1280, height: 800 }, '200%'],
  ])('reflows: %s', async (name, viewport, fontSize) => {
    const { page, context } = await openPage(browser, `${app.baseUrl}/?lang=cy`, { viewport });
    try {
      await page.evaluate((size) => {
        (globalThis as unknown as Win).document.documentElement.style.fontSize = size;
      }, fontSize);
      await waitForMessage(page, 'Test bot ready');
      await sendMessage(page, 'helo');
      await waitForMessage(page, 'You wrote: helo');
      const seen = await emergencyLine(page);
      expect(seen.scrollWidth).toBeLessThanOrEqual(viewport.width);
      expect(seen.box.right).toBeLessThanOrEqual(viewport.width);
      expect(seen.box.top).toBeGreaterThanOrEqual(0);
      // It wraps rather than overflows, and leaves most of the window to the chat.
      expect(seen.box.bottom).toBeLessThanOrEqual(viewport.height / 3);
      await page.screenshot({
        path: artifactPath(`emergency-line-reflow-${name.replace(/\W+/g, '-')}.png`),
      });
    } finally {
      await context.close();
    }
  });
});

describe('a page that is not there', () => {
  test.each([
    ['en', '/no-such-page', 'Page not found', 'In an emergency, call 999', '/'],
    [
      'cy',
      '/no-such-page?lang=cy',
      'Heb ddod o hyd i’r dudalen',
      'Mewn argyfwng, ffoniwch 999',
      '/?lang=cy',
    ],
  ])(
    '%s: an HTML 404 with the 999 guidance and a link back to the chat',
    async (lang, path, heading, emergency, home) => {
      const { page, context, errors } = await openPage(browser, `${app.baseUrl}${path}`);
      try {
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        const banner = page.getByRole('region', { name: emergency });
        expect(await banner.innerText()).toContain('18000');
        const back = page.getByRole('main').getByRole('link');
        expect(await back.getAttribute('href')).toBe(home);
        expect(seriousViolations(await runAxe(page))).toEqual([]);
        await page.screenshot({ path: artifactPath(`not-found-${lang}.png`), fullPage: true });
        // Only the 404 itself: the CSP let the styles through, nothing else failed.
        expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
        await back.click();
        await waitForMessage(page, 'Test bot ready');
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
      } finally {
        await context.close();
      }
    },
  );

  test('the navigation answer is a 404', async () => {
    const { page, context } = await openPage(browser, 'about:blank');
    try {
      const response = (await page.goto(`${app.baseUrl}/no-such-page`))!;
      expect(response.status()).toBe(404);
      expect(response.headers()['content-type']).toBe('text/html; charset=utf-8');
    } finally {
      await context.close();
    }
  });
});

describe('a double tap on a button sends it once', () => {
  async function conversationId(page: Page): Promise<string> {
    const stored = await page.evaluate(
      (key) =>
        (
          globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }
        ).sessionStorage.getItem(key),
      `bluelamp.webchat.${EXAMPLE_PROFILE.id}`,
    );
    return (JSON.parse(stored ?? '{}') as { conversationId: string }).conversationId;
  }

  /** Pushes a bot message with one suggested action of `kind`, as the bot sends its choices. */
  async function offer(page: Page, kind: 'imBack' | 'postBack' | 'messageBack', label: string) {
    const action =
      kind === 'messageBack'
        ? { type: kind, title: label, text: label, displayText: label, value: { choice: label } }
        : { type: kind, title: label, value: label };
    app.directLine.pushActivity(await conversationId(page), {
      type: 'message',
      text: `Choose ${label}`,
      suggestedActions: { actions: [action], to: [] },
    });
    await waitForMessage(page, `Choose ${label}`);
  }

  /** Pushes an Adaptive Card with one Action.Submit button (these are not guarded in the DOM). */
  async function offerCard(page: Page, label: string) {
    app.directLine.pushActivity(await conversationId(page), {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: {
            type: 'AdaptiveCard',
            version: '1.5',
            body: [{ type: 'TextBlock', text: `Card ${label}` }],
            actions: [{ type: 'Action.Submit', title: label, data: label }],
          },
        },
      ],
    });
    await waitForMessage(page, `Card ${label}`);
  }

  async function count(page: Page, text: string): Promise<number> {
    return (await transcript(page).allInnerTexts()).filter((t) => t.includes(text)).length;
  }

  test('for imBack, postBack, messageBack and a card button; a second press later still goes', async () => {
    const { page, context, errors } = await openPage(browser, `${app.baseUrl}/`, {
      viewport: { width: 360, height: 740 },
    });
    try {
      await waitForMessage(page, 'Test bot ready');
      for (const [kind, label] of [
        ['imBack', 'Maybe'],
        ['postBack', 'Later'],
        ['messageBack', 'No'],
      ] as const) {
        await offer(page, kind, label);
        await page
          .locator('.webchat__suggested-actions')
          .getByRole('button', { name: label, exact: true })
          .dblclick();
        await waitForMessage(page, `You wrote: ${label}`);
        await page.waitForTimeout(1500); // a second reply would be here by now
        expect([kind, await count(page, `You wrote: ${label}`)]).toEqual([kind, 1]);
      }
      // Web Chat's own double focus used to leave the send box read-only after a double tap.
      expect(await sendBox(page).getAttribute('readonly')).toBeNull();

      await offerCard(page, 'Card choice');
      await page
        .locator('.ac-adaptiveCard')
        .last()
        .getByRole('button', { name: 'Card choice', exact: true })
        .dblclick();
      await waitForMessage(page, 'You wrote: Card choice');
      await page.waitForTimeout(1500);
      expect(await count(page, 'You wrote: Card choice')).toBe(1);

      // A second press of the same choice after the window is a real one.
      await offer(page, 'messageBack', 'No');
      await page
        .locator('.webchat__suggested-actions')
        .getByRole('button', { name: 'No', exact: true })
        .click();
      await page.waitForFunction(
        () =>
          Array.from(
            (
              globalThis as unknown as {
                document: {
                  querySelectorAll(s: string): ArrayLike<{ textContent: string | null }>;
                };
              }
            ).document.querySelectorAll('.webchat__basic-transcript__activity'),
          ).filter((el) => (el.textContent ?? '').includes('You wrote: No')).length === 2,
      );

      // Typed messages are never dropped, however quickly they are repeated.
      await sendMessage(page, 'again');
      await sendMessage(page, 'again');
      await page.waitForTimeout(1500);
      expect(await count(page, 'You wrote: again')).toBe(2);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
