/**
 * Text helpers shared by the channel renderers: escaping for markup channels, GSM-7 clean-up for SMS,
 * splitting long text on sensible boundaries, and shortening button titles.
 */

/** Length as people and channel limits count it: code points, not UTF-16 units. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function sliceChars(text: string, start: number, end?: number): string {
  return Array.from(text).slice(start, end).join('');
}

/**
 * Links are left as they are: Web Chat's linkify runs on unescaped text only, so an escaped
 * character inside a URL breaks the link (checked with markdown-it 13, Web Chat 4.18's renderer).
 */
const URL_SPAN = /https?:\/\/[^\s<>"]+/g;

function mapOutsideUrls(text: string, fn: (part: string) => string, inUrl = (u: string) => u) {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(URL_SPAN)) {
    out += fn(text.slice(last, match.index)) + inUrl(match[0]);
    last = match.index + match[0].length;
  }
  return out + fn(text.slice(last));
}

/**
 * Escapes CommonMark so that people's own words never become markup in Web Chat (markdown-it with
 * html, linkify and typographer on). Inline markers are always escaped; block markers (#, >, -, +,
 * "1.") only where they would start a block.
 */
export function escapeMarkdown(text: string): string {
  // "--" is escaped too: Web Chat's typographer would turn it into a dash.
  const inline = (part: string) =>
    part
      .replace(/[\\`*_[\]<>~|]/g, '\\$&')
      .replace(/&(?=#?\w+;)/g, '\\&')
      .replace(/-(?=-)/g, '\\-');
  const escaped = mapOutsideUrls(text, inline, (url) => url.replace(/[*`[\]]/g, '\\$&'));
  return escaped
    .split('\n')
    .map((line) => line.replace(/^(\s*)([#+=-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2'))
    .join('\n');
}

/** Markdown paragraphs; single newlines inside one become hard breaks (Web Chat sets breaks: false). */
export function markdownParagraphs(paragraphs: readonly string[]): string {
  return paragraphs
    .filter((p) => p.length > 0)
    .map((p) => p.replace(/\n/g, '  \n'))
    .join('\n\n');
}

const ZWSP = '\u200B';

/**
 * WhatsApp has no escape character. Its markers (* _ ~ `) only open formatting at the start of a
 * word, so a zero-width space in front of such a marker leaves the text looking the same but
 * unformatted. Links are left alone so they stay tappable.
 */
export function neutraliseWhatsApp(text: string): string {
  return mapOutsideUrls(text, (part) => part.replace(/(^|[\s\p{P}])([*_~`])/gu, `$1${ZWSP}$2`));
}

/* ---------------------------------------------------------------- SMS */

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€\f';
const GSM7 = new Set(Array.from(GSM7_BASIC + GSM7_EXTENSION));

/** Whether every character fits the GSM 03.38 alphabet (so the message is not sent as UCS-2). */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!GSM7.has(ch)) return false;
  return true;
}

const SMS_REPLACEMENTS: readonly [RegExp, string][] = [
  [/[\u2018\u2019\u201A\u201B\u2032\u02BC`\u00B4]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/\u2026/g, '...'],
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' '],
  [/[\u200B-\u200D\u2060\uFEFF]/g, ''],
  [/\u2022/g, '-'],
  // Emoji and pictographs (and the joiners and variation selectors that build them).
  [/\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\uFE0E|\uFE0F/gu, ''],
];

/**
 * Plain SMS text: typographic punctuation replaced by the GSM-7 equivalents, emoji dropped. Letters
 * outside GSM-7 (Welsh ŵ, Polish ł) are left alone: changing them would change the words.
 */
export function toSmsText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SMS_REPLACEMENTS) out = out.replace(pattern, replacement);
  return out.replace(/[ \t]+\n/g, '\n');
}

/* ---------------------------------------------------------------- splitting */

/** Phone numbers as written in our texts ("0300 123 2040", "08 08 16 89 111", "+44 20 ..."). */
const PHONE_SPAN = /\+?\d+(?:[ -]\d+)+/g;

function protectedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(URL_SPAN)) spans.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(/www\.[^\s<>"]+/g)) spans.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(PHONE_SPAN)) {
    if (m[0].replace(/\D/g, '').length >= 6) spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

/**
 * Splits text into parts of at most `max` characters, preferring (in order) paragraph, line,
 * sentence and word boundaries, and never breaking inside a URL or a phone number. Parts are
 * trimmed; joined with spaces/newlines they read as the original.
 */
export function splitText(text: string, max: number): string[] {
  const chars = Array.from(text);
  if (chars.length <= max) return [text];
  // Work in code points so limits hold for any script.
  const cpText = chars;
  const spans = protectedSpans(text).map(
    ([s, e]) => [charLength(text.slice(0, s)), charLength(text.slice(0, e))] as const,
  );
  const inside = (i: number) => spans.some(([s, e]) => i > s && i < e);

  /** Priority of starting a new part at index i (0 = not allowed). */
  const priority = (i: number): number => {
    if (inside(i)) return 0;
    const prev = cpText[i - 1] ?? '';
    const prev2 = cpText[i - 2] ?? '';
    if (prev === '\n' && prev2 === '\n') return 4;
    if (prev === '\n') return 3;
    if (prev === ' ' && /[.!?:;]/.test(prev2)) return 2;
    if (prev === ' ') return 1;
    return 0;
  };

  const parts: string[] = [];
  let start = 0;
  while (start < cpText.length) {
    // Skip whitespace between parts.
    while (start < cpText.length && /\s/.test(cpText[start] ?? '')) start++;
    if (start >= cpText.length) break;
    if (cpText.length - start <= max) {
      parts.push(cpText.slice(start).join('').trim());
      break;
    }
    const limit = start + max;
    let best = -1;
    let bestPriority = 0;
    // Prefer a strong boundary in the second half of the window, else the latest weak one.
    const half = start + Math.floor(max / 2);
    for (let i = limit; i > start; i--) {
      const p = priority(i);
      if (p === 0) continue;
      if (i >= half ? p > bestPriority : best === -1) {
        best = i;
        bestPriority = p;
      }
    }
    if (best === -1) {
      // No boundary at all (one enormous word or link): cut before the protected span, or hard.
      const span = spans.find(([s, e]) => s > start && s < limit && e > limit);
      best = span ? span[0] : limit;
    }
    parts.push(cpText.slice(start, best).join('').trim());
    start = best;
  }
  return parts.filter((p) => p.length > 0);
}

/* ---------------------------------------------------------------- button titles */

/**
 * A title that fits `max` characters: the label itself if it fits; otherwise without any
 * "(…)" aside; otherwise cut at the last whole word with an ellipsis. Never cut mid-word unless
 * the first word alone is too long, and then always with an ellipsis.
 */
export function shorten(label: string, max: number): string {
  const clean = label.replace(/\s+/g, ' ').trim();
  if (charLength(clean) <= max) return clean;
  const withoutAside = clean
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (withoutAside.length > 0 && charLength(withoutAside) <= max) return withoutAside;
  const words = withoutAside.length > 0 ? withoutAside : clean;
  const room = max - 1;
  const head = sliceChars(words, 0, room + 1);
  const cut = head.lastIndexOf(' ');
  const base = cut > 0 ? head.slice(0, cut) : sliceChars(words, 0, room);
  return `${base.replace(/[\s,;:.\-–—]+$/u, '')}…`;
}

/** A `tel:` URI for a UK number as written ("0300 123 2040" → "tel:03001232040"). */
export function telUri(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
