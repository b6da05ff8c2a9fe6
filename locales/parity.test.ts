import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchCommand } from '../triage/input';
import { EMERGENCY_LOCALES, UI_LOCALES } from '../triage/languages';
import { loadResources, localesDir } from './load';

/**
 * Translations drift silently: a key added to English falls back to English at run time, a lost
 * {{param}} prints nothing, a mistyped number sends someone to the wrong line. These checks make
 * each of those a failing test instead.
 */

const resources = loadResources();
const TRANSLATED = UI_LOCALES.filter((l) => l !== 'en');
const CONVERSATION_NAMESPACES = ['common', 'routes'] as const;

function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      for (const [path, leaf] of flatten(child, prefix ? `${prefix}.${key}` : key)) {
        out.set(path, leaf);
      }
    }
  } else {
    out.set(prefix, value);
  }
  return out;
}

function namespace(lng: string, ns: string): Map<string, unknown> {
  return flatten(resources[lng]?.[ns] ?? {});
}

function params(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

/** Phone numbers, short codes, web and e-mail addresses: must survive translation untouched. */
function fixedTokens(text: string): string[] {
  const withoutParams = text.replace(/\{\{[^}]*\}\}/g, ' ');
  const numbers = withoutParams.match(/\d+(?: \d+)*/g) ?? [];
  const addresses = withoutParams.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/[^\s)]+/g) ?? [];
  // "24-hour" becomes a word in some languages ("całodobowy"); only numbers people dial matter.
  return [...numbers.filter((n) => n.replace(/ /g, '').length >= 3), ...addresses];
}

function words(text: string): number {
  return text
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w)).length;
}

/** Text between double quotes, in the quotation styles the locales use. */
function quoted(text: string): string[] {
  return [...text.matchAll(/"([^"]+)"|„([^”"]+)”|“([^”]+)”/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

describe('locale files', () => {
  it('every JSON file under locales/ parses', () => {
    const dir = localesDir();
    const files: string[] = [];
    for (const lng of readdirSync(dir, { withFileTypes: true })) {
      if (!lng.isDirectory()) continue;
      for (const file of readdirSync(join(dir, lng.name))) {
        if (file.endsWith('.json')) files.push(join(dir, lng.name, file));
      }
    }
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(() => JSON.parse(readFileSync(file, 'utf8')) as unknown).not.toThrow();
    }
  });

  it('every language folder is a language the service knows', () => {
    for (const lng of Object.keys(resources)) {
      expect(EMERGENCY_LOCALES as readonly string[]).toContain(lng);
    }
  });
});

describe.each(TRANSLATED)('%s conversation strings', (lng) => {
  describe.each(CONVERSATION_NAMESPACES)('%s.json', (ns) => {
    const en = namespace('en', ns);
    const tr = namespace(lng, ns);
    const keys = [...en.keys()];

    it('has the English source', () => {
      expect(en.size).toBeGreaterThan(0);
    });

    it('has every English key, as a non-empty string', () => {
      const missing = keys.filter((k) => str(tr.get(k)).trim() === '');
      expect(missing).toEqual([]);
    });

    it('has no keys the English no longer has', () => {
      expect([...tr.keys()].filter((k) => !en.has(k))).toEqual([]);
    });

    it('keeps exactly the same {{params}} in every string', () => {
      const wrong = keys
        .filter((k) => tr.has(k))
        .filter((k) => params(str(en.get(k))).join() !== params(str(tr.get(k))).join())
        .map((k) => `${k}: ${params(str(en.get(k))).join()} ≠ ${params(str(tr.get(k))).join()}`);
      expect(wrong).toEqual([]);
    });

    it('keeps phone numbers, short codes and addresses exactly', () => {
      const wrong = keys.flatMap((k) => {
        const text = str(tr.get(k));
        return fixedTokens(str(en.get(k)))
          .filter((token) => !text.includes(token))
          .map((token) => `${k}: ${token}`);
      });
      expect(wrong).toEqual([]);
    });

    it('translates every sentence (no English copies)', () => {
      const copies = keys.filter((k) => words(str(en.get(k))) > 3 && tr.get(k) === en.get(k));
      expect(copies).toEqual([]);
    });
  });

  it('names the commands people can type in words the bot recognises', () => {
    const common = namespace(lng, 'common');
    const routes = namespace(lng, 'routes');
    const texts = [
      str(common.get('help')),
      str(common.get('flow.offerHuman')),
      str(common.get('language.changed')),
      str(routes.get('not-police.body')),
    ];
    const phrases = texts.flatMap(quoted);
    expect(phrases.length).toBeGreaterThanOrEqual(8);
    expect(phrases.filter((p) => matchCommand(p) === undefined)).toEqual([]);
    expect(matchCommand(str(common.get('menu.human')))).toBe('human');
  });

  it('quotes the consent buttons exactly as they are labelled', () => {
    const common = namespace(lng, 'common');
    expect(quoted(str(common.get('consent.hint')))).toEqual([
      str(common.get('consent.agree')),
      str(common.get('consent.disagree')),
    ]);
  });

  it('gives the three ways to reach 999 in the help text', () => {
    const help = str(namespace(lng, 'common').get('help'));
    for (const needed of ['999', '18000', '55']) expect(help).toContain(needed);
  });
});

describe('999 guidance', () => {
  const SCRIPTS: Partial<Record<string, RegExp>> = {
    pa: /\p{Script=Gurmukhi}/u,
    ur: /\p{Script=Arabic}/u,
    ar: /\p{Script=Arabic}/u,
    bn: /\p{Script=Bengali}/u,
    gu: /\p{Script=Gujarati}/u,
    zh: /\p{Script=Han}/u,
    uk: /\p{Script=Cyrillic}/u,
    ru: /\p{Script=Cyrillic}/u,
    ta: /\p{Script=Tamil}/u,
  };
  const guidance = (lng: string) => str(resources[lng]?.emergency?.guidance);
  const reminder = (lng: string) => str(resources[lng]?.emergency?.reminder);

  it.each(EMERGENCY_LOCALES)('%s has guidance and a reminder naming 999, 18000 and 55', (lng) => {
    expect(guidance(lng)).not.toBe('');
    expect(reminder(lng)).not.toBe('');
    for (const needed of ['999', '18000', '55', 'Relay UK'])
      expect(guidance(lng)).toContain(needed);
    expect(reminder(lng)).toContain('999');
    expect(reminder(lng).length).toBeLessThan(80);
    const script = SCRIPTS[lng];
    if (script) {
      expect(guidance(lng)).toMatch(script);
      expect(reminder(lng)).toMatch(script);
    }
  });

  it('is translated in every language, not copied from English or from each other', () => {
    const others = EMERGENCY_LOCALES.filter((l) => l !== 'en');
    for (const lng of others) {
      expect(guidance(lng)).not.toBe(guidance('en'));
      expect(reminder(lng)).not.toBe(reminder('en'));
    }
    expect(new Set(EMERGENCY_LOCALES.map(guidance)).size).toBe(EMERGENCY_LOCALES.length);
    expect(new Set(EMERGENCY_LOCALES.map(reminder)).size).toBe(EMERGENCY_LOCALES.length);
  });

  it('has no keys the English no longer has', () => {
    const en = Object.keys(resources.en?.emergency ?? {});
    for (const lng of EMERGENCY_LOCALES) {
      expect(Object.keys(resources[lng]?.emergency ?? {}).filter((k) => !en.includes(k))).toEqual(
        [],
      );
    }
  });
});
