import { pickLocale, prefersHtml } from './language';

describe('pickLocale', () => {
  const offered = ['en', 'cy'];
  test.each<[string | undefined, string | undefined, string]>([
    ['cy', 'en-GB', 'cy'],
    ['CY', undefined, 'cy'],
    ['fr', 'cy', 'cy'],
    [undefined, 'cy-GB,cy;q=0.9,en;q=0.8', 'cy'],
    [undefined, 'en;q=0.5, cy;q=0.8', 'cy'],
    [undefined, 'fr-FR, de;q=0.9', 'en'],
    [undefined, 'cy;q=0, en', 'en'],
    [undefined, 'garbage;;;q=x', 'en'],
    [undefined, undefined, 'en'],
  ])('?lang=%s, Accept-Language %s → %s', (query, accept, expected) => {
    expect(pickLocale(query, accept, offered, 'en')).toBe(expected);
  });

  test('falls back to the first offered language when the default is not offered', () => {
    expect(pickLocale(undefined, undefined, ['cy'], 'en')).toBe('cy');
  });
});

describe('prefersHtml', () => {
  test.each<[string | undefined, boolean]>([
    // Chromium and Firefox navigating to a page
    ['text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8', true],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', true],
    ['application/xhtml+xml', true],
    // programs
    [undefined, false],
    ['', false],
    ['*/*', false],
    ['application/json', false],
    ['application/json, text/plain, */*', false],
    ['application/json, text/html', false],
    ['text/html, application/json', true],
    ['text/html;q=0.5, application/json', false],
    ['text/html;q=0, */*', false],
    ['application/problem+json, text/html;q=0.9', false],
    ['TEXT/HTML', true],
    ['text/html;q=abc', true], // a malformed q is ignored, as pickLocale ignores it
  ])('Accept %j → %s', (accept, expected) => {
    expect(prefersHtml(accept)).toBe(expected);
  });
});
