import { matchOption } from '../../triage/input';
import type { Message, Prompt } from '../../triage/types';
import { eventFromReply, FacebookChannelDataSchema, OutboundActivitySchema } from '../activity';
import {
  FACEBOOK_QUICK_REPLIES_MAX,
  FACEBOOK_TEXT_MAX,
  FACEBOOK_TITLE_MAX,
  renderFacebook,
} from './facebook';
import { charLength } from './text';
import * as F from './testing';

const translator = F.testTranslator();
const run = (prompt: Prompt, notices: readonly Message[] = []) =>
  F.messages(renderFacebook({ prompt, notices, channelId: 'facebook', translator }));
const label = (m: Message) => translator.t(m, 'en');

function quickReplies(prompt: Prompt, notices: readonly Message[] = []) {
  const data = FacebookChannelDataSchema.safeParse(F.lastMessage(run(prompt, notices)).channelData);
  return data.success ? data.data.quick_replies : undefined;
}

const VERY_LONG: Prompt = {
  ...F.LONG,
  messages: [...F.LONG.messages.slice(0, -1), ...F.LONG.messages],
};

const ALL: [string, Prompt][] = [
  ['safety', F.SAFETY],
  ['7-option menu', F.MENU_7],
  ['14-option menu', F.MENU_14],
  ['free text', F.DESCRIBE],
  ['optional flow step', F.FLOW_TEXT_OPTIONAL],
  ['choice flow step', F.FLOW_CHOICE],
  ['multi flow step', F.FLOW_MULTI],
  ['check answers (8 rows)', F.CHECK_8],
  ['agency (BTP)', F.AGENCY_BTP],
  ['emergency', F.EMERGENCY],
  ['submitted', F.SUBMITTED],
  ['text over 2,000 characters', VERY_LONG],
];

describe.each(ALL)('Messenger: %s', (_name, prompt) => {
  const activities = run(prompt, [F.NOTICE_ERROR]);

  it('is plain text within 2,000 characters a message, no cards', () => {
    for (const a of activities) {
      expect(OutboundActivitySchema.parse(a)).toEqual(a);
      expect(a.textFormat).toBe('plain');
      expect(a.attachments).toBeUndefined();
      expect(a.suggestedActions).toBeUndefined();
      expect(charLength(a.text ?? '')).toBeLessThanOrEqual(FACEBOOK_TEXT_MAX);
      expect(a.text?.length).toBeGreaterThan(0);
    }
    expect(activities.slice(0, -1).every((a) => a.channelData === undefined)).toBe(true);
  });

  it('quick replies: at most 13, titles of at most 20, payloads that come back as the value', () => {
    const replies = quickReplies(prompt) ?? [];
    expect(replies.length).toBeLessThanOrEqual(FACEBOOK_QUICK_REPLIES_MAX);
    for (const reply of replies) {
      expect(charLength(reply.title)).toBeLessThanOrEqual(FACEBOOK_TITLE_MAX);
      const event = eventFromReply({
        channelData: { message: { quick_reply: { payload: reply.payload } } },
      });
      expect(prompt.options.map((o) => o.value)).toContain(
        event?.type === 'CHOOSE' ? event.value : '',
      );
    }
    expect(replies.map((r) => JSON.parse(r.payload) as unknown)).toEqual(
      prompt.options.length <= FACEBOOK_QUICK_REPLIES_MAX
        ? prompt.options.map((o) => ({ choice: o.value }))
        : [],
    );
  });

  it('every option can be reached: by a quick reply, or by the number or words written out', () => {
    const replies = quickReplies(prompt);
    const text = F.allText(run(prompt));
    for (const [i, option] of prompt.options.entries()) {
      if (replies) continue;
      if (prompt.input === 'none' || prompt.input === 'choice' || prompt.input === 'yesno') {
        expect(text).toContain(`${i + 1}. ${label(option.label)}`);
        expect(matchOption(String(i + 1), prompt.options, (o) => label(o.label))).toBe(option);
      } else {
        expect(text).toContain(label(option.label));
      }
    }
  });
});

describe('Messenger specifics', () => {
  it('safety: a shortened title ends in an ellipsis, and the options are then written out in full', () => {
    expect(quickReplies(F.SAFETY)?.map((r) => r.title)).toEqual(['Yes, someone is in…', 'No']);
    expect(F.lastMessage(run(F.SAFETY)).text).toMatch(
      /\n\n1\. Yes, someone is in danger\n2\. No\nReply 1 or 2\.$/,
    );
  });

  it('titles that fit are used whole; once any is cut, the options are written out', () => {
    expect(quickReplies(F.FLOW_CHOICE)?.map((r) => r.title)).toEqual([
      'A car',
      'A van or lorry',
      'A motorbike or…',
    ]);
    expect(F.lastMessage(run(F.FLOW_CHOICE)).text).toContain('3. A motorbike or scooter');
    expect(F.lastMessage(run(F.SUBMITTED)).text).toBe('Is there anything else I can help with?');
  });

  it('7 options: seven quick replies', () => {
    expect(quickReplies(F.MENU_7)).toHaveLength(7);
  });

  it('14 options: no quick replies, a numbered list and a range instead', () => {
    expect(quickReplies(F.MENU_14)).toBeUndefined();
    const text = F.lastMessage(run(F.MENU_14)).text ?? '';
    expect(text).toContain(
      '\n14. A general question for the police\nReply with a number from 1 to 14.',
    );
  });

  it('check-your-answers: rows numbered in text, "Change n" quick replies', () => {
    const activities = run(F.CHECK_8);
    expect(activities.map((a) => a.text?.split('\n')[0])).toEqual([
      'Please check your answers before you send them.',
      '2. When did it happen? – Yesterday at 17:00',
      '1. Continue',
    ]);
    expect(quickReplies(F.CHECK_8)?.map((r) => r.title)).toEqual([
      'Continue',
      ...[2, 3, 4, 5, 6, 7, 8, 9].map((n) => `Change ${n}`),
    ]);
  });

  it('check-your-answers with more rows than Messenger takes: the rows written out, Continue still a quick reply', () => {
    const rows = Array.from({ length: 14 }, (_, i) => ({
      stepId: `s${String(i)}`,
      question: { key: 'testflow:when' },
      answer: { key: 'answers:format.text', params: { value: `answer ${String(i)}` } },
    }));
    const long: Prompt = {
      ...F.CHECK_8,
      card: { kind: 'check-answers', rows },
      options: [
        F.CHECK_8.options[0]!,
        ...rows.map((r) => ({
          value: `change:${r.stepId}`,
          label: { key: 'common:check.change', params: { question: r.question } },
        })),
      ],
    };
    expect(quickReplies(long)?.map((r) => r.title)).toEqual(['Continue']);
    const text = run(long)
      .map((a) => a.text)
      .join('\n');
    expect(text).toContain('15. When did it happen? – answer 13');
  });

  it('emergency: the guidance first, before notices', () => {
    const activities = run(F.EMERGENCY, [F.NOTICE_HELP]);
    expect(activities[0]?.text).toMatch(/^Jeśli komuś grozi/);
    expect(activities[1]?.text).toMatch(/^If anyone is in danger now, call 999/);
    expect(activities[2]?.text).toBe(label(F.NOTICE_HELP));
  });

  it('long text is split on sentence boundaries into messages of at most 2,000', () => {
    const activities = run(VERY_LONG);
    const long = activities.filter((a) => charLength(a.text ?? '') > 1000);
    expect(long.length).toBeGreaterThan(0);
    expect(activities.length).toBeGreaterThan(1);
    for (const a of activities.slice(0, -1)) expect(a.text).toMatch(/[.?!:]$/);
  });

  it('agency details become lines', () => {
    expect(run(F.AGENCY_BTP)[1]?.text).toBe(
      'British Transport Police\nWebsite: https://www.btp.police.uk\nPhone: 0800 40 50 40\nText: 61016',
    );
  });
});
