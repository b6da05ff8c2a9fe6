import { escapeXml, niceCeil, renderChart } from './svg';

const latencies = (scale: number) =>
  Float64Array.from({ length: 2000 }, (_, i) => scale * (1 + i / 100)).sort();

describe('the latency chart', () => {
  const svg = renderChart({
    title: 'Turn latency <test>',
    subtitle: '50 conversations & more',
    series: [
      {
        name: 'echo bot',
        colour: '#1d70b8',
        latencies: latencies(1),
        figures: '2,000 turns/s\np99 19 ms',
      },
      { name: 'Bluelamp', colour: '#d4351c', latencies: latencies(5), figures: '500 turns/s' },
    ],
    footer: 'line one\nline two',
  });

  test('is one standalone SVG document with an accessible title', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('<title id="t">Turn latency &lt;test&gt;</title>');
    expect(svg).toContain('50 conversations &amp; more');
  });

  test('draws a curve per server and marks p50 and p99 of each', () => {
    expect(svg.match(/<path d="M/g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(4);
    expect(svg).toContain('p99 ');
    expect(svg).toContain('2,000 turns/s');
  });

  test('every number in the drawing is finite', () => {
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  test('an empty series (a run that measured nothing) still renders', () => {
    const empty = renderChart({
      title: 't',
      subtitle: 's',
      series: [{ name: 'x', colour: '#000', latencies: new Float64Array(0), figures: '' }],
      footer: '',
    });
    expect(empty).toContain('</svg>');
    expect(empty).not.toMatch(/NaN|Infinity/);
  });
});

test.each([
  [0.3, 0.5],
  [1, 1],
  [1.1, 2],
  [43, 50],
  [120, 200],
  [5001, 10000],
  [0, 1],
])('niceCeil(%d) = %d', (v, want) => {
  expect(niceCeil(v)).toBe(want);
});

test('escapeXml', () => {
  expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
    '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
  );
});
