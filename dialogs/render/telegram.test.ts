import { matchOption } from '../../triage/input';
import type { Message, Prompt } from '../../triage/types';
import { OutboundActivitySchema, TelegramChannelDataSchema } from '../activity';
import { charLength } from './text';
import { renderTelegram, TELEGRAM_TEXT_MAX } from './telegram';
import * as F from './testing';

const translator = F.testTranslator();
const run = (prompt: Prompt, notices: readonly Message[] = []) =>
  F.messages(renderTelegram({ prompt, notices, channelId: 'telegram', translator }));
const label = (m: Message, locale = 'en') => translator.t(m, locale);

function sendMessage(prompt: Prompt) {
  return TelegramChannelDataSchema.parse(F.lastMessage(run(prompt)).channelData).parameters;
}

const ALL: [string, Prompt][] = [
  ['safety', F.SAFETY],
  ['7-option menu', F.MENU_7],
  ['14-option menu', F.MENU_14],
  ['free text', F.DESCRIBE],
  ['optional flow step', F.FLOW_TEXT_OPTIONAL],
  ['multi flow step', F.FLOW_MULTI],
  ['check answers (8 rows)', F.CHECK_8],
  ['agency (BTP)', F.AGENCY_BTP],
  ['emergency', F.EMERGENCY],
  ['submitted', F.SUBMITTED],
  ['Welsh safety', F.WELSH_SAFETY],
];

describe.each(ALL)('Telegram: %s', (_name, prompt) => {
  const activities = run(prompt, [F.NOTICE_ERROR]);

  it('plain text; the question is a sendMessage call with the same text', () => {
    for (const a of activities) {
      expect(OutboundActivitySchema.parse(a)).toEqual(a);
      expect(a.textFormat).toBe('plain');
      expect(a.attachments).toBeUndefined();
      expect(a.suggestedActions).toBeUndefined();
      expect(charLength(a.text ?? '')).toBeLessThanOrEqual(TELEGRAM_TEXT_MAX);
    }
    expect(activities.slice(0, -1).every((a) => a.channelData === undefined)).toBe(true);
    expect(sendMessage(prompt).text).toBe(F.lastMessage(activities).text);
  });

  it('a reply keyboard, one button per row, each the option’s full label, which the machine matches', () => {
    const markup = sendMessage(prompt).reply_markup;
    if (!('keyboard' in markup)) throw new Error('no keyboard');
    expect(markup.one_time_keyboard).toBe(true);
    expect(markup.resize_keyboard).toBe(true);
    expect(markup.keyboard).toEqual(
      prompt.options.map((o) => [{ text: label(o.label, prompt.locale) }]),
    );
    // Pressing a button sends its text; the machine takes it to the same option.
    for (const [row, option] of markup.keyboard.map((r, i) => [r, prompt.options[i]] as const)) {
      const typed = row[0]?.text ?? '';
      expect(matchOption(typed, prompt.options, (o) => label(o.label, prompt.locale))).toBe(option);
    }
  });
});

describe('Telegram specifics', () => {
  it('no options: the keyboard is taken away', () => {
    const done: Prompt = {
      ...F.DESCRIBE,
      options: [],
      messages: [{ key: 'common:done', params: { force: 'Example Constabulary' } }],
    };
    expect(sendMessage(done).reply_markup).toEqual({ remove_keyboard: true });
  });

  it('999 guidance first, before notices', () => {
    const activities = run(F.EMERGENCY, [F.NOTICE_HELP]);
    expect(activities[0]?.text).toMatch(/^Jeśli komuś grozi/);
    expect(activities[1]?.text).toMatch(/^If anyone is in danger now, call 999/);
    expect(activities[2]?.text).toBe(label(F.NOTICE_HELP));
  });

  it('flow step: progress and how to skip, with a Skip button', () => {
    expect(sendMessage(F.FLOW_TEXT_OPTIONAL).text).toBe(
      'Step 3 of 7\n\nWhen did it happen?\n\nFor example, yesterday at 5pm.\n\nYou can skip this question.',
    );
  });

  it('multi: numbers written out, since a keyboard press picks one', () => {
    expect(sendMessage(F.FLOW_MULTI).text).toContain(
      '5. Jewellery and watches (including rings)\nYou can choose more than one: reply with their numbers, for example 1, 3.',
    );
  });

  it('check-your-answers: rows as numbered lines', () => {
    expect(run(F.CHECK_8)[1]?.text?.split('\n')).toHaveLength(8);
  });
});
