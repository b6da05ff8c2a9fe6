import { matchOption } from '../../triage/input';
import type { Message, Prompt } from '../../triage/types';
import { OutboundActivitySchema } from '../activity';
import { render } from './index';
import { SMS_PART_MAX } from './sms';
import { charLength, isGsm7 } from './text';
import * as F from './testing';

const translator = F.testTranslator();
const run = (prompt: Prompt, notices: readonly Message[] = [], channelId = 'sms') =>
  F.messages(render({ prompt, notices, channelId, translator }));
const label = (m: Message, locale = 'en') => translator.t(m, locale);

/** Over 612 characters with links and phone numbers at awkward places. */
const VERY_LONG: Prompt = { ...F.LONG, messages: [...F.LONG.messages, ...F.LONG.messages] };

const ALL: [string, Prompt][] = [
  ['safety', F.SAFETY],
  ['7-option menu', F.MENU_7],
  ['14-option menu', F.MENU_14],
  ['free text', F.DESCRIBE],
  ['optional flow step', F.FLOW_TEXT_OPTIONAL],
  ['optional yes/no step', F.FLOW_YESNO_OPTIONAL],
  ['multi flow step', F.FLOW_MULTI],
  ['check answers (8 rows)', F.CHECK_8],
  ['agency (BTP)', F.AGENCY_BTP],
  ['agency (council + local)', F.AGENCY_COUNCIL],
  ['emergency', F.EMERGENCY],
  ['submitted', F.SUBMITTED],
  ['long text', F.LONG],
  ['very long text', VERY_LONG],
];

describe.each(['sms', 'twilio-sms', 'acs-sms'])('%s', (channelId) => {
  describe.each(ALL)('%s', (_name, prompt) => {
    const parts = run(prompt, [F.NOTICE_ERROR], channelId);

    it('is plain text only: no cards, buttons, channel data or markdown', () => {
      expect(parts.length).toBeGreaterThan(0);
      for (const p of parts) {
        expect(OutboundActivitySchema.parse(p)).toEqual(p);
        expect(Object.keys(p).sort()).toEqual([
          'inputHint',
          'locale',
          'text',
          'textFormat',
          'type',
        ]);
        expect(p.textFormat).toBe('plain');
        // (Check-your-answers quotes people's own markup-like words back to them, as typed.)
        if (prompt !== F.CHECK_8) expect(p.text).not.toMatch(/\*\*|__|\]\(|^#|```/m);
      }
    });

    it(`keeps every part within ${SMS_PART_MAX} characters, numbered when split`, () => {
      for (const [i, p] of parts.entries()) {
        expect(charLength(p.text ?? '')).toBeLessThanOrEqual(SMS_PART_MAX);
        if (parts.length > 1) expect(p.text).toMatch(new RegExp(`\\(${i + 1}/${parts.length}\\)$`));
      }
    });

    it('stays in GSM-7 when the words are English (no switch to UCS-2)', () => {
      if (prompt.card?.kind === 'emergency') return; // the Polish guidance needs UCS-2
      for (const p of parts) expect(isGsm7(p.text ?? '')).toBe(true);
    });

    it('never splits a link or a phone number', () => {
      const all = parts.map((p) => p.text).join('\n');
      const tokens = (text: string) => [
        ...(text.match(/https?:\/\/[^\s"]+[^\s".]/g) ?? []),
        ...(text.match(/\b0\d{2,4}(?: \d{2,4}){1,3}\b/g) ?? []),
      ];
      const source = prompt.messages.map((m) => label(m)).join('\n');
      for (const token of tokens(source)) expect(all).toContain(token);
    });

    it('numbers the options the machine reads numbers for, and says which to reply', () => {
      const all = parts.map((p) => (p.text ?? '').replace(/ \(\d+\/\d+\)$/, '')).join('\n');
      const listed = [...all.matchAll(/^(\d+)\. (.+)$/gm)];
      for (const option of prompt.options) {
        const i = prompt.options.indexOf(option);
        const text = label(option.label);
        if (option.value.startsWith('change:')) continue;
        if (prompt.input === 'none' || prompt.input === 'yesno' || prompt.input === 'choice') {
          expect(listed.some((m) => m[1] === String(i + 1) && m[2] === text)).toBe(true);
          // Typing the number shown selects this very option, by the machine's own matcher.
          expect(matchOption(String(i + 1), prompt.options, (o) => label(o.label))?.value).toBe(
            option.value,
          );
        } else {
          // Typing the words shown selects it.
          expect(all).toContain(text);
        }
      }
    });
  });
});

describe('SMS specifics', () => {
  it('safety: the exact text', () => {
    expect(run(F.SAFETY).map((p) => p.text)).toEqual([
      [
        "Hello, I'm Bluelamp, the online assistant for Example Constabulary. I can help you report something, tell you who to contact, or put you in touch with our team.",
        'First, is anyone in immediate danger, or is a crime happening right now?',
        '1. Yes, someone is in danger\n2. No\nReply 1 or 2.',
      ].join('\n\n'),
    ]);
  });

  it('emergency: the guidance leads the first part, in the language they wrote in', () => {
    const parts = run(F.EMERGENCY, [F.NOTICE_HELP]);
    expect(parts[0]?.text).toMatch(/^Jeśli komuś grozi teraz niebezpieczeństwo, zadzwoń pod 999/);
    const all = parts.map((p) => p.text).join('\n');
    expect(all.indexOf('If anyone is in danger now, call 999')).toBeLessThan(
      all.indexOf('If anyone is in danger call 999 (text relay'),
    );
    expect(all).toContain('18000');
    expect(all).toContain('55');
    expect(all).toMatch(/1\. It's not an emergency, carry on\nReply 1\./);
  });

  it('14 options: all numbered, and a range to reply with', () => {
    const all = run(F.MENU_14)
      .map((p) => p.text)
      .join('\n');
    expect([...all.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]))).toEqual(
      Array.from({ length: 14 }, (_, i) => i + 1),
    );
    expect(all).toContain('Reply with a number from 1 to 14.');
  });

  it('flow step: progress, question, hint and how to skip', () => {
    expect(run(F.FLOW_TEXT_OPTIONAL)[0]?.text).toBe(
      'Step 3 of 7\n\nWhen did it happen?\n\nFor example, yesterday at 5pm.\n\nYou can skip this question: reply "Skip".',
    );
  });

  it('check-your-answers: "question – answer" lines numbered as the change options', () => {
    const [part] = run(F.CHECK_8);
    expect(part?.text).toBe(
      [
        'Please check your answers before you send them.',
        [
          '2. When did it happen? - Yesterday at 17:00',
          '3. Where did it happen? - # not a heading / > not a quote / 1. not a list',
          '4. What was taken? - Phone and Wallet or purse',
          '5. Your name - *bob* _the_ ~builder~',
          '6. Which vehicle was involved? - [click me](https://evil.example/x) <b>bold</b> <script>alert(1)</script>',
          "7. Anything else we should know - Tom &amp; Jerry 'code'",
          '8. Phone - 07700 900123',
          '9. Cash - Not answered',
        ].join('\n'),
        '1. Continue\nReply 1 to continue, or reply with the number of an answer to change it.',
      ].join('\n\n'),
    );
    for (let n = 2; n <= 9; n++) {
      expect(matchOption(String(n), F.CHECK_8.options, (o) => label(o.label))?.value).toMatch(
        /^change:/,
      );
    }
  });

  it('agency: contact details as lines', () => {
    expect(run(F.AGENCY_BTP)[0]?.text).toContain(
      'British Transport Police\nWebsite: https://www.btp.police.uk\nPhone: 0800 40 50 40\nText: 61016',
    );
  });

  it('submitted: the reference on its own line', () => {
    expect(run(F.SUBMITTED)[0]?.text).toContain('\n\nYour reference: EXC-2026-004217\n\n');
  });

  it('Welsh: the Welsh instruction, with curly apostrophes made plain', () => {
    const text = run(F.WELSH_SAFETY)[0]?.text ?? '';
    expect(text).toContain('1. Oes, mae rhywun mewn perygl\n2. Nac oes\nAtebwch 1 neu 2.');
    expect(text).not.toMatch(/[‘’“”]/);
    expect(text).toContain("â'n tîm");
  });

  it('long text splits into as few parts as fit, each whole sentences', () => {
    const parts = run(VERY_LONG);
    expect(parts.length).toBe(
      Math.ceil(charLength(parts.map((p) => p.text).join(' ')) / SMS_PART_MAX),
    );
    for (const p of parts.slice(0, -1)) expect(p.text).toMatch(/[.?!:] \(\d+\/\d+\)$/);
  });
});
