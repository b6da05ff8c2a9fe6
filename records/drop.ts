import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The NDJSON drop: with no webhook configured, each delivered report becomes one file in
 * RECORDS_DIR, `<submitted, UTC>-<reference>.ndjson`, holding one line: the report JSON (the same
 * bytes a webhook would receive) and a newline. Files sort in submission order; `cat *.ndjson` is
 * a valid NDJSON stream of every report not yet collected.
 *
 * Atomic by write-then-rename: the bytes go to a hidden temp file, are fsynced, and the file is
 * renamed into place (rename within one directory is atomic on POSIX), then the directory is
 * fsynced so the rename itself survives a power cut. A reader therefore sees a complete file or
 * none — never a torn line, which appending to one shared file cannot promise across processes or
 * crashes. One file per report also makes redelivery idempotent: the same reference lands on the
 * same name and replaces it. A collector should read `*.ndjson` only (never `.*.tmp`), and move
 * or delete each file once it has stored its contents.
 */

const TEMP_PREFIX = '.bluelamp-';
/** A temp file this old belongs to a write that died; younger ones may be in flight elsewhere. */
const ABANDONED_MS = 10 * 60_000;

/** Where the drop goes unless RECORDS_DIR says otherwise: `records` inside the data folder. */
export function defaultDropDir(dataDir = './data'): string {
  return join(dataDir, 'records');
}

export function dropFileName(reference: string, submittedAt: Date): string {
  const stamp = submittedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${reference}.ndjson`;
}

export function prepareDropDir(dir: string, now: Date = new Date()): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(TEMP_PREFIX) || !name.endsWith('.tmp')) continue;
    const path = join(dir, name);
    try {
      if (now.getTime() - statSync(path).mtimeMs > ABANDONED_MS) rmSync(path, { force: true });
    } catch {
      // Renamed or removed by its writer meanwhile.
    }
  }
}

export async function writeDrop(dir: string, name: string, body: string): Promise<string> {
  const final = join(dir, name);
  const temp = join(
    dir,
    `${TEMP_PREFIX}${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const file = await open(temp, 'wx', 0o640);
  try {
    await file.writeFile(`${body}\n`, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temp, final);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
  const directory = await open(dir, 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
  return final;
}
