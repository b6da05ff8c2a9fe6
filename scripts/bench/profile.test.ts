import { areaOf, formatProfile, summariseProfile } from './profile';

const frame = (functionName: string, url = '', lineNumber = 0) => ({
  functionName,
  url,
  lineNumber,
  columnNumber: 0,
  scriptId: '0',
});

/** root → onTurn (bot) → query (pglite) ; root → (garbage collector) ; root → (idle). */
const profile = {
  startTime: 0,
  endTime: 10_000,
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 4, 5] },
    { id: 2, callFrame: frame('onTurn', 'file:///work/main/dist/bot/bot.js', 22), children: [3] },
    {
      id: 3,
      callFrame: frame(
        'query',
        'file:///work/main/node_modules/@electric-sql/pglite/dist/index.cjs',
        3,
      ),
    },
    { id: 4, callFrame: frame('(garbage collector)') },
    { id: 5, callFrame: frame('(idle)') },
  ],
  // 1 ms apart: onTurn self ×2, query ×5, GC ×2, idle ×1.
  samples: [2, 3, 3, 2, 3, 3, 4, 3, 4, 5],
  timeDeltas: Array.from({ length: 10 }, () => 1000),
};

describe('summariseProfile', () => {
  const s = summariseProfile(profile);

  test('self time by function and by area', () => {
    expect(s.totalMs).toBe(10);
    expect(s.idleShare).toBeCloseTo(0.1);
    expect(s.topSelf[0]).toMatchObject({ name: 'query', area: '@electric-sql/pglite', ms: 5 });
    expect(s.byArea.map((a) => [a.area, a.ms])).toEqual([
      ['@electric-sql/pglite', 5],
      ['bot/', 2],
      ['(garbage collector)', 2],
      ['(idle)', 1],
    ]);
  });

  test('inclusive time for our own functions counts their callees', () => {
    expect(s.topInclusive).toEqual([
      expect.objectContaining({ name: 'onTurn', where: 'bot/bot.js:23', ms: 7, share: 0.7 }),
    ]);
  });

  test('a window keeps only the samples taken inside it', () => {
    const w = summariseProfile(profile, { fromMs: 6.5, toMs: 10 });
    expect(w.totalMs).toBe(4);
    expect(w.topSelf.map((f) => f.name).sort()).toEqual(['(garbage collector)', '(idle)', 'query']);
  });

  test('formats as plain lines with shares', () => {
    const text = formatProfile(s);
    expect(text).toContain('50.0%  query  @electric-sql/pglite/dist/index.cjs:4');
    expect(text).toContain('70.0%  onTurn  bot/bot.js:23');
  });

  test('refuses something that is not a CPU profile', () => {
    expect(() => summariseProfile({ nodes: 'x' })).toThrow();
  });
});

test.each([
  ['node:internal/http', 'x', 'node'],
  ['wasm://wasm/022a9842', 'wasm-function[1]', '@electric-sql/pglite (wasm)'],
  ['file:///r/node_modules/botbuilder/lib/x.js', 'f', 'botbuilder'],
  ['file:///r/node_modules/@scope/pkg/lib/x.js', 'f', '@scope/pkg'],
  ['file:///r/dist/triage/machine.js', 'f', 'triage/'],
  ['', '(garbage collector)', '(garbage collector)'],
  ['', 'writev', '(native)'],
])('areaOf(%s, %s) = %s', (url, fn, want) => {
  expect(areaOf(url, fn)).toBe(want);
});
