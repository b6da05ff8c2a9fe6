import { startReceiver, type RunningReceiver } from '../records';
import { getFlow } from '../triage/flows';
import type { StepDef } from '../triage/flows/schema';
import { validAnswer } from '../tests/support/answers';
import {
  allText,
  HttpConversation,
  startService,
  type RunningService,
} from '../tests/support/service';
import { testTranslator } from '../tests/support/triage';
import type { TriageEvent } from '../triage/types';

/**
 * The whole chain: a person completes a crime report over /api/messages; the report arrives at a
 * records system (the reference receiver) signed, valid against bluelamp.report/v1, with what the
 * person said about where it happened and what was taken.
 */
const SECRET = 'chain-test-secret';

/** Which crime step a reply is asking, recognised by its question text in English. */
function askedStep(text: string): StepDef | undefined {
  const t = testTranslator();
  const steps = getFlow('crime').steps;
  return [...steps].reverse().find((s) => text.includes(t.t({ key: s.prompt }, 'en')));
}

function asActivity(event: TriageEvent): Record<string, unknown> {
  if (event.type === 'TEXT') return { text: event.text };
  if (event.type === 'CHOOSE') return { value: { choice: event.value } };
  if (event.type === 'ANSWER' && Array.isArray(event.value) && typeof event.value[0] === 'object') {
    // Files arrive as the activity's attachments, as a channel sends them.
    const files = event.value as { name: string; contentType: string; url: string }[];
    return {
      attachments: files.map((f) => ({
        name: f.name,
        contentType: f.contentType,
        contentUrl: f.url,
      })),
    };
  }
  if (event.type === 'ANSWER' && Array.isArray(event.value)) {
    return { value: { submit: 'multi', choices: (event.value as string[]).join(',') } };
  }
  throw new Error(`no activity for ${event.type}`);
}

describe('a crime report from chat to the records system', () => {
  let receiver: RunningReceiver;
  let svc: RunningService;
  beforeAll(async () => {
    receiver = await startReceiver({ secret: SECRET });
    svc = await startService({ RECORDS_WEBHOOK_URL: receiver.url, RECORDS_WEBHOOK_SECRET: SECRET });
  });
  afterAll(async () => {
    await svc.stop();
    await receiver.close();
  });

  test('arrives signed, valid, with the location and property given', async () => {
    const c = new HttpConversation(svc.baseUrl, 'webchat');
    await c.press('no');
    await c.say('someone stole my bike from outside my house last night');
    let reply = allText(await c.press('yes'));
    const overrides: Record<string, TriageEvent> = {
      where: { type: 'TEXT', text: 'outside 12 High Street, Chelmsford CM1 1AA' },
      propertyAffected: { type: 'CHOOSE', value: 'yes' },
      propertyItems: {
        type: 'TEXT',
        text: 'Blue Carrera Vengeance mountain bike, frame number WTU123456',
      },
    };
    for (let i = 0; i < 60 && !reply.includes('check your answers'); i++) {
      const step = askedStep(reply);
      if (!step) throw new Error(`unrecognised question: ${reply}`);
      reply = allText(await c.send(asActivity(overrides[step.id] ?? validAnswer(step, 1))));
    }
    expect(reply).toMatch(/check your answers/);
    await c.press('continue');
    const done = allText(await c.press('agree'));
    const reference = /reference is (BL-[A-Z0-9-]+)/.exec(done)?.[1];
    expect(reference).toBeDefined();

    const [received] = await receiver.waitForReports(1, 15_000);
    expect(received?.reference).toBe(reference);
    expect(receiver.events.filter((e) => e.outcome !== 'received')).toEqual([]);
    const report = received?.report;
    expect(report?.route).toBe('crime');
    expect(report?.channel).toBe('webchat');
    expect(JSON.stringify(report?.event)).toContain('CM1 1AA');
    expect(JSON.stringify(report?.property)).toContain('Carrera');
  });
});
