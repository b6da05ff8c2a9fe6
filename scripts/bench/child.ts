import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * The servers under test run in child processes, so their CPU time and memory are theirs alone and
 * not mixed with the load generator's. Every child is registered here and killed when the bench
 * exits, however it exits; `parent-watch` covers the case where this process dies without warning.
 */

const live = new Set<ChildProcess>();

/** Kills every live child at once (SIGKILL); for exit paths that cannot wait. */
export function killAllNow(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  live.clear();
}

/** A free TCP port on loopback (released before the child binds it; a race we accept on loopback). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => {
        resolve(port);
      });
    });
  });
}

export interface ServerChild {
  readonly name: string;
  readonly port: number;
  readonly pid: number;
  /** performance.now() when spawned. */
  readonly spawnedAt: number;
  /** Set if the child exited; a child that exits mid-run makes the run fail loudly. */
  exited(): { code: number | null; signal: string | null } | undefined;
  /** The last few KB of the child's stdout and stderr, for error reports. */
  output(): string;
  /** Graceful stop (SIGTERM), SIGKILL after the grace period. Resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  readonly name: string;
  /** Script (a compiled .js) to run. */
  readonly script: string;
  readonly env: NodeJS.ProcessEnv;
  readonly port: number;
  /** Extra node flags, e.g. `--cpu-prof`. */
  readonly nodeFlags?: readonly string[];
}

const TAIL_BYTES = 8192;

export function spawnServer(opts: SpawnOptions): ServerChild {
  const watch = join(__dirname, 'parent-watch.js');
  const spawnedAt = performance.now();
  const child = spawn(
    process.execPath,
    ['--require', watch, ...(opts.nodeFlags ?? []), opts.script],
    {
      env: { ...opts.env, PORT: String(opts.port) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  live.add(child);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exit: { code: number | null; signal: string | null } | undefined;
  const exitedPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      live.delete(child);
      resolve();
    });
  });
  // The IPC channel exists only so the child can notice this process going away.
  child.on('error', (err) => {
    tail += `\n[spawn error] ${err.message}`;
  });
  if (child.pid === undefined) throw new Error(`could not start ${opts.name}: ${tail}`);
  const pid = child.pid;

  return {
    name: opts.name,
    port: opts.port,
    pid,
    spawnedAt,
    exited: () => exit,
    output: () => tail,
    async stop(graceMs = 10_000) {
      if (exit) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exitedPromise;
      clearTimeout(timer);
      child.disconnect();
    },
  };
}

/** GET a path on loopback; resolves to the status code, or 0 when nothing answers. */
export function probe(port: number, path: string, timeoutMs = 2000): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'GET', timeout: timeoutMs, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => {
          resolve(res.statusCode ?? 0);
        });
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => {
      resolve(0);
    });
    req.end();
  });
}

/**
 * Polls `path` until it answers 200; resolves to ms since the child was spawned. Fails when the
 * child exits or the deadline passes.
 */
export async function waitReady(
  child: ServerChild,
  path: string,
  deadlineMs = 60_000,
): Promise<number> {
  for (;;) {
    const exit = child.exited();
    if (exit) {
      throw new Error(
        `${child.name} exited before it was ready (code ${String(exit.code)}, signal ${String(exit.signal)}):\n${child.output()}`,
      );
    }
    if ((await probe(child.port, path)) === 200) return performance.now() - child.spawnedAt;
    if (performance.now() - child.spawnedAt > deadlineMs) {
      throw new Error(
        `${child.name} was not ready on ${path} within ${String(deadlineMs / 1000)} s:\n${child.output()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Peak resident set size (VmHWM) of a live process, in MB; undefined off Linux. */
export function peakRssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
    return m?.[1] ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Current resident set size (VmRSS) in MB; undefined off Linux. */
export function rssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return m?.[1] ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds (user + system) a process has used so far; undefined off Linux. Assumes the usual
 * 100 clock ticks a second (USER_HZ on every mainstream Linux).
 */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; fields after its closing ')' are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return Number.isFinite(utime) && Number.isFinite(stime) ? (utime + stime) / 100 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds the whole machine has spent busy (every process, every core) so far; undefined off
 * Linux. Compared with the server's and the driver's own, it shows whether anything else was
 * competing for the cores during a measurement.
 */
export function machineBusySeconds(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [label, ...fields] = line.trim().split(/\s+/);
    if (label !== 'cpu') return undefined;
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    const busy = [user, nice, system, irq, softirq, steal].reduce<number>(
      (a, b) => a + (b ?? 0),
      0,
    );
    return Number.isFinite(busy) ? busy / 100 : undefined;
  } catch {
    return undefined;
  }
}
