import type { MessageActivity, OutboundActivity } from '../activity';
import { compose, PLAIN, textMessages, type RenderInput } from './compose';

/**
 * Any channel we have no specific renderer for (Teams, Slack, e-mail, the TestAdapter's "test").
 *
 * What the channel accepts: every Bot Framework channel takes a message activity with plain `text`
 * (learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference,
 * Activity object); buttons, cards and markdown vary by channel. So: plain text only, one message
 * per part, options written out and numbered. Typed numbers and option words are matched by the
 * machine (triage/input.ts matchOption).
 */
export function renderPlain(input: RenderInput): OutboundActivity[] {
  const composed = compose(input);
  const messages = textMessages(composed, PLAIN, true);
  const out: MessageActivity[] = messages.map((m) => ({
    type: 'message',
    text: m.text,
    textFormat: 'plain',
    locale: m.locale,
    inputHint: 'acceptingInput',
  }));
  const last = out[out.length - 1];
  if (last) last.inputHint = composed.expectsInput ? 'expectingInput' : 'acceptingInput';
  return out;
}
