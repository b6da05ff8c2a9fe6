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

/**
 * Whether an Accept header asks for HTML ahead of JSON. A browser navigating does ("text/html,
 * application/xhtml+xml, …" with the any-type range last, at a lower q); no header, the any-type
 * range alone (curl, fetch) and "application/json" do not, so programs keep their JSON. Equal
 * q-values go to the one listed first.
 */
export function prefersHtml(accept: string | undefined): boolean {
  let html: { q: number; index: number } | undefined;
  let json: { q: number; index: number } | undefined;
  (accept ?? '')
    .split(',')
    .slice(0, 50)
    .forEach((part, index) => {
      const [range = '', ...params] = part.split(';');
      const type = range.trim().toLowerCase();
      const qParam = params.map((p) => /^\s*q=([0-9.]+)\s*$/i.exec(p)?.[1]).find(Boolean);
      const q = qParam === undefined ? 1 : Number(qParam);
      if (Number.isNaN(q) || q <= 0) return;
      const entry = { q, index };
      const better = (old: typeof html) => !old || q > old.q;
      if (type === 'text/html' || type === 'application/xhtml+xml') {
        if (better(html)) html = entry;
      } else if (type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type)) {
        if (better(json)) json = entry;
      }
    });
  if (!html) return false;
  return !json || html.q > json.q || (html.q === json.q && html.index < json.index);
}
