import type { Activity } from 'botframework-schema';
import {
  eventFromReply,
  OutboundActivitySchema,
  promptOfReply,
  type OutboundActivity,
} from './activity';

/**
 * bot/ sends these activities unchanged, so they must be assignable to botframework-schema's
 * Partial<Activity>. Type-only import: nothing from botbuilder runs here.
 */
const sendable = (activity: OutboundActivity): Partial<Activity> => activity;

describe('eventFromReply', () => {
  it.each([
    [
      'messageBack / Action.Submit value',
      { value: { choice: 'yes' } },
      { type: 'CHOOSE', value: 'yes' },
    ],
    [
      'value with extra fields Web Chat adds',
      { value: { choice: 'change:when', x: 1 } },
      { type: 'CHOOSE', value: 'change:when' },
    ],
    [
      'multi-select card',
      { value: { submit: 'multi', choices: 'phone,bike' } },
      { type: 'ANSWER', value: ['phone', 'bike'] },
    ],
    [
      'multi-select card, nothing ticked',
      { value: { submit: 'multi' } },
      { type: 'ANSWER', value: [] },
    ],
    [
      'Messenger quick reply payload',
      { channelData: { message: { quick_reply: { payload: '{"choice":"route:crime"}' } } } },
      { type: 'CHOOSE', value: 'route:crime' },
    ],
    [
      'Telegram inline keyboard callback',
      { channelData: { callback_query: { data: '{"choice":"no"}' } } },
      { type: 'CHOOSE', value: 'no' },
    ],
  ] as const)('%s', (_name, activity, event) => {
    expect(eventFromReply(activity)).toEqual(event);
  });

  it.each([
    ['no value', {}],
    ['typed text only', { value: undefined, channelData: { clientActivityID: 'x' } }],
    ['empty choice', { value: { choice: '' } }],
    ['choice not a string', { value: { choice: 3 } }],
    ['payload not JSON', { channelData: { message: { quick_reply: { payload: 'yes' } } } }],
    [
      'payload JSON of the wrong shape',
      { channelData: { message: { quick_reply: { payload: '[1]' } } } },
    ],
    ['oversized choice', { value: { choice: 'x'.repeat(201) } }],
  ])('%s → undefined (read as typed text)', (_name, activity) => {
    expect(eventFromReply(activity)).toBeUndefined();
  });

  // Twilio gives a WhatsApp reply button's title as the text, shortened to 20 characters when the
  // label was longer ("Yes, someone is in…"), and our button id as ButtonPayload: the id decides.
  it('a Twilio WhatsApp button press is read from ButtonPayload, not its shortened title', () => {
    const tap = {
      text: 'Yes, someone is in…',
      channelData: {
        MessageType: 'button',
        ButtonText: 'Yes, someone is in…',
        ButtonPayload: '{"choice":"yes","prompt":"safety"}',
      },
    };
    expect(eventFromReply(tap)).toEqual({ type: 'CHOOSE', value: 'yes' });
    expect(promptOfReply(tap)).toBe('safety');
  });

  it.each([
    ['typed text', {}],
    ['a press without a prompt id', { value: { choice: 'yes' } }],
    ['a Twilio text message', { channelData: { MessageType: 'text', Body: 'hi' } }],
    ['a ButtonPayload that is not ours', { channelData: { ButtonPayload: 'BTN_1' } }],
  ])('promptOfReply: none for %s', (_name, activity) => {
    expect(promptOfReply(activity)).toBeUndefined();
  });
});

describe('OutboundActivitySchema', () => {
  it('accepts a typing activity and a plain message, and they are sendable', () => {
    const typing = OutboundActivitySchema.parse({ type: 'typing' });
    const message = OutboundActivitySchema.parse({
      type: 'message',
      text: 'Hello',
      textFormat: 'plain',
    });
    expect(sendable(typing).type).toBe('typing');
    expect(sendable(message).text).toBe('Hello');
  });

  it.each([
    [
      'a 14th quick reply',
      {
        quick_replies: Array.from({ length: 14 }, (_, i) => ({
          content_type: 'text',
          title: `${i}`,
          payload: '{}',
        })),
      },
    ],
    [
      'a 21-character quick reply title',
      { quick_replies: [{ content_type: 'text', title: 'x'.repeat(21), payload: '{}' }] },
    ],
    [
      'two Telegram buttons on one row',
      {
        method: 'sendMessage',
        parameters: {
          text: 'x',
          reply_markup: {
            keyboard: [[{ text: 'a' }, { text: 'b' }]],
            one_time_keyboard: true,
            resize_keyboard: true,
          },
        },
      },
    ],
  ])('rejects channel data with %s', (_name, channelData) => {
    expect(
      OutboundActivitySchema.safeParse({
        type: 'message',
        text: 'x',
        textFormat: 'plain',
        channelData,
      }).success,
    ).toBe(false);
  });

  it('rejects a card link to a scheme Web Chat would not open', () => {
    const card = {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'x' }],
      actions: [{ type: 'Action.OpenUrl', title: 'x', url: 'javascript:alert(1)' }],
      fallbackText: 'x',
    };
    const parsed = OutboundActivitySchema.safeParse({
      type: 'message',
      textFormat: 'markdown',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    });
    expect(parsed.success).toBe(false);
  });
});
