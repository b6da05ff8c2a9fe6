import type { Translator } from '../../triage/i18n';
import type { UiLocale } from '../../triage/languages';
import type { AgencyContact } from '../../triage/agencies';
import type { Message, MessageParam, Prompt } from '../../triage/types';

/**
 * The channel-neutral middle step: a prompt translated and arranged (what is emergency guidance,
 * what comes before and after a card, which options a typed number selects). Each renderer then
 * only decides how its channel shows these pieces. Strings here are raw; renderers escape them.
 */

export interface RenderInput {
  readonly prompt: Prompt;
  /** Said before the prompt: a validation error, "switched to Welsh", help text. */
  readonly notices: readonly Message[];
  readonly channelId: string;
  readonly translator: Translator;
}

export interface ComposedOption {
  readonly value: string;
  readonly label: string;
  /** The number a typed reply uses for this option, when typed numbers select options here. */
  readonly number?: number;
  readonly skip: boolean;
  /** For check-your-answers: the step this option changes. */
  readonly changes?: string;
}

export interface CheckRow {
  readonly stepId: string;
  readonly question: string;
  readonly answer: string;
  /** The option that changes this row (its number, when numbers apply). */
  readonly option?: ComposedOption;
}

export type ComposedCard =
  | { readonly kind: 'check-answers'; readonly rows: readonly CheckRow[] }
  | { readonly kind: 'agency'; readonly contacts: readonly AgencyContact[] }
  | { readonly kind: 'submitted'; readonly reference: string };

/**
 * How a typed reply picks an option, mirroring triage/machine.ts: numbers where the person is
 * choosing (input none/choice/yesno), numbers of the step's own options for multi (never skip),
 * and only the option's words where the input is an answer ("how many? 2" is an answer).
 */
export type ReplyMode = 'numbers' | 'multi' | 'words';

export interface Composed {
  readonly locale: UiLocale;
  readonly emergency: readonly { readonly text: string; readonly locale: string }[];
  readonly notices: readonly string[];
  readonly progress?: string;
  /** Messages said before the card (all of them when there is no card). */
  readonly before: readonly string[];
  readonly card?: ComposedCard;
  /** The question, said after the card. */
  readonly after: readonly string[];
  readonly options: readonly ComposedOption[];
  readonly mode: ReplyMode;
  readonly optional: boolean;
  readonly expectsInput: boolean;
  /** A string from this namespace (dialogs:…) in the prompt's locale. */
  readonly say: (key: string, params?: Readonly<Record<string, MessageParam>>) => string;
}

/** Numbers as a list in the locale's own words: "1, 2 or 3", "1, 2 neu 3", "1, 2 lub 3". */
export function orList(items: readonly string[], locale: string): string {
  const tag = locale === 'en' ? 'en-GB' : locale;
  return new Intl.ListFormat(tag, { type: 'disjunction' }).format(items);
}

export function compose(input: RenderInput): Composed {
  const { prompt, translator } = input;
  const locale = prompt.locale;
  const t = (message: Message) => translator.t(message, locale);
  const say = (key: string, params?: Readonly<Record<string, MessageParam>>) =>
    t(params ? { key: `dialogs:${key}`, params } : { key: `dialogs:${key}` });

  const isEmergency = prompt.card?.kind === 'emergency';
  const emergency = isEmergency
    ? prompt.messages
        .filter((m) => m.key.startsWith('emergency:'))
        .map((m) => ({ text: t(m), locale: m.locale ?? locale }))
    : [];
  const rest = isEmergency
    ? prompt.messages.filter((m) => !m.key.startsWith('emergency:'))
    : prompt.messages;
  const texts = rest.map(t).filter((s) => s.trim().length > 0);

  const mode: ReplyMode =
    prompt.input === 'multi'
      ? 'multi'
      : prompt.input === 'none' || prompt.input === 'choice' || prompt.input === 'yesno'
        ? 'numbers'
        : 'words';
  const options: ComposedOption[] = prompt.options.map((o, i) => {
    const skip = o.value === 'skip' && prompt.optional === true;
    const numbered = mode === 'numbers' || (mode === 'multi' && !skip);
    const changes = o.value.startsWith('change:') ? o.value.slice('change:'.length) : undefined;
    return {
      value: o.value,
      label: t(o.label),
      skip,
      ...(numbered ? { number: i + 1 } : {}),
      ...(changes !== undefined ? { changes } : {}),
    };
  });

  const card = composeCard(prompt, options, t);
  // With a card, the last message is the question that follows it (check-answers has one message,
  // its title, which introduces the card instead).
  const split = card && texts.length > 1 ? texts.length - 1 : texts.length;

  return {
    locale,
    emergency,
    notices: input.notices.map(t).filter((s) => s.trim().length > 0),
    ...(prompt.progress ? { progress: say('progress', { ...prompt.progress }) } : {}),
    before: texts.slice(0, split),
    ...(card ? { card } : {}),
    after: texts.slice(split),
    options,
    mode,
    optional: prompt.optional === true,
    expectsInput: prompt.input !== 'none' || prompt.options.length > 0,
    say,
  };
}

function composeCard(
  prompt: Prompt,
  options: readonly ComposedOption[],
  t: (m: Message) => string,
): ComposedCard | undefined {
  const card = prompt.card;
  if (!card) return undefined;
  switch (card.kind) {
    case 'check-answers':
      return {
        kind: 'check-answers',
        rows: card.rows.map((row) => {
          const option = options.find((o) => o.changes === row.stepId);
          return {
            stepId: row.stepId,
            question: t(row.question),
            answer: t(row.answer),
            ...(option ? { option } : {}),
          };
        }),
      };
    case 'agency': {
      const { local, ...main } = card.contact;
      return { kind: 'agency', contacts: [main, ...local] };
    }
    case 'submitted':
      return { kind: 'submitted', reference: card.reference };
    case 'emergency':
      return undefined;
  }
}

/* ---------------------------------------------------------------- shared text layout */

export interface TextStyle {
  /** Applied to every translated piece (escaping for markup channels). */
  readonly escape: (text: string) => string;
  readonly bold: (text: string) => string;
}

export const PLAIN: TextStyle = { escape: (s) => s, bold: (s) => s };

/** A card as text lines: check-your-answers rows, agency contact lines, the reference. */
export function cardText(composed: Composed, style: TextStyle): string | undefined {
  const card = composed.card;
  if (!card) return undefined;
  const { say } = composed;
  const e = style.escape;
  switch (card.kind) {
    case 'check-answers': {
      // One line per row, so a multi-line answer cannot pass for another row or an option.
      const line = (s: string) => e(s.replace(/\s*\n\s*/g, ' / '));
      return card.rows
        .map((row) =>
          row.option?.number !== undefined
            ? say('check.row', {
                number: row.option.number,
                question: line(row.question),
                answer: line(row.answer),
              })
            : say('check.rowUnnumbered', {
                question: line(row.question),
                answer: line(row.answer),
              }),
        )
        .join('\n');
    }
    case 'agency':
      return card.contacts
        .map((c) =>
          [
            style.bold(e(c.name)),
            ...contactLines(c).map(([label, value]) =>
              say('agency.line', { label: say(`agency.${label}`), value: e(value) }),
            ),
          ].join('\n'),
        )
        .join('\n\n');
    case 'submitted':
      return say('submitted.line', { reference: style.bold(e(card.reference)) });
  }
}

export function contactLines(
  contact: AgencyContact,
): ['website' | 'phone' | 'text' | 'email', string][] {
  const lines: ['website' | 'phone' | 'text' | 'email', string][] = [];
  if (contact.web) lines.push(['website', contact.web]);
  if (contact.phone) lines.push(['phone', contact.phone]);
  if (contact.text) lines.push(['text', contact.text]);
  if (contact.email) lines.push(['email', contact.email]);
  return lines;
}

/** The instruction for typed numbers: "Reply 1, 2 or 3." or, for long lists, a range. */
export function replyInstruction(composed: Composed, numbers: readonly number[]): string {
  const { say } = composed;
  const [first] = numbers;
  const last = numbers[numbers.length - 1];
  if (first === undefined || last === undefined) return '';
  if (numbers.length === 1) return say('reply.one', { number: first });
  if (numbers.length > 5) return say('reply.range', { first, last });
  return say('reply.list', { list: orList(numbers.map(String), composed.locale) });
}

/**
 * The options written out for a channel that cannot (or, for these options, did not) show them
 * as buttons: numbered lines and the reply instruction, or "Or reply …" words.
 */
export function optionsText(composed: Composed, style: TextStyle): string {
  const { say } = composed;
  const e = style.escape;
  const lines: string[] = [];
  const check = composed.card?.kind === 'check-answers';
  const listed = composed.options.filter((o) => !(check && o.changes !== undefined));
  const numbered = listed.filter((o) => o.number !== undefined);
  const words = listed.filter((o) => o.number === undefined);

  if (numbered.length > 0) {
    lines.push(
      numbered
        .map((o) => say('option.numbered', { number: o.number ?? 0, label: e(o.label) }))
        .join('\n'),
    );
  }
  if (check) {
    const go = composed.options.find((o) => o.changes === undefined && o.number !== undefined);
    if (go?.number !== undefined) lines.push(say('check.textHint', { continue: go.number }));
  } else if (composed.mode === 'multi' && numbered.length > 0) {
    const a = numbered[0]?.number ?? 1;
    const b = numbered[Math.min(2, numbered.length - 1)]?.number ?? 2;
    lines.push(say('reply.multi', { example: `${a}, ${b}` }));
  } else if (numbered.length > 0) {
    lines.push(
      replyInstruction(
        composed,
        numbered.map((o) => o.number ?? 0),
      ),
    );
  }
  for (const o of words) {
    lines.push(
      o.skip
        ? say('optional.typed', { label: e(o.label) })
        : say('reply.words', { label: e(o.label) }),
    );
  }
  return lines.join('\n');
}

/** For channels with buttons: how to skip, when the skip option is one of the buttons. */
export function skipHint(composed: Composed): string | undefined {
  return composed.optional && composed.options.some((o) => o.skip)
    ? composed.say('optional.button')
    : undefined;
}

export interface TextMessage {
  readonly text: string;
  readonly locale: string;
}

/**
 * The prompt as a sequence of text messages for channels without cards: emergency guidance first,
 * then notices, then what comes before the card, the card as lines, and the question with the
 * options written out (`listOptions`) or, when buttons carry them, only how to skip.
 */
export function textMessages(
  composed: Composed,
  style: TextStyle,
  listOptions: boolean,
): TextMessage[] {
  const { locale } = composed;
  const e = style.escape;
  const out: TextMessage[] = [];
  for (const g of composed.emergency) {
    out.push({ text: style.bold(e(g.text)), locale: g.locale });
  }
  for (const n of composed.notices) out.push({ text: e(n), locale });

  const progress = composed.progress ? [e(composed.progress)] : [];
  const before = [...progress, ...composed.before.map(e)];
  const card = cardText(composed, style);
  const check = composed.card?.kind === 'check-answers';
  // Buttons never go out without words: with nothing else to say, the options are written out.
  const silent = before.length === 0 && composed.after.length === 0 && card === undefined;
  const options =
    listOptions || check || silent ? optionsText(composed, style) : skipHint(composed);
  const after = [...composed.after.map(e), ...(options ? [options] : [])];

  if (card !== undefined) {
    if (before.length > 0) out.push({ text: before.join('\n\n'), locale });
    out.push({ text: card, locale });
    if (after.length > 0) out.push({ text: after.join('\n\n'), locale });
  } else if (before.length + after.length > 0) {
    out.push({ text: [...before, ...after].join('\n\n'), locale });
  }
  return out;
}
