/**
 * npm run bench -- [--json] [--concurrency N] [--duration S | --turns N] [--warmup S] [--profile]
 *
 * One run, two servers, the same load: (a) the bare botbuilder echo bot on restify, (b) Bluelamp
 * exactly as `npm start` runs it (dist/bot/main.js, embedded PGlite in a throw-away DATA_DIR,
 * conversation state saved every turn). Each runs alone in its own child process, so its CPU and
 * memory are its own; each is driven over loopback HTTP (keep-alive, expectReplies) by N scripted
 * conversations, warmed up, then measured for the same time. Prints turns/s, latency percentiles,
 * peak RSS and the ratios against the issue's targets; writes artifacts/bench.svg and bench.json.
 * See docs/bench.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs, USAGE, UsageError, type BenchOptions } from './bench/args';
import {
  cpuSeconds,
  freePort,
  killAllNow,
  machineBusySeconds,
  peakRssMb,
  spawnServer,
  waitReady,
  type ServerChild,
} from './bench/child';
import {
  BluelampScript,
  buildCatalogue,
  EchoScript,
  PERSONAS,
  type Outcome,
} from './bench/conversation';
import { runPhase, type PhaseResult, type Target, type Tick } from './bench/load';
import { formatProfile, summariseProfile, type ProfileSummary } from './bench/profile';
import { round, summarise, type LatencySummary } from './bench/stats';
import { renderChart } from './bench/svg';

const ROOT = resolve(__dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'artifacts');
const TARGETS = { throughputRatio: 0.8, p99Ratio: 1.2, readyMs: 5000 } as const;

/** Variables that would point the children somewhere other than their embedded defaults. */
const STRIPPED_ENV = [
  'DATABASE_URL',
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
  'LANGUAGE_ENDPOINT',
  'LANGUAGE_KEY',
  'RECORDS_WEBHOOK_URL',
  'RECORDS_WEBHOOK_SECRET',
  'FORCE_PROFILE',
  'NODE_OPTIONS',
  'PORT',
  'HOST',
  'DATA_DIR',
  'RECORDS_DIR',
  'LOG_LEVEL',
];

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of STRIPPED_ENV) Reflect.deleteProperty(env, name);
  return { ...env, HOST: '127.0.0.1', ...extra };
}

let workDir: string | undefined;
const WORK_PREFIX = 'bluelamp-bench-';

/**
 * A bench killed outright (SIGKILL) cannot remove its temp data; the next run does, for any work
 * dir whose bench process (its pid is in the name) is gone.
 */
function removeStaleWorkDirs(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = new RegExp(`^${WORK_PREFIX}(\\d+)-`).exec(name)?.[1];
    if (!pid || Number(pid) === process.pid) continue;
    try {
      process.kill(Number(pid), 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') {
        rmSync(join(tmpdir(), name), { recursive: true, force: true });
      }
    }
  }
}

function cleanup(): void {
  killAllNow();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  workDir = undefined;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const n0 = (x: number) => Math.round(x).toLocaleString('en-GB');
const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x.toFixed(1)) : '–');

function progress(name: string): (t: Tick) => void {
  return (t) => {
    const of = t.totalS !== undefined ? `/${t.totalS.toFixed(0)}` : '';
    const when = `${t.phase.padEnd(7)} ${t.elapsedS.toFixed(0).padStart(3)}${of} s`;
    log(
      `  [${name}] ${when}  ${n0(t.turnsLastSecond).padStart(6)} turns/s  p50 ${ms(t.p50LastSecondMs).padStart(5)} ms  p99 ${ms(t.p99LastSecondMs).padStart(5)} ms  measured ${n0(t.measuredTurns)}  errors ${n0(t.errors)}`,
    );
  };
}

interface Measured {
  readonly phase: PhaseResult;
  readonly latency: LatencySummary;
  readonly peakRssMb: number | undefined;
  /** Server CPU during the measured window, as a share of one core. */
  readonly cpuShare: number | undefined;
  /** Load generator CPU during the measured window, as a share of one core. */
  readonly driverCpuShare: number | undefined;
  /** Cores' worth of CPU used by everything else on the machine during the measured window. */
  readonly otherCpu: number | undefined;
  /** The measured window, in ms after the server was spawned. */
  readonly window: { fromMs: number; toMs: number };
}

async function measure(
  child: ServerChild,
  target: Target,
  opts: BenchOptions,
  runId: string,
): Promise<Measured> {
  let cpuAt:
    { server?: number; machine?: number; driver: NodeJS.CpuUsage; wall: number } | undefined;
  let cpuShare: number | undefined;
  let driverCpuShare: number | undefined;
  let otherCpu: number | undefined;
  const window = { fromMs: 0, toMs: 0 };
  const phase = await runPhase(target, {
    concurrency: opts.concurrency,
    warmupMs: opts.warmup * 1000,
    ...(opts.turns !== undefined ? { turns: opts.turns } : { durationMs: opts.duration * 1000 }),
    maxMeasureMs: 600_000,
    preconnectPath: '/healthz',
    runId,
    onTick: progress(target.name),
    abortReason: () => {
      const exit = child.exited();
      return exit
        ? `${child.name} exited mid-run (code ${String(exit.code)}, signal ${String(exit.signal)})`
        : undefined;
    },
    onMeasure: (edge) => {
      const wall = performance.now();
      window[edge === 'start' ? 'fromMs' : 'toMs'] = wall - child.spawnedAt;
      if (edge === 'start') {
        const server = cpuSeconds(child.pid);
        const machine = machineBusySeconds();
        cpuAt = {
          ...(server !== undefined ? { server } : {}),
          ...(machine !== undefined ? { machine } : {}),
          driver: process.cpuUsage(),
          wall,
        };
        return;
      }
      if (!cpuAt) return;
      const seconds = (wall - cpuAt.wall) / 1000;
      const server = cpuSeconds(child.pid);
      if (server !== undefined && cpuAt.server !== undefined && seconds > 0) {
        cpuShare = (server - cpuAt.server) / seconds;
      }
      const d = process.cpuUsage(cpuAt.driver);
      if (seconds > 0) driverCpuShare = (d.user + d.system) / 1e6 / seconds;
      const machine = machineBusySeconds();
      if (
        machine !== undefined &&
        cpuAt.machine !== undefined &&
        cpuShare !== undefined &&
        driverCpuShare !== undefined &&
        seconds > 0
      ) {
        otherCpu = Math.max(0, (machine - cpuAt.machine) / seconds - cpuShare - driverCpuShare);
      }
    },
  });
  return {
    phase,
    latency: summarise(phase.latencies),
    peakRssMb: peakRssMb(child.pid),
    cpuShare,
    driverCpuShare,
    otherCpu,
    window,
  };
}

function errorLine(m: Measured): string {
  const kinds = Object.entries(m.phase.errors).map(([k, v]) => `${k} × ${n0(v)}`);
  return kinds.length > 0 ? kinds.join(', ') : 'none';
}

async function main(): Promise<number> {
  let opts: BenchOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      log(`${err.message}\n\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  if (opts.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  removeStaleWorkDirs();
  workDir = mkdtempSync(join(tmpdir(), `${WORK_PREFIX}${String(process.pid)}-`));
  const runId = randomBytes(4).toString('hex');
  const cores = cpus().length;
  const started = new Date();
  const window =
    opts.turns !== undefined ? `${n0(opts.turns)} turns` : `${String(opts.duration)} s`;
  log(
    `Bluelamp turn benchmark: ${String(opts.concurrency)} concurrent conversations per server, ${String(opts.warmup)} s warm-up, then ${window} measured.`,
  );
  log(
    `The load generator and each server share this ${String(cores)}-core machine; the servers run one at a time, each in its own process.`,
  );
  const catalogue = buildCatalogue();

  // (a) The echo bot.
  log('\n[echo] starting the bare botbuilder echo bot...');
  const echoChild = spawnServer({
    name: 'echo bot',
    script: join(__dirname, 'bench', 'echo-bot.js'),
    env: childEnv({}),
    port: await freePort(),
  });
  const echoReadyMs = await waitReady(echoChild, '/healthz');
  log(`[echo] ready in ${n0(echoReadyMs)} ms; driving it`);
  const echo = await measure(
    echoChild,
    { name: 'echo', port: echoChild.port, newScript: () => new EchoScript() },
    opts,
    runId,
  );
  await echoChild.stop();

  // (b) Bluelamp, as `npm start` runs it, on a fresh embedded store.
  log('\n[bluelamp] starting dist/bot/main.js (embedded PGlite in a fresh temp DATA_DIR)...');
  const profDir = join(workDir, 'cpu-profile');
  const blChild = spawnServer({
    name: 'Bluelamp',
    script: join(ROOT, 'dist', 'bot', 'main.js'),
    env: childEnv({
      DATA_DIR: join(workDir, 'data'),
      RECORDS_DIR: join(workDir, 'records'),
      LOG_LEVEL: 'silent',
    }),
    port: await freePort(),
    nodeFlags: [
      '--enable-source-maps',
      ...(opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
    ],
  });
  const readyMs = await waitReady(blChild, '/readyz');
  log(`[bluelamp] /readyz 200 after ${n0(readyMs)} ms; driving it`);
  const bl = await measure(
    blChild,
    {
      name: 'bluelamp',
      port: blChild.port,
      newScript: (n) => {
        const persona = PERSONAS[n % PERSONAS.length] ?? PERSONAS[0];
        if (!persona) throw new Error('no personas');
        return new BluelampScript(persona, catalogue, n + 1);
      },
    },
    opts,
    runId,
  );
  const stopStarted = performance.now();
  const diedEarly = blChild.exited() !== undefined;
  await blChild.stop();
  const stopMs = performance.now() - stopStarted;

  let profile: ProfileSummary | undefined;
  if (opts.profile) {
    try {
      const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
      if (!file) throw new Error('no .cpuprofile was written');
      // Only the measured window: not start-up, not warm-up, not shutdown.
      profile = summariseProfile(JSON.parse(readFileSync(join(profDir, file), 'utf8')), bl.window);
    } catch (err) {
      log(`[profile] could not read the CPU profile: ${(err as Error).message}`);
    }
  }

  // Results.
  const ratio = bl.phase.turnsPerSec / echo.phase.turnsPerSec;
  const p99Ratio = bl.latency.p99Ms / echo.latency.p99Ms;
  const errors = echo.phase.errorCount + bl.phase.errorCount;
  const warmupErrors = echo.phase.warmupErrors + bl.phase.warmupErrors;
  const aborted = [echo.phase.aborted, bl.phase.aborted].filter((a) => a !== undefined);
  const met = {
    throughput: ratio >= TARGETS.throughputRatio,
    p99: p99Ratio <= TARGETS.p99Ratio,
    ready: readyMs <= TARGETS.readyMs,
  };
  const outcomes = bl.phase.outcomes;
  const scripts = Object.values(outcomes).reduce((a, b) => a + b, 0);
  const mb = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(0));
  const cores1 = (x: number | undefined) => (x === undefined ? '–' : `${x.toFixed(2)} cores`);
  const NOISY_CORES = 0.25;
  const noisy = (echo.otherCpu ?? 0) > NOISY_CORES || (bl.otherCpu ?? 0) > NOISY_CORES;
  const cpu = (x: number | undefined) => (x === undefined ? '–' : `${(x * 100).toFixed(0)}%`);

  const out: string[] = [];
  const stamp = `${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  out.push(
    '',
    `Bluelamp turn benchmark · ${stamp} · Node ${process.version} · ${String(cores)} CPUs`,
    `${String(opts.concurrency)} concurrent scripted conversations per server over loopback HTTP (keep-alive, expectReplies);`,
    `${String(opts.warmup)} s warm-up, then ${opts.turns !== undefined ? `${n0(opts.turns)} turns` : `${String(opts.duration)} s`} measured on each. Driver and server share this ${String(cores)}-core machine.`,
    opts.profile
      ? '*** PROFILED RUN: Bluelamp ran under --cpu-prof, so its figures are slower than a normal run. ***'
      : '',
    '',
    `  ${'server'.padEnd(24)} ${'turns/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p90 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)} ${'peak RSS MB'.padStart(12)} ${'server CPU'.padStart(11)} ${'errors'.padStart(7)}`,
  );
  for (const [name, m] of [
    ['echo bot (botbuilder)', echo],
    ['Bluelamp', bl],
  ] as const) {
    out.push(
      `  ${name.padEnd(24)} ${n0(m.phase.turnsPerSec).padStart(8)} ${ms(m.latency.p50Ms).padStart(7)} ${ms(m.latency.p90Ms).padStart(7)} ${ms(m.latency.p99Ms).padStart(7)} ${ms(m.latency.maxMs).padStart(7)} ${mb(m.peakRssMb).padStart(12)} ${cpu(m.cpuShare).padStart(11)} ${n0(m.phase.errorCount).padStart(7)}`,
    );
  }
  out.push(
    `  ${'Bluelamp / echo'.padEnd(24)} ${`${ratio.toFixed(2)}×`.padStart(8)} ${`${(bl.latency.p50Ms / echo.latency.p50Ms).toFixed(2)}×`.padStart(7)} ${''.padStart(7)} ${`${p99Ratio.toFixed(2)}×`.padStart(7)}`,
    '',
    `Targets (issue 3): turns/s ≥ ${String(TARGETS.throughputRatio)} × echo: ${met.throughput ? 'met' : 'MISSED'} (${ratio.toFixed(2)}×) · p99 ≤ ${String(TARGETS.p99Ratio)} × echo p99: ${met.p99 ? 'met' : 'MISSED'} (${p99Ratio.toFixed(2)}×) · ready ≤ ${String(TARGETS.readyMs / 1000)} s: ${met.ready ? 'met' : 'MISSED'} (${(readyMs / 1000).toFixed(2)} s)`,
    opts.concurrency !== 50
      ? `(the targets are set at 50 concurrent conversations; this run used ${String(opts.concurrency)})`
      : '',
    `Bluelamp: /readyz 200 ${n0(readyMs)} ms after spawn (fresh DATA_DIR); ${diedEarly ? 'it had DIED before the end of the run' : `stopped (SIGTERM) in ${n0(stopMs)} ms`}; state saved to embedded PGlite every turn.`,
    `Bluelamp conversations ended: ${n0(scripts)} (${
      (Object.entries(outcomes) as [Outcome, number][])
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${n0(v)}`)
        .join(', ') || 'none'
    }); answers re-asked: ${n0(bl.phase.reprompts)}.`,
    `Mean response body per turn: ${n0(echo.phase.meanReplyBytes)} bytes (echo), ${n0(bl.phase.meanReplyBytes)} bytes (Bluelamp).`,
    `Load generator CPU while measuring: ${cpu(echo.driverCpuShare)} of a core (echo), ${cpu(bl.driverCpuShare)} (Bluelamp); other processes: ${cores1(echo.otherCpu)} (echo), ${cores1(bl.otherCpu)} (Bluelamp).`,
    noisy
      ? `NOTE: other work was using the machine's ${String(cores)} cores while measuring, so these figures are noisy; rerun on a quiet machine to compare.`
      : '',
    `Errors while measuring: echo ${errorLine(echo)}; Bluelamp ${errorLine(bl)}${warmupErrors > 0 ? `; during warm-up: ${n0(warmupErrors)}` : ''}.`,
  );
  if (profile) out.push('', formatProfile(profile));

  const loud = errors > 0 || warmupErrors > 0 || aborted.length > 0;
  if (loud) {
    const banner = [
      '',
      '!'.repeat(78),
      `!!! THIS RUN HAD ERRORS: ${n0(errors)} failed turns measured, ${n0(warmupErrors)} in warm-up.`,
      ...aborted.map((a) => `!!! ABORTED: ${a}`),
      ...[...echo.phase.errorSamples, ...bl.phase.errorSamples]
        .slice(0, 6)
        .map((s) => `!!!   e.g. ${s}`),
      '!!! The figures above are not from a clean run.',
      '!'.repeat(78),
    ];
    out.push(...banner);
    log(banner.join('\n'));
  }

  const json = {
    date: started.toISOString(),
    node: process.version,
    cpus: cores,
    concurrency: opts.concurrency,
    warmupS: opts.warmup,
    durationS: round(bl.phase.measuredS, 2),
    echoDurationS: round(echo.phase.measuredS, 2),
    turnsMode: opts.turns !== undefined,
    echoTurnsPerSec: round(echo.phase.turnsPerSec),
    echoTurns: echo.phase.turns,
    echoP50Ms: round(echo.latency.p50Ms, 2),
    echoP90Ms: round(echo.latency.p90Ms, 2),
    echoP99Ms: round(echo.latency.p99Ms, 2),
    echoMaxMs: round(echo.latency.maxMs, 2),
    echoRssMb: echo.peakRssMb === undefined ? null : round(echo.peakRssMb),
    echoCpu: echo.cpuShare === undefined ? null : round(echo.cpuShare, 2),
    turnsPerSec: round(bl.phase.turnsPerSec),
    turns: bl.phase.turns,
    p50Ms: round(bl.latency.p50Ms, 2),
    p90Ms: round(bl.latency.p90Ms, 2),
    p99Ms: round(bl.latency.p99Ms, 2),
    p999Ms: round(bl.latency.p999Ms, 2),
    maxMs: round(bl.latency.maxMs, 2),
    rssMb: bl.peakRssMb === undefined ? null : round(bl.peakRssMb),
    cpu: bl.cpuShare === undefined ? null : round(bl.cpuShare, 2),
    ratio: round(ratio, 3),
    p99Ratio: round(p99Ratio, 3),
    readyMs: Math.round(readyMs),
    stopMs: Math.round(stopMs),
    errors,
    warmupErrors,
    errorsByKind: { echo: echo.phase.errors, bluelamp: bl.phase.errors },
    aborted,
    conversations: outcomes,
    reprompts: bl.phase.reprompts,
    echoReplyBytes: Math.round(echo.phase.meanReplyBytes),
    replyBytes: Math.round(bl.phase.meanReplyBytes),
    otherCpu: {
      echo: echo.otherCpu === undefined ? null : round(echo.otherCpu, 2),
      bluelamp: bl.otherCpu === undefined ? null : round(bl.otherCpu, 2),
    },
    noisy,
    driverCpu: {
      echo: echo.driverCpuShare === undefined ? null : round(echo.driverCpuShare, 2),
      bluelamp: bl.driverCpuShare === undefined ? null : round(bl.driverCpuShare, 2),
    },
    targets: {
      throughputRatio: { target: TARGETS.throughputRatio, met: met.throughput },
      p99Ratio: { target: TARGETS.p99Ratio, met: met.p99 },
      readyMs: { target: TARGETS.readyMs, met: met.ready },
    },
    profiled: opts.profile,
    ...(profile
      ? {
          profile: {
            totalMs: Math.round(profile.totalMs),
            idleShare: round(profile.idleShare, 3),
            byArea: profile.byArea.slice(0, 12).map((a) => ({ ...a, ms: Math.round(a.ms) })),
            topSelf: profile.topSelf.map((f) => ({ ...f, ms: Math.round(f.ms) })),
            topInclusive: profile.topInclusive.map((f) => ({ ...f, ms: Math.round(f.ms) })),
          },
        }
      : {}),
    chart: 'artifacts/bench.svg',
  };

  mkdirSync(ARTIFACTS, { recursive: true });
  const svgPath = join(ARTIFACTS, 'bench.svg');
  const fig = (m: Measured, extra: string) =>
    `${n0(m.phase.turnsPerSec)} turns/s\np50 ${ms(m.latency.p50Ms)} ms · p99 ${ms(m.latency.p99Ms)} ms\npeak RSS ${mb(m.peakRssMb)} MB · CPU ${cpu(m.cpuShare)} of a core${extra}`;
  writeFileSync(
    svgPath,
    renderChart({
      title: 'Turn latency: Bluelamp vs a bare botbuilder echo bot',
      subtitle: `${String(opts.concurrency)} concurrent conversations each, loopback HTTP, expectReplies · ${stamp}${opts.profile ? ' · PROFILED RUN' : ''}`,
      series: [
        {
          name: 'echo bot',
          colour: '#1d70b8',
          latencies: echo.phase.latencies,
          figures: fig(echo, ''),
        },
        {
          name: 'Bluelamp',
          colour: '#d4351c',
          latencies: bl.phase.latencies,
          figures: fig(
            bl,
            `\nready ${n0(readyMs)} ms\nvs echo: ${ratio.toFixed(2)}× turns/s, ${p99Ratio.toFixed(2)}× p99`,
          ),
        },
      ],
      footer: `Node ${process.version} · ${String(cores)} CPUs shared by the load generator and the server under test · each server alone in its own process\n${n0(errors)} errors${loud ? ' — NOT A CLEAN RUN' : ''}${noisy ? ' · other work was using the machine while measuring: figures are noisy' : ''}\nTargets: Bluelamp ≥ 0.8× echo turns/s, p99 ≤ 1.2× echo p99, ready ≤ 5 s. npm run bench — see docs/bench.md`,
    }),
  );
  writeFileSync(join(ARTIFACTS, 'bench.json'), `${JSON.stringify(json, null, 2)}\n`);
  out.push(
    '',
    `Chart: ${relative(process.cwd(), svgPath) || svgPath} · results: artifacts/bench.json`,
  );

  process.stdout.write(`${out.filter((l, i, a) => l !== '' || a[i - 1] !== '').join('\n')}\n`);
  if (opts.json) process.stdout.write(`${JSON.stringify(json)}\n`);
  return loud ? 1 : 0;
}

process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    log(`\n${signal}: stopping the servers and removing the temp data...`);
    cleanup();
    process.exit(130);
  });
}

main().then(
  (code) => {
    cleanup();
    process.exitCode = code;
  },
  (err: unknown) => {
    log(`bench failed: ${err instanceof Error ? err.message : String(err)}`);
    cleanup();
    process.exitCode = 1;
  },
);
