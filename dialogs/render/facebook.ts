import type { MessageActivity, OutboundActivity } from '../activity';
import {
  compose,
  PLAIN,
  textMessages,
  type Composed,
  type ComposedOption,
  type RenderInput,
} from './compose';
import { shorten, splitText } from './text';

/**
 * Facebook Messenger ("facebook").
 *
 * What the channel accepts: plain text (no markdown), at most 2,000 characters per message; quick
 * replies — at most 13, titles up to 20 characters (longer ones are truncated by Messenger), a
 * payload up to 1,000 (developers.facebook.com/docs/messenger-platform/send-messages/quick-replies)
 * — go in `channelData.quick_replies`, which the Bot Framework Facebook channel passes into the
 * Send API message (microsoft/botframework-sdk#1077; channelData properties are those of
 * Facebook's `message` object: learn.microsoft.com/azure/bot-service/rest-api/
 * bot-framework-rest-connector-channeldata). A tapped quick reply arrives as text = its title, with the payload
 * in `channelData.message.quick_reply.payload` (microsoft/botframework-sdk#1719, #1907), so the
 * payload carries `{"choice": value}` and the title may be shortened.
 */

export const FACEBOOK_TEXT_MAX = 2000;
export const FACEBOOK_QUICK_REPLIES_MAX = 13;
export const FACEBOOK_TITLE_MAX = 20;

interface Titled {
  readonly option: ComposedOption;
  readonly title: string;
}

/**
 * Button titles within `max` characters. When shortening makes two titles the same, or changes a
 * label, the caller also writes the options out in full so nothing is lost.
 */
export function buttonTitles(
  composed: Composed,
  options: readonly ComposedOption[],
  max: number,
): { titles: Titled[]; shortened: boolean } {
  const titles = options.map((option) => {
    // Check-your-answers rows are listed with their numbers; "Change 3" is the button for row 3.
    const label =
      option.changes !== undefined && option.number !== undefined
        ? composed.say('check.changeNumber', { number: option.number })
        : option.label;
    return { option, title: shorten(label, max), full: label };
  });
  const cut = titles.some((t) => t.title !== t.full);
  const unique = new Set(titles.map((t) => t.title.toLowerCase())).size === titles.length;
  return { titles, shortened: cut || !unique };
}

export function renderFacebook(input: RenderInput): OutboundActivity[] {
  const composed = compose(input);
  const options = composed.options;
  const fitsAll = options.length > 0 && options.length <= FACEBOOK_QUICK_REPLIES_MAX;
  // A long check-your-answers (a report of 20 answers) has more options than Messenger takes: its
  // rows are written out with their numbers, and the way on ("Continue") stays one tap away.
  const going = options.filter((o) => o.changes === undefined);
  const quick = fitsAll
    ? options
    : going.length > 0 &&
        going.length < options.length &&
        going.length <= FACEBOOK_QUICK_REPLIES_MAX
      ? going
      : [];
  const fits = quick.length > 0;
  const { titles, shortened } = fits
    ? buttonTitles(composed, quick, FACEBOOK_TITLE_MAX)
    : { titles: [], shortened: false };
  const listOptions = !fitsAll || shortened || composed.mode === 'multi';

  const out: MessageActivity[] = textMessages(composed, PLAIN, listOptions).flatMap((m) =>
    splitText(m.text, FACEBOOK_TEXT_MAX).map((text): MessageActivity => ({
      type: 'message',
      text,
      textFormat: 'plain',
      locale: m.locale,
      inputHint: 'acceptingInput',
    })),
  );
  const last = out[out.length - 1];
  if (!last) return out;
  if (fits) {
    last.channelData = {
      quick_replies: titles.map(({ option, title }) => ({
        content_type: 'text',
        title,
        payload: JSON.stringify({ choice: option.value }),
      })),
    };
  }
  last.inputHint = composed.expectsInput ? 'expectingInput' : 'acceptingInput';
  return out;
}
