import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InboundActivitySchema, interpret, TEXT_MAX, type InboundActivity } from './inbound';

/** An activity exactly as the channel sends it (tests/fixtures/channels). */
function fixture(name: string): InboundActivity {
  const path = join(__dirname, '..', 'tests', 'fixtures', 'channels', `${name}.json`);
  const { activity } = JSON.parse(readFileSync(path, 'utf8')) as { activity: unknown };
  return InboundActivitySchema.parse(activity);
}

describe('interpret', () => {
  const locations = ['telegram.location', 'facebook.location', 'whatsapp.location'];

  it.each(locations)('%s answers "Where did it happen?"', (name) => {
    const inbound = interpret(fixture(name), 'location');
    expect(inbound).toMatchObject({ kind: 'event', event: { type: 'ANSWER' } });
  });

  // Someone in danger may share where they are instead of typing. Ignoring it sent nothing back.
  it.each(locations)(
    '%s at any other step is answered, with the 999 line, never ignored',
    (name) => {
      expect(interpret(fixture(name), 'yesno')).toEqual({
        kind: 'not-expected',
        notice: { key: 'common:locationLater' },
      });
    },
  );

  it('a photo with no text where none is asked for: the files notice', () => {
    const photo = { ...fixture('whatsapp.message'), text: '' };
    photo.attachments = [{ contentType: 'image/jpeg', contentUrl: 'https://example.test/m/1' }];
    expect(interpret(photo, 'text')).toEqual({
      kind: 'not-expected',
      notice: { key: 'common:filesLater' },
    });
  });

  // The words are answered; the photo sent with them cannot be kept here, and the person is told.
  it('a photo with a caption where none is asked for: the caption, and the files notice', () => {
    const photo = { ...fixture('whatsapp.message'), text: 'he smashed my window' };
    photo.attachments = [{ contentType: 'image/jpeg', contentUrl: 'https://example.test/m/1' }];
    expect(interpret(photo, 'text')).toEqual({
      kind: 'event',
      event: { type: 'TEXT', text: 'he smashed my window' },
      said: 'he smashed my window',
      notice: { key: 'common:filesLater' },
    });
  });

  it('empty text with nothing attached is ignored', () => {
    expect(interpret({ ...fixture('sms.message'), text: '   ' }, 'text')).toEqual({
      kind: 'ignore',
    });
  });
});

describe('InboundActivitySchema', () => {
  // A refused activity gets no reply at all: a very long message is cut, not refused.
  it('keeps an over-long message, cut to the limit on a code point boundary', () => {
    const text = `${'a'.repeat(TEXT_MAX - 1)}😭😭 he has a knife`;
    const parsed = InboundActivitySchema.parse({ ...fixture('sms.message'), text });
    expect(Array.from(parsed.text ?? '')).toHaveLength(TEXT_MAX);
    expect(parsed.text?.endsWith('😭')).toBe(true);
  });

  it('leaves text within the limit alone', () => {
    const parsed = InboundActivitySchema.parse({ ...fixture('sms.message'), text: 'hello' });
    expect(parsed.text).toBe('hello');
  });
});
