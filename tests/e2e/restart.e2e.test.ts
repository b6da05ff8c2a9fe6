import type { Browser } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  launchBrowser,
  openPage,
  press,
  say,
  startRealApp,
  waitForMessage,
  type RunningApp,
} from './harness';

/**
 * A deploy in the middle of someone's report: the real service is stopped and a new process starts
 * on the same DATA_DIR and port. The page, left open, must carry the person on where they were (the
 * token key is kept in DATA_DIR and the conversation's state is in the store), not leave them at a
 * dead chat or silently start them again.
 */

let browser: Browser;
let dataDir: string;
const apps: RunningApp[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = await mkdtemp(join(tmpdir(), 'bluelamp-e2e-restart-'));
});

afterAll(async () => {
  await browser.close();
  for (const app of apps) await app.close().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

test('a server restart mid-report: the open page reconnects, asks "carry on?", and carries on', async () => {
  const first = await startRealApp({}, { dataDir });
  apps.push(first);
  const port = Number(new URL(first.baseUrl).port);
  const { page, context } = await openPage(browser, `${first.baseUrl}/`);
  try {
    await waitForMessage(page, 'is anyone in immediate danger');
    await press(page, 'No', 'Tell me in a few words what has happened');
    await say(page, 'my bike was stolen from outside my house last night', 'Report a crime');
    await press(page, 'Yes', 'Tell us what happened.');

    await first.close();
    const second = await startRealApp({}, { dataDir, port });
    apps.push(second);

    await waitForMessage(page, 'carry on where you left off', 45_000);
    await press(page, 'Carry on', 'Tell us what happened.');
    await say(
      page,
      'Someone cut the lock and took my bike from outside my house',
      'Which of these best describes it?',
    );
    expect(await page.locator('.chat-status--error').count()).toBe(0);
  } finally {
    await context.close();
  }
}, 90_000);
