import { z } from 'zod';
import type { TriageEvent } from '../triage/types';

/**
 * The outbound Bot Framework activity subset that dialogs/ produces, as plain JSON. Only bot/ imports
 * botbuilder; these shapes are structurally assignable to botframework-schema's `Partial<Activity>`
 * (activity.test.ts proves it with a type-only check), so bot/ can send them unchanged.
 *
 * How a button press comes back, per channel (read by `eventFromReply` below):
 * - Web Chat / Direct Line / Emulator: messageBack or Action.Submit → `activity.value = { choice }`;
 *   the multi-select card → `activity.value = { submit: 'multi', choices: 'a,b' }`.
 * - Messenger: the tapped quick reply's title arrives as text and its payload (JSON `{ choice }`) as
 *   `channelData.message.quick_reply.payload`.
 * - WhatsApp: postBack `value = { choice, prompt }` (an adapter maps it to the reply button's id;
 *   Twilio sends that id back as `channelData.ButtonPayload`, with the title as text).
 * - Telegram reply keyboard: the button's text (the option's full label) arrives as plain text,
 *   which the machine matches like anything typed; `callback_query.data` is read if an inline
 *   keyboard is ever used.
 * - SMS and plain channels: typed numbers or words only.
 */

/* ---------------------------------------------------------------- inbound values we ask for */

/**
 * What every button and card action carries back: the option's stable value, and (where buttons
 * stay tappable on old messages, as WhatsApp's do) the id of the prompt they belong to, so a press
 * on an earlier question's button is not taken as the answer to the current one.
 */
export const ChoiceValueSchema = z.object({
  choice: z.string().min(1).max(200),
  prompt: z.string().min(1).max(100).optional(),
});
export type ChoiceValue = z.infer<typeof ChoiceValueSchema>;

/** An Adaptive Card multi-select submit: Web Chat merges the input (comma-separated) into `data`. */
export const MultiValueSchema = z.object({
  submit: z.literal('multi'),
  choices: z.string().max(2000).optional(),
});

/** Field names fixed by the cards we send. */
export const MULTI_INPUT_ID = 'choices';

/* ---------------------------------------------------------------- suggested actions */

export const CardActionSchema = z.union([
  z.strictObject({
    type: z.literal('messageBack'),
    title: z.string().min(1),
    value: ChoiceValueSchema,
    text: z.string().optional(),
    displayText: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('postBack'),
    title: z.string().min(1),
    value: ChoiceValueSchema,
  }),
  z.strictObject({
    type: z.literal('imBack'),
    title: z.string().min(1),
    value: z.string().min(1),
  }),
]);
export type CardAction = z.infer<typeof CardActionSchema>;

export const SuggestedActionsSchema = z.strictObject({
  actions: z.array(CardActionSchema).min(1),
  /** Required by botframework-schema; empty means "everyone", which Web Chat honours. */
  to: z.array(z.string()),
});

/* ---------------------------------------------------------------- Adaptive Cards (1.5 subset) */

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  style?: 'default' | 'heading';
  weight?: 'Default' | 'Bolder' | 'Lighter';
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  color?: 'Default' | 'Attention' | 'Good' | 'Accent' | 'Warning';
  fontType?: 'Default' | 'Monospace';
  isSubtle?: boolean;
  spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
  separator?: boolean;
}
export interface FactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
  spacing?: TextBlock['spacing'];
}
export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: 'default' | 'emphasis';
  spacing?: TextBlock['spacing'];
  separator?: boolean;
}
export interface Column {
  type: 'Column';
  width: 'auto' | 'stretch';
  items: CardElement[];
  verticalContentAlignment?: 'Top' | 'Center' | 'Bottom';
}
export interface ColumnSet {
  type: 'ColumnSet';
  columns: Column[];
  spacing?: TextBlock['spacing'];
  separator?: boolean;
}
export interface ActionSet {
  type: 'ActionSet';
  actions: CardElementAction[];
}
export interface ChoiceSetInput {
  type: 'Input.ChoiceSet';
  id: string;
  label: string;
  isMultiSelect: boolean;
  style: 'expanded' | 'compact';
  choices: { title: string; value: string }[];
}
export type CardElement = TextBlock | FactSet | Container | ColumnSet | ActionSet | ChoiceSetInput;

export type CardElementAction =
  | {
      type: 'Action.Submit';
      title: string;
      data: ChoiceValue | { submit: 'multi' };
      style?: 'default' | 'positive';
      tooltip?: string;
    }
  | { type: 'Action.OpenUrl'; title: string; url: string; tooltip?: string };

const spacing = z.enum(['None', 'Small', 'Default', 'Medium', 'Large']);

const ActionSchema: z.ZodType<CardElementAction> = z.union([
  z.strictObject({
    type: z.literal('Action.Submit'),
    title: z.string().min(1),
    data: z.union([ChoiceValueSchema.strict(), z.strictObject({ submit: z.literal('multi') })]),
    style: z.enum(['default', 'positive']).optional(),
    tooltip: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('Action.OpenUrl'),
    title: z.string().min(1),
    // Web Chat's sanitiser allows http(s), mailto and tel links; nothing else is sent.
    url: z.string().regex(/^(https?:\/\/\S+|tel:\+?\d+|mailto:\S+@\S+)$/),
    tooltip: z.string().optional(),
  }),
]);

const TextBlockSchema = z.strictObject({
  type: z.literal('TextBlock'),
  text: z.string(),
  wrap: z.boolean().optional(),
  style: z.enum(['default', 'heading']).optional(),
  weight: z.enum(['Default', 'Bolder', 'Lighter']).optional(),
  size: z.enum(['Small', 'Default', 'Medium', 'Large', 'ExtraLarge']).optional(),
  color: z.enum(['Default', 'Attention', 'Good', 'Accent', 'Warning']).optional(),
  fontType: z.enum(['Default', 'Monospace']).optional(),
  isSubtle: z.boolean().optional(),
  spacing: spacing.optional(),
  separator: z.boolean().optional(),
});

export const CardElementSchema: z.ZodType<CardElement> = z.lazy(() =>
  z.union([
    TextBlockSchema,
    z.strictObject({
      type: z.literal('FactSet'),
      facts: z.array(z.strictObject({ title: z.string(), value: z.string() })).min(1),
      spacing: spacing.optional(),
    }),
    z.strictObject({
      type: z.literal('Container'),
      items: z.array(CardElementSchema).min(1),
      style: z.enum(['default', 'emphasis']).optional(),
      spacing: spacing.optional(),
      separator: z.boolean().optional(),
    }),
    z.strictObject({
      type: z.literal('ColumnSet'),
      columns: z
        .array(
          z.strictObject({
            type: z.literal('Column'),
            width: z.enum(['auto', 'stretch']),
            items: z.array(CardElementSchema).min(1),
            verticalContentAlignment: z.enum(['Top', 'Center', 'Bottom']).optional(),
          }),
        )
        .min(1),
      spacing: spacing.optional(),
      separator: z.boolean().optional(),
    }),
    z.strictObject({ type: z.literal('ActionSet'), actions: z.array(ActionSchema).min(1) }),
    z.strictObject({
      type: z.literal('Input.ChoiceSet'),
      id: z.string().min(1),
      label: z.string().min(1),
      isMultiSelect: z.boolean(),
      style: z.enum(['expanded', 'compact']),
      choices: z.array(z.strictObject({ title: z.string().min(1), value: z.string().min(1) })),
    }),
  ]),
);

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const HERO_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.hero';

export const AdaptiveCardSchema = z.strictObject({
  type: z.literal('AdaptiveCard'),
  $schema: z.literal('http://adaptivecards.io/schemas/adaptive-card.json'),
  version: z.literal('1.5'),
  body: z.array(CardElementSchema).min(1),
  actions: z.array(ActionSchema).optional(),
  /** What a host that cannot render the card shows, and what a transcript keeps. */
  fallbackText: z.string().min(1),
  speak: z.string().optional(),
});
export type AdaptiveCard = z.infer<typeof AdaptiveCardSchema>;

/** Hero cards are in the subset for hosts without Adaptive Cards; no renderer needs one today. */
export const HeroCardSchema = z.strictObject({
  title: z.string().optional(),
  subtitle: z.string().optional(),
  text: z.string().optional(),
  buttons: z.array(CardActionSchema).optional(),
});

export const AttachmentSchema = z.union([
  z.strictObject({
    contentType: z.literal(ADAPTIVE_CARD_CONTENT_TYPE),
    content: AdaptiveCardSchema,
  }),
  z.strictObject({ contentType: z.literal(HERO_CARD_CONTENT_TYPE), content: HeroCardSchema }),
]);
export type Attachment = z.infer<typeof AttachmentSchema>;

/* ---------------------------------------------------------------- channel data */

/** Messenger limits: https://developers.facebook.com/docs/messenger-platform/send-messages/quick-replies */
export const FacebookQuickReplySchema = z.strictObject({
  content_type: z.literal('text'),
  title: z.string().min(1).max(20),
  payload: z.string().min(1).max(1000),
});
export const FacebookChannelDataSchema = z.strictObject({
  quick_replies: z.array(FacebookQuickReplySchema).min(1).max(13),
});

/** Bot Framework Telegram channel: `{ method, parameters }` calls a Telegram Bot API method. */
export const TelegramChannelDataSchema = z.strictObject({
  method: z.literal('sendMessage'),
  parameters: z.strictObject({
    text: z.string().min(1).max(4096),
    reply_markup: z.union([
      z.strictObject({
        keyboard: z.array(z.array(z.strictObject({ text: z.string().min(1) })).length(1)).min(1),
        one_time_keyboard: z.literal(true),
        resize_keyboard: z.literal(true),
      }),
      z.strictObject({ remove_keyboard: z.literal(true) }),
    ]),
  }),
});

export const ChannelDataSchema = z.union([FacebookChannelDataSchema, TelegramChannelDataSchema]);

/* ---------------------------------------------------------------- the activity */

export const MessageActivitySchema = z.strictObject({
  type: z.literal('message'),
  /** Absent on a card-only activity. */
  text: z.string().optional(),
  textFormat: z.enum(['plain', 'markdown']),
  locale: z.string().optional(),
  inputHint: z.enum(['acceptingInput', 'expectingInput', 'ignoringInput']).optional(),
  suggestedActions: SuggestedActionsSchema.optional(),
  attachments: z.array(AttachmentSchema).min(1).optional(),
  channelData: ChannelDataSchema.optional(),
});
export type MessageActivity = z.infer<typeof MessageActivitySchema>;

export const TypingActivitySchema = z.strictObject({ type: z.literal('typing') });

export const OutboundActivitySchema = z.discriminatedUnion('type', [
  MessageActivitySchema,
  TypingActivitySchema,
]);
export type OutboundActivity = z.infer<typeof OutboundActivitySchema>;

/* ---------------------------------------------------------------- reading a press back */

const FacebookInboundSchema = z.object({
  message: z.object({ quick_reply: z.object({ payload: z.string() }) }),
});
const TelegramCallbackSchema = z.object({
  callback_query: z.object({ data: z.string() }),
});
/** Twilio WhatsApp: a reply button's id (our postBack value, as JSON) arrives as ButtonPayload. */
const TwilioButtonSchema = z.object({ ButtonPayload: z.string().min(1).max(1000) });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

interface Reply {
  readonly value?: unknown;
  readonly channelData?: unknown;
}

/** The choice a button press carries, from the activity's value or Twilio's ButtonPayload. */
function choiceOf(activity: Reply): ChoiceValue | undefined {
  const choice = ChoiceValueSchema.safeParse(activity.value);
  if (choice.success) return choice.data;
  const twilio = TwilioButtonSchema.safeParse(activity.channelData);
  if (twilio.success) {
    const payload = ChoiceValueSchema.safeParse(parseJson(twilio.data.ButtonPayload));
    if (payload.success) return payload.data;
  }
  return undefined;
}

/** The prompt a pressed button belongs to, when the button said (see ChoiceValueSchema). */
export function promptOfReply(activity: Reply): string | undefined {
  if (activity.value === undefined && activity.channelData === undefined) return undefined;
  return choiceOf(activity)?.prompt;
}

/**
 * The machine event a button press, quick reply or card submit stands for, or undefined when the
 * activity carries none (then its text is read as typed). Everything here came from a client, so
 * each shape is parsed, never trusted.
 */
export function eventFromReply(activity: Reply): TriageEvent | undefined {
  // Most activities are plain typed text: no value, no channel data to read.
  if (activity.value === undefined && activity.channelData === undefined) return undefined;
  // A WhatsApp button's title may have been shortened ("Yes, someone is in…"); its id has the value.
  const choice = choiceOf(activity);
  if (choice) return { type: 'CHOOSE', value: choice.choice };
  const multi = MultiValueSchema.safeParse(activity.value);
  if (multi.success) {
    const values = (multi.data.choices ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v.length > 0);
    return { type: 'ANSWER', value: values };
  }
  const facebook = FacebookInboundSchema.safeParse(activity.channelData);
  if (facebook.success) {
    const payload = ChoiceValueSchema.safeParse(
      parseJson(facebook.data.message.quick_reply.payload),
    );
    if (payload.success) return { type: 'CHOOSE', value: payload.data.choice };
  }
  const telegram = TelegramCallbackSchema.safeParse(activity.channelData);
  if (telegram.success) {
    const data = ChoiceValueSchema.safeParse(parseJson(telegram.data.callback_query.data));
    if (data.success) return { type: 'CHOOSE', value: data.data.choice };
  }
  return undefined;
}
