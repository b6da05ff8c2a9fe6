import type { UiLocale } from './languages';
import type { PromptOption } from './types';

/**
 * Recognising what people type: global commands, yes/no in every UI language, and option replies
 * ("2", or the option's words). This is input vocabulary, not output text, so it lives here as data
 * rather than in locales/. All matching is on whole messages, so a sentence that merely contains a
 * command word ("help, he's hitting her") is never taken for a command — it goes to the emergency
 * detector and the classifier like any other text.
 */

export function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l')
    .replace(/[^\p{L}\p{N}?]+/gu, ' ')
    .trim();
}

export type Command = 'help' | 'back' | 'restart' | 'human' | 'stop' | 'language';

const COMMANDS: Readonly<Record<Command, readonly string[]>> = {
  help: ['help', '?', 'commands', 'what can i say', 'cymorth', 'helpu', 'pomoc'],
  back: [
    'back',
    'go back',
    'previous',
    'undo',
    'nol',
    'yn ol',
    'mynd yn ol',
    'wstecz',
    'cofnij',
    'powrot',
  ],
  restart: [
    'start again',
    'restart',
    'start over',
    'reset',
    'begin again',
    'dechrau eto',
    'ailddechrau',
    'od nowa',
    'zacznij od nowa',
  ],
  human: [
    'talk to a person',
    'speak to a person',
    'talk to someone',
    'speak to someone',
    'talk to a human',
    'speak to a human',
    'real person',
    'human',
    'agent',
    'operator',
    'person',
    'siarad a pherson',
    'siarad gyda pherson',
    'konsultant',
    'czlowiek',
    'rozmowa z czlowiekiem',
  ],
  // SMS carriers' opt-out words are included so a STOP is always honoured.
  stop: [
    'stop',
    'stopall',
    'unsubscribe',
    'cancel',
    'end',
    'quit',
    'stopio',
    'diwedd',
    'koniec',
    'anuluj',
  ],
  language: ['language', 'change language', 'iaith', 'newid iaith', 'jezyk', 'zmien jezyk'],
};

const LANGUAGE_WORDS: Readonly<Record<string, UiLocale>> = {
  english: 'en',
  saesneg: 'en',
  angielski: 'en',
  cymraeg: 'cy',
  welsh: 'cy',
  walijski: 'cy',
  polski: 'pl',
  polish: 'pl',
  pwyleg: 'pl',
};

export function matchCommand(text: string): Command | undefined {
  const n = normalise(text);
  for (const [command, words] of Object.entries(COMMANDS) as [Command, readonly string[]][]) {
    if (words.includes(n)) return command;
  }
  return undefined;
}

export function matchLanguageWord(text: string): UiLocale | undefined {
  return LANGUAGE_WORDS[normalise(text)];
}

const GREETINGS = [
  'hi',
  'hii',
  'hello',
  'helo',
  'hello there',
  'hi there',
  'hiya',
  'hey',
  'hey there',
  'yo',
  'morning',
  'good morning',
  'good afternoon',
  'good evening',
  'evening',
  'afternoon',
  'start',
  '/start',
  'get started',
  'get_started',
  'hi bluelamp',
  'hello bluelamp',
  'helo',
  'shwmae',
  'su mae',
  'bore da',
  'prynhawn da',
  'noswaith dda',
  'haia',
  'czesc',
  'dzien dobry',
  'dobry wieczor',
  'witam',
  'hej',
  'siema',
];

/** A message that only says hello: it opens the conversation and describes nothing. */
export function isGreeting(text: string): boolean {
  const n = normalise(text).replace(/\s*\?$/, '');
  return GREETINGS.includes(n) || GREETINGS.includes(text.trim().toLowerCase());
}

const YES = [
  'yes',
  'y',
  'yeah',
  'yea',
  'yep',
  'yup',
  'ye',
  'ya',
  'aye',
  'correct',
  'right',
  'thats right',
  'sure',
  'ok',
  'okay',
  'yes please',
  'yes it is',
  'it is',
  'i agree',
  'agree',
  'ie',
  'do',
  'oes',
  'ydw',
  'ydy',
  'yndw',
  'iawn',
  'cywir',
  'ydi',
  'tak',
  'zgadza sie',
  'zgadzam sie',
  'dobrze',
  'jasne',
];
const NO = [
  'no',
  'n',
  'nope',
  'nah',
  'no thanks',
  'not really',
  'incorrect',
  'wrong',
  'no it isnt',
  'no its not',
  'na',
  'naddo',
  'nac oes',
  'nage',
  'nac ydw',
  'dim',
  'nie',
  'nie dziekuje',
  'nie zgadzam sie',
];

export function matchYesNo(text: string): 'yes' | 'no' | undefined {
  const n = normalise(text);
  if (YES.includes(n)) return 'yes';
  if (NO.includes(n)) return 'no';
  return undefined;
}

/**
 * Which option a typed reply means: its number as listed ("2", "2."), its label in the person's
 * language, or yes/no words for options whose values are "yes"/"no".
 */
export function matchOption(
  text: string,
  options: readonly PromptOption[],
  label: (option: PromptOption) => string,
): PromptOption | undefined {
  const n = normalise(text);
  if (!n) return undefined;
  if (/^\d{1,2}$/.test(n)) return options[Number(n) - 1];
  const exact = options.find((o) => normalise(label(o)) === n || o.value === n);
  if (exact) return exact;
  const yn = matchYesNo(n);
  if (yn) {
    const byValue = options.find((o) => o.value === yn);
    if (byValue) return byValue;
  }
  // A unique prefix of a label ("fraud" for "Fraud or a scam") — at least 4 letters to avoid guesses.
  if (n.length >= 4) {
    const prefixed = options.filter((o) => normalise(label(o)).startsWith(n));
    if (prefixed.length === 1) return prefixed[0];
  }
  return undefined;
}
