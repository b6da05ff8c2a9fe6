import { pickLocale } from './language';

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
