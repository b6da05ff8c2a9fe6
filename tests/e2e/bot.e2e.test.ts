import type { Browser, Page } from 'playwright-core';
import {
  artifactPath,
  foreignRequests,
  latestCard,
  launchBrowser,
  openPage,
  press,
  pressCard,
  runAxe,
  say,
  seriousViolations,
  startApp,
  transcript,
  waitForConnected,
  waitForMessage,
  type OpenedPage,
  type RunningApp,
} from './harness';

/**
 * The real bot behind the real chat page: Chromium types and presses buttons as a person would
 * (suggested actions under the send box, Adaptive Card buttons and check boxes in the transcript),
 * and reads only what is on screen. The words waited for are the bot's own, from locales/en.
 */

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});

afterAll(async () => {
  // The browser first: its WebSocket to the Direct Line stream would otherwise hold the server open.
  await browser.close();
  await app.close();
});

const WELCOME = 'is anyone in immediate danger';
const DESCRIBE = 'Tell me in a few words what has happened';

/** Opens the chat, waits for the welcome, says no one is in danger. */
async function openChat(): Promise<OpenedPage> {
  const opened = await openPage(browser, `${app.baseUrl}/`);
  await waitForMessage(opened.page, WELCOME);
  await press(opened.page, 'No', DESCRIBE);
  return opened;
}

/** The transcript's words, for assertions about what a person can read. */
async function transcriptText(page: Page): Promise<string> {
  return (await transcript(page).allInnerTexts()).join('\n');
}

/** axe-core on the page with the conversation on it, then a full-page screenshot kept. */
async function checkAndKeep(page: Page, name: string): Promise<void> {
  await waitForConnected(page);
  const violations = await runAxe(page);
  await page.screenshot({ path: artifactPath(name), fullPage: true });
  expect(seriousViolations(violations)).toEqual([]);
}

test('a crime report (bike stolen), answered step by step, checked and sent, shows the reference', async () => {
  const { page, context, requests, errors } = await openChat();
  try {
    await say(page, 'my bike was stolen from outside my house last night', 'Report a crime');
    await press(page, 'Yes', 'Tell us what happened.');
    await say(
      page,
      'Someone cut the lock and took my bike from outside my house',
      'Which of these best describes it?',
    );
    await press(page, 'Something was stolen', 'When did it happen?');
    await say(page, 'yesterday about 6pm', 'Where did it happen?');
    await say(page, 'outside 12 High Street, Exampleton EX1 2AB', 'Did this happen to you?');
    await press(page, 'Yes, it happened to me', 'under 18?');
    await press(page, 'No', 'Was anyone hurt?');
    await press(page, 'No', 'Do you know who did it?');
    await press(page, 'No', 'Was a vehicle involved');
    await press(page, 'No', 'Was anything stolen or damaged?');
    await press(page, 'Yes', 'What was stolen or damaged?');
    await say(page, 'Red Raleigh mountain bike', 'how much is it all worth?');
    await say(page, 'about £400', 'serial numbers');
    await say(page, 'Frame number WTU123456', 'Did anyone else see what happened?');
    await press(page, 'No', 'Is there any evidence of what happened?');

    // "Choose all that apply": an Adaptive Card with check boxes and its own Continue button.
    const evidence = latestCard(page);
    await evidence.getByRole('checkbox', { name: 'None that I know of' }).check();
    await pressCard(page, 'Continue', 'at risk of more harm');
    await press(page, 'No', 'interpreter');
    await press(page, 'No', 'easier for you to talk to us');
    await press(page, 'Skip', 'How would you like us to contact you');
    await press(page, 'Reply in this conversation', 'What is your full name?');
    await say(page, 'Alex Smith', 'Please check your answers');

    // Check your answers: every answer given is on the card, each with its own change button.
    // The heading is its own message and can be on screen a moment before the card it introduces,
    // so wait for the card itself (until then the newest card is the evidence one).
    const check = latestCard(page).filter({ hasText: 'Alex Smith' });
    await check.waitFor({ state: 'visible', timeout: 15000 });
    const checkText = await check.innerText();
    for (const answer of ['Red Raleigh mountain bike', 'WTU123456', 'Alex Smith', 'EX1 2AB']) {
      expect(checkText).toContain(answer);
    }
    await check.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('e2e-check-answers.png'), fullPage: true });
    await pressCard(page, 'Continue', 'Do you agree, and want to send your report now?');
    await press(page, 'I agree, send my report', 'Your reference is');

    const text = await transcriptText(page);
    expect(text).toMatch(/Your report has been sent to our .+\. Your reference is \S+/);
    expect(text).not.toMatch(/NOT been sent/);
    await checkAndKeep(page, 'e2e-crime-report.png');
    expect(foreignRequests(requests, app.baseUrl)).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

test('a fraud redirect: Report Fraud with its phone number, then "no, that\'s all"', async () => {
  const { page, context, errors } = await openChat();
  try {
    await say(
      page,
      'I was scammed out of £500 by a fake online seller',
      'Fraud, a scam or cybercrime',
    );
    await press(page, 'Yes', 'Is there anything else I can help with?');

    const card = latestCard(page);
    const details = await card.innerText();
    expect(details).toContain('Report Fraud');
    expect(details).toContain('0300 123 2040');
    expect(details).toContain('reportfraud.police.uk');
    // The phone number is a link a phone can call.
    expect(await card.locator('a[href^="tel:"]').count()).toBeGreaterThan(0);

    await press(page, "No, that's all", 'Thank you for contacting');
    expect(await transcriptText(page)).toMatch(/In an emergency always call 999/);
    await checkAndKeep(page, 'e2e-fraud-redirect.png');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});

test('an emergency typed in the middle of a form gets the 999 guidance (18000, 55), then carries on', async () => {
  const { page, context, errors } = await openChat();
  try {
    await say(page, 'my bike was stolen from the station car park', 'Report a crime');
    await press(page, 'Yes', 'Tell us what happened.');
    await say(
      page,
      'Someone took my bike from the rack while I was at work',
      'Which of these best describes it?',
    );
    await press(page, 'Something was stolen', 'When did it happen?');

    await say(page, 'he has come back and he has a knife, he is threatening me', '18000');
    const guidance = await transcript(page).filter({ hasText: '18000' }).last().innerText();
    expect(guidance).toMatch(/call 999/);
    expect(guidance).toMatch(/press 55/);
    await checkAndKeep(page, 'e2e-emergency.png');

    // Once safe, the person carries on where they were.
    await press(page, "It's not an emergency, carry on", 'When did it happen?');
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
});
