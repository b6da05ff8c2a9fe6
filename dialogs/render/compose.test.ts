import { loadResources } from '../../locales/load';
import { matchOption } from '../../triage/input';
import type { Prompt } from '../../triage/types';
import { compose, optionsText, orList, PLAIN, replyInstruction } from './compose';
import * as F from './testing';

const translator = F.testTranslator();
const composed = (prompt: Prompt, notices = [] as Prompt['messages']) =>
  compose({ prompt, notices, channelId: 'test', translator });

describe('dialogs.json in every UI language', () => {
  const resources = loadResources();
  const flatten = (value: unknown, prefix = ''): Map<string, string> => {
    const out = new Map<string, string>();
    if (typeof value === 'string') out.set(prefix, value);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        for (const [p, s] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(p, s);
      }
    }
    return out;
  };
  const params = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
  const en = flatten(resources.en?.dialogs);

  it.each(['cy', 'pl'])('%s has every English key with the same {{params}}', (lng) => {
    const tr = flatten(resources[lng]?.dialogs);
    expect([...tr.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of en)
      expect([key, params(tr.get(key) ?? '')]).toEqual([key, params(text)]);
  });
});

describe('compose', () => {
  it.each([
    ['yes/no', F.SAFETY, 'numbers', [1, 2]],
    ['menu', F.MENU_7, 'numbers', [1, 2, 3, 4, 5, 6, 7]],
    ['free text with a menu option', F.DESCRIBE, 'words', [undefined]],
    ['optional date: skip by word only', F.FLOW_TEXT_OPTIONAL, 'words', [undefined]],
    ['optional yes/no: skip is number 3', F.FLOW_YESNO_OPTIONAL, 'numbers', [1, 2, 3]],
    ['multi: the step’s own options only', F.FLOW_MULTI, 'multi', [1, 2, 3, 4, 5, undefined]],
  ] as const)(
    '%s: typed replies work the way triage/machine.ts reads them',
    (_n, prompt, mode, numbers) => {
      const c = composed(prompt);
      expect(c.mode).toBe(mode);
      expect(c.options.map((o) => o.number)).toEqual(numbers);
      // Where numbers are shown, the machine's own matcher takes each one to the same option.
      for (const o of c.options) {
        if (o.number === undefined || mode !== 'numbers') continue;
        const matched = matchOption(String(o.number), prompt.options, (p) =>
          translator.t(p.label, prompt.locale),
        );
        expect(matched?.value).toBe(o.value);
      }
    },
  );

  it('puts the 999 guidance apart, in its own language first', () => {
    const c = composed(F.EMERGENCY);
    expect(c.emergency.map((g) => g.locale)).toEqual(['pl', 'en']);
    expect(c.emergency[0]?.text).toContain('999');
    expect(c.emergency[1]?.text).toMatch(/^If anyone is in danger now, call 999/);
    expect(c.before).toEqual([translator.t({ key: 'common:emergency.resume' }, 'en')]);
    expect(c.after).toEqual([]);
  });

  it.each([
    ['check-answers: the title introduces the card', F.CHECK_8, 1, 0],
    ['agency: the question follows the card', F.AGENCY_BTP, 2, 1],
    ['submitted: the question follows the card', F.SUBMITTED, 1, 1],
    ['no card: everything before', F.SAFETY, 2, 0],
  ] as const)('%s', (_n, prompt, before, after) => {
    const c = composed(prompt);
    expect([c.before.length, c.after.length]).toEqual([before, after]);
  });

  it('links each check-your-answers row to the option that changes it', () => {
    const c = composed(F.CHECK_8);
    if (c.card?.kind !== 'check-answers') throw new Error('no card');
    expect(c.card.rows).toHaveLength(8);
    expect(c.card.rows.map((r) => r.option?.value)).toEqual(
      F.CHECK_8.options.slice(1).map((o) => o.value),
    );
    expect(c.card.rows.map((r) => r.option?.number)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(c.card.rows[3]?.answer).toBe(F.HOSTILE.name);
  });

  it('says progress in the prompt’s language', () => {
    expect(composed(F.FLOW_TEXT_OPTIONAL).progress).toBe('Step 3 of 7');
    expect(composed({ ...F.FLOW_TEXT_OPTIONAL, locale: 'cy' }).progress).toBe('Cam 3 o 7');
    expect(composed({ ...F.FLOW_TEXT_OPTIONAL, locale: 'pl' }).progress).toBe('Krok 3 z 7');
  });
});

describe('reply instructions', () => {
  it.each([
    ['en', [1], 'Reply 1.'],
    ['en', [1, 2], 'Reply 1 or 2.'],
    ['en', [1, 2, 3], 'Reply 1, 2 or 3.'],
    ['en', [1, 2, 3, 4, 5], 'Reply 1, 2, 3, 4 or 5.'],
    ['en', [1, 2, 3, 4, 5, 6, 7], 'Reply with a number from 1 to 7.'],
    ['cy', [1, 2, 3], 'Atebwch 1, 2 neu 3.'],
    ['pl', [1, 2], 'Prosimy odpowiedzieć: 1 lub 2.'],
  ] as const)('%s %j → %s', (locale, numbers, text) => {
    expect(replyInstruction(composed({ ...F.SAFETY, locale }), numbers)).toBe(text);
  });

  it('orList uses the locale’s own "or"', () => {
    expect(orList(['a', 'b', 'c'], 'en')).toBe('a, b or c');
    expect(orList(['a', 'b'], 'cy')).toBe('a neu b');
  });

  it.each([
    [F.SAFETY, '1. Yes, someone is in danger\n2. No\nReply 1 or 2.'],
    [F.DESCRIBE, 'Or reply "Show me a list".'],
    [F.FLOW_TEXT_OPTIONAL, 'You can skip this question: reply "Skip".'],
    [F.FLOW_YESNO_OPTIONAL, '1. Yes\n2. No\n3. Skip\nReply 1, 2 or 3.'],
    [
      F.FLOW_MULTI,
      [
        '1. Phone',
        '2. Bicycle',
        '3. Wallet or purse',
        '4. Cash',
        '5. Jewellery and watches (including rings)',
        'You can choose more than one: reply with their numbers, for example 1, 3.',
        'You can skip this question: reply "Skip".',
      ].join('\n'),
    ],
    [
      F.CHECK_8,
      '1. Continue\nReply 1 to continue, or reply with the number of an answer to change it.',
    ],
  ])('options of %#, written out', (prompt, text) => {
    expect(optionsText(composed(prompt), PLAIN)).toBe(text);
  });
});
