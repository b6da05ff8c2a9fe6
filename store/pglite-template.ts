import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectRoot } from './migrate';

/**
 * Why this exists: a fresh PGlite data directory needs `initdb`, which costs 2.5–4 s of CPU on
 * our 2-core machines — most of the 5 s the server has to become ready — and blocks the event
 * loop while it runs. A cleanly shut-down, empty cluster is just files, so we keep one as a
 * template: a fresh DATA_DIR becomes a file copy (~0.3 s) plus an ordinary open (~0.2 s).
 *
 * The template is built once per machine and PGlite version, in a worker thread so even that
 * first start keeps its event loop (and /healthz) responsive. It holds an empty cluster only —
 * no schema, no data — and is keyed by PGlite version, since a cluster opens only with the
 * PostgreSQL build that made it. To pay the cost at image-build time instead of at first start:
 * `node dist/store/pglite-template.js`.
 */

/** Runs in a worker thread: initdb into `dir`, then shut down cleanly so the files are final. */
const INITDB_IN_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
(async () => {
  const db = await PGlite.create({ dataDir: workerData.dir });
  await db.close();
  parentPort.postMessage('done');
})().catch((err) => { throw err; });
`;

function pgliteVersion(): string {
  // The package does not export its package.json, so walk up from its entry point.
  for (let dir = dirname(require.resolve('@electric-sql/pglite')); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof pkg === 'object' && pkg !== null && 'version' in pkg) {
        const version = String(pkg.version);
        if (/^[\w.+-]+$/.test(version)) return version;
      }
    }
    if (dirname(dir) === dir) throw new Error('Store: cannot read the PGlite version.');
  }
}

function initdbInWorker(dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(INITDB_IN_WORKER, {
      eval: true,
      workerData: { pglite: require.resolve('@electric-sql/pglite'), dir },
    });
    worker.once('message', () => {
      resolve();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      reject(new Error(`Store: initdb worker exited with code ${code}.`));
    });
  });
}

/** node_modules/.cache is where build tools keep what can be rebuilt; it survives `rm -rf data`. */
export function defaultTemplateCache(): string {
  return join(projectRoot(), 'node_modules', '.cache', 'bluelamp');
}

/** Where the template for this PGlite version lives inside `cacheDir`. */
export function templateDir(cacheDir: string): string {
  return join(cacheDir, `pglite-${pgliteVersion()}-empty-cluster`);
}

const inFlight = new Map<string, Promise<string | undefined>>();

/**
 * The template cluster's directory, building it first if missing. Resolves `undefined` when no
 * template can be had; the caller then lets PGlite run initdb itself. The cache only ever makes
 * opening faster, never makes it fail.
 */
export function ensureTemplate(cacheDir: string): Promise<string | undefined> {
  let pending = inFlight.get(cacheDir);
  if (!pending) {
    pending = build(cacheDir);
    inFlight.set(cacheDir, pending);
    // Forget failures so a later open may try again.
    void pending.then((dir) => {
      if (!dir) inFlight.delete(cacheDir);
    });
  }
  return pending;
}

async function build(cacheDir: string): Promise<string | undefined> {
  let tmp: string | undefined;
  try {
    const final = templateDir(cacheDir);
    if (existsSync(join(final, 'PG_VERSION'))) return final;
    // Build beside it, then rename: another process (a parallel jest worker) sees either no
    // template or a whole one. If two race, the loser's rename fails and it uses the winner's.
    tmp = `${final}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    mkdirSync(tmp, { recursive: true });
    await initdbInWorker(tmp);
    try {
      renameSync(tmp, final);
    } catch {
      if (!existsSync(join(final, 'PG_VERSION'))) throw new Error('Store: template not saved.');
    }
    return final;
  } catch {
    return undefined;
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Fills an empty `dataDir` with a copy of the template cluster. Returns false (and leaves the
 * folder empty) when there is no template, so the caller falls back to PGlite's initdb.
 */
export async function copyTemplateInto(dataDir: string, cacheDir: string): Promise<boolean> {
  const template = await ensureTemplate(cacheDir);
  if (!template) return false;
  try {
    cpSync(template, dataDir, { recursive: true });
    return true;
  } catch {
    rmSync(dataDir, { recursive: true, force: true });
    return false;
  }
}

/** Drops a template that failed to open, so the next fresh open rebuilds it. */
export function discardTemplate(cacheDir: string): void {
  inFlight.delete(cacheDir);
  rmSync(templateDir(cacheDir), { recursive: true, force: true });
}

if (require.main === module) {
  const cacheDir = process.argv[2] ?? defaultTemplateCache();
  void ensureTemplate(cacheDir).then((dir) => {
    process.stdout.write(dir ? `${dir}\n` : 'no template built\n');
    process.exitCode = dir ? 0 : 1;
  });
}
