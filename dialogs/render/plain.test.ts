import { matchOption } from '../../triage/input';
import type { Message, Prompt } from '../../triage/types';
import { OutboundActivitySchema } from '../activity';
import { renderPlain } from './plain';
import * as F from './testing';

const translator = F.testTranslator();
const run = (prompt: Prompt, notices: readonly Message[] = []) =>
  F.messages(renderPlain({ prompt, notices, channelId: 'msteams', translator }));
const label = (m: Message) => translator.t(m, 'en');

const ALL: [string, Prompt][] = [
  ['safety', F.SAFETY],
  ['7-option menu', F.MENU_7],
  ['14-option menu', F.MENU_14],
  ['free text', F.DESCRIBE],
  ['optional flow step', F.FLOW_TEXT_OPTIONAL],
  ['optional yes/no', F.FLOW_YESNO_OPTIONAL],
  ['check answers (8 rows)', F.CHECK_8],
  ['agency (council + local)', F.AGENCY_COUNCIL],
  ['emergency', F.EMERGENCY],
  ['submitted', F.SUBMITTED],
];

describe.each(ALL)('any other channel: %s', (_name, prompt) => {
  const activities = run(prompt, [F.NOTICE_ERROR]);

  it('plain text, nothing else', () => {
    for (const a of activities) {
      expect(OutboundActivitySchema.parse(a)).toEqual(a);
      expect(Object.keys(a).sort()).toEqual(['inputHint', 'locale', 'text', 'textFormat', 'type']);
      expect(a.textFormat).toBe('plain');
    }
    expect(F.lastMessage(activities).inputHint).toBe('expectingInput');
  });

  it('options numbered where numbers select them, in words otherwise', () => {
    const text = F.allText(activities);
    for (const [i, option] of prompt.options.entries()) {
      if (option.value.startsWith('change:')) continue;
      if (prompt.input === 'none' || prompt.input === 'yesno' || prompt.input === 'choice') {
        expect(text).toContain(`\n${i + 1}. ${label(option.label)}`);
        expect(matchOption(String(i + 1), prompt.options, (o) => label(o.label))).toBe(option);
      } else {
        expect(text).toContain(`"${label(option.label)}"`);
      }
    }
  });
});

describe('any other channel: layout', () => {
  it('notices, then the prompt; the question with its options last', () => {
    expect(run(F.SUBMITTED, [F.NOTICE_ERROR]).map((a) => a.text)).toEqual([
      "Sorry, I didn't understand that answer.",
      'Your report has been sent to our Crime Recording Team. Your reference is EXC-2026-004217. Please keep it: you will need it if you contact us about this.',
      'Your reference: EXC-2026-004217',
      "Is there anything else I can help with?\n\n1. Yes, something else\n2. No, that's all\nReply 1 or 2.",
    ]);
  });

  it('agency with a local contact: a block of lines for each', () => {
    expect(run(F.AGENCY_COUNCIL)[1]?.text).toBe(
      [
        'Your local council\nWebsite: https://www.gov.uk/find-local-council',
        'Example City Council\nWebsite: https://www.example.gov.uk/report\nPhone: 01234 567890',
      ].join('\n\n'),
    );
  });
});
