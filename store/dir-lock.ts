import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * PGlite does not stop two processes from opening one data directory, and two PostgreSQL
 * instances writing the same files corrupt them. Starting the server twice, or a CLI beside a
 * running server, is an easy mistake, so each open takes a lock file holding its pid. A lock
 * whose process is gone (a crash, a kill -9) is stale and taken over.
 */

const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DirInUseError extends Error {
  constructor(dir: string, pid: number, file?: string) {
    super(
      `Store: ${dir} is in use by process ${pid}. Stop it first; only one process may open an ` +
        'embedded database (set DATABASE_URL to share a PostgreSQL server instead).' +
        // After a crash the pid can belong to something else by now: say which file to remove.
        (file ? ` If process ${pid} is not Bluelamp, delete ${file}.` : ''),
    );
    this.name = 'DirInUseError';
  }
}

/** Takes the lock at `file` or throws DirInUseError; returns its release function. */
export function lockDir(file: string, dir: string): () => void {
  const path = resolve(file);
  // Our own pid in the file means nothing across processes (pid 1 in every container), so
  // locks taken by this process are tracked here.
  if (heldHere.has(path)) throw new DirInUseError(dir, process.pid);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      heldHere.add(path);
      return () => {
        heldHere.delete(path);
        rmSync(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let pid = NaN;
    try {
      pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch {
      // Removed between our write and read: just try again.
    }
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
      throw new DirInUseError(dir, pid, path);
    }
    rmSync(path, { force: true });
  }
  throw new Error(`Store: could not lock ${dir}.`);
}
