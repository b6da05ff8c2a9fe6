import type { MessageActivity, OutboundActivity } from '../activity';
import { compose, PLAIN, textMessages, type RenderInput } from './compose';
import { splitText } from './text';

/**
 * Telegram ("telegram").
 *
 * What the channel accepts: the Bot Framework Telegram channel calls a Telegram Bot API method
 * given as `channelData: { method, parameters }`, filling in chat_id itself
 * (learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-channeldata,
 * "Create a custom Telegram message"). Bot Framework has no reply keyboard of its own; Microsoft's
 * advice is to send one this way (microsoft/botframework-sdk#935). sendMessage takes text up to
 * 4,096 characters and a ReplyKeyboardMarkup (core.telegram.org/bots/api#replykeyboardmarkup;
 * grammy.dev/ref/types/replykeyboardmarkup):
 * a keyboard pressed sends its button's text as an ordinary message, so buttons carry the
 * options' full labels and the machine matches them like typed words. No parse_mode is set, so
 * text is plain and nothing needs escaping.
 *
 * Not verified against a live bot: whether the channel also sends `text` when `channelData` names
 * a method (#4186 reported channelData ignored in 2018). `text` is kept identical, so the worst
 * case is the question without its keyboard; if a live test shows that, set `listOptions` below to
 * true and the options are written out (numbered) as on SMS.
 */

export const TELEGRAM_TEXT_MAX = 4096;

export function renderTelegram(input: RenderInput): OutboundActivity[] {
  const composed = compose(input);
  const options = composed.options;
  // A keyboard answers one option at a time; for "choose all that apply" the numbers are written out.
  const listOptions = composed.mode === 'multi';
  const out: MessageActivity[] = textMessages(composed, PLAIN, listOptions).flatMap((m) =>
    splitText(m.text, TELEGRAM_TEXT_MAX).map((text): MessageActivity => ({
      type: 'message',
      text,
      textFormat: 'plain',
      locale: m.locale,
      inputHint: 'acceptingInput',
    })),
  );
  const last = out[out.length - 1];
  if (!last?.text) return out;
  last.channelData = {
    method: 'sendMessage',
    parameters: {
      text: last.text,
      // With no options, take away any earlier keyboard: a stale button would send words that mean
      // nothing at this step.
      reply_markup:
        options.length > 0
          ? {
              keyboard: options.map((o) => [{ text: o.label }]),
              one_time_keyboard: true,
              resize_keyboard: true,
            }
          : { remove_keyboard: true },
    },
  };
  last.inputHint = composed.expectsInput ? 'expectingInput' : 'acceptingInput';
  return out;
}
