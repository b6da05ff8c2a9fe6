import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadResources } from '../../locales/load';
import { createTranslator, type Resources, type Translator } from '../../triage/i18n';
import { agencyContact, EXAMPLE_PROFILE } from '../../triage/profile';
import type { Message, Prompt, PromptOption } from '../../triage/types';
import type { MessageActivity, OutboundActivity } from '../activity';

/**
 * Prompts for the renderer tests, built by hand in the shapes triage/prompt.ts produces, and a real
 * translator over locales/. Flow questions come from a small `testflow` namespace added here, so
 * these tests do not change when a flow's wording does; every other string is the real one.
 */

const TEST_FLOW = {
  en: {
    when: 'When did it happen?',
    whenHint: 'For example, yesterday at 5pm.',
    where: 'Where did it happen?',
    what: 'What was taken?',
    phone: 'Phone',
    bike: 'Bicycle',
    wallet: 'Wallet or purse',
    cash: 'Cash',
    jewellery: 'Jewellery and watches (including rings)',
    name: 'Your name',
    extra: 'Anything else we should know',
    vehicle: 'Which vehicle was involved?',
    car: 'A car',
    van: 'A van or lorry',
    motorbike: 'A motorbike or scooter',
  },
};

export function testTranslator(): Translator {
  const real = loadResources();
  const resources: Resources = {
    ...real,
    en: { ...real.en, testflow: TEST_FLOW.en },
  };
  return createTranslator(resources);
}

const m = (key: string, params?: Message['params']): Message =>
  params ? { key, params } : { key };
const option = (value: string, key: string, params?: Message['params']): PromptOption => ({
  value,
  label: m(key, params),
});
const anythingElse = [
  option('more', 'common:anythingElse.yes'),
  option('done', 'common:anythingElse.no'),
];

export const SAFETY: Prompt = {
  id: 'safety',
  locale: 'en',
  messages: [
    m('common:welcome', { botName: 'Bluelamp', force: 'Example Constabulary' }),
    m('common:safety.question'),
  ],
  input: 'yesno',
  options: [option('yes', 'common:safety.yes'), option('no', 'common:safety.no')],
};

const GROUPS = ['crime', 'road', 'people', 'existing', 'apply', 'other'] as const;

/** Seven options: six menu groups and "talk to a person". */
export const MENU_7: Prompt = {
  id: 'menu',
  locale: 'en',
  messages: [m('common:menu.question')],
  input: 'none',
  options: [
    ...GROUPS.map((g) => option(`group:${g}`, `common:menu.group.${g}`)),
    option('human', 'common:menu.human'),
  ],
};

const FOURTEEN = [
  'firearms-licensing',
  'recruitment',
  'clares-law',
  'sarahs-law',
  'foi',
  'subject-access',
  'foreign-nationals',
  'events',
  'notice-to-film',
  'fingerprints',
  'media',
  'feedback',
  'update',
  'general-enquiry',
] as const;

export const MENU_14: Prompt = {
  id: 'menu',
  locale: 'en',
  messages: [m('common:menu.groupQuestion', { group: m('common:menu.group.apply') })],
  input: 'none',
  options: FOURTEEN.map((r) => ({ value: `route:${r}`, label: m(`routes:${r}.title`) })),
};

export const DESCRIBE: Prompt = {
  id: 'describe',
  locale: 'en',
  messages: [m('common:describe.question')],
  input: 'free-text',
  options: [option('menu', 'common:describe.showMenu')],
};

/** A flow step: free text, optional, step 3 of 7, with a hint. */
export const FLOW_TEXT_OPTIONAL: Prompt = {
  id: 'step:crime.when',
  locale: 'en',
  route: 'crime',
  messages: [m('testflow:when'), m('testflow:whenHint')],
  input: 'datetime',
  options: [option('skip', 'common:flow.skip')],
  optional: true,
  progress: { step: 3, of: 7 },
};

/** A flow step: a required choice of three, step 4 of 7. */
export const FLOW_CHOICE: Prompt = {
  id: 'step:rtc.vehicle',
  locale: 'en',
  route: 'rtc',
  messages: [m('testflow:vehicle')],
  input: 'choice',
  options: [
    option('car', 'testflow:car'),
    option('van', 'testflow:van'),
    option('motorbike', 'testflow:motorbike'),
  ],
  progress: { step: 4, of: 7 },
};

/** A flow step: an optional yes/no, step 5 of 7 (skip is the third numbered option). */
export const FLOW_YESNO_OPTIONAL: Prompt = {
  id: 'step:crime.witness',
  locale: 'en',
  route: 'crime',
  messages: [m('common:confirm.single', { route: m('routes:crime.title') })],
  input: 'yesno',
  options: [
    option('yes', 'common:yes'),
    option('no', 'common:no'),
    option('skip', 'common:flow.skip'),
  ],
  optional: true,
  progress: { step: 5, of: 7 },
};

/** A flow step: choose all that apply, optional, step 6 of 7. */
export const FLOW_MULTI: Prompt = {
  id: 'step:crime.what',
  locale: 'en',
  route: 'crime',
  messages: [m('testflow:what')],
  input: 'multi',
  options: [
    option('phone', 'testflow:phone'),
    option('bike', 'testflow:bike'),
    option('wallet', 'testflow:wallet'),
    option('cash', 'testflow:cash'),
    option('jewellery', 'testflow:jewellery'),
    option('skip', 'common:flow.skip'),
  ],
  optional: true,
  progress: { step: 6, of: 7 },
};

/** People's own words, chosen to look like markup on every channel that has some. */
export const HOSTILE = {
  name: '*bob* _the_ ~builder~',
  link: '[click me](https://evil.example/x) <b>bold</b> <script>alert(1)</script>',
  heading: '# not a heading\n> not a quote\n1. not a list',
  entity: 'Tom &amp; Jerry `code`',
} as const;

const ROWS = [
  { stepId: 'when', question: 'testflow:when', answer: 'Yesterday at 17:00' },
  { stepId: 'where', question: 'testflow:where', answer: HOSTILE.heading },
  { stepId: 'what', question: 'testflow:what', answer: 'Phone and Wallet or purse' },
  { stepId: 'name', question: 'testflow:name', answer: HOSTILE.name },
  { stepId: 'vehicle', question: 'testflow:vehicle', answer: HOSTILE.link },
  { stepId: 'extra', question: 'testflow:extra', answer: HOSTILE.entity },
  { stepId: 'phone', question: 'testflow:phone', answer: '07700 900123' },
  { stepId: 'cash', question: 'testflow:cash', answer: undefined },
] as const;

/** Check-your-answers with eight rows, options as prompt.ts builds them: continue, then a change per row. */
export const CHECK_8: Prompt = {
  id: 'check',
  locale: 'en',
  route: 'crime',
  messages: [m('common:check.title')],
  input: 'none',
  card: {
    kind: 'check-answers',
    rows: ROWS.map((r) => ({
      stepId: r.stepId,
      question: m(r.question),
      answer:
        r.answer === undefined
          ? m('common:check.notAnswered')
          : m('answers:format.text', { value: r.answer }),
    })),
  },
  options: [
    option('continue', 'common:check.continue'),
    ...ROWS.map((r) =>
      option(`change:${r.stepId}`, 'common:check.change', { question: m(r.question) }),
    ),
  ],
};

function agencyPrompt(route: 'agency:btp' | 'agency:council'): Prompt {
  const key = route.replace(':', '.');
  return {
    id: 'agency',
    locale: 'en',
    route,
    messages: [
      m(`routes:${key}.handles`),
      m(`routes:${key}.howTo`),
      m('common:anythingElse.question'),
    ],
    input: 'none',
    card: { kind: 'agency', route, contact: agencyContact(EXAMPLE_PROFILE, route) },
    options: anythingElse,
  };
}

/** British Transport Police: website, phone and a text number. */
export const AGENCY_BTP: Prompt = agencyPrompt('agency:btp');
/** The council: the national finder plus the force area's own council (a local contact). */
export const AGENCY_COUNCIL: Prompt = agencyPrompt('agency:council');

/** Someone wrote in Polish: the guidance in Polish first, then in the conversation's English. */
export const EMERGENCY: Prompt = {
  id: 'emergency',
  locale: 'en',
  route: 'emergency',
  messages: [
    { key: 'emergency:guidance', locale: 'pl' },
    m('emergency:guidance'),
    m('common:emergency.resume'),
  ],
  input: 'none',
  card: { kind: 'emergency' },
  options: [option('not-emergency', 'common:emergency.notEmergency')],
};

export const SUBMITTED: Prompt = {
  id: 'submitted',
  locale: 'en',
  route: 'crime',
  messages: [
    m('common:submitted', { reference: 'EXC-2026-004217', team: 'Crime Recording Team' }),
    m('common:anythingElse.question'),
  ],
  input: 'none',
  card: { kind: 'submitted', reference: 'EXC-2026-004217' },
  options: anythingElse,
};

/** Long text with links and a phone number: the lost-property advice and the consent statement. */
export const LONG: Prompt = {
  id: 'information',
  locale: 'en',
  route: 'lost-property',
  messages: [
    m('routes:lost-property.body', { lostProperty: 'https://www.example.police.uk/lost_property' }),
    m('routes:agency.btp.handles'),
    m('routes:agency.btp.howTo'),
    m('common:consent.statement', {
      force: 'Example Constabulary',
      privacy: 'https://www.example.police.uk/privacy_notice?section=how-we-use_data',
    }),
    m('common:submitFailed.message', { nonEmergency: '0300 123 2040' }),
    m('common:anythingElse.question'),
  ],
  input: 'none',
  options: anythingElse,
};

export const WELSH_SAFETY: Prompt = { ...SAFETY, locale: 'cy' };

export const NOTICE_ERROR: Message = m('common:flow.notUnderstood');
export const NOTICE_HELP: Message = m('common:help');

/* ---------------------------------------------------------------- reading the output */

export function messages(activities: readonly OutboundActivity[]): MessageActivity[] {
  return activities.filter((a): a is MessageActivity => a.type === 'message');
}

export function lastMessage(activities: readonly OutboundActivity[]): MessageActivity {
  const all = messages(activities);
  const last = all[all.length - 1];
  if (!last) throw new Error('no message activity');
  return last;
}

/** All text the person would read, in order. */
export function allText(activities: readonly OutboundActivity[]): string {
  return messages(activities)
    .map((a) => a.text ?? '')
    .join('\n\n');
}

/* ---------------------------------------------------------------- Web Chat's own parts */

// Loaded from where botframework-webchat resolves them, so these are the versions Web Chat runs.
const fromWebChat = createRequire(require.resolve('botframework-webchat'));

interface MarkdownIt {
  render(src: string): string;
}
type MarkdownItFactory = new (options: Record<string, unknown>) => MarkdownIt;

/** markdown-it with Web Chat 4.18's options (lib/markdown/renderMarkdown.js). */
export function webChatMarkdown(): (src: string) => string {
  const MarkdownItClass = fromWebChat('markdown-it') as MarkdownItFactory;
  const md = new MarkdownItClass({ breaks: false, html: true, linkify: true, typographer: true });
  return (src) => md.render(src);
}

interface AdaptiveCardsModule {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new () => {
    eventCount: number;
    getEventAt(i: number): { message: string };
  };
}

/**
 * Parses and validates a card with the adaptivecards package Web Chat bundles; returns every
 * warning and validation failure (an empty list means Web Chat renders it as sent).
 */
export function adaptiveCardProblems(card: unknown): string[] {
  const dir = dirname(fromWebChat.resolve('adaptivecards/package.json'));
  const ac = fromWebChat(join(dir, 'dist', 'adaptivecards.js')) as AdaptiveCardsModule;
  const parsed = new ac.AdaptiveCard();
  const context = new ac.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}
