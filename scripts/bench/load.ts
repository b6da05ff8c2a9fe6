import { Agent, request } from 'node:http';
import type { Outcome, ReplyActivity, Script, ScriptActivity } from './conversation';
import { Samples } from './stats';

/**
 * The load generator: N workers, each one conversation at a time over a keep-alive connection on
 * loopback, each turn a POST /api/messages with deliveryMode expectReplies whose replies come back
 * in the response body. A turn is timed from the request being written to the whole response being
 * read. The workers run straight from warm-up into the measured window, so nothing is measured on
 * a cold or draining server.
 */

export interface Target {
  readonly name: string;
  readonly port: number;
  /** The script for the n-th conversation of this run. */
  newScript(n: number): Script;
}

export interface Tick {
  readonly phase: 'warm-up' | 'measure';
  /** Seconds into this phase. */
  readonly elapsedS: number;
  /** Of this phase; undefined when measuring a number of turns. */
  readonly totalS: number | undefined;
  readonly measuredTurns: number;
  readonly turnsLastSecond: number;
  readonly p50LastSecondMs: number;
  readonly p99LastSecondMs: number;
  readonly errors: number;
}

export interface PhaseOptions {
  readonly concurrency: number;
  readonly warmupMs: number;
  /** Measure for this long... */
  readonly durationMs?: number;
  /** ...or until this many turns are measured. */
  readonly turns?: number;
  /** Hard stop for the measured window, whatever else is asked. */
  readonly maxMeasureMs: number;
  /** Per-request limit; a turn that takes longer counts as an error. */
  readonly requestTimeoutMs?: number;
  /** Called once a second. */
  readonly onTick?: (tick: Tick) => void;
  /** Checked once a second: a reason to abandon the run (e.g. the server process died). */
  readonly abortReason?: () => string | undefined;
  /** Called as the measured window opens and closes (to read the server's CPU time). */
  readonly onMeasure?: (edge: 'start' | 'end') => void;
  /**
   * Opened before the load starts (one GET per connection), so the run measures turns rather than
   * connection set-up: a saturated Node process accepts new connections slowly, and 50 connections
   * opened into a busy server made first turns wait up to 8 s in early runs.
   */
  readonly preconnectPath?: string;
  /** A unique tag for this run's conversation ids. */
  readonly runId: string;
}

export interface PhaseResult {
  /** Latencies of measured turns, ascending, in ms. */
  readonly latencies: Float64Array;
  readonly turns: number;
  readonly measuredS: number;
  readonly turnsPerSec: number;
  /** Failed turns in the measured window, by kind. */
  readonly errors: Readonly<Record<string, number>>;
  readonly errorCount: number;
  readonly warmupErrors: number;
  /** A few examples of what went wrong, for the report. */
  readonly errorSamples: readonly string[];
  /** How the scripts that ended (warm-up included) ended. */
  readonly outcomes: Readonly<Partial<Record<Outcome, number>>>;
  readonly reprompts: number;
  /** Mean size of a turn's response body (the replies), in bytes (UTF-16 units; near enough). */
  readonly meanReplyBytes: number;
  /** Turns measured each second of the window. */
  readonly perSecond: readonly number[];
  readonly aborted?: string;
}

const BOT = { id: 'bot', name: 'Bot' };

/** The full activity a channel would post for what a script decided. */
export function toActivity(
  a: ScriptActivity,
  conversationId: string,
  seq: number,
): Record<string, unknown> {
  const from = { id: `user-${conversationId}`, name: 'Bench user' };
  return {
    ...a,
    id: `${conversationId}-${String(seq)}`,
    channelId: 'webchat',
    serviceUrl: 'http://127.0.0.1:9',
    timestamp: new Date().toISOString(),
    from,
    recipient: BOT,
    conversation: { id: conversationId },
    locale: 'en-GB',
    deliveryMode: 'expectReplies',
    ...(a.type === 'conversationUpdate' ? { membersAdded: [from, BOT] } : {}),
  };
}

type PostResult =
  | { readonly ok: true; readonly replies: readonly ReplyActivity[]; readonly bytes: number }
  | { readonly ok: false; readonly error: string; readonly detail: string };

function post(agent: Agent, port: number, body: string, timeoutMs: number): Promise<PostResult> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/messages',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => {
          resolve({ ok: false, error: 'network', detail: err.message });
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) {
            resolve({
              ok: false,
              error: `HTTP ${String(res.statusCode)}`,
              detail: text.slice(0, 200),
            });
            return;
          }
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            resolve({ ok: false, error: 'unreadable body', detail: text.slice(0, 200) });
            return;
          }
          const activities = (parsed as { activities?: unknown } | null)?.activities;
          if (!Array.isArray(activities) || activities.length === 0) {
            resolve({ ok: false, error: 'no replies', detail: text.slice(0, 200) });
            return;
          }
          resolve({ ok: true, replies: activities as ReplyActivity[], bytes: text.length });
        });
      },
    );
    req.on('timeout', () => {
      req.destroy(new Error(`no response within ${String(timeoutMs)} ms`));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      resolve({
        ok: false,
        error: err.message.startsWith('no response')
          ? 'timeout'
          : `network ${err.code ?? ''}`.trim(),
        detail: err.message,
      });
    });
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runPhase(target: Target, opts: PhaseOptions): Promise<PhaseResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const timeoutMs = opts.requestTimeoutMs ?? 30_000;
  const samples = new Samples();
  const errors: Record<string, number> = {};
  const errorSamples: string[] = [];
  const outcomes: Partial<Record<Outcome, number>> = {};
  const perSecond: number[] = [];
  let warmupErrors = 0;
  let reprompts = 0;
  let replyBytes = 0;
  let phase: 'warm-up' | 'measure' | 'done' = 'warm-up';
  let measureStart = 0;
  let measureEnd = 0;
  let scriptSeq = 0;
  // Every turn, warm-up included, goes into the per-second figures, so progress shows from the start.
  let second = new Samples();
  let aborted: string | undefined;

  const stopMeasuring = () => {
    if (phase !== 'measure') return;
    phase = 'done';
    measureEnd = performance.now();
    opts.onMeasure?.('end');
  };

  const failed = (kind: string, detail: string) => {
    if (phase === 'measure') {
      errors[kind] = (errors[kind] ?? 0) + 1;
    } else if (phase === 'warm-up') {
      warmupErrors++;
    }
    // One example of each kind of failure is enough to go on.
    if (errorSamples.length < 5 && !errorSamples.some((e) => e.startsWith(`${kind}: `))) {
      errorSamples.push(`${kind}: ${detail}`);
    }
  };

  // Read through a function: TypeScript cannot see the other workers and timers change `phase`.
  const done = () => phase === 'done';
  const measuring = () => phase === 'measure';

  const worker = async (w: number) => {
    while (!done()) {
      const n = scriptSeq++;
      const script = target.newScript(n);
      const conversationId = `bench-${opts.runId}-${target.name}-${String(w)}-${String(n)}`;
      let replies: readonly ReplyActivity[] | undefined;
      let seq = 0;
      let apologies = 0;
      for (;;) {
        if (done()) return;
        const next = script.next(replies);
        if (script.turnErrors > apologies) {
          apologies = script.turnErrors;
          failed('turn error (bot apologised)', `${script.persona} conversation ${conversationId}`);
        }
        if (!next) {
          const outcome = script.outcome ?? 'stuck';
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          reprompts += script.reprompts;
          break;
        }
        const body = JSON.stringify(toActivity(next, conversationId, ++seq));
        const started = performance.now();
        const result = await post(agent, target.port, body, timeoutMs);
        const ms = performance.now() - started;
        if (!result.ok) {
          failed(result.error, result.detail);
          // A new conversation after a failure; a refused connection should not spin.
          if (result.error.startsWith('network')) await sleep(100);
          break;
        }
        second.add(ms);
        if (measuring()) {
          samples.add(ms);
          replyBytes += result.bytes;
          if (opts.turns !== undefined && samples.count >= opts.turns) stopMeasuring();
        }
        replies = result.replies;
      }
    }
  };

  if (opts.preconnectPath !== undefined) {
    const path = opts.preconnectPath;
    await Promise.all(
      Array.from(
        { length: opts.concurrency },
        () =>
          new Promise<void>((resolve) => {
            const req = request({ agent, host: '127.0.0.1', port: target.port, path }, (res) => {
              res.resume();
              res.on('end', resolve);
            });
            req.on('error', () => {
              resolve();
            });
            req.end();
          }),
      ),
    );
  }

  const phaseStart = performance.now();
  const ticker = setInterval(() => {
    const reason = opts.abortReason?.();
    if (reason && !aborted) {
      aborted = reason;
      if (phase === 'warm-up') measureStart = performance.now();
      phase = 'measure';
      stopMeasuring();
    }
    if (done()) return;
    const now = performance.now();
    const sorted = second.sorted();
    if (phase === 'measure') perSecond.push(sorted.length);
    const inMeasure = phase === 'measure';
    opts.onTick?.({
      phase: inMeasure ? 'measure' : 'warm-up',
      elapsedS: (now - (inMeasure ? measureStart : phaseStart)) / 1000,
      totalS: inMeasure
        ? opts.durationMs !== undefined
          ? opts.durationMs / 1000
          : undefined
        : opts.warmupMs / 1000,
      measuredTurns: samples.count,
      turnsLastSecond: sorted.length,
      p50LastSecondMs: sorted.length ? (sorted[Math.floor(sorted.length * 0.5)] ?? 0) : 0,
      p99LastSecondMs: sorted.length
        ? (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0)
        : 0,
      errors: Object.values(errors).reduce((a, b) => a + b, 0) + warmupErrors,
    });
    second = new Samples();
  }, 1000);

  const workers = Array.from({ length: opts.concurrency }, (_, w) => worker(w));
  await sleep(opts.warmupMs);
  // Unless the run was abandoned during warm-up.
  if (!done()) {
    phase = 'measure';
    measureStart = performance.now();
    opts.onMeasure?.('start');
  }
  const hardStop = measureStart + opts.maxMeasureMs;
  const until = opts.durationMs !== undefined ? measureStart + opts.durationMs : hardStop;
  while (measuring() && performance.now() < Math.min(until, hardStop)) {
    await sleep(Math.max(1, Math.min(100, Math.min(until, hardStop) - performance.now())));
  }
  stopMeasuring();
  // In-flight turns finish (they are not counted); a worker stuck past its timeout is left behind.
  let giveUp: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(workers),
    new Promise((r) => (giveUp = setTimeout(r, timeoutMs + 1000))),
  ]);
  clearTimeout(giveUp);
  clearInterval(ticker);
  agent.destroy();

  const measuredS = (measureEnd - measureStart) / 1000;
  const latencies = samples.sorted();
  return {
    latencies,
    turns: latencies.length,
    measuredS,
    turnsPerSec: measuredS > 0 ? latencies.length / measuredS : 0,
    errors,
    errorCount: Object.values(errors).reduce((a, b) => a + b, 0),
    warmupErrors,
    errorSamples,
    outcomes,
    reprompts,
    meanReplyBytes: latencies.length > 0 ? replyBytes / latencies.length : 0,
    perSecond,
    ...(aborted ? { aborted } : {}),
  };
}
