import { clauseTokens, foldText, prepare, squeeze, tokenize } from './normalise';

describe('tokenize', () => {
  test.each([
    ['Złodziej ukradł MÓJ rower!', ['zlodziej', 'ukradl', 'moj', 'rower']],
    ["I'll be there, he's got it", ['i', 'will', 'be', 'there', 'he', 'is', 'got', 'it']],
    ['cant wont dont', ['can', 'not', 'will', 'not', 'do', 'not']],
    ["i'm ill", ['i', 'am', 'ill']],
    ['sum1 is tryin 2 get in rn', ['someone', 'is', 'trying', '2', 'get', 'in', 'right', 'now']],
    ['u r gonna b ok', ['you', 'are', 'going', 'to', 'b', 'ok']],
    ['HELPPPP pleeeease', ['helpp', 'pleease']],
    ["mae'n torri i mewn i'r tŷ", ['mae', 'yn', 'torri', 'i', 'mewn', 'i', 'yr', 'ty']],
    ['Ｈｅｌｌｏ ９９９', ['hello', '999']],
    ['٩٩٩ ৯৯৯', ['999', '999']],
    ['救命啊', ['救', '命', '啊']],
    ['', []],
  ])('%j', (text, expected) => {
    expect(tokenize(text)).toEqual(expected);
  });

  test('keeps Indic vowel signs, which carry meaning', () => {
    expect(tokenize('ਬਚਾਓ')).toEqual(['ਬਚਾਓ']);
    expect(tokenize('காப்பாற்று')).toEqual(['காப்பாற்று']);
  });

  test('unifies Arabic and Urdu letter forms and drops short vowels', () => {
    expect(tokenize('مُساعَدة')).toEqual(tokenize('مساعده'));
    expect(tokenize('كيف')).toEqual(tokenize('کیف'));
  });

  test('folds Cyrillic breve and diaeresis consistently', () => {
    expect(tokenize('її')).toEqual(tokenize('іі'));
    expect(foldText('ЁЛКА')).toBe('елка');
  });
});

test('squeeze collapses every run of a repeated letter but not digits', () => {
  expect(squeeze('stabbbed')).toBe(squeeze('stabed'));
  expect(squeeze('kill')).toBe('kil');
  expect(squeeze('999')).toBe('999');
});

test('clauseTokens numbers clauses at sentence punctuation', () => {
  const ct = clauseTokens(foldText('he hit me yesterday. now he has a knife'));
  expect(ct.map((t) => t.clause)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1]);
});

describe('prepare', () => {
  test.each([
    "I'll be there, he's got a KNIFE!!",
    "mae'n torri i mewn i'r tŷ. helpwch",
    'Złodziej ukradł MÓJ rower! wczoraj',
    '救命啊 有人',
    'Ｈｅｌｐ ９９９',
    'sum1 is tryin 2 get in rn',
  ])('tokens, squeezed tokens and clauses agree with tokenize/clauseTokens: %j', (text) => {
    const p = prepare(text);
    expect(p.tokens).toEqual(tokenize(text));
    expect(p.squeezed).toEqual(tokenize(text).map(squeeze));
    expect(p.clauses).toEqual(clauseTokens(foldText(text)).map((t) => t.clause));
  });

  test('plain ASCII takes the fast path with the same result', () => {
    expect(foldText('HeLLo World 42')).toBe('hello world 42');
    expect(foldText("Don't")).toBe("don't");
    expect(tokenize("Can't stop, won't stop")).toEqual([
      'can',
      'not',
      'stop',
      'will',
      'not',
      'stop',
    ]);
  });

  test('the same text twice is normalised once', () => {
    expect(prepare('a knife outside now')).toBe(prepare('a knife outside now'));
  });
});
