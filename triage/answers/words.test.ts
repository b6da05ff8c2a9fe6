import { containsSkipPhrase, distance, fold, isSkipPhrase, simplify } from './words';

test('fold and simplify drop case, accents and apostrophes', () => {
  expect(fold('  Don’t   KNOW ')).toBe('dont know');
  expect(simplify('Wolę nie mówić!')).toBe('wole nie mowic');
  expect(simplify('Dw i ddim yn siŵr.')).toBe('dw i ddim yn siwr');
});

test.each([
  ['skip', true],
  ["don't know", true],
  ['I dont know the reg', true],
  ['Not sure when', true],
  ['prefer not to say', true],
  ['um, no idea', true],
  ['dim syniad', true],
  ['Dw i ddim yn gwybod', true],
  ['gwell gen i beidio a dweud', true],
  ['nie wiem', true],
  ['wolę nie mówić', true],
  ['pomiń', true],
  ['no', false],
  ['none', false],
  ["I don't know him but he was tall", false],
  ['', false],
])('isSkipPhrase(%j) → %s', (text, expected) => {
  expect(isSkipPhrase(text)).toBe(expected);
});

test('containsSkipPhrase finds one inside an answer', () => {
  expect(containsSkipPhrase("silver van, don't know the reg")).toBe(true);
  expect(containsSkipPhrase('silver van AB12 CDE')).toBe(false);
});

test('distance is Levenshtein, capped', () => {
  expect(distance('yesterday', 'yesterdy')).toBe(1);
  expect(distance('wensday', 'wednesday')).toBe(2);
  expect(distance('abc', 'xyzxyz', 2)).toBe(3);
});
