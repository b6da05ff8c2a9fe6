import { TestAdapter, type Activity } from 'botbuilder';
import { loadResources } from '../locales/load';
import { StateStorage } from '../store';
import { openTestStore, type TestStore } from '../store/testing';
import { defaultClassifier, detectEmergency } from '../triage/classifier';
import { createTranslator } from '../triage/i18n';
import { createTriageMachine } from '../triage/machine';
import { EXAMPLE_PROFILE } from '../triage/profile';
import { BluelampBot } from './bot';
import { createLogger } from './logger';

/**
 * A channel that gets no answer in time delivers the same activity again (same id, same words).
 * Applying it twice would answer the next question with it too, so the second copy is ignored —
 * also when both copies arrive at once.
 */
describe('the same activity delivered twice', () => {
  let t: TestStore;
  let adapter: TestAdapter;
  beforeAll(async () => {
    t = await openTestStore('pglite');
    const translator = createTranslator(loadResources());
    const machine = createTriageMachine({
      classifier: defaultClassifier,
      detectEmergency,
      profile: EXAMPLE_PROFILE,
      translator,
      submit: () => Promise.reject(new Error('not in this test')),
    });
    const bot = new BluelampBot({
      storage: new StateStorage(t.db),
      logger: createLogger('silent'),
      turn: {
        machine,
        triage: { profile: EXAMPLE_PROFILE, translator, detectEmergency },
        resumeAfterMs: 30 * 60_000,
        expireAfterMs: 24 * 60 * 60_000,
      },
    });
    adapter = new TestAdapter((context) => bot.onTurn(context));
  });
  afterAll(() => t.cleanup());

  function message(conversation: string, id: string, text: string): Partial<Activity> {
    return {
      type: 'message',
      id,
      text,
      channelId: 'webchat',
      from: { id: `user-${conversation}`, name: '' },
      recipient: { id: 'bluelamp', name: '' },
      conversation: { id: conversation, name: '', isGroup: false, conversationType: '' },
    };
  }

  async function send(activities: Partial<Activity>[]): Promise<string[]> {
    adapter.activeQueue.splice(0);
    await Promise.all(activities.map((a) => adapter.processActivity(a)));
    return adapter.activeQueue.splice(0).map((r) => r.text ?? '');
  }

  /** Into the crime form, at its first question. */
  async function intoForm(conversation: string): Promise<void> {
    await send([message(conversation, 'm1', 'hello')]);
    await send([message(conversation, 'm2', 'no')]);
    await send([message(conversation, 'm3', 'my bike was stolen from my front garden')]);
    expect((await send([message(conversation, 'm4', 'yes')])).join('\n')).toMatch(/Step 1 of/);
  }

  test('one after the other: the second copy gets no reply and changes nothing', async () => {
    await intoForm('dup-seq');
    const answer = message('dup-seq', 'm5', 'someone took my bike from the front garden');
    expect((await send([answer])).join('\n')).toMatch(/Step 2 of/);
    expect(await send([answer])).toEqual([]);
    // Still on step 2: "help" re-asks the current question.
    expect((await send([message('dup-seq', 'm6', 'help')])).join('\n')).toMatch(/Step 2 of/);
  });

  test('both at once: applied once', async () => {
    await intoForm('dup-race');
    const answer = message('dup-race', 'm5', 'someone took my bike from the front garden');
    const replies = await send([answer, structuredClone(answer)]);
    expect(replies.filter((r) => /Step 2 of/.test(r))).toHaveLength(1);
    expect(replies.join('\n')).not.toMatch(/Step 3 of|Choose one of the options/);
  });

  test('a reused id with other words is a new message (a client that numbers afresh)', async () => {
    await intoForm('dup-reused');
    expect((await send([message('dup-reused', 'm1', 'help')])).join('\n')).toMatch(/Step 1 of/);
  });
});
