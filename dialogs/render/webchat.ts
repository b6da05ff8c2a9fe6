import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  MULTI_INPUT_ID,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type CardElementAction,
  type MessageActivity,
  type OutboundActivity,
} from '../activity';
import {
  cardText,
  compose,
  contactLines,
  PLAIN,
  skipHint,
  type Composed,
  type ComposedOption,
  type RenderInput,
} from './compose';
import { escapeMarkdown, markdownParagraphs, telUri } from './text';

/**
 * Web Chat (our own page, over our Direct Line: channelId "directline" or "webchat") and the Bot
 * Framework Emulator ("emulator").
 *
 * What the channel accepts, as checked here:
 * - Markdown, rendered by Web Chat 4.18 with markdown-it 13 { html: true, linkify: true,
 *   typographer: true, breaks: false } (node_modules/botframework-webchat/lib/markdown/
 *   renderMarkdown.js), links sanitised to http(s), mailto, tel, sip, ftp, data. So people's own
 *   words are escaped, links are left bare for linkify, and line breaks are made explicit.
 * - Suggested actions are shown only for the last message activity, and only when `to` is empty or
 *   names the user (botframework-webchat-core queueIncomingActivitySaga.js).
 * - messageBack: Web Chat posts `text` and `value`, and shows `displayText` in the transcript
 *   (learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-add-suggested-actions).
 * - Adaptive Cards up to 1.6 (the adaptivecards 3.0.6 package Web Chat bundles); we send 1.5 with
 *   no images. Action.Submit posts its `data` as `activity.value`, with inputs merged in by id.
 */

const md = escapeMarkdown;

/** Escaped, with each line kept as a line (Web Chat's markdown joins single newlines). */
function lines(text: string): string {
  return markdownParagraphs([md(text)]);
}

/** Bold per line: markdown emphasis cannot span a paragraph break. */
function bold(text: string): string {
  return text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => `**${md(line)}**`)
    .join('\n\n');
}

function textActivity(text: string, locale: string): MessageActivity {
  return { type: 'message', text, textFormat: 'markdown', locale, inputHint: 'acceptingInput' };
}

function button(option: ComposedOption): CardAction {
  return {
    type: 'messageBack',
    title: option.label,
    displayText: option.label,
    text: option.label,
    value: { choice: option.value },
  };
}

function card(
  composed: Composed,
  body: CardElement[],
  actions?: CardElementAction[],
): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions && actions.length > 0 ? { actions } : {}),
    fallbackText: cardText(composed, PLAIN) ?? composed.say('multi.label'),
    // No `lang`: adaptivecards 3.0.6 checks it with a global (stateful) regex, so every other card
    // fails validation; the activity's `locale` says the language instead.
  };
}

function checkAnswersCard(composed: Composed): AdaptiveCard | undefined {
  if (composed.card?.kind !== 'check-answers') return undefined;
  // Each row's button is named after its question ("Change: When did it happen?"), not just
  // "Change": adaptivecards makes a button's title its accessible name (a tooltip never is), and a
  // screen reader's list of buttons would otherwise be twenty "Change"s. The button sits under
  // the answer so the longer title has the card's full width, on a phone too.
  const body: CardElement[] = composed.card.rows.map((row) => ({
    type: 'Container',
    separator: true,
    items: [
      { type: 'TextBlock', text: lines(row.question), wrap: true, weight: 'Bolder' },
      { type: 'TextBlock', text: lines(row.answer), wrap: true, spacing: 'Small' },
      ...(row.option
        ? [
            {
              type: 'ActionSet' as const,
              actions: [
                {
                  type: 'Action.Submit' as const,
                  title: row.option.label,
                  data: { choice: row.option.value },
                },
              ],
            },
          ]
        : []),
    ],
  }));
  const go = composed.options.find((o) => o.changes === undefined);
  const actions: CardElementAction[] = composed.options
    .filter((o) => o.changes === undefined)
    .map((o) => ({
      type: 'Action.Submit',
      title: o.label,
      data: { choice: o.value },
      ...(o === go ? { style: 'positive' as const } : {}),
    }));
  return card(composed, body, actions);
}

function agencyCard(composed: Composed): AdaptiveCard | undefined {
  if (composed.card?.kind !== 'agency') return undefined;
  const { say } = composed;
  const body: CardElement[] = [];
  const actions: CardElementAction[] = [];
  composed.card.contacts.forEach((contact, i) => {
    const facts = contactLines(contact).map(([label, value]) => ({
      title: md(say(`agency.${label}`)),
      value:
        label === 'website'
          ? `[${md(value)}](${value})`
          : label === 'phone'
            ? `[${md(value)}](${telUri(value)})`
            : label === 'email'
              ? `[${md(value)}](mailto:${value})`
              : md(value),
    }));
    body.push({
      type: 'Container',
      ...(i > 0 ? { separator: true } : {}),
      items: [
        { type: 'TextBlock', text: md(contact.name), wrap: true, style: 'heading', size: 'Medium' },
        ...(facts.length > 0 ? [{ type: 'FactSet' as const, facts }] : []),
      ],
    });
    // A single contact also gets buttons: large targets that work from a keyboard. With local
    // contacts too, buttons could not say whose they are, so the links in each block serve.
    if (composed.card?.kind === 'agency' && composed.card.contacts.length === 1) {
      if (contact.web) {
        actions.push({
          type: 'Action.OpenUrl',
          title: say('agency.openWebsite'),
          url: contact.web,
        });
      }
      if (contact.phone) {
        actions.push({
          type: 'Action.OpenUrl',
          title: say('agency.call', { number: contact.phone }),
          url: telUri(contact.phone),
        });
      }
    }
  });
  return card(composed, body, actions);
}

function submittedCard(composed: Composed): AdaptiveCard | undefined {
  if (composed.card?.kind !== 'submitted') return undefined;
  return card(composed, [
    { type: 'TextBlock', text: md(composed.say('submitted.title')), style: 'heading', wrap: true },
    {
      type: 'TextBlock',
      text: md(composed.card.reference),
      size: 'ExtraLarge',
      weight: 'Bolder',
      fontType: 'Monospace',
      wrap: true,
    },
  ]);
}

/** Several answers at once: checkboxes and one submit, rather than buttons that pick only one. */
function multiCard(composed: Composed): AdaptiveCard | undefined {
  if (composed.mode !== 'multi') return undefined;
  const choices = composed.options.filter((o) => !o.skip);
  if (choices.length === 0) return undefined;
  const skip = composed.options.find((o) => o.skip);
  const body: CardElement[] = [
    {
      type: 'Input.ChoiceSet',
      id: MULTI_INPUT_ID,
      label: composed.say('multi.label'),
      isMultiSelect: true,
      style: 'expanded',
      choices: choices.map((o) => ({ title: o.label, value: o.value })),
    },
  ];
  const actions: CardElementAction[] = [
    {
      type: 'Action.Submit',
      title: composed.say('multi.submit'),
      style: 'positive',
      data: { submit: 'multi' },
    },
    ...(skip
      ? [{ type: 'Action.Submit' as const, title: skip.label, data: { choice: skip.value } }]
      : []),
  ];
  return { ...card(composed, body, actions), fallbackText: choices.map((o) => o.label).join('\n') };
}

export function renderWebChat(input: RenderInput): OutboundActivity[] {
  const composed = compose(input);
  const { locale } = composed;
  const out: MessageActivity[] = [];

  // Danger first, in bold, each in the language it is written in.
  for (const g of composed.emergency) out.push(textActivity(bold(g.text), g.locale));
  for (const n of composed.notices) out.push(textActivity(markdownParagraphs([md(n)]), locale));

  const progress = composed.progress ? [`*${md(composed.progress)}*`] : [];
  const attachment =
    checkAnswersCard(composed) ??
    agencyCard(composed) ??
    submittedCard(composed) ??
    multiCard(composed);
  // Check-your-answers and multi-select cards carry their own buttons.
  const cardHoldsOptions =
    composed.card?.kind === 'check-answers' ||
    (composed.mode === 'multi' && attachment !== undefined);
  const buttons = cardHoldsOptions ? [] : composed.options.map(button);
  const skip = skipHint(composed);

  // Said with the question: after the card, or before a card that is the question's own input.
  const skipBefore = composed.mode === 'multi' && attachment !== undefined;
  const before = [
    ...progress,
    ...composed.before.map(md),
    ...(skip && skipBefore ? [md(skip)] : []),
  ];
  const after = [...composed.after.map(md), ...(skip && !skipBefore ? [md(skip)] : [])];

  if (attachment) {
    if (before.length > 0) out.push(textActivity(markdownParagraphs(before), locale));
    out.push({
      type: 'message',
      textFormat: 'markdown',
      locale,
      inputHint: 'acceptingInput',
      attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: attachment }],
    });
    if (after.length > 0) out.push(textActivity(markdownParagraphs(after), locale));
  } else if (before.length + after.length > 0) {
    out.push(textActivity(markdownParagraphs([...before, ...after]), locale));
  }

  if (out.length === 0) {
    if (buttons.length === 0) return out;
    out.push(textActivity('', locale));
  }
  const last = out[out.length - 1];
  if (last) {
    if (buttons.length > 0) last.suggestedActions = { actions: buttons, to: [] };
    last.inputHint = composed.expectsInput ? 'expectingInput' : 'acceptingInput';
  }
  return out;
}
