import { FLOW_ROUTE_IDS, type FlowRouteId, type RouteId } from './routes';
import { getFlow, answersSchema } from './flows';
import { Conversation, testDeps, testTranslator } from '../tests/support/triage';
import { EXAMPLE_PROFILE } from './profile';
import { currentStep, validAnswer } from '../tests/support/answers';

/** Walks the current flow with valid answers until it leaves the flow (at check-your-answers). */
function answerAll(c: Conversation, branch = 0): void {
  for (let i = 0; i < 80 && c.prompt.id.startsWith('step:'); i++) {
    const step = currentStep(c.context);
    if (!step) throw new Error('no current step');
    c.send(validAnswer(step, branch));
    const errors = c.emitted.filter((e) => e.type === 'notice' && e.level === 'error');
    if (errors.length > 0) throw new Error(`${step.id}: ${JSON.stringify(errors)}`);
  }
}

/** Straight to a route through the menu, as someone tapping buttons would. */
function toRoute(c: Conversation, route: RouteId): void {
  c.choose('no').choose('menu');
  const group = ['crime', 'road', 'people', 'existing', 'apply', 'other', 'agencies'].find((g) => {
    c.choose(`group:${g}`);
    const found = c.prompt.options.some((o) => o.value === `route:${route}`);
    if (!found) c.send({ type: 'BACK' });
    return found;
  });
  if (!group) throw new Error(`${route} is not in the menu`);
  c.choose(`route:${route}`);
}

describe('start and safety', () => {
  test('opens with a welcome and the safety question', () => {
    const c = new Conversation(testDeps());
    expect(c.prompt.id).toBe('safety');
    expect(c.prompt.messages.map((m) => m.key)).toEqual([
      'common:welcome',
      'common:safety.question',
    ]);
    expect(c.prompt.options.map((o) => o.value)).toEqual(['yes', 'no']);
  });

  test('"yes" to the safety question gives 999 guidance; "not an emergency" carries on', () => {
    const c = new Conversation(testDeps()).choose('yes');
    expect(c.prompt.id).toBe('emergency');
    expect(c.say().join(' ')).toMatch(/999.*18000.*55/s);
    expect(c.emitted.map((e) => e.type)).toContain('emergency');
    c.choose('not-emergency');
    expect(c.prompt.id).toBe('describe');
  });

  test('typed yes/no words work, in Welsh and Polish too', () => {
    for (const [word, state] of [
      ['nope', 'describe'],
      ['na', 'describe'],
      ['nie', 'describe'],
      ['2', 'describe'],
      ['yeah', 'emergency'],
      ['tak', 'emergency'],
    ] as const) {
      expect([word, new Conversation(testDeps()).text(word).prompt.id]).toEqual([word, state]);
    }
  });

  test('a description before the safety question is kept, and the question still asked', () => {
    const c = new Conversation(testDeps()).text('my bike was nicked from outside the station');
    expect(c.prompt.id).toBe('safety');
    expect(c.prompt.messages.map((m) => m.key)).toEqual([
      'common:welcome',
      'common:safety.first',
      'common:safety.question',
    ]);
    c.choose('no');
    expect(c.prompt.id).toBe('confirm');
    expect(c.context.description).toContain('bike');
  });
});

test.each(['Hi', 'hello!', '/start', 'GET_STARTED', 'shwmae', 'dzień dobry'])(
  'a greeting (%s) as the first message just opens the conversation',
  (greeting) => {
    const c = new Conversation(testDeps()).text(greeting);
    expect(c.prompt.id).toBe('safety');
    expect(c.context.description).toBeUndefined();
    expect(c.prompt.messages[0]?.key).toBe('common:welcome');
    expect(c.choose('no').prompt.id).toBe('describe');
  },
);

describe('finding out what they need', () => {
  test('a clear description is proposed for confirmation; yes starts its flow', () => {
    const c = new Conversation(testDeps())
      .choose('no')
      .text('someone smashed my car window and took my laptop');
    expect(c.prompt.id).toBe('confirm');
    expect(c.context.candidates[0]?.route).toBe('crime');
    c.choose(c.prompt.options[0]?.value ?? '');
    expect(c.prompt.id).toBe('step:crime.what');
    expect(c.prompt.progress).toEqual(expect.objectContaining({ step: 1 }));
  });

  test('"no" to the proposal shows the menu', () => {
    const c = new Conversation(testDeps()).choose('no').text('someone smashed my car window');
    c.choose('no');
    expect(c.prompt.id).toBe('menu');
  });

  test('gibberish goes to the menu, saying it was not understood', () => {
    const c = new Conversation(testDeps()).choose('no').text('qwzx plorp vvv');
    expect(c.prompt.id).toBe('menu');
    expect(c.notices()).toEqual(['common:menu.notSure']);
  });

  test('a language it cannot read goes to the menu, with 999 in that language, never a route', () => {
    const c = new Conversation(testDeps())
      .choose('no')
      .text('Bună ziua, mi-a fost furată bicicleta din fața casei ieri seară');
    expect(c.prompt.id).toBe('menu');
    expect(c.notices()).toEqual(['common:menu.foreignLanguage']);
    expect(c.prompt.messages[0]).toEqual({ key: 'emergency:reminder', locale: 'ro' });
    expect(c.prompt.options.map((o) => o.value)).toContain('human');
  });

  test('someone writing in Welsh is answered in Welsh', () => {
    const c = new Conversation(testDeps())
      .choose('no')
      .text('Mae rhywun wedi dwyn fy meic o flaen y tŷ neithiwr');
    expect(c.context.locale).toBe('cy');
    expect(c.prompt.locale).toBe('cy');
  });

  test('the menu has two levels and back goes up one', () => {
    const c = new Conversation(testDeps()).choose('no').choose('menu');
    expect(c.prompt.options.map((o) => o.value)).toContain('group:road');
    c.choose('group:road');
    expect(c.prompt.options.map((o) => o.value)).toContain('route:rtc');
    c.send({ type: 'BACK' });
    expect(c.prompt.options.map((o) => o.value)).toContain('group:road');
    c.send({ type: 'BACK' });
    expect(c.prompt.id).toBe('describe');
  });

  test('typed option numbers and words pick menu entries', () => {
    const c = new Conversation(testDeps()).choose('no').choose('menu').text('2');
    expect(c.context.menuGroup).toBe('road');
    c.text('report a road traffic collision');
    expect(c.prompt.id).toBe('step:rtc.' + (getFlow('rtc').steps[0]?.id ?? ''));
  });
});

describe('agencies and information', () => {
  test('fraud goes to Report Fraud with its contact details, then "anything else?"', () => {
    const c = new Conversation(testDeps())
      .choose('no')
      .text('i got scammed by a fake website selling trainers, lost £120');
    expect(c.context.candidates[0]?.route).toBe('agency:report-fraud');
    c.choose(c.prompt.options[0]?.value ?? '');
    expect(c.prompt.id).toBe('agency');
    expect(c.prompt.card).toEqual(
      expect.objectContaining({
        kind: 'agency',
        contact: expect.objectContaining({ phone: '0300 123 2040' }) as unknown,
      }),
    );
    expect(c.say().join(' ')).toMatch(/Report Fraud/);
    c.choose('more');
    expect(c.prompt.id).toBe('describe');
  });

  test('an information route answers, then "no, that\'s all" ends kindly', () => {
    const c = new Conversation(testDeps());
    toRoute(c, 'lost-property');
    expect(c.prompt.id).toBe('information');
    c.choose('done');
    expect(c.prompt.id).toBe('done');
    c.text('actually my neighbour keeps dumping rubbish in the alley');
    expect(['confirm', 'menu']).toContain(c.prompt.id);
  });

  test('every route is reachable from the menu and ends where its kind belongs', () => {
    for (const route of [
      ...FLOW_ROUTE_IDS,
      'your-area',
      'lost-property',
      'not-police',
      'agency:rspca',
    ] as RouteId[]) {
      const c = new Conversation(testDeps());
      toRoute(c, route);
      const expected = route.startsWith('agency:')
        ? 'agency'
        : ['your-area', 'lost-property', 'not-police'].includes(route)
          ? 'information'
          : `step:${route}.`;
      expect([route, c.prompt.id.startsWith(expected)]).toEqual([route, true]);
    }
  });
});

describe('a flow, one step at a time', () => {
  test('an invalid answer gives a localised error and stays; three offer a person', () => {
    const c = new Conversation(testDeps());
    toRoute(c, 'crime');
    answerUntil(c, 'when');
    for (let i = 0; i < 3; i++) {
      c.text('in the year 3000');
      expect(c.prompt.id).toBe('step:crime.when');
      expect(c.emitted).toContainEqual(expect.objectContaining({ type: 'notice', level: 'error' }));
    }
    expect(c.prompt.messages[0]?.key).toBe('common:flow.offerHuman');
  });

  test('back goes to the previous step, and from the first step back to describe', () => {
    const c = new Conversation(testDeps());
    toRoute(c, 'crime');
    const first = c.prompt.id;
    c.send(validAnswer(currentStep(c.context)!));
    expect(c.prompt.id).not.toBe(first);
    c.text('back');
    expect(c.prompt.id).toBe(first);
    c.send({ type: 'BACK' });
    expect(c.prompt.id).toBe('describe');
  });

  test('check answers, change one, come back to check, consent, submitted with a reference', async () => {
    const deps = testDeps();
    const c = new Conversation(deps);
    toRoute(c, 'crime');
    answerAll(c, 1);
    expect(c.prompt.id).toBe('check');
    const card = c.prompt.card;
    expect(card?.kind).toBe('check-answers');
    const rows = card?.kind === 'check-answers' ? card.rows : [];
    expect(rows.length).toBeGreaterThan(5);
    c.choose('change:where');
    expect(c.prompt.id).toBe('step:crime.where');
    c.text('CM2 0PP');
    expect(c.prompt.id).toBe('check');
    c.choose('continue');
    expect(c.prompt.id).toBe('consent');
    c.choose('disagree');
    expect(c.notices()).toEqual(['common:consent.declined']);
    c.choose('agree');
    await c.settled();
    expect(c.prompt.id).toBe('submitted');
    expect(c.say()[0]).toMatch(/BL-TEST1/);
    const [submission] = deps.submitted;
    expect(submission?.route).toBe('crime');
    expect(submission?.team).toBe('crime-bureau');
    expect(answersSchema(getFlow('crime')).safeParse(submission?.answers).success).toBe(true);
    expect(JSON.stringify(submission?.answers.where)).toContain('CM2 0PP');
  });

  test('a failed submission says so, keeps the answers, and can be retried', async () => {
    let fail = true;
    const deps = testDeps({
      submit: () =>
        fail ? Promise.reject(new Error('store down')) : Promise.resolve({ reference: 'BL-OK' }),
    });
    const c = new Conversation(deps);
    toRoute(c, 'general-enquiry');
    answerAll(c);
    c.choose('continue').choose('agree');
    await c.settled();
    expect(c.prompt.id).toBe('submitFailed');
    expect(c.say().join(' ')).toMatch(/NOT been sent/);
    const answers = c.context.answers;
    fail = false;
    c.choose('retry');
    await c.settled();
    expect(c.prompt.id).toBe('submitted');
    expect(c.context.answers).toEqual(answers);
  });

  test('the same submission id is used when a submission is retried', async () => {
    const ids: string[] = [];
    const deps = testDeps({
      submit: (input) => {
        ids.push(input.submissionId);
        return ids.length === 1
          ? Promise.reject(new Error('x'))
          : Promise.resolve({ reference: 'R' });
      },
    });
    const c = new Conversation(deps);
    toRoute(c, 'media');
    answerAll(c);
    c.choose('continue').choose('agree');
    await c.settled();
    c.choose('retry');
    await c.settled();
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });
});

describe('global commands', () => {
  test('help, language, handoff, stop and restart work from the middle of a flow', () => {
    const c = new Conversation(testDeps());
    toRoute(c, 'rtc');
    const step = c.prompt.id;
    c.text('help');
    expect(c.notices()).toEqual(['common:help']);
    expect(c.prompt.id).toBe(step);

    c.text('cymraeg');
    expect(c.prompt.locale).toBe('cy');
    expect(c.prompt.id).toBe(step);
    c.text('change language');
    expect(c.prompt.id).toBe('language');
    c.choose('lang:en');
    expect(c.prompt.id).toBe(step);
    expect(c.prompt.locale).toBe('en');
    // The language's own name, typed (or sent by a Telegram keyboard), chooses it too.
    c.text('change language');
    c.text('Polski');
    expect(c.prompt.id).toBe(step);
    expect(c.prompt.locale).toBe('pl');
    c.text('English');
    expect(c.prompt.id).toBe(step);
    expect(c.prompt.locale).toBe('en');

    c.text('talk to a person');
    expect(c.prompt.id).toBe('handoff');
    expect(c.emitted.map((e) => e.type)).toContain('handoff');
    c.text('my car is a write-off, who pays?');
    expect(c.prompt.id).toBe('handoff');
    c.choose('back-to-bot');
    expect(c.prompt.id).toBe(step);

    c.text('STOP');
    expect(c.prompt.id).toBe('stopped');
    expect(c.emitted.map((e) => e.type)).toContain('stopped');
    c.text('hello again');
    expect(c.prompt.id).toBe('safety');
    expect(c.context.answers).toEqual({});
  });

  test('start again from anywhere goes back to the safety question', () => {
    const c = new Conversation(testDeps());
    toRoute(c, 'asb');
    c.text('start again');
    expect(c.prompt.id).toBe('safety');
    expect(c.context.route).toBeUndefined();
  });

  test('an emergency while waiting for a person returns to the wait afterwards', () => {
    const c = new Conversation(testDeps()).choose('no').send({ type: 'HUMAN' });
    c.text('hes back and hes got a knife');
    expect(c.prompt.id).toBe('emergency');
    c.choose('not-emergency');
    expect(c.prompt.id).toBe('handoff');
  });

  // 2026-11-25T14:00Z is a Wednesday afternoon, inside the example profile's desk hours.
  test.each([
    [{}, 'common:handoff.unavailable'],
    [{ deskConnected: false }, 'common:handoff.unavailable'],
    [{ deskConnected: true }, 'common:handoff.open'],
    [{ deskConnected: true, now: () => new Date('2026-11-25T03:00:00Z') }, 'common:handoff.closed'],
  ] as const)('asking for a person with %j says %s', (overrides, key) => {
    const c = new Conversation(testDeps(overrides)).choose('no').send({ type: 'HUMAN' });
    expect(c.prompt.id).toBe('handoff');
    expect(c.prompt.messages[0]?.key).toBe(key);
    // Never a promise that someone will join when no desk is there to see it.
    const text = testTranslator().t(c.prompt.messages[0] ?? { key }, 'en');
    expect(text).toContain('999');
    if (key === 'common:handoff.unavailable') {
      expect(text).toContain(EXAMPLE_PROFILE.nonEmergencyNumber);
    }
  });
});

describe('persist and restore', () => {
  test.each(FLOW_ROUTE_IDS as readonly FlowRouteId[])(
    '%s survives a save and restore mid-flow',
    async (route) => {
      const deps = testDeps();
      const c = new Conversation(deps);
      toRoute(c, route);
      // Answer half the steps, then restore from a JSON round trip of the persisted snapshot.
      const half = Math.max(1, Math.floor((c.prompt.progress?.of ?? 2) / 2));
      for (let i = 0; i < half; i++) c.send(validAnswer(currentStep(c.context)!));
      const before = c.prompt;
      const saved: unknown = JSON.parse(JSON.stringify(c.actor.getPersistedSnapshot()));
      c.actor.stop();
      const restored = new Conversation(deps, 'en', saved as never);
      expect(restored.prompt).toEqual(before);
      answerAll(restored);
      restored.choose('continue').choose('agree');
      await restored.settled();
      expect(restored.prompt.id).toBe('submitted');
      expect(deps.submitted[0]?.route).toBe(route);
    },
  );
});

function answerUntil(c: Conversation, stepId: string): void {
  for (let i = 0; i < 40 && c.context.stepId !== stepId; i++)
    c.send(validAnswer(currentStep(c.context)!));
}
