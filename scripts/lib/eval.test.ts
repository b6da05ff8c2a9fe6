import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { RouteId } from '../../triage/routes';
import type { Classification, Classifier } from '../../triage/types';
import { runEvalCli } from './eval-cli';
import { evaluate, formatTable, parseEvalFile } from './eval';

/** A classifier that answers from a table: the arithmetic under test must not depend on a model. */
function tableClassifier(answers: Record<string, RouteId | 'EMERGENCY' | 'NOTHING'>): Classifier {
  return {
    classify(text: string): Classification {
      const answer = answers[text] ?? 'NOTHING';
      return {
        language: { code: 'en', confidence: 1, supported: true },
        emergency:
          answer === 'EMERGENCY'
            ? { emergency: true, confidence: 0.9, evidence: ['x'] }
            : { emergency: false, confidence: 0, evidence: [] },
        routes:
          answer === 'EMERGENCY' || answer === 'NOTHING'
            ? []
            : [{ route: answer, confidence: 0.8, evidence: [] }],
      };
    },
  };
}

const line = (text: string, expect: string[], lang = 'en') =>
  JSON.stringify({ text, lang, expect });

describe('parseEvalFile', () => {
  test('reports malformed lines by number and keeps the rest', () => {
    const content = [
      line('bike nicked', ['crime']),
      '',
      '{not json',
      JSON.stringify({ text: 'no expect', lang: 'en' }),
      line('unknown', ['crime', 'agency:nope']),
      JSON.stringify({ lang: 'en', expect: ['crime'] }),
      line('gas smell', ['agency:gas-emergency'], 'cy'),
    ].join('\n');
    const { cases, problems } = parseEvalFile(content);
    expect(cases.map((c) => c.line)).toEqual([1, 7]);
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5, 6]);
    expect(problems[2]?.message).toMatch(/agency:nope/);
  });
});

describe('evaluate', () => {
  const content = [
    line('a', ['emergency']),
    line('b', ['emergency', 'crime']),
    line('c', ['crime', 'emergency']),
    line('d', ['crime']),
    line('e', ['crime', 'hate-crime'], 'cy'),
    line('f', ['agency:council']),
  ].join('\n');
  const classifier = tableClassifier({
    a: 'EMERGENCY',
    b: 'crime',
    c: 'EMERGENCY',
    d: 'EMERGENCY',
    e: 'hate-crime',
    f: 'NOTHING',
  });
  const { report, details } = evaluate(parseEvalFile(content).cases, classifier);

  test('follows the DESIGN.md definitions', () => {
    expect(report.total).toBe(6);
    // a, b (crime is acceptable), c (emergency is acceptable), e correct; d, f wrong.
    expect(report.accuracy).toBeCloseTo(4 / 6, 4);
    // Emergency cases are a and b (emergency first); only a was flagged.
    expect(report.emergencyRecall).toBe(0.5);
    // Cases without emergency in expect: d, e, f; d was flagged.
    expect(report.falseEmergencyRate).toBeCloseTo(1 / 3, 4);
    expect(report.perLanguage).toEqual({
      en: { total: 5, accuracy: 0.6 },
      cy: { total: 1, accuracy: 1 },
    });
    expect(report.perRoute.crime).toEqual({ total: 3, correct: 2, accuracy: 0.6667 });
    expect(details.missedEmergencies).toEqual([2]);
  });

  test('one case per line, in file order, with got, confidence and the flag', () => {
    expect(report.cases).toEqual([
      { line: 1, got: 'emergency', confidence: 0.9, emergency: true },
      { line: 2, got: 'crime', confidence: 0.8, emergency: false },
      { line: 3, got: 'emergency', confidence: 0.9, emergency: true },
      { line: 4, got: 'emergency', confidence: 0.9, emergency: true },
      { line: 5, got: 'hate-crime', confidence: 0.8, emergency: false },
      { line: 6, got: 'general-enquiry', confidence: 0, emergency: false },
    ]);
  });

  test('exactly the contract fields, and a readable table', () => {
    expect(Object.keys(report)).toEqual([
      'total',
      'accuracy',
      'emergencyRecall',
      'falseEmergencyRate',
      'msPerMessage',
      'perRoute',
      'perLanguage',
      'cases',
    ]);
    const table = formatTable(report, details);
    expect(table).toMatch(/route accuracy: 66\.7 %/);
    expect(table).toMatch(/emergency recall: 50\.0 % \(1\/2\)/);
    expect(table).toMatch(/crime\s+3\s+2\s+66\.7 %/);
    expect(table).toMatch(/MISSED EMERGENCIES on lines: 2/);
    // Per-language emergency recall: both emergency cases are English, one flagged.
    expect(details.emergencyByLanguage).toEqual({ en: { cases: 2, flagged: 1 } });
    expect(table).toMatch(/en\s+5\s+60\.0 %\s+1\/2/);
    expect(table).toMatch(/cy\s+1\s+100\.0 %\s+—/);
  });
});

describe('runEvalCli', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const io = () => ({
    cwd: dir,
    out: (l: string) => out.push(l),
    err: (l: string) => err.push(l),
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'triage-eval-'));
    out = [];
    err = [];
    writeFileSync(
      join(dir, 'set.jsonl'),
      [
        line('someone has stolen my bike from the shed', ['crime']),
        'garbage',
        line('help he has got a knife', ['emergency']),
      ].join('\n'),
    );
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('--json: the last line is the report; malformed lines go to stderr', async () => {
    expect(await runEvalCli(['set.jsonl', '--json'], io())).toBe(0);
    const last = JSON.parse(out[out.length - 1] ?? '') as { total: number; cases: unknown[] };
    expect(last.total).toBe(2);
    expect(last.cases).toEqual([
      expect.objectContaining({ line: 1, got: 'crime', emergency: false }),
      expect.objectContaining({ line: 3, got: 'emergency', emergency: true }),
    ]);
    expect(err).toEqual(['set.jsonl:2: skipped: not valid JSON']);
    expect(out.join('\n')).toMatch(/emergency recall: 100\.0 %/);
  });

  test('relative paths are resolved from the caller, absolute ones as given', async () => {
    expect(await runEvalCli([join(dir, 'set.jsonl')], { ...io(), cwd: '/' })).toBe(0);
    expect(
      await runEvalCli([relative(process.cwd(), join(dir, 'set.jsonl'))], {
        ...io(),
        cwd: process.cwd(),
      }),
    ).toBe(0);
    expect(out.some((l) => l.startsWith('{'))).toBe(false);
  });

  test('usage and unreadable files exit 2 with a message, never a stack trace', async () => {
    expect(await runEvalCli([], io())).toBe(2);
    expect(await runEvalCli(['missing.jsonl'], io())).toBe(2);
    expect(await runEvalCli(['set.jsonl', '--yaml'], io())).toBe(2);
    expect(err).toEqual([
      expect.stringMatching(/^usage:/),
      expect.stringMatching(/cannot read .*missing\.jsonl: ENOENT/),
      expect.stringMatching(/^usage:/),
    ]);
  });
});
