import {
  eventFromReply,
  OutboundActivitySchema,
  type AdaptiveCard,
  type CardElement,
  type MessageActivity,
} from '../activity';
import type { Message, Prompt } from '../../triage/types';
import { escapeMarkdown } from './text';
import { renderWebChat } from './webchat';
import * as F from './testing';

const translator = F.testTranslator();
const markdown = F.webChatMarkdown();
const run = (prompt: Prompt, notices: readonly Message[] = [], channelId = 'webchat') =>
  F.messages(renderWebChat({ prompt, notices, channelId, translator }));
const label = (m: Message, locale = 'en') => translator.t(m, locale);
const markdownOf = escapeMarkdown;

function cardOf(activities: readonly MessageActivity[]): AdaptiveCard {
  const card = activities.flatMap((a) => a.attachments ?? [])[0];
  if (card?.contentType !== 'application/vnd.microsoft.card.adaptive') throw new Error('no card');
  return card.content;
}

function walk(elements: readonly CardElement[]): CardElement[] {
  return elements.flatMap((e) => [
    e,
    ...(e.type === 'Container' ? walk(e.items) : []),
    ...(e.type === 'ColumnSet' ? walk(e.columns.flatMap((c) => c.items)) : []),
  ]);
}

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
  ['agency (council + local)', F.AGENCY_COUNCIL],
  ['emergency', F.EMERGENCY],
  ['submitted', F.SUBMITTED],
  ['long text', F.LONG],
  ['Welsh safety', F.WELSH_SAFETY],
];

describe.each(ALL)('Web Chat: %s', (_name, prompt) => {
  const activities = run(prompt, [F.NOTICE_ERROR]);

  it('is the outbound schema, the same on directline and emulator', () => {
    for (const a of activities) expect(OutboundActivitySchema.parse(a)).toEqual(a);
    expect(run(prompt, [F.NOTICE_ERROR], 'directline')).toEqual(activities);
    expect(run(prompt, [F.NOTICE_ERROR], 'emulator')).toEqual(activities);
  });

  it('puts suggested actions on the last activity only, each carrying its option’s value', () => {
    const withActions = activities.filter((a) => a.suggestedActions);
    expect(withActions.every((a) => a === activities[activities.length - 1])).toBe(true);
    for (const action of withActions[0]?.suggestedActions?.actions ?? []) {
      if (action.type !== 'messageBack') throw new Error(action.type);
      const option = prompt.options.find((o) => o.value === action.value.choice);
      expect(option).toBeDefined();
      if (!option) continue;
      expect(action.title).toBe(label(option.label, prompt.locale));
      expect(action.displayText).toBe(action.title);
      expect(eventFromReply({ value: action.value })).toEqual({
        type: 'CHOOSE',
        value: option.value,
      });
    }
  });

  it('offers every option somewhere: a suggested action or a card button', () => {
    const values = new Set<string>();
    for (const a of activities) {
      for (const s of a.suggestedActions?.actions ?? []) {
        if (s.type !== 'imBack') values.add(s.value.choice);
      }
      for (const att of a.attachments ?? []) {
        if (att.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
        const actions = [
          ...(att.content.actions ?? []),
          ...walk(att.content.body).flatMap((e) => (e.type === 'ActionSet' ? e.actions : [])),
        ];
        for (const action of actions) {
          if (action.type === 'Action.Submit' && 'choice' in action.data)
            values.add(action.data.choice);
        }
        for (const e of walk(att.content.body)) {
          if (e.type === 'Input.ChoiceSet') for (const c of e.choices) values.add(c.value);
        }
      }
    }
    expect([...values].sort()).toEqual(prompt.options.map((o) => o.value).sort());
  });

  it('renders through Web Chat’s markdown with no markup but its own', () => {
    for (const a of activities) {
      const html = markdown(a.text ?? '');
      expect(html).not.toMatch(/<(h\d|blockquote|ol|ul|li|code|del|img|script|b|i)\b/);
      expect(html).not.toMatch(/<a href="(?!https?:|tel:)/);
    }
  });

  it('sends cards Web Chat’s own Adaptive Cards package accepts without warnings', () => {
    for (const att of activities.flatMap((a) => a.attachments ?? [])) {
      expect(F.adaptiveCardProblems(att.content)).toEqual([]);
    }
  });
});

describe('Web Chat specifics', () => {
  it('says notices first, then the prompt, with the question expecting input', () => {
    const activities = run(F.SAFETY, [F.NOTICE_ERROR, F.NOTICE_HELP]);
    expect(activities.slice(0, 2).map((a) => a.text)).toEqual([
      label(F.NOTICE_ERROR),
      markdownOf(label(F.NOTICE_HELP)),
    ]);
    expect(activities[2]?.text).toMatch(/^Hello, I'm Bluelamp/);
    expect(activities.map((a) => a.inputHint)).toEqual([
      'acceptingInput',
      'acceptingInput',
      'expectingInput',
    ]);
    expect(activities[2]?.suggestedActions?.to).toEqual([]);
  });

  it('puts the 999 guidance first and in bold, ahead of any notice, in its own language', () => {
    const activities = run(F.EMERGENCY, [F.NOTICE_HELP]);
    expect(activities.slice(0, 2).map((a) => a.locale)).toEqual(['pl', 'en']);
    for (const a of activities.slice(0, 2)) {
      expect(a.text).toMatch(/^\*\*.*999.*\*\*$/s);
      expect(markdown(a.text ?? '')).toMatch(/^<p><strong>.*<\/strong><\/p>\n$/s);
    }
    expect(activities[2]?.text).toBe(markdownOf(label(F.NOTICE_HELP)));
    expect(activities.at(-1)?.suggestedActions?.actions.map((s) => s.title)).toEqual([
      "It's not an emergency, carry on",
    ]);
  });

  it('shows progress and how to skip on a flow step', () => {
    const [question] = run(F.FLOW_TEXT_OPTIONAL);
    expect(question?.text).toBe(
      '*Step 3 of 7*\n\nWhen did it happen?\n\nFor example, yesterday at 5pm.\n\nYou can skip this question.',
    );
    expect(question?.suggestedActions?.actions).toEqual([
      {
        type: 'messageBack',
        title: 'Skip',
        displayText: 'Skip',
        text: 'Skip',
        value: { choice: 'skip' },
      },
    ]);
  });

  it('check-your-answers: a row per answer with a Change button, and Continue', () => {
    const activities = run(F.CHECK_8);
    expect(activities.map((a) => Boolean(a.attachments))).toEqual([false, true]);
    expect(activities[0]?.text).toBe('Please check your answers before you send them.');
    expect(activities[1]?.suggestedActions).toBeUndefined();
    const card = cardOf(activities);
    expect(card.version).toBe('1.5');
    expect(card.body).toHaveLength(8);
    const submits = walk(card.body).flatMap((e) => (e.type === 'ActionSet' ? e.actions : []));
    expect(submits.map((s) => [s.title, s.type === 'Action.Submit' ? s.data : null])).toEqual(
      ['when', 'where', 'what', 'name', 'vehicle', 'extra', 'phone', 'cash'].map((id) => [
        expect.stringMatching(/^Change: /) as unknown as string,
        { choice: `change:${id}` },
      ]),
    );
    // The title is the button's accessible name: each one says which answer it changes.
    expect(submits[0]?.title).toBe('Change: When did it happen?');
    expect(new Set(submits.map((s) => s.title)).size).toBe(submits.length);
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Continue', style: 'positive', data: { choice: 'continue' } },
    ]);
    expect(card.fallbackText).toContain('2. When did it happen? – Yesterday at 17:00');
  });

  it('check-your-answers: people’s own words never become markup', () => {
    const card = cardOf(run(F.CHECK_8));
    const texts = walk(card.body).flatMap((e) => (e.type === 'TextBlock' ? [e.text] : []));
    // A bare address may be linked, but only showing where it goes.
    const html = texts
      .map(markdown)
      .join('')
      .replace(/<a href="([^"]+)">\1<\/a>/g, '$1');
    expect(html).not.toMatch(/<(em|strong|a|h1|blockquote|ol|code|del|script|b)\b/);
    expect(html).toContain('*bob* _the_ ~builder~');
    expect(html).toContain('[click me](https://evil.example/x)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('# not a heading<br>\n&gt; not a quote<br>\n1. not a list');
  });

  it('agency: name, website link, tel: link, text number, and buttons for a single contact', () => {
    const activities = run(F.AGENCY_BTP);
    expect(activities.map((a) => (a.attachments ? 'card' : a.text?.slice(0, 20)))).toEqual([
      'British Transport Po',
      'card',
      'Is there anything el',
    ]);
    const card = cardOf(activities);
    const facts = walk(card.body).flatMap((e) => (e.type === 'FactSet' ? e.facts : []));
    expect(facts).toEqual([
      { title: 'Website', value: '[https://www.btp.police.uk](https://www.btp.police.uk)' },
      { title: 'Phone', value: '[0800 40 50 40](tel:0800405040)' },
      { title: 'Text', value: '61016' },
    ]);
    expect(markdown(facts[1]?.value ?? '')).toBe(
      '<p><a href="tel:0800405040">0800 40 50 40</a></p>\n',
    );
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open the website', url: 'https://www.btp.police.uk' },
      { type: 'Action.OpenUrl', title: 'Call 0800 40 50 40', url: 'tel:0800405040' },
    ]);
  });

  it('agency with a local contact: a block each, links but no ambiguous buttons', () => {
    const card = cardOf(run(F.AGENCY_COUNCIL));
    expect(card.body.map((e) => (e.type === 'Container' ? e.items[0] : e))).toEqual([
      expect.objectContaining({ text: 'Your local council' }),
      expect.objectContaining({ text: 'Example City Council' }),
    ]);
    expect(card.actions).toBeUndefined();
  });

  it('submitted: the reference on its own card, large and monospaced', () => {
    const card = cardOf(run(F.SUBMITTED));
    expect(card.body).toEqual([
      expect.objectContaining({ text: 'Your reference', style: 'heading' }),
      expect.objectContaining({
        text: 'EXC-2026-004217',
        fontType: 'Monospace',
        size: 'ExtraLarge',
      }),
    ]);
  });

  it('multi: checkboxes whose submit comes back as the chosen values', () => {
    const activities = run(F.FLOW_MULTI);
    expect(activities[0]?.text).toBe(
      '*Step 6 of 7*\n\nWhat was taken?\n\nYou can skip this question.',
    );
    const card = cardOf(activities);
    const [input] = card.body;
    expect(input).toMatchObject({ type: 'Input.ChoiceSet', id: 'choices', isMultiSelect: true });
    const submit = card.actions?.[0];
    if (submit?.type !== 'Action.Submit') throw new Error('no submit');
    // What Web Chat posts: the action's data with the input's value merged in by id.
    expect(eventFromReply({ value: { ...submit.data, choices: 'phone,wallet' } })).toEqual({
      type: 'ANSWER',
      value: ['phone', 'wallet'],
    });
    expect(card.actions?.[1]).toEqual({
      type: 'Action.Submit',
      title: 'Skip',
      data: { choice: 'skip' },
    });
  });

  it('Welsh: every word from the Welsh locale', () => {
    const [question] = run(F.WELSH_SAFETY);
    expect(question?.locale).toBe('cy');
    expect(question?.suggestedActions?.actions.map((a) => a.title)).toEqual([
      'Oes, mae rhywun mewn perygl',
      'Nac oes',
    ]);
  });
});
