import { squeeze, tokenize } from './normalise';
import { PatternSet, withinOneEdit } from './patterns';

function matcher(patterns: readonly string[], options: { fuzzy?: boolean; known?: string[] } = {}) {
  const set = new PatternSet<string>();
  for (const p of patterns) set.add(p, p, { fuzzy: options.fuzzy ?? false });
  set.setKnownWords(options.known ?? []);
  return (text: string) => set.match(set.atomize(tokenize(text).map(squeeze))).map((m) => m.source);
}

describe('PatternSet', () => {
  test.each([
    ['has .. knife', 'he has got a big knife', true],
    ['has .. knife', 'he has got a really very big knife', false],
    ['has ... knife', 'he has got a really very big knife', true],
    ['stab*', 'he was stabbing people', true],
    ['going_to|about_to kill', 'hes gonna kill', true],
    ['going_to|about_to kill', 'about to kill', true],
    ['going_to|about_to kill', 'going kill', false],
    ["can't breathe", 'cant breath', false],
    ["can't breathe", 'i cannot breathe', true],
    ['knife', 'KNIFE!!!', true],
  ])('%s ~ %j → %s', (pattern, text, expected) => {
    expect(matcher([pattern])(text).length > 0).toBe(expected);
  });

  test('typos match only for fuzzy patterns, same first letter, unknown words', () => {
    const m = matcher(['unconscious', 'beating', 'attack'], { fuzzy: true, known: ['stack'] });
    expect(m('hes unconcious')).toEqual(['unconscious']);
    expect(m('eating chips')).toEqual([]);
    expect(m('a stack of plates')).toEqual([]);
    expect(matcher(['unconscious'])('hes unconcious')).toEqual([]);
  });

  test('blocked tokens cannot be part of a match', () => {
    const set = new PatternSet<string>();
    set.add('killing me', 'x');
    const atoms = set.atomize(tokenize('the noise is killing me').map(squeeze));
    expect(set.match(atoms, [false, false, false, true, false])).toEqual([]);
  });

  test('one-word and next-word prefilters do not change what matches', () => {
    const m = matcher([
      'knife',
      'has|got .. knife|gun',
      'kick|kicking door|window in|down',
      'not breathing',
      'in danger',
    ]);
    // One match from "has" and one from "got": every start is reported.
    expect(m('he has got a knife')).toEqual([
      'has|got .. knife|gun',
      'has|got .. knife|gun',
      'knife',
    ]);
    expect(m('kicking door in')).toEqual(['kick|kicking door|window in|down']);
    expect(m('kicking the door in')).toEqual([]);
    expect(m('is he not breathing')).toEqual(['not breathing']);
    expect(m('not in danger')).toEqual(['in danger']);
  });

  test('groups keep phases apart', () => {
    const set = new PatternSet<string>();
    set.add('knife', 'a', { groups: 1 });
    set.add('knife', 'b', { groups: 2 });
    set.add('gun', 'c', { groups: 3 });
    const atoms = set.atomize(['knife', 'gun']);
    expect(set.match(atoms, undefined, 0).map((x) => x.tag)).toEqual(['a', 'c']);
    expect(set.match(atoms, undefined, 1).map((x) => x.tag)).toEqual(['b', 'c']);
  });

  test('stems may be three letters in other scripts', () => {
    const m = matcher(['нож*']);
    expect(m('у него ножом')).toEqual(['нож*']);
  });

  test('rejects patterns it cannot use', () => {
    expect(() => {
      new PatternSet<string>().add('.. knife', 'x');
    }).toThrow(/start and end/);
    expect(() => {
      new PatternSet<string>().add('ab*', 'x');
    }).toThrow(/shorter than/);
  });
});

test.each([
  ['knife', 'knif', true],
  ['knife', 'kinfe', true],
  ['knife', 'knifes', true],
  ['raping', 'riping', false],
  ['breathing', 'breatling', true],
  ['knife', 'knave', false],
])('withinOneEdit(%s, %s) = %s', (a, b, expected) => {
  expect(withinOneEdit(a, b)).toBe(expected);
});
