import type { CardAction, MessageActivity, OutboundActivity } from '../activity';
import { compose, textMessages, type RenderInput, type TextStyle } from './compose';
import { buttonTitles } from './facebook';
import { neutraliseWhatsApp, splitText } from './text';

/**
 * WhatsApp ("whatsapp").
 *
 * What the channel accepts (WhatsApp Business Platform, developers.facebook.com/docs/whatsapp/
 * guides/interactive-messages and the reply-buttons message reference): text up to 4,096
 * characters; an interactive "button" message with at most 3 reply buttons, each title at most
 * 20 characters and unique, id up to 256 characters, body up to 1,024 characters; no cards.
 * Formatting is WhatsApp's own (*bold*, _italic_, ~strike~, `code`), with no escape character.
 * Azure Bot Service has no WhatsApp channel of its own, so the adapter that carries these
 * activities maps `suggestedActions` to reply buttons (postBack value → button id). Text is sent
 * with textFormat "plain" because it is already in WhatsApp's markup: "markdown" would invite an
 * adapter to convert it a second time.
 */

export const WHATSAPP_TEXT_MAX = 4096;
export const WHATSAPP_BUTTON_BODY_MAX = 1024;
export const WHATSAPP_BUTTONS_MAX = 3;
export const WHATSAPP_TITLE_MAX = 20;

const STYLE: TextStyle = {
  escape: neutraliseWhatsApp,
  bold: (text) =>
    text
      .split('\n')
      .map((line) => (line.trim().length > 0 ? `*${line.trim()}*` : line))
      .join('\n'),
};

export function renderWhatsApp(input: RenderInput): OutboundActivity[] {
  const composed = compose(input);
  const options = composed.options;
  const fits =
    options.length > 0 && options.length <= WHATSAPP_BUTTONS_MAX && composed.mode !== 'multi';
  const { titles, shortened } = fits
    ? buttonTitles(composed, options, WHATSAPP_TITLE_MAX)
    : { titles: [], shortened: false };
  const listOptions = !fits || shortened;

  const messages = textMessages(composed, STYLE, listOptions);
  const out: MessageActivity[] = [];
  messages.forEach((m, i) => {
    const isLast = i === messages.length - 1;
    // The message that carries the buttons has a shorter body limit; split it so its last part fits.
    const parts = splitText(m.text, WHATSAPP_TEXT_MAX).flatMap((part, j, all) =>
      isLast && fits && j === all.length - 1 ? splitText(part, WHATSAPP_BUTTON_BODY_MAX) : [part],
    );
    for (const text of parts) {
      out.push({
        type: 'message',
        text,
        textFormat: 'plain',
        locale: m.locale,
        inputHint: 'acceptingInput',
      });
    }
  });
  const last = out[out.length - 1];
  if (!last) return out;
  if (fits) {
    const actions: CardAction[] = titles.map(({ option, title }) => ({
      type: 'postBack',
      title,
      // WhatsApp buttons stay tappable on old messages: the prompt id lets a late press be told apart.
      value: { choice: option.value, prompt: input.prompt.id },
    }));
    last.suggestedActions = { actions, to: [] };
  }
  last.inputHint = composed.expectsInput ? 'expectingInput' : 'acceptingInput';
  return out;
}
