import { z } from 'zod';
import profilesData from '../data/language/profiles.json';
import { ROUTED, conceptLexicons } from './concepts';
import { emergencyLexicons } from './lexicons';
import { squeeze, tokenize } from './normalise';

/**
 * Words that say which side of the line a message is on: English, Welsh and Polish (the languages
 * the route classifier reads) or another language. The detector is recall-first for the others, so
 * it must tell "mera beta bridge pe hai" from "my son is on the bridge" without running language
 * identification on every message: function words from the language profiles and single words
 * from every emergency vocabulary vote, and a word that is real in English, Welsh or Polish (the
 * route training vocabulary) never votes for another language.
 */

export type Side = 'routed' | 'foreign';

const Schema = z.object({ latin: z.record(z.string(), z.object({ stopwords: z.string() })) });

/** Single plain words of a pattern list (no stems, gaps or multi-word alternatives). */
function plainWords(patterns: readonly string[]): string[] {
  const out: string[] = [];
  for (const pattern of patterns) {
    for (const part of pattern.trim().split(/\s+/)) {
      if (part === '..' || part === '...') continue;
      for (const alt of part.split('|')) {
        if (alt.endsWith('*') || alt.includes('_')) continue;
        const words = tokenize(alt);
        if (words.length === 1 && words[0] && !/^\d+$/.test(words[0])) out.push(squeeze(words[0]));
      }
    }
  }
  return out;
}

export function languageMarkers(knownWords: Iterable<string>): ReadonlyMap<string, Side> {
  const routed = new Set<string>();
  const foreign = new Set<string>();
  for (const w of knownWords) routed.add(squeeze(w));
  for (const [lang, profile] of Object.entries(Schema.parse(profilesData).latin)) {
    const target = ROUTED.has(lang) ? routed : foreign;
    for (const w of tokenize(profile.stopwords)) target.add(squeeze(w));
  }
  for (const lexicon of emergencyLexicons()) {
    const target = ROUTED.has(lexicon.lang) ? routed : foreign;
    for (const [key, value] of Object.entries(lexicon)) {
      if (key === 'lang' || !Array.isArray(value)) continue;
      for (const w of plainWords(value)) target.add(w);
    }
  }
  for (const lexicon of conceptLexicons()) {
    const target = ROUTED.has(lexicon.lang) ? routed : foreign;
    for (const list of Object.values(lexicon.classes)) {
      for (const w of plainWords(list)) target.add(w);
    }
  }
  const out = new Map<string, Side>();
  for (const w of foreign) if (!routed.has(w)) out.set(w, 'foreign');
  for (const w of routed) out.set(w, 'routed');
  return out;
}
