/**
 * npm run triage:eval -- FILE.jsonl [--json]
 * Evaluates the offline classifier on a file in the DESIGN.md format and prints a table; with
 * --json the last line is the report as one JSON object. Relative paths are the caller's.
 */
import { callerCwd, runEvalCli } from './lib/eval-cli';

runEvalCli(process.argv.slice(2), {
  cwd: callerCwd(),
  out: (line) => {
    console.log(line);
  },
  err: (line) => {
    console.error(line);
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
