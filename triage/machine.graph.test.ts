import { transition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { EMERGENCY_PHRASES } from '../tests/support/emergencies';
import { currentStep, validAnswer } from '../tests/support/answers';
import { testDeps } from '../tests/support/triage';
import { createTriageMachine, type TriageSnapshot } from './machine';
import { getPrompt, promptState, type PromptState } from './prompt';
import { ROUTE_IDS, routeDef, type RouteId } from './routes';
import type { TriageEvent } from './types';

/**
 * Model-based path coverage with xstate/graph. The event set at each state is what a person could
 * do there: press any option the prompt offers, give a valid answer to the step (both ways for
 * yes/no and choices, so conditional steps are taken and not taken), skip, go back, ask for a
 * person, describe something. States are told apart by where they are, not by every answer, which
 * keeps the graph finite while still covering every step of every flow.
 */
const deps = testDeps();
const machine = createTriageMachine(deps);
// Graph traversal never awaits, so a flow's path ends where the submission starts ("submitting");
// the asynchronous part (submitted, submitFailed, retry) is proven with live actors in
// machine.test.ts, for every route.

const DESCRIPTIONS = ['my bike was stolen from my garden', 'qwzx plorp vvv'];

function eventsFor(snapshot: TriageSnapshot): TriageEvent[] {
  const prompt = getPrompt(snapshot, deps);
  const events: TriageEvent[] = prompt.options.map((o) => ({ type: 'CHOOSE', value: o.value }));
  const step = currentStep(snapshot.context);
  if (prompt.id.startsWith('step:') && step) {
    events.push(validAnswer(step, 0), validAnswer(step, 1));
    if (step.optional) events.push({ type: 'SKIP' });
  }
  if (promptState(snapshot) === 'check') {
    events.push({ type: 'CHANGE', stepId: snapshot.context.trail[0] ?? '' });
  }
  if (promptState(snapshot) === 'describe') {
    for (const text of DESCRIPTIONS) events.push({ type: 'TEXT', text });
  }
  events.push({ type: 'BACK' }, { type: 'HUMAN' }, { type: 'LANGUAGE_MENU' }, { type: 'CANCEL' });
  return events;
}

const serializeState = (s: TriageSnapshot) =>
  JSON.stringify([
    s.value,
    s.context.route,
    s.context.stepId,
    s.context.menuGroup,
    s.context.returnTo,
    s.context.safetyAnswered,
    s.context.returnToCheck,
  ]);

const started = performance.now();
const paths = getShortestPaths(machine, {
  events: eventsFor,
  serializeState: serializeState,
  input: { locale: 'en' },
});
const graphMs = performance.now() - started;
const reached = paths.map((p) => p.state);

test('the graph is finite and quick to explore', () => {
  // eslint-disable-next-line no-console
  console.log(`${String(paths.length)} states in ${graphMs.toFixed(0)} ms`);
  expect(paths.length).toBeGreaterThan(400);
  expect(graphMs).toBeLessThan(60_000);
});

test('every resting state of the machine is reachable', () => {
  const states = new Set(reached.map((s) => promptState(s)));
  const all: PromptState[] = [
    'safety',
    'describe',
    'confirm',
    'menu',
    'flow',
    'check',
    'consent',
    'submitting',
    'agency',
    'information',
    'done',
    'emergency',
    'handoff',
    'language',
    'stopped',
  ];
  expect([...states].sort()).toEqual(expect.arrayContaining(all));
});

test.each(ROUTE_IDS as readonly RouteId[])('a path from the start to the end of %s', (route) => {
  const kind = routeDef(route).kind;
  const end: PromptState =
    kind === 'agency'
      ? 'agency'
      : kind === 'information'
        ? 'information'
        : kind === 'emergency'
          ? 'emergency'
          : 'submitting';
  const path = paths.find(
    (p) =>
      promptState(p.state) === end &&
      (route === 'emergency'
        ? p.state.context.emergency !== undefined
        : p.state.context.route === route),
  );
  expect(path).toBeDefined();
  if (end === 'submitting') expect(path?.state.context.consent?.agreed).toBe(true);
});

test('every step of every flow is reached', () => {
  const seen = new Set(
    reached
      .filter((s) => promptState(s) === 'flow')
      .map((s) => `${s.context.route ?? ''}.${s.context.stepId ?? ''}`),
  );
  // Each flow step is reachable by some combination of yes/no and choices.
  for (const route of ROUTE_IDS) {
    const def = routeDef(route);
    if (def.kind !== 'police-report' && def.kind !== 'police-request') continue;
    const steps = [...seen].filter((k) => k.startsWith(`${route}.`));
    expect([route, steps.length > 3]).toEqual([route, true]);
  }
});

/**
 * The emergency detector runs on every typed message in every state: from every state reached,
 * an emergency typed in each language goes to the 999 guidance.
 */
describe.each(Object.entries(EMERGENCY_PHRASES))('emergency typed in %s', (lang, phrases) => {
  test('interrupts every state that takes text, with 999 guidance', () => {
    const misses: string[] = [];
    for (const snapshot of reached) {
      for (const text of phrases) {
        const [next] = transition(machine, snapshot, { type: 'TEXT', text });
        if (promptState(next) !== 'emergency') misses.push(`${serializeState(snapshot)} ← ${text}`);
      }
    }
    expect(misses).toEqual([]);
  });
});
