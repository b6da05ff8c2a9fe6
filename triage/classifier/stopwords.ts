import { z } from 'zod';
import profilesData from '../data/language/profiles.json';
import { tokenize } from './normalise';

const Schema = z.object({ latin: z.record(z.string(), z.object({ stopwords: z.string() })) });
const cache = new Map<string, ReadonlySet<string>>();

/** A language's function words, normalised like messages; they only count inside word pairs. */
export function stopwords(lang: string): ReadonlySet<string> {
  let set = cache.get(lang);
  if (!set) {
    const profile = Schema.parse(profilesData).latin[lang];
    set = new Set(profile ? tokenize(profile.stopwords) : []);
    cache.set(lang, set);
  }
  return set;
}
