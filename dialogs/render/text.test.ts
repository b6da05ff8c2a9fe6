import {
  charLength,
  escapeMarkdown,
  isGsm7,
  markdownParagraphs,
  neutraliseWhatsApp,
  shorten,
  splitText,
  telUri,
  toSmsText,
} from './text';
import { webChatMarkdown } from './testing';

const render = webChatMarkdown();

/** What a reader sees: the rendered HTML's text, entities decoded. */
function visible(html: string): string {
  return html
    .replace(/<br>\n?/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
}

describe('escapeMarkdown, rendered by Web Chat’s markdown-it', () => {
  it.each([
    '*bob*',
    '**bold** and __also__',
    '_the_ ~~builder~~',
    '[click me](https://evil.example/x)',
    '![img](https://evil.example/x.png)',
    '<b>bold</b> <script>alert(1)</script> <img src=x onerror=alert(1)>',
    '# not a heading',
    '> not a quote',
    '1. not a list',
    '2) not a list either',
    '- not a bullet',
    '+ nor this',
    '---',
    '`code` and ```fence```',
    'Tom &amp; Jerry &#169;',
    'a | table | row',
    'back\\slash',
    'trailing spaces  \nline',
  ])('%j renders as the same words with no markup', (input) => {
    // A bare address typed by the person may become a link, but only one that shows where it goes.
    const html = render(escapeMarkdown(input)).replace(/<a href="([^"]+)">\1<\/a>/g, '$1');
    expect(html).not.toMatch(/<(?!\/?p>|br>)[a-z!/]/i);
    expect(visible(html).replace(/\s+/g, ' ')).toBe(input.replace(/\s+/g, ' ').trim());
  });

  it.each([
    ['https://www.example.police.uk/privacy_notice?section=how-we-use_data'],
    ['https://a.example/_x_/~y~'],
    ['https://www.gov.uk/report-an-environmental-incident'],
  ])('leaves %s a working link', (url) => {
    const html = render(escapeMarkdown(`More advice: ${url}. Thanks *you*`));
    expect(html).toContain(`<a href="${url.replace(/&/g, '&amp;')}">`);
    expect(html).not.toContain('<em>');
  });

  it('keeps single line breaks as breaks (Web Chat sets breaks: false)', () => {
    expect(render(markdownParagraphs([escapeMarkdown('one\ntwo'), 'three']))).toBe(
      '<p>one<br>\ntwo</p>\n<p>three</p>\n',
    );
  });
});

describe('neutraliseWhatsApp', () => {
  it.each([
    ['*bob*', '\u200B*bob*'],
    ['say _hi_ and ~bye~', 'say \u200B_hi_ and \u200B~bye~'],
    ['(*x*)', '(\u200B*x*)'],
    ['`code`', '\u200B`code`'],
    ['john_smith@example.com', 'john_smith@example.com'],
    ['2*3*4', '2*3*4'],
    ['see https://x.example/a_b_ now', 'see https://x.example/a_b_ now'],
  ])('%j → %j', (input, output) => {
    expect(neutraliseWhatsApp(input)).toBe(output);
  });
});

describe('toSmsText and isGsm7', () => {
  it.each([
    ['It’s “quoted”', 'It\'s "quoted"'],
    ['`code` and ´acute´', "'code' and 'acute'"],
    ['Sending your report…', 'Sending your report...'],
    ['9am – 5pm — daily', '9am - 5pm - daily'],
    ['no\u00A0break', 'no break'],
    ['zero\u200Bwidth', 'zerowidth'],
    ['Stay safe 🚓👮‍♀️!', 'Stay safe !'],
    ['Flag 🇬🇧 here', 'Flag  here'],
  ])('%j → %j (GSM-7)', (input, output) => {
    const sms = toSmsText(input);
    expect(sms).toBe(output);
    expect(isGsm7(sms)).toBe(true);
  });

  it('keeps letters outside GSM-7, because changing them would change the words', () => {
    expect(toSmsText('Mae’n ŵyr i’r tŷ; źle')).toBe("Mae'n ŵyr i'r tŷ; źle");
    expect(isGsm7('ŵ')).toBe(false);
    expect(isGsm7('£5 @ café, Ünïcode? no: ï')).toBe(false);
    expect(isGsm7('£5 @ Ünder {1} [2] ~3 € é')).toBe(true);
  });
});

describe('splitText', () => {
  const sentence = 'This is a sentence of ordinary words. ';
  const long = sentence.repeat(30).trim();

  it.each([
    ['short text', 'Hello there.', 612, 1],
    ['sentences', long, 612, 2],
    ['sentences, small parts', long, 100, 15],
    ['paragraphs', `${'a '.repeat(200).trim()}\n\n${'b '.repeat(200).trim()}`, 612, 2],
  ])('%s: parts within the limit, words intact, order kept', (_name, text, max, expected) => {
    const parts = splitText(text, max);
    expect(parts).toHaveLength(expected);
    for (const part of parts) {
      expect(charLength(part)).toBeLessThanOrEqual(max);
      expect(part).toBe(part.trim());
    }
    expect(parts.join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
  });

  it('prefers the end of a sentence to the middle of one', () => {
    const parts = splitText(long, 100);
    for (const part of parts.slice(0, -1)) expect(part.endsWith('.')).toBe(true);
  });

  it('prefers a paragraph break in the second half of the window', () => {
    const text = `${'word '.repeat(70).trim()}.\n\n${'more '.repeat(70).trim()}.`;
    const [first] = splitText(text, 612);
    expect(first).toBe(`${'word '.repeat(70).trim()}.`);
  });

  const url = 'https://www.example.police.uk/very/long/path/to/the/lost_property/advice?page=2';
  const phones = ['0300 123 2040', '08 08 16 89 111', '0800 40 50 40', '+44 20 7946 0958'];

  it.each(Array.from({ length: 40 }, (_, i) => 20 + i))(
    'never breaks inside a link or a phone number (limit %i)',
    (max) => {
      const text = `Call ${phones.join(' or call ')} or see ${url} for more. Text 61016 now.`;
      const parts = splitText(text, max);
      const joined = parts.join('\n');
      for (const token of [...phones]) expect(joined).toContain(token);
      // The URL is longer than some limits: then it is alone in its part rather than cut.
      if (charLength(url) <= max) expect(joined).toContain(url);
      for (const part of parts) {
        if (!part.includes('https://')) expect(charLength(part)).toBeLessThanOrEqual(max);
      }
    },
  );

  it('cuts a single enormous word rather than looping', () => {
    const parts = splitText('x'.repeat(1500), 612);
    expect(parts.map(charLength)).toEqual([612, 612, 276]);
  });

  it('counts characters, not UTF-16 units', () => {
    const text = '𝒜'.repeat(700);
    const parts = splitText(text, 612);
    expect(parts.map(charLength)).toEqual([612, 88]);
  });
});

describe('shorten', () => {
  it.each([
    ['No', 20, 'No'],
    ['Yes, something else', 20, 'Yes, something else'],
    ['Yes, someone is in danger', 20, 'Yes, someone is in…'],
    ["It's not an emergency, carry on", 20, "It's not an…"],
    ['Report bad or dangerous driving (dashcam footage)', 20, 'Report bad or…'],
    ['Firearms licensing (shotgun)', 20, 'Firearms licensing'],
    ['Supercalifragilisticexpialidocious', 20, 'Supercalifragilisti…'],
    ['Dim un o’r rhain, diolch yn fawr', 20, 'Dim un o’r rhain…'],
  ])('%j (max %i) → %j', (label, max, expected) => {
    const title = shorten(label, max);
    expect(title).toBe(expected);
    expect(charLength(title)).toBeLessThanOrEqual(max);
  });

  it('never cuts mid-word unless one word is longer than the limit', () => {
    const labels = [
      'Ask about a partner’s history of abuse (Clare’s Law)',
      'Something I reported before, or feedback about us',
      'Rhywbeth y rhoddais wybod amdano o’r blaen',
      'Zgłoszenie przestępstwa z nienawiści',
    ];
    for (const label of labels) {
      const title = shorten(label, 20);
      expect(charLength(title)).toBeLessThanOrEqual(20);
      const words = title.replace(/…$/, '').split(' ');
      const source = label.split(/[\s]+/).map((w) => w.replace(/[,;:.]$/, ''));
      for (const word of words) expect(source).toContain(word.replace(/[,;:.]$/, ''));
    }
  });
});

describe('telUri', () => {
  it.each([
    ['0300 123 2040', 'tel:03001232040'],
    ['08 08 16 89 111', 'tel:08081689111'],
    ['+44 (0)20 7946-0958', 'tel:+4402079460958'],
    ['101', 'tel:101'],
  ])('%s → %s', (phone, uri) => {
    expect(telUri(phone)).toBe(uri);
  });
});
