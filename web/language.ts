/**
 * Picks the page language: an explicit `?lang=` the page offers, else the browser's preferences in
 * q-value order matched on the primary subtag ("cy-GB" → "cy"), else the force's default.
 */
export function pickLocale(
  query: string | null | undefined,
  acceptLanguage: string | undefined,
  offered: readonly string[],
  fallback: string,
): string {
  const normalise = (tag: string): string => tag.trim().toLowerCase().split('-')[0] ?? '';
  if (query && offered.includes(normalise(query))) return normalise(query);
  const preferences = (acceptLanguage ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { code: normalise(tag), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((p) => p.code && p.q > 0 && !Number.isNaN(p.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const p of preferences) if (offered.includes(p.code)) return p.code;
  return offered.includes(fallback) ? fallback : (offered[0] ?? fallback);
}
