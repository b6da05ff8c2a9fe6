import { z } from 'zod';

/** `npm run bench -- [options]`: the command line, parsed by zod like every other input. */

export const USAGE = `usage: npm run bench -- [--json] [--concurrency N] [--duration S | --turns N] [--warmup S] [--profile]

  --concurrency N  conversations in flight at once, against each server (default 50)
  --duration S     seconds to measure each server for, after warm-up (default 20)
  --turns N        measure this many turns on each server instead of a duration
  --warmup S       seconds of load before measuring starts (default 5)
  --profile        also run Bluelamp under --cpu-prof and summarise where its time went
                   (slows Bluelamp down: its figures from a profiled run are not the benchmark's)
  --json           print one JSON object with the results as the last line
  --help           this text`;

const Int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const BenchOptionsSchema = z.strictObject({
  json: z.boolean().default(false),
  profile: z.boolean().default(false),
  help: z.boolean().default(false),
  concurrency: Int(1, 1000).default(50),
  duration: z.coerce.number().min(1).max(600).default(20),
  turns: Int(1, 10_000_000).optional(),
  warmup: z.coerce.number().min(0).max(120).default(5),
});

export type BenchOptions = z.output<typeof BenchOptionsSchema>;

const FLAGS = new Set(['json', 'profile', 'help']);

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): BenchOptions {
  const raw: Record<string, unknown> = {};
  const known = new Set(Object.keys(BenchOptionsSchema.shape));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '-h') {
      raw.help = true;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m?.[1]) throw new UsageError(`unexpected argument "${arg}"`);
    const name = m[1];
    if (!known.has(name)) throw new UsageError(`unknown option --${name}`);
    if (FLAGS.has(name)) {
      if (m[2] !== undefined) throw new UsageError(`--${name} takes no value`);
      raw[name] = true;
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined || value.startsWith('--')) {
      throw new UsageError(`--${name} needs a value`);
    }
    raw[name] = value;
  }
  const parsed = BenchOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UsageError(
      parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  return parsed.data;
}
