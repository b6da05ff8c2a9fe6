/**
 * Languages. "UI" locales have every prompt translated (English complete; Welsh and Polish for the
 * whole triage conversation). Emergency locales additionally have the 999 guidance and the emergency
 * detector's vocabulary, because an emergency must be recognised and answered in any language a
 * person is likely to write in — the most-spoken languages in England and Wales after English.
 */
export const UI_LOCALES = ['en', 'cy', 'pl'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

export const EMERGENCY_LOCALES = [
  'en',
  'cy',
  'pl',
  'ro',
  'pa',
  'ur',
  'pt',
  'es',
  'ar',
  'bn',
  'gu',
  'it',
  'lt',
  'fr',
  'zh',
  'tr',
  'so',
  'uk',
  'ru',
  'ta',
] as const;
export type EmergencyLocale = (typeof EMERGENCY_LOCALES)[number];

export function isUiLocale(code: string): code is UiLocale {
  return (UI_LOCALES as readonly string[]).includes(code);
}

export function isEmergencyLocale(code: string): code is EmergencyLocale {
  return (EMERGENCY_LOCALES as readonly string[]).includes(code);
}

/** Each language's name in itself, for the language menu. */
export const LANGUAGE_NAMES: Record<EmergencyLocale, string> = {
  en: 'English',
  cy: 'Cymraeg',
  pl: 'Polski',
  ro: 'Română',
  pa: 'ਪੰਜਾਬੀ',
  ur: 'اردو',
  pt: 'Português',
  es: 'Español',
  ar: 'العربية',
  bn: 'বাংলা',
  gu: 'ગુજરાતી',
  it: 'Italiano',
  lt: 'Lietuvių',
  fr: 'Français',
  zh: '中文',
  tr: 'Türkçe',
  so: 'Soomaali',
  uk: 'Українська',
  ru: 'Русский',
  ta: 'தமிழ்',
};
