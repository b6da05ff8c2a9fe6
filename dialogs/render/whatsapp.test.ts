import { matchOption } from '../../triage/input';
import type { Message, Prompt } from '../../triage/types';
import { eventFromReply, OutboundActivitySchema } from '../activity';
import { charLength } from './text';
import {
  renderWhatsApp,
  WHATSAPP_BUTTON_BODY_MAX,
  WHATSAPP_BUTTONS_MAX,
  WHATSAPP_TEXT_MAX,
  WHATSAPP_TITLE_MAX,
} from './whatsapp';
import * as F from './testing';

const translator = F.testTranslator();
const run = (prompt: Prompt, notices: readonly Message[] = []) =>
  F.messages(renderWhatsApp({ prompt, notices, channelId: 'whatsapp', translator }));
const label = (m: Message) => translator.t(m, 'en');
const buttons = (prompt: Prompt) => F.lastMessage(run(prompt)).suggestedActions?.actions;

/** Three options whose question is longer than a button message's 1,024-character body. */
const LONG_WITH_BUTTONS: Prompt = { ...F.LONG, options: F.FLOW_CHOICE.options, input: 'choice' };

const ALL: [string, Prompt][] = [
  ['safety', F.SAFETY],
  ['7-option menu', F.MENU_7],
  ['14-option menu', F.MENU_14],
  ['free text', F.DESCRIBE],
  ['optional flow step', F.FLOW_TEXT_OPTIONAL],
  ['choice of three', F.FLOW_CHOICE],
  ['optional yes/no (three buttons)', F.FLOW_YESNO_OPTIONAL],
  ['multi flow step', F.FLOW_MULTI],
  ['check answers (8 rows)', F.CHECK_8],
  ['agency (BTP)', F.AGENCY_BTP],
  ['emergency', F.EMERGENCY],
  ['submitted', F.SUBMITTED],
  ['long question with buttons', LONG_WITH_BUTTONS],
];

describe.each(ALL)('WhatsApp: %s', (_name, prompt) => {
  const activities = run(prompt, [F.NOTICE_ERROR]);

  it('text only (no cards), within WhatsApp’s limits', () => {
    for (const a of activities) {
      expect(OutboundActivitySchema.parse(a)).toEqual(a);
      expect(a.attachments).toBeUndefined();
      expect(a.channelData).toBeUndefined();
      expect(charLength(a.text ?? '')).toBeLessThanOrEqual(WHATSAPP_TEXT_MAX);
    }
  });

  it('each reply button names its prompt, in an id within WhatsApp’s 256 characters', () => {
    for (const action of F.lastMessage(activities).suggestedActions?.actions ?? []) {
      if (action.type !== 'postBack') throw new Error(action.type);
      // A press on an old message's button can then be told from an answer to this prompt.
      expect(action.value.prompt).toBe(prompt.id);
      expect(JSON.stringify(action.value).length).toBeLessThanOrEqual(256);
    }
  });

  it('at most 3 reply buttons, titles of at most 20, unique, each carrying its value', () => {
    const actions = buttons(prompt) ?? [];
    expect(actions.length).toBeLessThanOrEqual(WHATSAPP_BUTTONS_MAX);
    expect(new Set(actions.map((a) => a.title)).size).toBe(actions.length);
    for (const action of actions) {
      expect(charLength(action.title)).toBeLessThanOrEqual(WHATSAPP_TITLE_MAX);
      if (action.type !== 'postBack') throw new Error(action.type);
      expect(eventFromReply({ value: action.value })).toEqual({
        type: 'CHOOSE',
        value: action.value.choice,
      });
    }
    if (actions.length > 0) {
      expect(charLength(F.lastMessage(activities).text ?? '')).toBeLessThanOrEqual(
        WHATSAPP_BUTTON_BODY_MAX,
      );
    }
  });

  it('more than 3 options (or several at once): a numbered list the machine reads', () => {
    if (prompt.options.length <= 3 && prompt.input !== 'multi') return;
    expect(buttons(prompt)).toBeUndefined();
    const text = F.allText(activities);
    for (const [i, option] of prompt.options.entries()) {
      if (option.value.startsWith('change:') || option.value === 'skip') continue;
      expect(text).toContain(`${i + 1}. ${label(option.label)}`);
      if (prompt.input !== 'multi') {
        expect(matchOption(String(i + 1), prompt.options, (o) => label(o.label))).toBe(option);
      }
    }
  });
});

describe('WhatsApp specifics', () => {
  it('999 guidance first, in WhatsApp bold', () => {
    const activities = run(F.EMERGENCY, [F.NOTICE_HELP]);
    expect(activities[0]?.text).toMatch(/^\*Jeśli komuś grozi.*\*$/s);
    expect(activities[1]?.text).toMatch(/^\*If anyone is in danger now, call 999.*\*$/s);
    expect(activities[2]?.text).toBe(label(F.NOTICE_HELP));
  });

  it('two options: two buttons; a cut title means the options are written out too', () => {
    expect(buttons(F.SAFETY)?.map((a) => a.title)).toEqual(['Yes, someone is in…', 'No']);
    expect(F.lastMessage(run(F.SAFETY)).text).toMatch(/1\. Yes, someone is in danger\n2\. No\n/);
    expect(buttons(F.SUBMITTED)?.map((a) => a.title)).toEqual([
      'Yes, something else',
      "No, that's all",
    ]);
    expect(F.lastMessage(run(F.SUBMITTED)).text).toBe('Is there anything else I can help with?');
  });

  it('people’s own words cannot turn into WhatsApp formatting', () => {
    const text = F.allText(run(F.CHECK_8));
    expect(text).toContain('5. Your name – \u200B*bob* \u200B_the_ \u200B~builder~');
    expect(text).toContain('\u200B`code`');
  });

  it('agency names in bold, details as lines', () => {
    expect(run(F.AGENCY_BTP)[1]?.text).toBe(
      '*British Transport Police*\nWebsite: https://www.btp.police.uk\nPhone: 0800 40 50 40\nText: 61016',
    );
  });

  it('a long question is split so the part with the buttons fits 1,024', () => {
    const activities = run(LONG_WITH_BUTTONS);
    expect(activities.length).toBeGreaterThan(1);
    expect(F.lastMessage(activities).suggestedActions?.actions).toHaveLength(3);
  });
});
