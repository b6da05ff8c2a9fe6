import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDeps } from '../tests/support/triage';
import { createTriageMachine } from '../triage/machine';
import { InboundActivitySchema, type InboundActivity } from './inbound';
import { runTurn, type ConversationRecord, type TurnDeps } from './turn';

/**
 * The turn as a person on a phone meets it: activities shaped as each channel sends them
 * (tests/fixtures/channels), one conversation record carried from turn to turn.
 */

const triage = testDeps();
const deps: TurnDeps = {
  machine: createTriageMachine(triage),
  triage,
  resumeAfterMs: 30 * 60_000,
  expireAfterMs: 24 * 60 * 60_000,
};

function fixture(name: string): InboundActivity {
  const path = join(__dirname, '..', 'tests', 'fixtures', 'channels', `${name}.json`);
  const { activity } = JSON.parse(readFileSync(path, 'utf8')) as { activity: unknown };
  return InboundActivitySchema.parse(activity);
}

class Phone {
  record: ConversationRecord | undefined;
  constructor(private readonly base: string) {}

  async send(change: Partial<InboundActivity>) {
    const outcome = await runTurn({ ...fixture(this.base), ...change }, this.record, deps);
    this.record = outcome.record ?? this.record;
    return {
      ...outcome,
      words: outcome.replies.map((r) => ('text' in r ? r.text : '')).join('\n'),
    };
  }

  say(text: string) {
    return this.send({ text });
  }

  /** A WhatsApp reply button as Twilio delivers it: the (maybe shortened) title and our id. */
  tap(title: string, id: unknown) {
    return this.send({
      text: title,
      channelData: { MessageType: 'button', ButtonText: title, ButtonPayload: JSON.stringify(id) },
    });
  }
}

/** Into a crime report, at the question "Is the person it happened to under 18?". */
async function toUnder18(phone: Phone) {
  for (const text of [
    'hello',
    'No',
    'my bike was stolen',
    'Yes',
    'Someone cut the lock and took my bike from outside my house',
    '1',
    'yesterday about 6pm',
    '12 High Street, Exampleton EX1 2AB',
  ]) {
    await phone.say(text);
  }
  const under18 = await phone.say('1');
  expect(under18.words).toContain('under 18?');
}

describe('STOP', () => {
  // People and carriers send STOP more than once; a second one is not a request for help.
  it.each(['STOP', 'unsubscribe', 'stopio', 'koniec'])(
    'a repeated stop word (%s) sends nothing and stays opted out',
    async (again) => {
      const phone = new Phone('sms.message');
      await phone.say('hello');
      const stopped = await phone.say('STOP');
      expect(stopped.words).toContain("You won't get any more messages");
      const repeated = await phone.say(again);
      expect(repeated.replies).toEqual([]);
      expect(repeated.record?.optedOut).toBe(true);
      expect(repeated.state).toBe('stopped');
    },
  );

  it('anything else after STOP starts afresh and lifts it; an emergency gets 999', async () => {
    const phone = new Phone('sms.message');
    await phone.say('STOP');
    const back = await phone.say('hello');
    expect(back.words).toContain('is anyone in immediate danger');
    expect(back.record?.optedOut).toBeUndefined();

    const danger = new Phone('sms.message');
    await danger.say('STOP');
    expect((await danger.say('stop he has a knife')).words).toContain('18000');
  });
});

describe('the language menu', () => {
  // A Telegram keyboard sends the button's words; they switched the language but asked again.
  it.each([
    ['telegram.message', 'Polski', 'Najpierw: czy komuś grozi'],
    ['telegram.message', 'Cymraeg', 'Yn gyntaf, oes unrhyw un mewn perygl'],
    ['sms.message', '3', 'Najpierw: czy komuś grozi'],
  ])('%s: "%s" chooses it and goes back to the question', async (base, pick, question) => {
    const phone = new Phone(base);
    await phone.say('hello');
    await phone.say('change language');
    const chosen = await phone.say(pick);
    expect(chosen.words).toContain(question);
    expect(chosen.state).toBe('safety');
  });

  it('an emergency typed at the language menu still gets 999', async () => {
    const phone = new Phone('telegram.message');
    await phone.say('hello');
    await phone.say('change language');
    expect((await phone.say('he has a knife')).words).toContain('18000');
  });
});

describe('WhatsApp buttons on earlier messages', () => {
  it('"Yes, someone is in danger" tapped mid-form gets 999, not "yes, under 18"', async () => {
    const phone = new Phone('whatsapp.message');
    await toUnder18(phone);
    const late = await phone.tap('Yes, someone is in…', { choice: 'yes', prompt: 'safety' });
    expect(late.words).toContain('18000');
    expect(late.words).toContain('press 55');
    expect(late.state).toBe('emergency');
  });

  it('any other earlier button is set aside, and the question asked again', async () => {
    const phone = new Phone('whatsapp.message');
    await toUnder18(phone);
    const late = await phone.tap('Yes', { choice: 'yes', prompt: 'proposing' });
    expect(late.words).toContain('That button was for an earlier question');
    expect(late.words).toContain('under 18?');
    // The question's own button still answers it.
    const now = await phone.tap('No', { choice: 'no', prompt: 'step:crime.victimUnder18' });
    expect(now.words).toContain('Was anyone hurt?');
  });
});

describe('a shared location where none is asked for', () => {
  it.each(['telegram.location', 'facebook.location', 'whatsapp.location'])(
    '%s is answered, with the 999 line and the question again',
    async (name) => {
      const phone = new Phone(name.replace('.location', '.message'));
      await phone.say('hello');
      const { channelData, attachments, entities } = fixture(name);
      const shared = await phone.send({ text: '', channelData, attachments, entities });
      expect(shared.words).toContain("I can't use a shared location at this point");
      expect(shared.words).toContain('call 999');
      expect(shared.words).toContain('is anyone in immediate danger');
    },
  );
});

describe('a chat that reconnects mid-report', () => {
  // After a restart the web page reconnects to the same conversation but shows nothing of what went
  // before; the channel's "conversation started" must not drop the person into a bare question.
  const rejoin = async (phone: Phone) => {
    const outcome = await runTurn(fixture('webchat.conversationUpdate'), phone.record, deps);
    phone.record = outcome.record ?? phone.record;
    return outcome.replies.map((r) => ('text' in r ? r.text : '')).join('\n');
  };

  it('is asked whether to carry on, however short the time away, and carries on', async () => {
    const phone = new Phone('webchat.message');
    await toUnder18(phone);
    expect(await rejoin(phone)).toContain('carry on where you left off');
    const carried = await phone.say('Carry on');
    expect(carried.words).toContain('under 18?');
  });

  it('before any report, is simply shown the question it was at', async () => {
    const phone = new Phone('webchat.message');
    await phone.say('hello');
    const words = await rejoin(phone);
    expect(words).not.toContain('carry on where you left off');
    expect(words).toContain('danger');
  });
});
