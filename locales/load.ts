import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Resources } from '../triage/i18n';

/** The locales folder, both from source (ts-jest, tsx) and from the compiled dist/ tree. */
export function localesDir(): string {
  for (const dir of [resolve(__dirname), resolve(__dirname, '../../locales')]) {
    if (existsSync(join(dir, 'en'))) return dir;
  }
  throw new Error(`locales folder not found from ${__dirname}`);
}

/**
 * Reads every locales/<lng>/<namespace>.json. Discovered rather than listed, so adding a language or
 * a namespace is adding a file. Read once at start-up; a malformed file stops the start with its name.
 */
export function loadResources(dir = localesDir()): Resources {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const lng of readdirSync(dir, { withFileTypes: true })) {
    if (!lng.isDirectory()) continue;
    const namespaces: Record<string, Record<string, unknown>> = {};
    for (const file of readdirSync(join(dir, lng.name))) {
      if (!file.endsWith('.json')) continue;
      const path = join(dir, lng.name, file);
      try {
        namespaces[file.slice(0, -'.json'.length)] = JSON.parse(
          readFileSync(path, 'utf8'),
        ) as Record<string, unknown>;
      } catch (err) {
        throw new Error(`locale file ${path}: ${(err as Error).message}`);
      }
    }
    resources[lng.name] = namespaces;
  }
  return resources;
}
