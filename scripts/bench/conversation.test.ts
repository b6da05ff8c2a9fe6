import {
  allText,
  startService,
  type ReplyActivity as ServiceReply,
  type RunningService,
} from '../../tests/support/service';
import {
  BluelampScript,
  buildCatalogue,
  ECHO_LINES,
  EchoScript,
  optionsOf,
  PERSONAS,
  proposedRoute,
  type Outcome,
  type Persona,
  type ReplyActivity,
} from './conversation';
import { toActivity } from './load';

const catalogue = buildCatalogue();

describe('reading what the bot offers', () => {
  test('suggested actions on the last reply, numbered as people would type them', () => {
    const options = optionsOf([
      { text: 'Thank you.' },
      {
        text: 'Was anyone hurt?',
        suggestedActions: {
          actions: [
            { title: 'Yes', value: { choice: 'yes' } },
            { title: 'No', value: { choice: 'no' } },
          ],
        },
      },
    ]);
    expect(options).toEqual([
      { value: 'yes', title: 'Yes', number: 1, from: 'button' },
      { value: 'no', title: 'No', number: 2, from: 'button' },
    ]);
  });

  test('Adaptive Card submits and multi-select choices', () => {
    const card = (content: unknown): ReplyActivity => ({
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }],
    });
    expect(
      optionsOf([
        card({
          body: [
            {
              type: 'ActionSet',
              actions: [
                { type: 'Action.Submit', title: 'Change', data: { choice: 'change:when' } },
              ],
            },
          ],
          actions: [{ type: 'Action.Submit', title: 'Continue', data: { choice: 'continue' } }],
        }),
      ]).map((o) => [o.value, o.from]),
    ).toEqual([
      ['change:when', 'card'],
      ['continue', 'card'],
    ]);
    expect(
      optionsOf([
        card({
          body: [
            { type: 'Input.ChoiceSet', id: 'choices', choices: [{ title: 'CCTV', value: 'cctv' }] },
          ],
          actions: [{ type: 'Action.Submit', title: 'Send', data: { submit: 'multi' } }],
        }),
      ]).map((o) => [o.value, o.from]),
    ).toEqual([['cctv', 'multi']]);
  });

  test.each([
    ['It sounds like this is about: Report a crime. Is that right?', 'crime'],
    [
      'It sounds like this is about: Fraud, a scam or cybercrime. Is that right?',
      'agency:report-fraud',
    ],
    ['It sounds like this is about: None of these. Is that right?', 'not-police'],
    ['Which of these is closest?', undefined],
  ])('proposedRoute(%j) = %s', (text, route) => {
    expect(proposedRoute(catalogue, text)).toBe(route);
  });
});

test('the echo script: join, the fixed lines, then over', () => {
  const s = new EchoScript();
  expect(s.next()).toEqual({ type: 'conversationUpdate' });
  const lines: (string | undefined)[] = [];
  for (let a = s.next(); a; a = s.next()) lines.push(a.text);
  expect(lines).toEqual(ECHO_LINES);
  expect(s.outcome).toBe('echoed');
});

/** Where each persona should end: a report, a redirect, or information. */
function expectedOutcomes(p: Persona): Outcome[] {
  const [first] = p.expect;
  if (first.startsWith('agency:')) return ['redirected'];
  if (first === 'lost-property') return ['informed'];
  return ['submitted'];
}

describe('every persona, against the real service over HTTP', () => {
  let svc: RunningService;
  beforeAll(async () => {
    svc = await startService();
  });
  afterAll(() => svc.stop());

  test.each(PERSONAS.flatMap((p) => [1, 2].map((seed) => [p.name, seed, p] as const)))(
    '%s (seed %d) reaches the end of its script with every answer taken',
    async (_name, seed, persona) => {
      const script = new BluelampScript(persona, catalogue, seed);
      const conversationId = `test-${persona.name}-${String(seed)}-${String(Date.now())}`;
      let replies: ServiceReply[] | undefined;
      let turns = 0;
      for (let a = script.next(replies); a; a = script.next(replies)) {
        const res = await fetch(`${svc.baseUrl}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(toActivity(a, conversationId, ++turns)),
        });
        expect(res.status).toBe(200);
        replies = ((await res.json()) as { activities: ServiceReply[] }).activities;
        expect(replies.length).toBeGreaterThan(0);
      }
      expect(expectedOutcomes(persona)).toContain(script.outcome);
      expect({ reprompts: script.reprompts, turnErrors: script.turnErrors }).toEqual({
        reprompts: 0,
        turnErrors: 0,
      });
      // The last turn is "start again": the bot greets afresh.
      expect(allText(replies ?? [])).toMatch(/immediate danger|start again/i);
      expect(turns).toBeGreaterThanOrEqual(4);
    },
  );
});
