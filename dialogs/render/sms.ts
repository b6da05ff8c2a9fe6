import type { OutboundActivity } from '../activity';
import { compose, PLAIN, textMessages, type RenderInput } from './compose';
import { charLength, splitText, toSmsText } from './text';

/**
 * SMS ("sms", Twilio's "twilio-sms", any channel id containing "sms").
 *
 * What the channel accepts: plain text only. Twilio concatenates long bodies up to 1,600 characters
 * (recommending 320 or fewer) and bills per segment: 153 GSM-7 characters, or 67 once any character
 * needs UCS-2 (twilio.com/docs/glossary/what-sms-character-limit and what-is-ucs-2-character-encoding).
 * So: no markdown, cards, buttons or emoji;
 * typographic punctuation replaced by GSM-7 equivalents; everything for one turn in as few parts
 * as possible, each at most 612 characters (four GSM-7 segments), split on paragraph, line,
 * sentence or word boundaries and never inside a link or a phone number. Separate texts can arrive
 * out of order, so a split message is numbered "(1/2)", and 999 guidance always leads the first.
 */

export const SMS_PART_MAX = 612;

export function renderSms(input: RenderInput): OutboundActivity[] {
  const composed = compose(input);
  const whole = toSmsText(
    textMessages(composed, PLAIN, true)
      .map((m) => m.text)
      .join('\n\n'),
  );
  let parts = splitText(whole, SMS_PART_MAX);
  if (parts.length > 1) {
    // Room for the "(n/m)" marker, measured with the widest numbers it can take.
    const room =
      charLength(composed.say('part', { part: parts.length + 9, of: parts.length + 9 })) + 1;
    parts = splitText(whole, SMS_PART_MAX - room);
    parts = parts.map(
      (p, i) => `${p} ${toSmsText(composed.say('part', { part: i + 1, of: parts.length }))}`,
    );
  }
  return parts.map((text, i) => ({
    type: 'message',
    text,
    textFormat: 'plain',
    locale: composed.locale,
    inputHint:
      i === parts.length - 1 && composed.expectsInput ? 'expectingInput' : 'acceptingInput',
  }));
}
