/**
 * npm run triage -- "text" [--locale cy]
 * Prints what the offline classifier makes of one message, as JSON: emergency, language, ranked
 * routes with confidence and evidence.
 */
import { defaultClassifier } from '../triage/classifier';

const args = process.argv.slice(2);
const at = args.indexOf('--locale');
const locale = at >= 0 ? args[at + 1] : undefined;
const text = args.filter((_, i) => at < 0 || (i !== at && i !== at + 1)).join(' ');

if (!text.trim()) {
  console.error('usage: npm run triage -- "message text" [--locale en|cy|pl]');
  process.exitCode = 2;
} else {
  defaultClassifier.warm();
  const started = performance.now();
  const result = defaultClassifier.classify(text, locale ? { locale } : undefined);
  const ms = performance.now() - started;
  console.log(
    JSON.stringify(
      {
        text,
        ...result,
        ms: Math.round(ms * 1000) / 1000,
        buildMs: Math.round(defaultClassifier.buildMs()),
      },
      null,
      2,
    ),
  );
}
