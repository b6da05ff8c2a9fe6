import { z } from 'zod';
import { ROUTE_IDS, isRouteId, type RouteId } from '../routes';
import cy from '../data/routes/cy.json';
import cyVoices from '../data/routes/cy.voices.json';
import en from '../data/routes/en.json';
import enVoices from '../data/routes/en.voices.json';
import pl from '../data/routes/pl.json';
import plVoices from '../data/routes/pl.voices.json';
import priorsData from '../data/routes/priors.json';
import { tokenize } from './normalise';

/**
 * Example messages per route, per language, kept as data in triage/data/routes/<lang>.json and
 * written the way the public writes (lower case, typos, text-speak, rambling), with
 * <lang>.voices.json adding other voices (formal letters, slang, non-native writers, capitals) and
 * the boundaries between routes. Imported rather than read from disk so they travel with the
 * compiled code and into a browser bundle.
 */

export interface Example {
  readonly route: RouteId;
  readonly text: string;
}

const RoutesFileSchema = z.object({
  lang: z.string(),
  routes: z.record(
    z.string().refine(isRouteId, { message: 'unknown route id' }),
    z.array(z.string().min(1)),
  ),
});

const RAW = { en: [en, enVoices], cy: [cy, cyVoices], pl: [pl, plVoices] } as const;
export type TrainingLanguage = keyof typeof RAW;
export const TRAINING_LANGUAGES = Object.keys(RAW) as TrainingLanguage[];

let cache: Readonly<Record<TrainingLanguage, readonly Example[]>> | undefined;

export function trainingExamples(): Readonly<Record<TrainingLanguage, readonly Example[]>> {
  if (cache) return cache;
  const out = {} as Record<TrainingLanguage, Example[]>;
  for (const lang of TRAINING_LANGUAGES) {
    const files = RAW[lang].map((raw, i) => {
      const result = RoutesFileSchema.safeParse(raw);
      if (!result.success) throw new Error(`training data ${lang} #${i}: ${result.error.message}`);
      const routes: Partial<Record<string, readonly string[]>> = result.data.routes;
      return routes;
    });
    const examples: Example[] = [];
    // Route order is the contract's, so ties and reports are stable whatever the file order.
    for (const route of ROUTE_IDS) {
      for (const routes of files) {
        for (const text of routes[route] ?? []) examples.push({ route, text });
      }
    }
    out[lang] = examples;
  }
  cache = out;
  return out;
}

/** Every word used in the training data, in any language: real words are not typos. */
export function trainingVocabulary(): string[] {
  const out = new Set<string>();
  for (const examples of Object.values(trainingExamples())) {
    for (const e of examples) {
      for (const w of tokenize(e.text)) out.add(w);
    }
  }
  return [...out];
}

const PriorsSchema = z.object({
  volumes: z.record(
    z.string().refine(isRouteId, { message: 'unknown route id' }),
    z.number().positive(),
  ),
});

/** Natural log of each route's share of contact (triage/data/routes/priors.json). */
export function routeLogPriors(): ReadonlyMap<RouteId, number> {
  const volumes = PriorsSchema.parse(priorsData).volumes;
  const total = Object.values(volumes).reduce((a, b) => a + b, 0);
  const out = new Map<RouteId, number>();
  for (const [route, v] of Object.entries(volumes)) {
    if (isRouteId(route)) out.set(route, Math.log(v / total));
  }
  return out;
}
