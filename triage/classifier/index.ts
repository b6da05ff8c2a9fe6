import type { RouteId } from '../routes';
import type {
  Classification,
  Classifier,
  EmergencyResult,
  LanguageGuess,
  RouteScore,
} from '../types';
import { sharedDetector, type EmergencyDetector } from './emergency';
import { createLanguageIdentifier, type LanguageIdentifier } from './language';
import {
  createCueMatcher,
  cuePrecedence,
  type CueMatch,
  type CueMatcher,
  type Precedence,
} from './keywords';
import { emergencyLexicons } from './lexicons';
import {
  ComplementNB,
  DEFAULT_FEATURE_WEIGHTS,
  featurize,
  softmax,
  type FeatureVector,
  type FeatureWeights,
} from './model';
import { tokenize } from './normalise';
import { stopwords } from './stopwords';
import {
  TRAINING_LANGUAGES,
  routeLogPriors,
  trainingExamples,
  trainingVocabulary,
  type TrainingLanguage,
} from './training';

/**
 * The offline classifier: emergency detector, language identification and route model in one
 * call, all in-process and built from data at first use (see model.ts for why complement naive
 * Bayes, emergency.ts for the detector, language.ts for language identification).
 *
 * How the machine reads the confidences:
 *   ≥ CONFIDENT_THRESHOLD   propose the top route for a yes/no confirmation;
 *   ≥ PLAUSIBLE_THRESHOLD   offer the top two or three as choices;
 *   below                   show the category menu (and offer a person).
 * A message in a language the model cannot read never reaches PLAUSIBLE_THRESHOLD.
 */

export const CONFIDENT_THRESHOLD = 0.6;
export const PLAUSIBLE_THRESHOLD = 0.3;

/**
 * Softmax temperature over the model's scores, fitted to minimise log-loss on held-out examples
 * (a 5-fold split of the training data; re-fit when the data changes a lot). The cue weight was
 * halved when training on the original examples and scoring the separately written "voices"
 * examples showed hand-written cues overriding the model on wording they did not foresee.
 */
export const CALIBRATION: Calibration = {
  temperature: 3,
  cueWeight: 0.5,
  foreignCueWeight: 0.5,
  priorWeight: 0.1,
};

const MAX_ROUTES = 5;
const MIN_ROUTE_CONFIDENCE = 0.01;
/** Unsupported language: the best the route model's guess may reach. */
const UNSUPPORTED_CEILING = PLAUSIBLE_THRESHOLD * 0.8;

export interface Calibration {
  /** Softmax temperature over the summed scores. */
  readonly temperature: number;
  /** How much one unit of cue weight adds to a route's score. */
  readonly cueWeight: number;
  /** The same for English cues read in a Welsh or Polish message. */
  readonly foreignCueWeight: number;
  /** How much the log of a route's share of contact adds to its score. */
  readonly priorWeight: number;
}

export interface ClassifierOptions {
  /** Overrides the fitted calibration (experiments and the calibration script). */
  readonly calibration?: Calibration;
  /** Overrides the feature weights and smoothing (experiments). */
  readonly features?: FeatureWeights;
  readonly alpha?: number;
  /** Replaces the bundled training data (tests, experiments). */
  readonly examples?: Readonly<
    Partial<Record<TrainingLanguage, readonly { route: RouteId; text: string }[]>>
  >;
}

export interface BuiltClassifier extends Classifier {
  /** Milliseconds spent building models at first use (0 until then). */
  readonly buildMs: () => number;
  /** Builds now rather than at the first message (server start-up). */
  readonly warm: () => void;
  readonly detectEmergency: (text: string) => EmergencyResult;
}

interface LanguageModel {
  readonly lang: TrainingLanguage;
  readonly model: ComplementNB<RouteId>;
  readonly stop: ReadonlySet<string>;
  readonly cues: CueMatcher | undefined;
  readonly precedence: Precedence;
}

interface Built {
  readonly models: ReadonlyMap<TrainingLanguage, LanguageModel>;
  readonly language: LanguageIdentifier;
  readonly detect: EmergencyDetector;
  /** English cues, also read (at a lower weight) in Welsh and Polish: people mix in English words. */
  readonly englishCues: CueMatcher | undefined;
  /** Cues in the languages the model cannot read: they order its (capped) guesses. */
  readonly otherCues: CueMatcher | undefined;
  readonly logPriors: ReadonlyMap<RouteId, number>;
}

export function createClassifier(options: ClassifierOptions = {}): BuiltClassifier {
  const calibration = options.calibration ?? CALIBRATION;
  const weights = options.features ?? DEFAULT_FEATURE_WEIGHTS;
  let built: Built | undefined;
  let buildMs = 0;

  function build(): Built {
    if (built) return built;
    const started = performance.now();
    const bundled = trainingExamples();
    const models = new Map<TrainingLanguage, LanguageModel>();
    const corpora: Record<string, string[]> = {};
    const vocabulary = trainingVocabulary();
    for (const lang of TRAINING_LANGUAGES) {
      // The detector alone decides emergencies; its examples are there to test it, not to route.
      const examples = (options.examples?.[lang] ?? bundled[lang]).filter(
        (e) => e.route !== 'emergency',
      );
      if (examples.length === 0) continue;
      const stop = stopwords(lang);
      const labels = [...new Set(examples.map((e) => e.route))];
      const docs = examples.map((e) => ({
        label: e.route,
        features: featurize(tokenize(e.text), stop, weights),
      }));
      models.set(lang, {
        lang,
        model: new ComplementNB(labels, docs, options.alpha),
        stop,
        cues: createCueMatcher(lang, vocabulary),
        precedence: cuePrecedence(lang),
      });
      corpora[lang] = examples.map((e) => e.text);
    }
    const lexicons: Record<string, string[]> = {};
    for (const lexicon of emergencyLexicons()) {
      const words = new Set<string>();
      for (const list of [lexicon.alarm, lexicon.cry, lexicon.danger]) {
        for (const source of list) {
          for (const w of tokenize(source.replace(/[|_*]/g, ' '))) if (w.length > 3) words.add(w);
        }
      }
      lexicons[lexicon.lang] = [...words];
    }
    built = {
      models,
      language: createLanguageIdentifier({ corpora, lexicons }),
      detect: sharedDetector(),
      englishCues: models.get('en')?.cues,
      otherCues: createCueMatcher('other', vocabulary),
      logPriors: routeLogPriors(),
    };
    buildMs = performance.now() - started;
    return built;
  }

  function routesFor(text: string, language: LanguageGuess, b: Built): RouteScore[] {
    const tokens = clip(tokenize(text));
    if (tokens.length === 0 || b.models.size === 0) return [];
    // The model of the language identified, or — for a language it cannot read — the one that
    // recognises most of the words, whose answer is then capped below "plausible".
    let chosen: LanguageModel | undefined;
    let features: FeatureVector | undefined;
    let coverage = 0;
    const candidates = [...b.models.values()];
    const preferred = b.models.get(language.code as TrainingLanguage);
    for (const m of preferred ? [preferred] : candidates) {
      const f = featurize(tokens, m.stop, weights);
      const content = tokens.filter((t) => !m.stop.has(t));
      const known = content.filter((t) => m.model.has(`w:${t}`)).length;
      const cov = content.length === 0 ? 0 : known / content.length;
      if (!chosen || cov > coverage) {
        chosen = m;
        features = f;
        coverage = cov;
      }
    }
    if (!chosen || !features) return [];
    const content = tokens.filter((t) => !chosen.stop.has(t));
    if (content.length === 0 && features.size === 0) return [];

    const scores = chosen.model.scores(features);
    chosen.model.labels.forEach((route, i) => {
      scores[i] = (scores[i] ?? 0) + calibration.priorWeight * (b.logPriors.get(route) ?? -8);
    });
    const cues: CueMatch[] = [];
    const own = chosen.cues?.(tokens) ?? [];
    const english = chosen.lang !== 'en' && b.englishCues ? b.englishCues(tokens) : [];
    const halved = subordinate([...own, ...english], chosen.precedence);
    const addCues = (matches: readonly CueMatch[], weight: number) => {
      for (const cue of matches) {
        const i = chosen.model.labels.indexOf(cue.route);
        if (i < 0) continue;
        const w = weight * cue.weight * (halved.has(cue.route) ? 0.5 : 1);
        scores[i] = (scores[i] ?? 0) + w;
        cues.push(cue);
      }
    };
    addCues(own, calibration.cueWeight);
    addCues(english, calibration.foreignCueWeight);
    if (!language.supported && b.otherCues) addCues(b.otherCues(tokens), calibration.cueWeight);
    const probs = softmax(scores, calibration.temperature);
    // Few recognised words: the model is guessing from fragments, so say so in the confidence.
    const coverageFactor = coverage === 0 ? 0.2 : Math.min(1, 0.5 + coverage);
    const supported = language.supported;
    const ranked = [...probs]
      .map((p, i) => ({ p, i }))
      .sort((a, b2) => b2.p - a.p)
      .slice(0, MAX_ROUTES);
    const out: RouteScore[] = [];
    for (const { p, i } of ranked) {
      const route = chosen.model.labels[i];
      if (!route) continue;
      let confidence = p * coverageFactor;
      if (!supported) confidence = Math.min(confidence * 0.5, UNSUPPORTED_CEILING);
      if (out.length > 0 && confidence < MIN_ROUTE_CONFIDENCE) break;
      const evidence = [
        ...cues.filter((c) => c.route === route).map((c) => c.words),
        ...chosen.model
          .contributions(features, route, 8)
          .filter((c) => !c.feature.startsWith('c:'))
          .map((c) => c.feature.slice(2)),
      ]
        .filter((w, j, all) => all.indexOf(w) === j)
        .slice(0, 4);
      out.push({ route, confidence: Math.round(confidence * 1000) / 1000, evidence });
    }
    return out;
  }

  const classifier: BuiltClassifier = {
    classify(text: string, opts?: { readonly locale?: string }): Classification {
      const b = build();
      const emergency = b.detect(text);
      const language = b.language.identify(text, opts?.locale);
      return { language, routes: routesFor(text, language, b), emergency };
    },
    buildMs: () => buildMs,
    warm: () => void build(),
    detectEmergency: (text: string) => build().detect(text),
  };
  return classifier;
}

/** Routes whose cues count half because a route that takes precedence has a strong cue. */
function subordinate(cues: readonly CueMatch[], precedence: Precedence): ReadonlySet<RouteId> {
  const total = new Map<RouteId, number>();
  for (const c of cues) total.set(c.route, (total.get(c.route) ?? 0) + c.weight);
  const out = new Set<RouteId>();
  for (const [route, sum] of total) {
    if (sum < STRONG_CUE) continue;
    for (const under of precedence.get(route) ?? []) out.add(under);
  }
  return out;
}

const STRONG_CUE = 2;

/**
 * What routes a message is in its opening and its end; the middle of a very long paste adds time,
 * not information. (The emergency detector always reads every word.)
 */
const HEAD_TOKENS = 300;
const TAIL_TOKENS = 100;
function clip(tokens: string[]): string[] {
  if (tokens.length <= HEAD_TOKENS + TAIL_TOKENS) return tokens;
  return [...tokens.slice(0, HEAD_TOKENS), ...tokens.slice(-TAIL_TOKENS)];
}

let shared: BuiltClassifier | undefined;

/** The process-wide classifier, built on first use. */
export const defaultClassifier: BuiltClassifier = {
  classify: (text, opts) => (shared ??= createClassifier()).classify(text, opts),
  buildMs: () => shared?.buildMs() ?? 0,
  warm: () => {
    (shared ??= createClassifier()).warm();
  },
  detectEmergency: (text) => (shared ??= createClassifier()).detectEmergency(text),
};

export { detectEmergency } from './emergency';
