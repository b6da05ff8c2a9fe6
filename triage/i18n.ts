import i18next, { type i18n as I18n } from 'i18next';
import type { Message } from './types';

/** lng → namespace → nested keys. Loaded by locales/load.ts in Node; a browser passes its own. */
export type Resources = Readonly<
  Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>
>;

export interface Translator {
  /** Translates a message in a locale, falling back to English for anything not yet translated. */
  t(message: Message, locale: string): string;
  /** Whether a key exists in this locale itself (not through the English fallback). */
  has(key: string, locale: string): boolean;
  readonly i18n: I18n;
}

export function createTranslator(resources: Resources): Translator {
  const instance = i18next.createInstance();
  const namespaces = [...new Set(Object.values(resources).flatMap((r) => Object.keys(r)))];
  void instance.init({
    initAsync: false,
    resources: resources,
    lng: 'en',
    fallbackLng: 'en',
    ns: namespaces,
    defaultNS: 'common',
    // Renderers escape for their own channel (HTML, markdown, SMS); i18next must not.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  // Resources never change after start-up, so a message without parameters always reads the same:
  // kept, since every turn translates dozens of them (labels, hints, the 999 guidance) and i18next's
  // lookup is one of the larger costs of a turn. Bounded by keys × locales.
  const plain = new Map<string, string>();
  const t = (message: Message, conversationLocale: string): string => {
    const locale = message.locale ?? conversationLocale;
    if (message.params === undefined) {
      const id = `${locale}\u0000${message.key}`;
      let text = plain.get(id);
      if (text === undefined) {
        text = instance.t(message.key, { lng: locale });
        plain.set(id, text);
      }
      return text;
    }
    const values: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(message.params ?? {})) {
      values[name] = typeof value === 'object' ? t(value, locale) : value;
    }
    return instance.t(message.key, { lng: locale, ...values });
  };
  return {
    i18n: instance,
    t,
    has: (key, locale) => instance.exists(key, { lng: locale, fallbackLng: false }),
  };
}
