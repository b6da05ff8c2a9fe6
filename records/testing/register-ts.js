/**
 * `node -r ./records/testing/register-ts.js records/worker-main.ts`: runs the TypeScript sources in
 * a child process for the fault tests, with no build step and no ts-node. Each .ts file is
 * transpiled (no type check: `tsc --noEmit` does that) with the project's own TypeScript into
 * CommonJS as it is required, so the child runs exactly the code under test. Output is cached by
 * content hash in the temp folder, so the many short-lived children of a test run start quickly.
 */
'use strict';
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const cacheDir = path.join(os.tmpdir(), 'bluelamp-ts-cache');
let ts;

function transpile(source, filename) {
  ts ??= require('typescript');
  return ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      resolveJsonModule: true,
      inlineSourceMap: true,
    },
  }).outputText;
}

require.extensions['.ts'] = function compile(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = createHash('sha1').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    output = transpile(source, filename);
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const temp = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(temp, output);
      fs.renameSync(temp, cached);
    } catch {
      // A cache that cannot be written only costs time.
    }
  }
  module._compile(output, filename);
};
