import { z } from 'zod';
import { isRouteId, type RouteId } from '../routes';
import cy from '../data/keywords/cy.json';
import en from '../data/keywords/en.json';
import other from '../data/keywords/other.json';
import pl from '../data/keywords/pl.json';
import { squeeze } from './normalise';
import { PatternSet } from './patterns';

/**
 * Route cues written by hand (triage/data/keywords/<lang>.json): what a person who knows the domain
 * would look for — "dashcam", "clare's law", "smell of gas", "m6". The examples teach the model
 * how people phrase things; the cues carry knowledge the examples cannot cover word by word (every
 * motorway number, every kind of pest). Their weights are added to the model's scores.
 */

const routeKey = z.string().refine(isRouteId, { message: 'unknown route id' });
const KeywordFileSchema = z.object({
  lang: z.string(),
  routes: z.record(routeKey, z.array(z.string())),
  /** Route → routes whose cues count half when it has a strong cue ("_note" explains). */
  precedence: z.record(z.string(), z.union([z.string(), z.array(routeKey)])).optional(),
});

export type Precedence = ReadonlyMap<RouteId, readonly RouteId[]>;

export function cuePrecedence(lang: string): Precedence {
  const raw = RAW[lang];
  const out = new Map<RouteId, RouteId[]>();
  if (!raw) return out;
  const parsed = KeywordFileSchema.parse(raw).precedence ?? {};
  for (const [route, under] of Object.entries(parsed)) {
    if (isRouteId(route) && Array.isArray(under)) out.set(route, under.filter(isRouteId));
  }
  return out;
}

interface Cue {
  readonly route: RouteId;
  readonly weight: number;
}

export interface CueMatch {
  readonly route: RouteId;
  readonly weight: number;
  /** The words of the message that matched. */
  readonly words: string;
}

/** `squeezed`: the same tokens already squeezed, when the caller has them. */
export type CueMatcher = (tokens: readonly string[], squeezed?: readonly string[]) => CueMatch[];

/** `other`: cues in the languages the route model cannot read, used only to order its guesses. */
const RAW: Readonly<Record<string, unknown>> = { en, cy, pl, other };
const WEIGHT = /^(\d+(?:\.\d+)?):\s*/;

export function createCueMatcher(
  lang: string,
  knownWords: Iterable<string> = [],
): CueMatcher | undefined {
  const raw = RAW[lang];
  if (!raw) return undefined;
  const result = KeywordFileSchema.safeParse(raw);
  if (!result.success) throw new Error(`route keywords ${lang}: ${result.error.message}`);
  const set = new PatternSet<Cue>();
  for (const [route, patterns] of Object.entries(result.data.routes)) {
    if (!isRouteId(route)) continue;
    for (const pattern of patterns) {
      const m = WEIGHT.exec(pattern);
      set.add(m ? pattern.slice(m[0].length) : pattern, { route, weight: m ? Number(m[1]) : 1 });
    }
  }
  // A typo of a cue still counts ("dashcma"), but a real word is never taken for a typo of one.
  set.setKnownWords(knownWords);
  return (tokens, given) => {
    const squeezed = given ?? tokens.map(squeeze);
    // Longest first; a cue wholly inside a longer cue for another route is that cue's word, not a
    // cue of its own ("dog" in "dog fouling" is not about an animal).
    const matches = set
      .match(set.atomize(squeezed))
      .sort((a, b) => b.end - b.start - (a.end - a.start));
    const seen = new Set<string>();
    const kept: typeof matches = [];
    for (const m of matches) {
      if (seen.has(m.source)) continue;
      const inside = kept.some(
        (k) => k.tag.route !== m.tag.route && k.start <= m.start && k.end >= m.end,
      );
      if (inside) continue;
      seen.add(m.source);
      kept.push(m);
    }
    return kept.map((m) => ({
      route: m.tag.route,
      weight: m.tag.weight,
      words: tokens.slice(m.start, m.end).join(' '),
    }));
  };
}
