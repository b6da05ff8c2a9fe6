import { assign, emit, fromPromise, raise, setup, type SnapshotFrom } from 'xstate';
import type { Answers, AnswerInput, ParseResult } from './answers/types';
import { CONFIDENT_THRESHOLD, PLAUSIBLE_THRESHOLD } from './classifier';
import { activeSteps, getFlow, hasFlow, parseAnswer } from './flows';
import type { StepDef } from './flows/schema';
import type { Translator } from './i18n';
import { isGreeting, matchCommand, matchLanguageWord, matchOption, type Command } from './input';
import { isEmergencyLocale, isUiLocale, type UiLocale } from './languages';
import type { ForceProfile } from './profile';
import { buildPrompt, type PromptState } from './prompt';
import { isRouteId, routeDef, type FlowRouteId, type RouteId, type TeamId } from './routes';
import type {
  Classifier,
  EmergencyResult,
  Message,
  RouteScore,
  TriageEmitted,
  TriageEvent,
} from './types';

/**
 * The triage machine: one XState v5 machine for every channel and for the web forms.
 *
 *   conversation: safety → describe → (proposing) → confirm | menu → routing →
 *                 flow (one step at a time) → check → consent → submitting → submitted
 *                 routing → agency | information → "anything else?"
 *   emergency:    entered from ANY state when the detector fires on typed text; resumes only when
 *                 the person says it is not an emergency (deep history brings them back mid-step).
 *   handoff, language, stopped: global modes reachable from every state.
 *
 * The structure is here; everything it needs from outside (classifier, detector, profile,
 * translations for matching typed option labels, the report submitter) is injected, so the
 * machine stays pure and channel-neutral. Prompts are derived from the snapshot (prompt.ts);
 * one-off notices (a validation error, "switched to Welsh") are emitted events.
 */

export interface SubmissionInput {
  /** Idempotency key for this submission: retried submits of the same answers carry the same id. */
  readonly submissionId: string;
  readonly route: FlowRouteId;
  readonly team: TeamId;
  readonly locale: UiLocale;
  readonly answers: Answers;
  /** What they first told us, in their words. */
  readonly description?: string;
  readonly consent: { readonly agreed: true; readonly statement: string; readonly at: string };
  readonly triage: {
    readonly classifiedRoute?: RouteId;
    readonly confidence?: number;
    readonly path: readonly string[];
  };
  readonly startedAt: string;
}

export interface SubmissionResult {
  readonly reference: string;
}

export interface TriageDeps {
  readonly classifier: Classifier;
  readonly detectEmergency: (text: string) => EmergencyResult;
  readonly profile: ForceProfile;
  readonly translator: Translator;
  /** Stores the report; resolves only once it is durably stored (the person is then told). */
  readonly submit: (input: SubmissionInput) => Promise<SubmissionResult>;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /**
   * Whether a Quality of Service desk is connected to take over chats. Without one, nobody would
   * ever join, so "talk to a person" gives the phone numbers instead of a promise to wait.
   */
  readonly deskConnected?: boolean;
}

export interface TriageContext {
  readonly locale: UiLocale;
  /** Where the person was when the emergency guidance or a handoff interrupted. */
  readonly returnTo: 'conversation' | 'handoff';
  readonly safetyAnswered: boolean;
  readonly description?: string;
  readonly candidates: readonly RouteScore[];
  readonly classified?: { readonly route: RouteId; readonly confidence: number };
  readonly menuGroup?: string;
  /** A language the classifier cannot read (the menu then says so, with 999 in that language). */
  readonly foreign?: string;
  readonly route?: RouteId;
  readonly stepId?: string;
  readonly answers: Answers;
  /** Steps answered, in order, for "back". */
  readonly trail: readonly string[];
  readonly returnToCheck: boolean;
  /** Failed answers on the current step; after a few, a person is offered. */
  readonly attempts: number;
  readonly submissionId?: string;
  readonly consent?: SubmissionInput['consent'];
  readonly reference?: string;
  readonly emergency?: { readonly evidence: readonly string[]; readonly language?: string };
  /** The triage path taken, for the report and for analytics. */
  readonly path: readonly string[];
  readonly startedAt: string;
}

export interface TriageInput {
  readonly locale?: UiLocale;
}

type Decision =
  | { readonly kind: 'emergency'; readonly result: EmergencyResult }
  | { readonly kind: 'command'; readonly command: Command }
  | { readonly kind: 'language'; readonly locale: UiLocale }
  | { readonly kind: 'option'; readonly value: string }
  | { readonly kind: 'text'; readonly text: string };

const COMMAND_EVENTS: Record<Command, TriageEvent> = {
  help: { type: 'HELP' },
  back: { type: 'BACK' },
  restart: { type: 'RESTART' },
  human: { type: 'HUMAN' },
  stop: { type: 'CANCEL' },
  language: { type: 'LANGUAGE_MENU' },
};

export function createTriageMachine(deps: TriageDeps) {
  const now = () => (deps.now ? deps.now() : new Date());
  const newId = () => (deps.newId ? deps.newId() : globalThis.crypto.randomUUID());
  const label = (locale: UiLocale) => (key: string) => deps.translator.t({ key }, locale);

  // Guards and actions look at the same event several times; work it out once per event object.
  const decisions = new WeakMap<object, Decision>();
  const parses = new WeakMap<object, ParseResult>();

  /** Everything typed goes through here: emergency first, always, then commands, then options. */
  function decide(state: PromptState, context: TriageContext, event: TriageEvent): Decision {
    const cached = decisions.get(event);
    if (cached) return cached;
    let decision: Decision;
    const text = event.type === 'TEXT' ? event.text : '';
    const result = deps.detectEmergency(text);
    if (result.emergency) {
      decision = { kind: 'emergency', result };
    } else {
      const command = matchCommand(text);
      const language = matchLanguageWord(text);
      if (command) decision = { kind: 'command', command };
      else if (language) decision = { kind: 'language', locale: language };
      else {
        const prompt = buildPrompt(state, context, deps);
        // Numbers only mean "option n" where the person is choosing, never as an answer ("how many? 2").
        const choosing =
          prompt.input === 'none' || prompt.input === 'choice' || prompt.input === 'yesno';
        const option =
          prompt.input === 'multi'
            ? undefined
            : matchOption(choosing ? text : text.replace(/^\s*\d+\s*$/, ''), prompt.options, (o) =>
                deps.translator.t(o.label, context.locale),
              );
        decision = option ? { kind: 'option', value: option.value } : { kind: 'text', text };
      }
    }
    decisions.set(event, decision);
    return decision;
  }

  function currentStep(context: TriageContext): StepDef | undefined {
    if (!context.route || !hasFlow(context.route) || !context.stepId) return undefined;
    return getFlow(context.route).steps.find((s) => s.id === context.stepId);
  }

  function parse(context: TriageContext, event: TriageEvent): ParseResult | undefined {
    const step = currentStep(context);
    if (!step) return undefined;
    const cached = parses.get(event);
    if (cached) return cached;
    let input: AnswerInput;
    if (event.type === 'TEXT') input = { kind: 'text', text: event.text };
    else if (event.type === 'CHOOSE') input = { kind: 'value', value: event.value };
    else if (event.type === 'ANSWER') input = { kind: 'value', value: event.value };
    else return undefined;
    const result = parseAnswer(step, input, {
      locale: context.locale,
      now: now(),
      label: label(context.locale),
    });
    parses.set(event, result);
    return result;
  }

  /** The next step to ask after the current one, given the answers so far; undefined → check. */
  function nextStep(context: TriageContext, answers: Answers): string | undefined {
    if (!context.route || !hasFlow(context.route)) return undefined;
    const steps = activeSteps(getFlow(context.route), answers);
    if (context.returnToCheck) return steps.find((s) => !(s.id in answers))?.id;
    const i = steps.findIndex((s) => s.id === context.stepId);
    return steps[i + 1]?.id;
  }

  function classify(context: TriageContext, text: string): Partial<TriageContext> {
    const c = deps.classifier.classify(text, { locale: context.locale });
    const top = c.routes[0];
    const update: { -readonly [K in keyof TriageContext]?: TriageContext[K] } = {
      description: context.description ? `${context.description}\n${text}` : text,
      candidates: c.language.supported ? c.routes.slice(0, 3) : [],
      foreign:
        !c.language.supported && c.language.code !== 'und' && c.language.confidence >= 0.6
          ? c.language.code
          : undefined,
      ...(top ? { classified: { route: top.route, confidence: top.confidence } } : {}),
    };
    // Someone writing in Welsh or Polish is answered in it; they can switch back at any time.
    if (c.language.supported && isUiLocale(c.language.code) && c.language.code !== context.locale) {
      if (c.language.confidence >= 0.8 && text.trim().split(/\s+/).length >= 3) {
        update.locale = c.language.code;
      }
    }
    return update;
  }

  const fresh = (context: TriageContext): Partial<TriageContext> => ({
    description: undefined,
    candidates: [],
    classified: undefined,
    menuGroup: undefined,
    route: undefined,
    stepId: undefined,
    answers: {},
    trail: [],
    returnToCheck: false,
    attempts: 0,
    submissionId: undefined,
    consent: undefined,
    reference: undefined,
    path: [...context.path, 'new-matter'],
  });

  const s = setup({
    types: {
      context: {} as TriageContext,
      events: {} as TriageEvent,
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- XState reads the type from this assertion
      input: {} as TriageInput,
      emitted: {} as TriageEmitted,
    },
    actors: {
      submitReport: fromPromise<SubmissionResult, SubmissionInput>(({ input }) =>
        deps.submit(input),
      ),
    },
    guards: {
      stepOptional: ({ context }) => currentStep(context)?.optional === true,
      // "don't know" / "prefer not to say" on an optional step is a skip, not a wrong answer.
      answerSkips: ({ context, event }) => {
        const r = parse(context, event);
        return (
          r !== undefined && !r.ok && r.skip === true && currentStep(context)?.optional === true
        );
      },
      answerInvalid: ({ context, event }) => parse(context, event)?.ok === false,
      answerCompletes: ({ context, event }) => {
        const r = parse(context, event);
        return (
          r?.ok === true &&
          !nextStep(context, { ...context.answers, [context.stepId ?? '']: r.value })
        );
      },
      skipCompletes: ({ context }) => {
        const { [context.stepId ?? '']: _skipped, ...rest } = context.answers;
        return !nextStep(context, rest);
      },
      hasTrail: ({ context }) => context.trail.length > 0,
      confident: ({ context }) => (context.candidates[0]?.confidence ?? 0) >= CONFIDENT_THRESHOLD,
      plausible: ({ context }) => (context.candidates[0]?.confidence ?? 0) >= PLAUSIBLE_THRESHOLD,
      hasDescription: ({ context }) => Boolean(context.description),
      inMenuGroup: ({ context }) => context.menuGroup !== undefined,
      safetyAnswered: ({ context }) => context.safetyAnswered,
      routeIsEmergency: ({ context }) => context.route === 'emergency',
      routeIsAgency: ({ context }) =>
        context.route !== undefined && routeDef(context.route).kind === 'agency',
      routeIsInformation: ({ context }) =>
        context.route !== undefined && routeDef(context.route).kind === 'information',
      routeHasFlow: ({ context }) => context.route !== undefined && hasFlow(context.route),
      returnToHandoff: ({ context }) => context.returnTo === 'handoff',
    },
    actions: {
      enterEmergency: assign(({ context, event }) => {
        const text = event.type === 'TEXT' ? event.text : '';
        const evidence = text ? deps.detectEmergency(text).evidence : ['safety-question'];
        const language = text ? deps.classifier.classify(text).language : undefined;
        return {
          emergency: {
            evidence,
            ...(language && language.confidence >= 0.5 && isEmergencyLocale(language.code)
              ? { language: language.code }
              : {}),
          },
          path: [...context.path, 'emergency'],
        };
      }),
      emitEmergency: emit(({ context }) => ({
        type: 'emergency' as const,
        evidence: context.emergency?.evidence ?? [],
      })),
      countAttempt: assign(({ context }) => ({ attempts: context.attempts + 1 })),
      emitAnswerError: emit(({ context, event }) => {
        const r = parse(context, event);
        return {
          type: 'notice' as const,
          level: 'error' as const,
          message: r && !r.ok ? r.error : { key: 'common:flow.notUnderstood' },
        };
      }),
      storeAnswer: assign(({ context, event }) => {
        const r = parse(context, event);
        if (!r?.ok || !context.stepId) return {};
        const answers = { ...context.answers, [context.stepId]: r.value };
        const next = nextStep(context, answers);
        return {
          answers,
          trail: [...context.trail, context.stepId],
          attempts: 0,
          ...(next ? { stepId: next } : {}),
        };
      }),
      skipStep: assign(({ context }) => {
        const { [context.stepId ?? '']: _skipped, ...answers } = context.answers;
        const next = nextStep(context, answers);
        return {
          answers,
          trail: context.stepId ? [...context.trail, context.stepId] : context.trail,
          attempts: 0,
          ...(next ? { stepId: next } : {}),
        };
      }),
    },
  });

  /** LANGUAGE: switch, and say so in the new language (from anywhere, and at the language menu). */
  const changeLanguage = [
    s.assign(({ event }: { event: TriageEvent }) =>
      event.type === 'LANGUAGE' ? { locale: event.locale } : {},
    ),
    s.emit(({ context, event }: { context: TriageContext; event: TriageEvent }) => ({
      type: 'notice' as const,
      level: 'info' as const,
      message: {
        key: 'common:language.changed',
        locale: event.type === 'LANGUAGE' ? event.locale : context.locale,
      },
    })),
  ];

  const notice = (message: Message, level: 'info' | 'error' = 'info') =>
    s.emit({ type: 'notice', message, level } as const);

  /** TEXT handling shared by every state; state-specific handlers follow these. */
  const textHandlers = (state: PromptState) => [
    {
      guard: ({ context, event }: { context: TriageContext; event: TriageEvent }) =>
        decide(state, context, event).kind === 'emergency',
      target: '#triage.emergency',
      actions: 'enterEmergency' as const,
    },
    {
      guard: ({ context, event }: { context: TriageContext; event: TriageEvent }) => {
        const d = decide(state, context, event);
        return d.kind === 'command' || d.kind === 'language' || d.kind === 'option';
      },
      actions: s.raise(({ context, event }: { context: TriageContext; event: TriageEvent }) => {
        const d = decide(state, context, event);
        if (d.kind === 'command') return COMMAND_EVENTS[d.command];
        if (d.kind === 'language') return { type: 'LANGUAGE', locale: d.locale } as const;
        return { type: 'CHOOSE', value: d.kind === 'option' ? d.value : '' } as const;
      }),
    },
  ];

  const chosen =
    (value: string) =>
    ({ event }: { event: TriageEvent }) =>
      event.type === 'CHOOSE' && event.value === value;
  const chosenPrefix =
    (prefix: string) =>
    ({ event }: { event: TriageEvent }) =>
      event.type === 'CHOOSE' && event.value.startsWith(prefix);
  const chosenRoute = (event: TriageEvent): RouteId | undefined => {
    if (event.type !== 'CHOOSE' || !event.value.startsWith('route:')) return undefined;
    const id = event.value.slice('route:'.length);
    return isRouteId(id) ? id : undefined;
  };
  const textOf = (event: TriageEvent) => (event.type === 'TEXT' ? event.text : '');

  /** "Anything else?" states: a new matter starts from what they type next. */
  const anythingElse = (state: PromptState) => ({
    on: {
      TEXT: [
        ...textHandlers(state),
        {
          target: 'proposing',
          actions: s.assign(
            ({ context, event }: { context: TriageContext; event: TriageEvent }) => {
              const reset = { ...context, ...fresh(context) };
              return { ...fresh(context), ...classify(reset, textOf(event)) };
            },
          ),
        },
      ],
      CHOOSE: [
        {
          guard: chosen('more'),
          target: 'describe',
          actions: s.assign(({ context }) => fresh(context)),
        },
        { guard: chosen('done'), target: 'done' },
      ],
      BACK: { target: 'describe', actions: s.assign(({ context }) => fresh(context)) },
    },
  });

  return s.createMachine({
    id: 'triage',
    context: ({ input }) => ({
      locale: input.locale ?? 'en',
      returnTo: 'conversation',
      safetyAnswered: false,
      candidates: [],
      answers: {},
      trail: [],
      returnToCheck: false,
      attempts: 0,
      path: [],
      startedAt: now().toISOString(),
    }),
    initial: 'conversation',
    on: {
      // A state without its own TEXT handling still runs the detector.
      TEXT: {
        guard: ({ event }) => deps.detectEmergency(event.text).emergency,
        target: '#triage.emergency',
        actions: 'enterEmergency',
      },
      HELP: { actions: notice({ key: 'common:help' }) },
      HUMAN: {
        target: '#triage.handoff',
        actions: [
          assign(({ context }) => ({ path: [...context.path, 'handoff'] })),
          emit(({ context }) => ({
            type: 'handoff' as const,
            ...(context.route ? { route: context.route } : {}),
          })),
        ],
      },
      CANCEL: {
        target: '#triage.stopped',
        actions: [
          assign(({ context }) => ({ path: [...context.path, 'stopped'] })),
          emit({ type: 'stopped' }),
        ],
      },
      RESTART: {
        target: '#triage.conversation.safety',
        actions: [
          assign(({ context }) => ({ ...fresh(context), safetyAnswered: false, path: [] })),
          notice({ key: 'common:restarted' }),
        ],
      },
      LANGUAGE: {
        actions: changeLanguage,
      },
      LANGUAGE_MENU: { target: '#triage.language' },
      BACK: { actions: notice({ key: 'common:back.none' }) },
    },
    states: {
      conversation: {
        initial: 'safety',
        states: {
          hist: { type: 'history', history: 'deep' },
          safety: {
            // Resuming here after "not an emergency" on the safety question carries on to describe.
            always: { guard: 'safetyAnswered', target: 'describe' },
            on: {
              TEXT: [
                ...textHandlers('safety'),
                // "Hi" (or a channel's Get Started) opens the conversation: just ask the question.
                { guard: ({ event }) => isGreeting(event.text) },
                {
                  // They told us what happened before we asked: keep it, but ask the safety question first.
                  actions: assign(({ context, event }) => ({
                    description: context.description
                      ? `${context.description}\n${event.text}`
                      : event.text,
                  })),
                },
              ],
              CHOOSE: [
                {
                  guard: chosen('yes'),
                  target: '#triage.emergency',
                  actions: [
                    assign(({ context }) => ({
                      safetyAnswered: true,
                      path: [...context.path, 'safety:yes'],
                    })),
                    'enterEmergency',
                  ],
                },
                {
                  guard: ({ context, event }) =>
                    chosen('no')({ event }) && Boolean(context.description),
                  target: 'proposing',
                  actions: assign(({ context }) => {
                    const description = context.description ?? '';
                    return {
                      ...classify({ ...context, description: undefined }, description),
                      safetyAnswered: true,
                      path: [...context.path, 'safety:no'],
                    };
                  }),
                },
                {
                  guard: chosen('no'),
                  target: 'describe',
                  actions: assign(({ context }) => ({
                    safetyAnswered: true,
                    path: [...context.path, 'safety:no'],
                  })),
                },
              ],
            },
          },
          describe: {
            on: {
              TEXT: [
                ...textHandlers('describe'),
                {
                  target: 'proposing',
                  actions: assign(({ context, event }) => ({
                    ...classify(context, event.text),
                    path: [...context.path, 'describe'],
                  })),
                },
              ],
              CHOOSE: {
                guard: chosen('menu'),
                target: 'menu',
                actions: assign(({ context }) => ({ path: [...context.path, 'menu'] })),
              },
              BACK: { target: 'safety', actions: assign({ safetyAnswered: false }) },
            },
          },
          /** Decides between proposing a route and showing the menu; never rests here. */
          proposing: {
            always: [
              { guard: 'plausible', target: 'confirm' },
              {
                target: 'menu',
                actions: [
                  assign(({ context }) => ({
                    menuGroup: undefined,
                    path: [...context.path, 'menu'],
                  })),
                  emit(({ context }) => ({
                    type: 'notice' as const,
                    level: 'info' as const,
                    message: {
                      key: context.foreign ? 'common:menu.foreignLanguage' : 'common:menu.notSure',
                    },
                  })),
                ],
              },
            ],
          },
          confirm: {
            on: {
              TEXT: [
                ...textHandlers('confirm'),
                {
                  target: 'proposing',
                  actions: assign(({ context, event }) => classify(context, event.text)),
                },
              ],
              CHOOSE: [
                {
                  guard: ({ context, event }) =>
                    chosen('yes')({ event }) && context.candidates[0] !== undefined,
                  target: 'routing',
                  actions: assign(({ context }) => ({
                    route: context.candidates[0]?.route,
                    path: [...context.path, `confirm:${context.candidates[0]?.route ?? ''}`],
                  })),
                },
                {
                  guard: ({ event }) => chosenRoute(event) !== undefined,
                  target: 'routing',
                  actions: assign(({ context, event }) => ({
                    route: chosenRoute(event),
                    path: [...context.path, `choose:${chosenRoute(event) ?? ''}`],
                  })),
                },
                {
                  guard: ({ event }) => chosen('no')({ event }) || chosen('none')({ event }),
                  target: 'menu',
                  actions: assign(({ context }) => ({
                    menuGroup: undefined,
                    path: [...context.path, 'menu'],
                  })),
                },
              ],
              BACK: 'describe',
            },
          },
          menu: {
            on: {
              TEXT: [
                ...textHandlers('menu'),
                {
                  target: 'proposing',
                  actions: assign(({ context, event }) => classify(context, event.text)),
                },
              ],
              CHOOSE: [
                {
                  guard: chosenPrefix('group:'),
                  actions: assign(({ event }) => ({
                    menuGroup: event.value.slice('group:'.length),
                  })),
                },
                {
                  guard: ({ event }) => chosenRoute(event) !== undefined,
                  target: 'routing',
                  actions: assign(({ context, event }) => ({
                    route: chosenRoute(event),
                    path: [...context.path, `menu:${chosenRoute(event) ?? ''}`],
                  })),
                },
                { guard: chosen('human'), actions: raise({ type: 'HUMAN' }) },
              ],
              BACK: [
                { guard: 'inMenuGroup', actions: assign({ menuGroup: undefined }) },
                { target: 'describe' },
              ],
            },
          },
          /** Sends a confirmed route where its kind belongs; never rests here. */
          routing: {
            always: [
              {
                guard: 'routeIsEmergency',
                target: '#triage.emergency',
                actions: assign(({ context }) => ({
                  emergency: { evidence: ['chosen'] },
                  path: [...context.path, 'emergency'],
                })),
              },
              { guard: 'routeIsAgency', target: 'agency' },
              { guard: 'routeIsInformation', target: 'information' },
              {
                guard: 'routeHasFlow',
                target: 'flow',
                actions: assign(({ context }) => {
                  const route = context.route;
                  const first =
                    route && hasFlow(route) ? activeSteps(getFlow(route), {})[0] : undefined;
                  return {
                    stepId: first?.id,
                    answers: {},
                    trail: [],
                    returnToCheck: false,
                    attempts: 0,
                  };
                }),
              },
              { target: 'menu' },
            ],
          },
          flow: {
            on: {
              TEXT: [
                ...textHandlers('flow'),
                { guard: 'answerSkips', actions: raise({ type: 'SKIP' }) },
                { guard: 'answerInvalid', actions: ['countAttempt', 'emitAnswerError'] },
                { guard: 'answerCompletes', target: 'check', actions: 'storeAnswer' },
                { actions: 'storeAnswer' },
              ],
              CHOOSE: [
                {
                  guard: ({ event }) => event.value === 'skip',
                  actions: raise({ type: 'SKIP' }),
                },
                { guard: 'answerSkips', actions: raise({ type: 'SKIP' }) },
                { guard: 'answerInvalid', actions: ['countAttempt', 'emitAnswerError'] },
                { guard: 'answerCompletes', target: 'check', actions: 'storeAnswer' },
                { actions: 'storeAnswer' },
              ],
              ANSWER: [
                { guard: 'answerSkips', actions: raise({ type: 'SKIP' }) },
                { guard: 'answerInvalid', actions: ['countAttempt', 'emitAnswerError'] },
                { guard: 'answerCompletes', target: 'check', actions: 'storeAnswer' },
                { actions: 'storeAnswer' },
              ],
              SKIP: [
                {
                  guard: ({ context }) => currentStep(context)?.optional !== true,
                  actions: notice({ key: 'common:flow.required' }, 'error'),
                },
                { guard: 'skipCompletes', target: 'check', actions: 'skipStep' },
                { actions: 'skipStep' },
              ],
              BACK: [
                {
                  guard: 'hasTrail',
                  actions: assign(({ context }) => ({
                    stepId: context.trail[context.trail.length - 1],
                    trail: context.trail.slice(0, -1),
                    attempts: 0,
                  })),
                },
                { target: 'describe', actions: assign(({ context }) => fresh(context)) },
              ],
            },
          },
          check: {
            entry: assign({ returnToCheck: true }),
            on: {
              TEXT: [...textHandlers('check'), { actions: notice({ key: 'common:check.hint' }) }],
              CHOOSE: [
                { guard: chosen('continue'), target: 'consent' },
                {
                  guard: chosenPrefix('change:'),
                  actions: raise(({ event }) => ({
                    type: 'CHANGE' as const,
                    stepId: event.value.slice('change:'.length),
                  })),
                },
              ],
              CHANGE: {
                guard: ({ context, event }) =>
                  context.route !== undefined &&
                  hasFlow(context.route) &&
                  activeSteps(getFlow(context.route), context.answers).some(
                    (s) => s.id === event.stepId,
                  ),
                target: 'flow',
                actions: assign(({ event }) => ({ stepId: event.stepId, attempts: 0 })),
              },
              BACK: {
                target: 'flow',
                actions: assign(({ context }) => ({
                  stepId: context.trail[context.trail.length - 1] ?? context.stepId,
                  trail: context.trail.slice(0, -1),
                  returnToCheck: false,
                })),
              },
            },
          },
          consent: {
            entry: assign(({ context }) => ({ submissionId: context.submissionId ?? newId() })),
            on: {
              TEXT: [
                ...textHandlers('consent'),
                { actions: notice({ key: 'common:consent.hint' }) },
              ],
              CHOOSE: [
                {
                  guard: chosen('agree'),
                  target: 'submitting',
                  actions: assign(({ context }) => ({
                    consent: {
                      agreed: true,
                      statement: 'common:consent.statement',
                      at: now().toISOString(),
                    },
                    path: [...context.path, 'consent'],
                  })),
                },
                { guard: chosen('disagree'), actions: notice({ key: 'common:consent.declined' }) },
                { guard: chosen('human'), actions: raise({ type: 'HUMAN' }) },
              ],
              BACK: 'check',
            },
          },
          submitting: {
            invoke: {
              src: 'submitReport',
              input: ({ context }): SubmissionInput => submissionInput(context),
              onDone: {
                target: 'submitted',
                actions: [
                  assign(({ context, event }) => ({
                    reference: event.output.reference,
                    path: [...context.path, 'submitted'],
                  })),
                  emit(({ event }) => ({
                    type: 'submitted' as const,
                    reference: event.output.reference,
                  })),
                ],
              },
              onError: { target: 'submitFailed' },
            },
          },
          submitFailed: {
            on: {
              TEXT: textHandlers('submitFailed'),
              CHOOSE: [
                { guard: chosen('retry'), target: 'submitting' },
                { guard: chosen('human'), actions: raise({ type: 'HUMAN' }) },
              ],
              BACK: 'check',
            },
          },
          submitted: anythingElse('submitted'),
          agency: anythingElse('agency'),
          information: anythingElse('information'),
          done: anythingElse('done'),
        },
      },
      emergency: {
        entry: 'emitEmergency',
        on: {
          TEXT: [
            {
              guard: ({ event }) => deps.detectEmergency(event.text).emergency,
              target: 'emergency',
              reenter: true,
              actions: 'enterEmergency',
            },
            ...textHandlers('emergency').slice(1),
            { actions: notice({ key: 'common:emergency.stillHere' }) },
          ],
          CHOOSE: [
            {
              guard: ({ context, event }) =>
                chosen('not-emergency')({ event }) && context.returnTo === 'handoff',
              target: 'handoff',
              actions: assign(({ context }) => ({ path: [...context.path, 'not-emergency'] })),
            },
            {
              guard: chosen('not-emergency'),
              target: '#triage.conversation.hist',
              actions: assign(({ context }) => ({ path: [...context.path, 'not-emergency'] })),
            },
            { guard: chosen('restart'), actions: raise({ type: 'RESTART' }) },
          ],
          BACK: [
            { guard: 'returnToHandoff', target: 'handoff' },
            { target: '#triage.conversation.hist' },
          ],
        },
      },
      handoff: {
        entry: assign({ returnTo: 'handoff' }),
        exit: assign({ returnTo: 'conversation' }),
        on: {
          // Anything else typed here is for the person at the desk; the host relays it.
          TEXT: [
            {
              guard: ({ event }) => deps.detectEmergency(event.text).emergency,
              target: '#triage.emergency',
              actions: [assign({ returnTo: 'handoff' }), 'enterEmergency'],
            },
          ],
          CHOOSE: { guard: chosen('back-to-bot'), target: '#triage.conversation.hist' },
          BACK: '#triage.conversation.hist',
          HUMAN: { actions: notice({ key: 'common:handoff.already' }) },
        },
      },
      language: {
        on: {
          TEXT: [...textHandlers('language'), { actions: notice({ key: 'common:language.hint' }) }],
          CHOOSE: {
            guard: ({ event }) => isUiLocale(event.value.replace(/^lang:/, '')),
            target: '#triage.conversation.hist',
            actions: [
              assign(({ event }) => {
                const code = event.value.replace(/^lang:/, '');
                return isUiLocale(code) ? { locale: code } : {};
              }),
              emit(({ context }) => ({
                type: 'notice' as const,
                level: 'info' as const,
                message: { key: 'common:language.changed', locale: context.locale },
              })),
            ],
          },
          // A language named in words at the menu ("Polski", "Cymraeg": what a Telegram keyboard
          // or a typed reply sends) is the same choice as pressing it: change, and go back to
          // where the person was. The global LANGUAGE handler alone would leave them on the menu.
          LANGUAGE: {
            target: '#triage.conversation.hist',
            actions: changeLanguage,
          },
          BACK: '#triage.conversation.hist',
        },
      },
      stopped: {
        on: {
          // Any new message after a stop starts afresh (a person who texts again wants help again).
          TEXT: [
            {
              guard: ({ event }) => deps.detectEmergency(event.text).emergency,
              target: '#triage.emergency',
              actions: 'enterEmergency',
            },
            // STOP again (people and carriers repeat it) is not a request for help: stay stopped.
            { guard: ({ event }) => matchCommand(event.text) === 'stop' },
            {
              target: '#triage.conversation.safety',
              actions: assign(({ context }) => ({
                ...fresh(context),
                safetyAnswered: false,
                path: [],
              })),
            },
          ],
          START: {
            target: '#triage.conversation.safety',
            actions: assign(({ context }) => ({
              ...fresh(context),
              safetyAnswered: false,
              path: [],
            })),
          },
        },
      },
    },
  });
}

function submissionInput(context: TriageContext): SubmissionInput {
  const route = context.route;
  if (!route || !hasFlow(route) || !context.consent || !context.submissionId) {
    throw new Error('submission without a route, consent or id');
  }
  const def = routeDef(route);
  const team = def.kind !== 'agency' ? def.team : undefined;
  if (!team) throw new Error(`route ${route} has no team`);
  // Answers to steps that no longer apply (a changed answer turned a condition off) are dropped.
  const active = new Set(activeSteps(getFlow(route), context.answers).map((s) => s.id));
  const answers = Object.fromEntries(
    Object.entries(context.answers).filter(([id]) => active.has(id)),
  );
  return {
    submissionId: context.submissionId,
    route,
    team,
    locale: context.locale,
    answers,
    ...(context.description ? { description: context.description } : {}),
    consent: context.consent,
    triage: {
      ...(context.classified
        ? { classifiedRoute: context.classified.route, confidence: context.classified.confidence }
        : {}),
      path: context.path,
    },
    startedAt: context.startedAt,
  };
}

export type TriageMachine = ReturnType<typeof createTriageMachine>;
export type TriageSnapshot = SnapshotFrom<TriageMachine>;
