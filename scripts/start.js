'use strict';
/**
 * `npm start`: run the built service, compiling first only when a source is newer than the build.
 *
 * Why not a `prestart` of `npm run build`: a second npm plus TypeScript's own start-up cost ~1.5 s
 * on every start even when nothing changed, out of the 5 s in which the service must be
 * ready. `npm ci` builds once (the `prepare` script); after that a start checks file times (a few
 * milliseconds) and runs `tsc -b` only if something was edited, so a developer never runs stale code.
 */
const { existsSync, readFileSync, readdirSync, statSync, utimesSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.tsbuildinfo');
const entry = join(root, 'dist', 'bot', 'main.js');
// What tsconfig.build.json compiles (and the JSON it imports), read from it so the two never drift;
// web/public is served as it is.
const SOURCE_DIRS = [
  ...new Set(
    JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')).include.map(
      (pattern) => pattern.split('/')[0],
    ),
  ),
];
const SOURCE_FILE = /\.(ts|json)$/;

function newestIn(dir, newest) {
  let latest = newest;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return latest;
  }
  for (const item of entries) {
    const path = join(dir, item.name);
    if (item.isDirectory()) {
      if (item.name !== 'public' && item.name !== 'node_modules') latest = newestIn(path, latest);
    } else if (SOURCE_FILE.test(item.name)) {
      latest = Math.max(latest, statSync(path).mtimeMs);
    }
  }
  return latest;
}

function needsBuild() {
  if (!existsSync(entry) || !existsSync(stamp)) return true;
  let newest = 0;
  for (const file of ['tsconfig.json', 'tsconfig.build.json']) {
    newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  }
  for (const dir of SOURCE_DIRS) newest = newestIn(join(root, dir), newest);
  return newest > statSync(stamp).mtimeMs;
}

if (needsBuild()) {
  process.stderr.write('Sources changed since the last build: compiling (tsc -b)…\n');
  const tsc = spawnSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'],
    { cwd: root, stdio: 'inherit' },
  );
  if (tsc.status !== 0) {
    process.stderr.write('The build failed (see above); the service was not started.\n');
    process.exit(tsc.status ?? 1);
  }
  // tsc -b leaves its build info alone when only file times changed (a checkout, a save without
  // edits); mark the build as current so the next start does not compile again.
  const now = new Date();
  utimesSync(stamp, now, now);
}

process.setSourceMapsEnabled(true);
require(entry);
