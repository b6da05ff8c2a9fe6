import { isAbsolute, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { defaultClassifier, type BuiltClassifier } from '../../triage/classifier';
import { evaluate, formatTable, parseEvalFile } from './eval';

export interface CliIo {
  /** Where relative paths are resolved from: npm's INIT_CWD (the caller's directory) or cwd. */
  readonly cwd: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly classifier?: BuiltClassifier;
}

const USAGE = 'usage: npm run triage:eval -- FILE.jsonl [--json]';

/** `triage:eval` without the process: returns the exit code. */
export async function runEvalCli(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--json');
  if (files.length !== 1 || unknown.length > 0) {
    io.err(USAGE);
    return 2;
  }
  const file = files[0] ?? '';
  const path = isAbsolute(file) ? file : resolve(io.cwd, file);
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (err) {
    io.err(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    return 2;
  }
  const { cases, problems } = parseEvalFile(content);
  for (const p of problems) io.err(`${file}:${p.line}: skipped: ${p.message}`);

  const classifier = io.classifier ?? defaultClassifier;
  classifier.warm();
  const { report, details } = evaluate(cases, classifier);
  io.out(formatTable(report, details, { file: path, buildMs: classifier.buildMs() }));
  if (json) io.out(JSON.stringify(report));
  return 0;
}

export function callerCwd(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD ?? process.cwd();
}
