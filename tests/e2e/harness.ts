/**
 * Browser test harness: a real server on a random loopback port and Debian's Chromium driven by
 * playwright-core (no browser downloads). `startApp()` runs the real service (bot/server.ts
 * `createServer`) on a throw-away DATA_DIR; `startEchoApp()` puts the Direct Line channel and the
 * chat page in front of a stand-in bot, for tests of the page itself.
 */
import { mkdirSync, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as restify from 'restify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { loadConfig } from '../../bot/config';
import { createEchoBot, mountDirectLine, type DirectLineChannel } from '../../bot/directline';
import { createServer } from '../../bot/server';
import { fromTranslator, mountWebChat } from '../../web';
import { loadResources } from '../../locales/load';
import { createTranslator } from '../../triage/i18n';
import { EXAMPLE_PROFILE, type ForceProfile } from '../../triage/profile';

export const ROOT = resolve(__dirname, '../..');

export interface RunningApp {
  readonly kind: 'echo' | 'real';
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  /** The app's Direct Line channel (for proactive pushes in tests). */
  readonly directLine: DirectLineChannel;
  close(): Promise<void>;
}

export interface EchoAppOptions {
  readonly profile?: ForceProfile;
  readonly tokenTtlSeconds?: number;
}

/** Words of the stand-in bot. Test fixtures, not user-facing copy: the real bot's live in locales/. */
export const ECHO = {
  greeting: (locale: string): string => `Test bot ready (${locale}).`,
  echo: (text: string, locale: string): string => `You wrote: ${text} (${locale})`,
};

/** restify + the Direct Line channel + the chat page, with the echo bot behind them. */
export async function startEchoApp(options: EchoAppOptions = {}): Promise<RunningApp> {
  const profile = options.profile ?? EXAMPLE_PROFILE;
  const translate = fromTranslator(createTranslator(loadResources()));
  const server = restify.createServer({ name: 'bluelamp-e2e' });
  const directLine = mountDirectLine(server, {
    bot: createEchoBot(ECHO),
    botErrorText: (locale) => translate('web:chat.botError', locale),
    botAccount: { id: 'bluelamp', name: profile.botName },
    defaultLocale: profile.languages.default,
    tokenTtlSeconds: options.tokenTtlSeconds,
  });
  mountWebChat(server, { profile, translate });
  const baseUrl = await listen(server);
  return {
    kind: 'echo',
    baseUrl,
    directLine,
    close: async () => {
      directLine.close();
      await closeServer(server);
    },
  };
}

export interface StartAppOptions {
  /** 'real' (default): the whole service; 'echo': the chat page in front of the echo bot. */
  readonly kind?: 'echo' | 'real';
  /** Environment for the real service (as in DESIGN.md: FORCE_PROFILE, RESUME_PROMPT_MINUTES…), on
   * top of loopback, port 0, silent logs and a throw-away DATA_DIR. Never the process's own. */
  readonly env?: Readonly<Record<string, string>>;
}

export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  return options.kind === 'echo' ? startEchoApp() : startRealApp(options.env ?? {});
}

/** The real service, as `npm start` runs it, listening on 127.0.0.1 and ready to take turns. */
export interface RealAppPlace {
  /** Reuse this DATA_DIR and leave it behind on close (a restart test's second process). */
  readonly dataDir?: string;
  /** Listen on this port (the page's origin must not change across a restart). */
  readonly port?: number;
}

export async function startRealApp(
  extraEnv: Readonly<Record<string, string>> = {},
  place: RealAppPlace = {},
): Promise<RunningApp> {
  const owned = place.dataDir === undefined;
  const dataDir = place.dataDir ?? (await mkdtemp(join(tmpdir(), 'bluelamp-e2e-')));
  const forget = () => (owned ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve());
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    RECORDS_DIR: join(dataDir, 'records'),
    LOG_LEVEL: 'silent',
    ...extraEnv,
  });
  const service = createServer(config);
  try {
    const baseUrl = await listen(service.server, place.port);
    await service.ready;
    return {
      kind: 'real',
      baseUrl,
      directLine: service.directLine,
      close: async () => {
        // Keep-alive sockets from the browser would hold the server's close open.
        service.server.server.closeAllConnections();
        await service.close();
        await forget();
      },
    };
  } catch (err) {
    await service.close().catch(() => undefined);
    await forget();
    throw err;
  }
}

function addressOf(server: restify.Server): string {
  return `http://127.0.0.1:${String(server.address().port)}`;
}

function listen(server: restify.Server, port = 0): Promise<string> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      done(addressOf(server));
    });
  });
}

function closeServer(server: restify.Server): Promise<void> {
  return new Promise((done) => {
    // Keep-alive sockets from the browser would hold close() open; they carry nothing we need.
    server.server.closeAllConnections();
    server.close(() => {
      done();
    });
  });
}

/* ---------------------------------------------------------------- browser */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}; install it or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface OpenedPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Every URL the page asked for (HTTP and WebSocket), in order. */
  readonly requests: string[];
  readonly webSockets: string[];
  /** Console errors and page errors, CSP violations included. */
  readonly errors: string[];
}

export interface OpenOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  /** Blank out window.WebSocket before any script runs: the Direct Line client then polls. (Deleting
   * it outright makes directlinejs throw a ReferenceError; `undefined` is what it tests for.) */
  readonly withoutWebSocket?: boolean;
  readonly javaScriptEnabled?: boolean;
  readonly locale?: string;
}

/** A fresh context (its own sessionStorage) with network and console recording. */
export async function openPage(
  browser: Browser,
  url: string,
  options: OpenOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: options.locale ?? 'en-GB',
    serviceWorkers: 'block',
  });
  if (options.withoutWebSocket) {
    await context.addInitScript(() => {
      Object.defineProperty(globalThis, 'WebSocket', { value: undefined, configurable: true });
    });
  }
  const page = await context.newPage();
  const requests: string[] = [];
  const webSockets: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('websocket', (ws) => {
    webSockets.push(ws.url());
    requests.push(ws.url());
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(url);
  return { context, page, requests, webSockets, errors };
}

/** Requests that left the server under test: there must be none. */
export function foreignRequests(requests: readonly string[], baseUrl: string): string[] {
  const { host } = new URL(baseUrl);
  return requests.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:')) return false;
    try {
      return new URL(u).host !== host;
    } catch {
      return true;
    }
  });
}

/* ---------------------------------------------------------------- chat helpers */

/** Web Chat's send box (labelled from web.json). */
export function sendBox(page: Page) {
  return page
    .locator('[data-id="webchat-sendbox-input"], .webchat__send-box-text-box__input')
    .first();
}

export async function sendMessage(page: Page, text: string): Promise<void> {
  const box = sendBox(page);
  await box.click();
  await box.fill(text);
  await box.press('Enter');
}

/** Waits for a transcript message containing `text`. */
export async function waitForMessage(page: Page, text: string, timeout = 15000): Promise<void> {
  await page
    .locator('.webchat__basic-transcript__activity', { hasText: text })
    .first()
    .waitFor({ state: 'visible', timeout });
}

/** Waits until Web Chat's connectivity notice (debounced "Connecting…") has gone. */
export async function waitForConnected(page: Page): Promise<void> {
  await page.locator('.webchat__connectivityStatus').waitFor({ state: 'hidden', timeout: 10000 });
}

/** Every message in the transcript, oldest first (each bot activity is one of these). */
export function transcript(page: Page) {
  return page.locator('.webchat__basic-transcript__activity');
}

/**
 * Does `act` (a typed message, a button pressed) and waits for a message that arrived after it and
 * contains `expected`: words already on screen from earlier turns never satisfy the wait.
 */
export async function untilReply(
  page: Page,
  expected: string,
  act: () => Promise<void>,
  timeout = 15000,
): Promise<void> {
  const before = await transcript(page).count();
  await act();
  try {
    await page.waitForFunction(
      ({ from, text }) => {
        const doc = (
          globalThis as unknown as {
            document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> };
          }
        ).document;
        const all = Array.from(doc.querySelectorAll('.webchat__basic-transcript__activity'));
        return all.slice(from).some((el) => (el.textContent ?? '').includes(text));
      },
      { from: before, text: expected },
      { timeout },
    );
  } catch (err) {
    // Say what the person saw instead, and keep a picture of it.
    const seen = (await transcript(page).allInnerTexts()).slice(before);
    await page
      .screenshot({ path: artifactPath('e2e-failure.png'), fullPage: true })
      .catch(() => undefined);
    throw new Error(
      `Waited for a reply containing ${JSON.stringify(expected)}; got:\n${seen.join('\n---\n')}` +
        `\n(${(err as Error).message.split('\n')[0] ?? ''}; screenshot: artifacts/e2e-failure.png)`,
    );
  }
}

/** Types `text` and waits for the reply containing `expected`. */
export function say(page: Page, text: string, expected: string): Promise<void> {
  return untilReply(page, expected, () => sendMessage(page, text));
}

/** The suggested-action button (under the send box) with exactly this title. */
export function suggestedAction(page: Page, title: string) {
  return page
    .locator('.webchat__suggested-actions')
    .getByRole('button', { name: title, exact: true });
}

/** Presses a suggested action and waits for the reply containing `expected`. */
export function press(page: Page, title: string, expected: string): Promise<void> {
  return untilReply(page, expected, () => suggestedAction(page, title).click());
}

/** The newest Adaptive Card in the transcript (older cards stay on screen, buttons and all). */
export function latestCard(page: Page) {
  return page.locator('.ac-adaptiveCard').last();
}

/** Presses a button on the newest Adaptive Card and waits for the reply containing `expected`. */
export function pressCard(page: Page, title: string, expected: string): Promise<void> {
  return untilReply(page, expected, () =>
    latestCard(page).getByRole('button', { name: title, exact: true }).click(),
  );
}

/* ---------------------------------------------------------------- accessibility */

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[]; readonly html: string }[];
}

/** Runs axe-core (injected from node_modules, never fetched) and returns its violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const source = (require('axe-core') as { source: string }).source;
  await page.evaluate(source);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
}

export function seriousViolations(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/* ---------------------------------------------------------------- artifacts */

/** artifacts/<name> at the repository root (gitignored), created on demand. */
export function artifactPath(name: string): string {
  const dir = join(ROOT, 'artifacts');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
