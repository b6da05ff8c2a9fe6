import cyAnswers from '../../locales/cy/answers.json';
import enAnswers from '../../locales/en/answers.json';
import plAnswers from '../../locales/pl/answers.json';
import cyFlows from '../../locales/cy/flows.json';
import enFlows from '../../locales/en/flows.json';
import plFlows from '../../locales/pl/flows.json';
import type { AnswerInput, Answers, AnswerValue } from '../answers/types';
import { createTranslator } from '../i18n';
import { UI_LOCALES, type UiLocale } from '../languages';
import { FLOW_ROUTE_IDS, POLICE_ROUTES, type FlowRouteId } from '../routes';
import { CONTACT_STEP_IDS } from './contact';
import {
  FLOWS,
  activeSteps,
  answersSchema,
  formatAnswer,
  getFlow,
  hasFlow,
  parseAnswer,
  type ParseContext,
} from '.';
import { FlowSchema, type FlowDef, type StepDef } from './schema';

const translator = createTranslator({
  en: { flows: enFlows, answers: enAnswers },
  cy: { flows: cyFlows, answers: cyAnswers },
  pl: { flows: plFlows, answers: plAnswers },
});
const NOW = new Date('2026-11-24T10:00:00Z');
const ctx = (locale: UiLocale): ParseContext => ({
  locale,
  now: NOW,
  label: (key) => translator.t({ key }, locale),
});
const IDS = FLOW_ROUTE_IDS as readonly FlowRouteId[];
const REQUESTS = IDS.filter((id) => POLICE_ROUTES[id].kind === 'police-request');

describe('flow definitions', () => {
  test('there is a flow for every route that produces a report, and only those', () => {
    expect(Object.keys(FLOWS).sort()).toEqual([...IDS].sort());
    for (const id of IDS) expect(hasFlow(id)).toBe(true);
    for (const id of [
      'emergency',
      'your-area',
      'lost-property',
      'not-police',
      'agency:council',
    ] as const) {
      expect(hasFlow(id)).toBe(false);
    }
  });

  test.each(IDS)('%s passes FlowSchema, with and without the contact questions', (id) => {
    expect(FlowSchema.safeParse(FLOWS[id]).success).toBe(true);
    expect(FlowSchema.safeParse(getFlow(id)).success).toBe(true);
    expect(getFlow(id).id).toBe(id);
  });

  test.each(IDS)('%s: every step says where its answer goes in the report', (id) => {
    for (const step of getFlow(id).steps) {
      expect([step.id, step.maps]).toEqual([step.id, expect.any(String)]);
      if (step.safeguarding) expect(step.type).toBe('yesno');
      expect(CONTACT_STEP_IDS as readonly string[]).not.toContain(
        FLOWS[id].steps.find((s) => s.id === step.id && !step.id.startsWith('contact'))?.id,
      );
    }
  });

  test.each(REQUESTS)('%s is a short request form (4–7 questions before contact)', (id) => {
    expect(FLOWS[id].steps.length).toBeGreaterThanOrEqual(4);
    expect(FLOWS[id].steps.length).toBeLessThanOrEqual(7);
  });

  test('hate crime asks what the hostility was based on', () => {
    const step = FLOWS['hate-crime'].steps.find((s) => s.id === 'hostility');
    expect(step?.type).toBe('multi');
    expect(step?.options?.map((o) => o.value)).toEqual([
      'race',
      'religion',
      'sexual-orientation',
      'disability',
      'transgender',
      'other',
    ]);
  });
});

describe('the contact questions', () => {
  const tail = (id: FlowRouteId) =>
    getFlow(id).steps.filter((s) => (CONTACT_STEP_IDS as readonly string[]).includes(s.id));
  const methods = (id: FlowRouteId) => tail(id)[0]?.options?.map((o) => o.value);

  test('are appended to every flow, after its own questions', () => {
    for (const id of IDS) {
      expect(getFlow(id).steps.slice(0, FLOWS[id].steps.length)).toEqual(FLOWS[id].steps);
      expect(tail(id).map((s) => s.id)).toEqual([...CONTACT_STEP_IDS]);
    }
  });

  test('"don\'t contact me" only where anonymity is allowed, and then the name is optional', () => {
    expect(methods('intelligence')).toEqual(['chat', 'phone', 'email', 'sms', 'none']);
    expect(tail('intelligence')[1]).toMatchObject({ id: 'contactName', optional: true });
    expect(methods('crime')).toEqual(['chat', 'phone', 'email', 'sms']);
    expect(tail('crime')[1]).toMatchObject({ id: 'contactName', optional: false });
    expect(methods('firearms-licensing')).toEqual(['phone', 'email', 'sms']);
  });

  test('details are asked only for the method chosen', () => {
    const flow = getFlow('asb');
    const asked = (method: string) =>
      activeSteps(flow, { contactMethod: method })
        .map((s) => s.id)
        .filter((id) => (CONTACT_STEP_IDS as readonly string[]).includes(id));
    expect(asked('none')).toEqual(['contactMethod']);
    expect(asked('chat')).toEqual(['contactMethod', 'contactName']);
    expect(asked('sms')).toEqual(['contactMethod', 'contactName', 'contactPhone', 'contactSafe']);
    expect(asked('email')).toEqual(['contactMethod', 'contactName', 'contactEmail', 'contactSafe']);
  });
});

/* ------------------------------------------------------------ walking every flow */

const TYPED: Record<
  UiLocale,
  { yes: string; no: string; past: string; future: string; and: string }
> = {
  en: { yes: 'yes', no: 'no', past: 'yesterday about 3pm', future: 'saturday at 2pm', and: 'and' },
  cy: { yes: 'ie', no: 'na', past: 'ddoe tua 3', future: 'dydd Sadwrn nesaf am 2pm', and: 'a' },
  pl: {
    yes: 'tak',
    no: 'nie',
    past: 'wczoraj około 15',
    future: 'w przyszłą sobotę o 14',
    and: 'i',
  },
};

const CONTACT_PIECES = {
  name: 'Jane Smith',
  phone: '07911 123456',
  email: 'jane.smith@example.com',
  dateOfBirth: '01/02/1980',
  address: '10 High Street, Chelmsford CM1 1AA',
} as const;

/**
 * What a person might send for a step on walk number k. Walks differ in the options they pick and
 * in whether they answer yes or no, so conditions are taken on some walks and not on others; every
 * third walk skips optional questions; the language rotates, and so does typing an option's number
 * or its label.
 */
/** A small stable number per step id, so each step varies with a different bit of k. */
function hash(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + (c.codePointAt(0) ?? 0)) % 9973;
  return h;
}

function reply(step: StepDef, k: number, locale: UiLocale): AnswerInput | 'skip' {
  const words = TYPED[locale];
  const label = (i: number) => {
    const option = step.options?.[i];
    return option ? translator.t({ key: option.label }, locale) : '';
  };
  if (step.optional && (k + hash(step.id)) % 3 === 2) return 'skip';
  const n = step.options?.length ?? 0;
  const pick = (k + hash(step.id)) % Math.max(n, 1);
  const yes = ((k >> (hash(step.id) % 4)) & 1) === 0;
  switch (step.type) {
    case 'text': {
      const min = step.constraints?.minLength ?? 1;
      const max = step.constraints?.maxLength ?? 5000;
      return {
        kind: 'text',
        text: `Answer to ${step.id}, in my own words.`.padEnd(min, '.').slice(0, max),
      };
    }
    case 'yesno':
      return { kind: 'text', text: yes ? words.yes : words.no };
    case 'consent':
      return { kind: 'text', text: k % 2 === 0 ? words.yes : words.no };
    case 'choice':
      return { kind: 'text', text: k % 2 === 0 ? String(pick + 1) : label(pick) };
    case 'multi': {
      const second = (pick + 1) % n;
      if (k % 4 === 3) return { kind: 'value', value: step.options?.map((o) => o.value) };
      return {
        kind: 'text',
        text:
          k % 2 === 0
            ? `${pick + 1} ${words.and} ${second + 1}`
            : `${label(pick)}, ${label(second)}`,
      };
    }
    case 'datetime':
      return {
        kind: 'text',
        text: step.constraints?.tense === 'future' ? words.future : words.past,
      };
    case 'location':
      return { kind: 'text', text: 'outside Tesco, 10 High Street, Chelmsford CM1 1AA' };
    case 'person':
      return { kind: 'text', text: 'man about 30, tall, short brown hair, black hoodie' };
    case 'vehicle':
      return { kind: 'text', text: 'silver Ford Focus AB12 CDE' };
    case 'contact': {
      const require = step.constraints?.require ?? ['phone'];
      const order = ['name', 'phone', 'email', 'dateOfBirth', 'address'] as const;
      return {
        kind: 'text',
        text: order
          .filter((f) => require.includes(f))
          .map((f) => CONTACT_PIECES[f])
          .join(', '),
      };
    }
    case 'attachments':
      return {
        kind: 'value',
        value: [{ name: 'photo.jpg', contentType: 'image/jpeg', size: 1234 }],
      };
  }
}

interface Walk {
  readonly answers: Answers;
  readonly asked: ReadonlySet<string>;
}

/** Walks a flow the way the machine does: the next step that applies, given the answers so far. */
function walk(flow: FlowDef, k: number): Walk {
  const locale = UI_LOCALES[k % UI_LOCALES.length] ?? 'en';
  const answers: Record<string, AnswerValue> = {};
  const asked = new Set<string>();
  for (;;) {
    const next = activeSteps(flow, answers).find((s) => !asked.has(s.id));
    if (!next) break;
    asked.add(next.id);
    const input = reply(next, k, locale);
    if (input === 'skip') {
      expect(parseAnswer(next, { kind: 'text', text: "don't know" }, ctx(locale))).toMatchObject({
        skip: true,
      });
      continue;
    }
    const result = parseAnswer(next, input, ctx(locale));
    if (!result.ok)
      throw new Error(
        `${flow.id}.${next.id} (${locale}) refused ${JSON.stringify(input)}: ${result.error.key}`,
      );
    answers[next.id] = result.value;
    const shown = translator.t(formatAnswer(next, result.value, ctx(locale)), locale);
    expect(shown).not.toMatch(/\{\{|answers:|flows:/);
  }
  return { answers, asked };
}

describe.each(IDS)('%s: answers walked through every branch pass answersSchema', (id) => {
  const flow = getFlow(id);
  const walks = Array.from({ length: 16 }, (_, k) => walk(flow, k));

  test('every walk produces valid answers', () => {
    for (const w of walks) {
      const checked = answersSchema(flow).safeParse(w.answers);
      expect(checked.error?.issues ?? []).toEqual([]);
    }
  });

  test('every step is asked on some walk, and every conditional step skipped on another', () => {
    for (const step of flow.steps) {
      expect([step.id, walks.some((w) => w.asked.has(step.id))]).toEqual([step.id, true]);
      if (step.when)
        expect([step.id, walks.some((w) => !w.asked.has(step.id))]).toEqual([step.id, true]);
    }
  });

  test('the schema refuses a missing answer, a stray one, and a wrong shape', () => {
    const schema = answersSchema(flow);
    const full = walks[0]?.answers ?? {};
    const required = activeSteps(flow, full).find((s) => !s.optional);
    if (required) {
      const { [required.id]: _dropped, ...missing } = full;
      expect(schema.safeParse(missing).success).toBe(false);
    }
    expect(schema.safeParse({ ...full, notAStep: 'x' }).success).toBe(false);
    const active = new Set(activeSteps(flow, full).map((s) => s.id));
    const conditional = flow.steps.find((s) => s.when && !active.has(s.id));
    if (conditional)
      expect(schema.safeParse({ ...full, [conditional.id]: 'x' }).success).toBe(false);
    const first = flow.steps[0];
    if (first)
      expect(schema.safeParse({ ...full, [first.id]: { wrong: true } }).success).toBe(false);
  });
});

/* ------------------------------------------------------------ strings */

function flowKeys(flow: FlowDef): string[] {
  return [
    flow.title,
    ...(flow.intro ? [flow.intro] : []),
    ...flow.steps.flatMap((s) => [
      s.prompt,
      ...(s.hint ? [s.hint] : []),
      ...(s.options ?? []).map((o) => o.label),
    ]),
  ];
}

test.each(UI_LOCALES)('every key a flow refers to exists in %s flows.json', (locale) => {
  const missing = IDS.flatMap((id) => flowKeys(getFlow(id))).filter(
    (key) => !translator.has(key, locale),
  );
  expect(missing).toEqual([]);
});

test('flows.json has no keys that no flow uses', () => {
  const used = new Set(
    IDS.flatMap((id) => flowKeys(getFlow(id))).map((k) => k.slice('flows:'.length)),
  );
  const walkKeys = (o: object, pre = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'object' && v !== null ? walkKeys(v as object, `${pre}${k}.`) : [`${pre}${k}`],
    );
  expect(walkKeys(enFlows).filter((k) => !used.has(k))).toEqual([]);
  expect(walkKeys(cyFlows).sort()).toEqual(walkKeys(enFlows).sort());
  expect(walkKeys(plFlows).sort()).toEqual(walkKeys(enFlows).sort());
});
