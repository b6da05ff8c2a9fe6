import { CONFIDENT_THRESHOLD, PLAUSIBLE_THRESHOLD } from './classifier';
import { activeSteps, formatAnswer, getFlow, hasFlow } from './flows';
import { describeHours, deskOpen } from './hours';
import { isEmergencyLocale, LANGUAGE_NAMES } from './languages';
import type { TriageContext, TriageDeps, TriageSnapshot } from './machine';
import { MENU, menuGroup } from './menu';
import { agencyContact, teamName } from './profile';
import { isAgencyRoute, routeDef, type RouteId } from './routes';
import type { CheckAnswersRow, Message, Prompt, PromptOption } from './types';

/** Where the conversation rests; every resting state has a prompt. */
export type PromptState =
  | 'safety'
  | 'describe'
  | 'proposing'
  | 'confirm'
  | 'menu'
  | 'routing'
  | 'flow'
  | 'check'
  | 'consent'
  | 'submitting'
  | 'submitFailed'
  | 'submitted'
  | 'agency'
  | 'information'
  | 'done'
  | 'emergency'
  | 'handoff'
  | 'language'
  | 'stopped';

type PromptDeps = Pick<TriageDeps, 'profile' | 'translator' | 'now' | 'deskConnected'>;

/** After this many failed answers on one step, the prompt offers a person. */
export const MAX_ATTEMPTS = 3;

/** i18next uses ':' for namespaces, so agency ids become nested keys: routes:agency.rspca.title. */
export function routeKey(route: RouteId): string {
  return route.replace(':', '.');
}

export function routeTitle(route: RouteId): Message {
  return { key: `routes:${routeKey(route)}.title` };
}

const m = (key: string, params?: Message['params']): Message =>
  params ? { key, params } : { key };
const option = (value: string, key: string, params?: Message['params']): PromptOption => ({
  value,
  label: m(key, params),
});

export function promptState(snapshot: TriageSnapshot): PromptState {
  const value = snapshot.value;
  if (typeof value === 'string') return value;
  return (value as { conversation: PromptState }).conversation;
}

/** The prompt for the machine's current state: what to say, what input is expected, the options. */
export function getPrompt(snapshot: TriageSnapshot, deps: PromptDeps): Prompt {
  return buildPrompt(promptState(snapshot), snapshot.context, deps);
}

export function buildPrompt(state: PromptState, context: TriageContext, deps: PromptDeps): Prompt {
  const { profile } = deps;
  const now = deps.now ? deps.now() : new Date();
  const base = {
    id: state as string,
    locale: context.locale,
    ...(context.route ? { route: context.route } : {}),
  };
  const force = profile.name;
  const anythingElse = [
    option('more', 'common:anythingElse.yes'),
    option('done', 'common:anythingElse.no'),
  ];

  switch (state) {
    case 'safety': {
      // First contact on any channel (some never send a conversationUpdate) gets the welcome.
      const fresh = context.path.length === 0;
      return {
        ...base,
        messages: [
          ...(fresh ? [m('common:welcome', { botName: profile.botName, force })] : []),
          ...(context.description ? [m('common:safety.first')] : []),
          m('common:safety.question'),
        ],
        input: 'yesno',
        options: [option('yes', 'common:safety.yes'), option('no', 'common:safety.no')],
      };
    }
    case 'describe':
      return {
        ...base,
        messages: [m('common:describe.question')],
        input: 'free-text',
        options: [option('menu', 'common:describe.showMenu')],
      };
    case 'confirm': {
      const [top, second] = context.candidates;
      const single =
        top !== undefined &&
        top.confidence >= CONFIDENT_THRESHOLD &&
        (second === undefined || top.confidence - second.confidence >= 0.25);
      if (single) {
        return {
          ...base,
          messages: [m('common:confirm.single', { route: routeTitle(top.route) })],
          input: 'yesno',
          options: [option('yes', 'common:confirm.yes'), option('no', 'common:confirm.no')],
        };
      }
      const plausible = context.candidates
        .filter((c) => c.confidence >= PLAUSIBLE_THRESHOLD / 2)
        .slice(0, 3);
      return {
        ...base,
        messages: [m('common:confirm.multi')],
        input: 'choice',
        options: [
          ...plausible.map((c) => ({ value: `route:${c.route}`, label: routeTitle(c.route) })),
          option('none', 'common:confirm.none'),
        ],
      };
    }
    case 'menu': {
      const group = context.menuGroup ? menuGroup(context.menuGroup) : undefined;
      if (group) {
        return {
          ...base,
          messages: [m('common:menu.groupQuestion', { group: m(`common:menu.group.${group.id}`) })],
          input: 'none',
          options: group.routes.map((r) => ({ value: `route:${r}`, label: routeTitle(r) })),
        };
      }
      const foreign = context.foreign;
      return {
        ...base,
        messages: [
          // Someone writing in a language we can't read still hears about 999 in theirs.
          ...(foreign && isEmergencyLocale(foreign)
            ? [{ key: 'emergency:reminder', locale: foreign }]
            : []),
          m('common:menu.question'),
        ],
        input: 'none',
        options: [
          ...MENU.map((g) => option(`group:${g.id}`, `common:menu.group.${g.id}`)),
          option('human', 'common:menu.human'),
        ],
      };
    }
    case 'flow':
      return flowPrompt(context, deps, base);
    case 'check': {
      const route = context.route;
      const rows: CheckAnswersRow[] = [];
      if (route && hasFlow(route)) {
        const ctx = parseContext(context, deps, now);
        for (const step of activeSteps(getFlow(route), context.answers)) {
          const value = context.answers[step.id];
          rows.push({
            stepId: step.id,
            question: m(step.prompt),
            answer:
              value === undefined ? m('common:check.notAnswered') : formatAnswer(step, value, ctx),
          });
        }
      }
      return {
        ...base,
        messages: [m('common:check.title')],
        input: 'none',
        card: { kind: 'check-answers', rows },
        options: [
          option('continue', 'common:check.continue'),
          ...rows.map((r) =>
            option(`change:${r.stepId}`, 'common:check.change', { question: r.question }),
          ),
        ],
      };
    }
    case 'consent':
      return {
        ...base,
        messages: [m('common:consent.statement', { force, privacy: profile.links.privacy })],
        input: 'none',
        options: [
          option('agree', 'common:consent.agree'),
          option('disagree', 'common:consent.disagree'),
          option('human', 'common:menu.human'),
        ],
      };
    case 'submitting':
      return { ...base, messages: [m('common:submitting')], input: 'none', options: [] };
    case 'submitFailed':
      return {
        ...base,
        messages: [m('common:submitFailed.message', { nonEmergency: profile.nonEmergencyNumber })],
        input: 'none',
        options: [
          option('retry', 'common:submitFailed.retry'),
          option('human', 'common:menu.human'),
        ],
      };
    case 'submitted': {
      const def = context.route ? routeDef(context.route) : undefined;
      const team = def && def.kind !== 'agency' && def.team ? teamName(profile, def.team) : force;
      const reference = context.reference ?? '';
      return {
        ...base,
        messages: [m('common:submitted', { reference, team }), m('common:anythingElse.question')],
        input: 'none',
        card: { kind: 'submitted', reference },
        options: anythingElse,
      };
    }
    case 'agency': {
      const route = context.route ?? 'not-police';
      const key = routeKey(route);
      const card = isAgencyRoute(route)
        ? { kind: 'agency' as const, route, contact: agencyContact(profile, route) }
        : undefined;
      return {
        ...base,
        messages: [
          m(`routes:${key}.handles`),
          m(`routes:${key}.howTo`),
          m('common:anythingElse.question'),
        ],
        input: 'none',
        ...(card ? { card } : {}),
        options: anythingElse,
      };
    }
    case 'information': {
      const route = context.route ?? 'not-police';
      return {
        ...base,
        messages: [
          m(`routes:${routeKey(route)}.body`, {
            force,
            yourArea: profile.links.yourArea,
            lostProperty: profile.links.lostProperty ?? profile.website,
            website: profile.website,
            nonEmergency: profile.nonEmergencyNumber,
          }),
          m('common:anythingElse.question'),
        ],
        input: 'none',
        options: anythingElse,
      };
    }
    case 'done':
      return { ...base, messages: [m('common:done', { force })], input: 'free-text', options: [] };
    case 'emergency': {
      const own = context.emergency?.language;
      const guidance = m('emergency:guidance');
      return {
        ...base,
        messages: [
          // In the language they wrote in first, then in the conversation's language.
          ...(own && own !== context.locale ? [{ ...guidance, locale: own }] : []),
          guidance,
          m('common:emergency.resume'),
        ],
        input: 'none',
        card: { kind: 'emergency' },
        options: [option('not-emergency', 'common:emergency.notEmergency')],
      };
    }
    case 'handoff': {
      const hours = describeHours(profile, (d) =>
        deps.translator.t(m(`common:days.${d}`), context.locale),
      );
      const key = !deps.deskConnected
        ? 'common:handoff.unavailable'
        : deskOpen(profile, now)
          ? 'common:handoff.open'
          : 'common:handoff.closed';
      return {
        ...base,
        messages: [
          m(key, {
            team: teamName(profile, 'quality-of-service'),
            hours,
            nonEmergency: profile.nonEmergencyNumber,
          }),
        ],
        input: 'free-text',
        options: [option('back-to-bot', 'common:handoff.backToBot')],
      };
    }
    case 'language':
      return {
        ...base,
        messages: [m('common:language.question')],
        input: 'none',
        options: profile.languages.offered.map((code) => ({
          value: `lang:${code}`,
          label: m('common:language.name', { name: LANGUAGE_NAMES[code] }),
        })),
      };
    case 'stopped':
      return {
        ...base,
        messages: [m('common:stopped', { nonEmergency: profile.nonEmergencyNumber })],
        input: 'free-text',
        options: [],
      };
    case 'proposing':
    case 'routing':
      // Transient: the machine never rests here. Kept total so a host can never crash on a prompt.
      return {
        ...base,
        messages: [m('common:describe.question')],
        input: 'free-text',
        options: [],
      };
  }
}

function parseContext(context: TriageContext, deps: PromptDeps, now: Date) {
  return {
    locale: context.locale,
    now,
    label: (key: string) => deps.translator.t({ key }, context.locale),
  };
}

function flowPrompt(
  context: TriageContext,
  deps: PromptDeps,
  base: { id: string; locale: TriageContext['locale']; route?: RouteId },
): Prompt {
  const route = context.route;
  if (!route || !hasFlow(route)) {
    return { ...base, messages: [m('common:describe.question')], input: 'free-text', options: [] };
  }
  const flow = getFlow(route);
  const steps = activeSteps(flow, context.answers);
  const index = Math.max(
    0,
    steps.findIndex((s) => s.id === context.stepId),
  );
  const step = steps[index] ?? flow.steps[0];
  if (!step) return { ...base, messages: [], input: 'none', options: [] };
  const first = index === 0 && context.trail.length === 0;
  const options: PromptOption[] =
    step.type === 'choice' || step.type === 'multi'
      ? (step.options ?? []).map((o) => ({ value: o.value, label: m(o.label) }))
      : step.type === 'yesno' || step.type === 'consent'
        ? [option('yes', 'common:yes'), option('no', 'common:no')]
        : [];
  if (step.optional) options.push(option('skip', 'common:flow.skip'));
  return {
    ...base,
    id: `step:${route}.${step.id}`,
    messages: [
      ...(first && flow.intro ? [m(flow.intro)] : []),
      ...(context.attempts >= MAX_ATTEMPTS ? [m('common:flow.offerHuman')] : []),
      m(step.prompt),
      ...(step.hint ? [m(step.hint)] : []),
    ],
    input: step.type,
    options,
    optional: step.optional,
    progress: { step: index + 1, of: steps.length },
  };
}
