import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { z } from 'zod';
import { loadResources } from '../locales/load';
import { openStore, StateStorage } from '../store';
import { openTestStore, type TestStore } from '../store/testing';
import { defaultClassifier, detectEmergency } from '../triage/classifier';
import { createTranslator } from '../triage/i18n';
import { createTriageMachine, type SubmissionInput } from '../triage/machine';
import { EXAMPLE_PROFILE } from '../triage/profile';
import { BluelampBot, type BotDeps } from './bot';
import { loadConfig } from './config';
import { createLogger } from './logger';

/**
 * The real bot (real triage machine, real renderers) behind botbuilder's TestAdapter, fed
 * activities shaped the way each channel really sends them: the JSON fixtures in
 * tests/fixtures/channels/ (each says where its shape comes from). What comes back is checked
 * against what that channel can show.
 */

/* ---------------------------------------------------------------- fixtures */

const FIXTURES = join(__dirname, '..', 'tests', 'fixtures', 'channels');

const FixtureSchema = z.object({
  comment: z.string().min(20),
  activity: z.looseObject({
    type: z.string(),
    channelId: z.string(),
    conversation: z.looseObject({ id: z.string() }),
    from: z.looseObject({ id: z.string() }),
  }),
});

type Inbound = Partial<Activity> & Record<string, unknown>;

function fixture(name: string): Inbound {
  const raw: unknown = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
  return structuredClone(FixtureSchema.parse(raw).activity) as unknown as Inbound;
}

/** A record inside channelData, when there is one (Messenger's message, Telegram's message). */
function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The fixture with other words typed, kept consistent wherever the channel repeats the text. */
function withText(activity: Inbound, text: string): Inbound {
  const out = structuredClone(activity);
  out.text = text;
  const data = record(out.channelData);
  const message = record(data?.message);
  if (message && typeof message.text === 'string') message.text = text;
  if (data && typeof data.Body === 'string') data.Body = text;
  return out;
}

/* ---------------------------------------------------------------- the bot under test */

const translator = createTranslator(loadResources());
const profile = EXAMPLE_PROFILE;
const config = loadConfig({ RESUME_PROMPT_MINUTES: '30', IDLE_EXPIRY_MINUTES: '1440' });
const START = new Date('2026-11-24T10:00:00Z');

/** Time as the bot sees it: tests move it on to come back after the resume time. */
class Clock {
  private at = START.getTime();
  now = (): Date => new Date(this.at);
  advance(minutes: number): void {
    this.at += minutes * 60_000;
  }
}

interface Harness {
  readonly adapter: TestAdapter;
  readonly clock: Clock;
  readonly submitted: SubmissionInput[];
}

function createHarness(storage: BotDeps['storage']): Harness {
  const clock = new Clock();
  const submitted: SubmissionInput[] = [];
  const machine = createTriageMachine({
    classifier: defaultClassifier,
    detectEmergency,
    profile,
    translator,
    now: clock.now,
    // The records hand-off is not what these tests are about: a submission is kept in memory.
    submit: async (input) => {
      submitted.push(input);
      return Promise.resolve({ reference: `EXC-${String(100000 + submitted.length)}` });
    },
  });
  const bot = new BluelampBot({
    storage,
    logger: createLogger('silent'),
    turn: {
      machine,
      triage: { profile, translator, detectEmergency, now: clock.now },
      resumeAfterMs: config.RESUME_PROMPT_MINUTES * 60_000,
      expireAfterMs: config.IDLE_EXPIRY_MINUTES * 60_000,
    },
  });
  const adapter = new TestAdapter((context) => bot.onTurn(context));
  return { adapter, clock, submitted };
}

let conversations = 0;

/** One conversation on one channel, started from that channel's fixtures. */
class Chat {
  readonly conversationId: string;
  readonly log: Partial<Activity>[][] = [];

  constructor(
    readonly harness: Harness,
    readonly base: string,
  ) {
    const template = fixture(base);
    this.conversationId = `${String(template.conversation?.id)}-${String(++conversations)}`;
  }

  /** Sends an activity (a fixture, with this conversation's id) and returns the replies. */
  async send(activity: Inbound): Promise<Partial<Activity>[]> {
    const a = structuredClone(activity);
    a.conversation = {
      ...(a.conversation ?? {}),
      id: this.conversationId,
    } as Activity['conversation'];
    a.timestamp = this.harness.clock.now();
    a.id = `${this.conversationId}:${String(this.log.length)}`;
    const { adapter } = this.harness;
    adapter.activeQueue.splice(0);
    await adapter.processActivity(a);
    const replies = adapter.activeQueue.splice(0);
    this.log.push(replies);
    return replies;
  }

  /** Types `text` on this channel. */
  say(text: string): Promise<Partial<Activity>[]> {
    return this.send(withText(fixture(this.base), text));
  }

  /** Another of this channel's fixtures (a button press, a location…), in this conversation. */
  fixture(name: string, text?: string): Promise<Partial<Activity>[]> {
    const f = fixture(name);
    return this.send(text === undefined ? f : withText(f, text));
  }
}

/** Everything the person reads, as one string (texts and, for Web Chat, the cards' words). */
function words(replies: readonly Partial<Activity>[]): string {
  return replies
    .map((r) => [r.text ?? '', ...(r.attachments ?? []).map((a) => JSON.stringify(a.content))])
    .flat()
    .join('\n');
}

/* ---------------------------------------------------------------- channels */

type Kind = 'webchat' | 'facebook' | 'sms' | 'whatsapp' | 'telegram' | 'plain';

interface ChannelCase {
  readonly channel: string;
  /** The fixture a typed message on this channel is made from. */
  readonly message: string;
  /** The channel's conversationUpdate, when it sends one before the person says anything. */
  readonly start?: string;
  readonly kind: Kind;
}

const CHANNELS: readonly ChannelCase[] = [
  {
    channel: 'webchat',
    message: 'webchat.message',
    start: 'webchat.conversationUpdate',
    kind: 'webchat',
  },
  {
    channel: 'directline',
    message: 'directline.message',
    start: 'directline.conversationUpdate',
    kind: 'webchat',
  },
  {
    channel: 'emulator',
    message: 'emulator.message',
    start: 'emulator.conversationUpdate',
    kind: 'webchat',
  },
  { channel: 'facebook', message: 'facebook.message', kind: 'facebook' },
  { channel: 'sms', message: 'sms.message', kind: 'sms' },
  { channel: 'twilio-sms', message: 'twilio-sms.message', kind: 'sms' },
  { channel: 'whatsapp', message: 'whatsapp.message', kind: 'whatsapp' },
  { channel: 'telegram', message: 'telegram.message', kind: 'telegram' },
  { channel: 'msteams (no renderer of its own)', message: 'unknown.message', kind: 'plain' },
];

/* ---------------------------------------------------------------- what a channel can show */

/** GSM 03.38 basic set and extension table: anything else turns an SMS into 67-character parts. */
const GSM7 =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€';

function nonGsm(text: string): string[] {
  return [...new Set(Array.from(text).filter((c) => !GSM7.includes(c)))];
}

/** Markdown a plain-text channel would show as stray symbols. */
const MARKDOWN = /\*\*|\]\(|\\[*_`[\]#]|^[*_].*[*_]$|^#+ |`/m;

interface QuickReply {
  readonly title: string;
  readonly payload: string;
}

function quickReplies(reply: Partial<Activity>): QuickReply[] {
  const parsed = z
    .object({
      quick_replies: z.array(
        z.object({ content_type: z.literal('text'), title: z.string(), payload: z.string() }),
      ),
    })
    .safeParse(reply.channelData);
  return parsed.success ? parsed.data.quick_replies : [];
}

const TelegramCall = z.object({
  method: z.literal('sendMessage'),
  parameters: z.object({
    text: z.string(),
    reply_markup: z.union([
      z.object({
        keyboard: z.array(z.array(z.object({ text: z.string() })).length(1)),
        one_time_keyboard: z.literal(true),
        resize_keyboard: z.literal(true),
      }),
      z.object({ remove_keyboard: z.literal(true) }),
    ]),
  }),
});

function keyboard(reply: Partial<Activity> | undefined): string[] {
  const call = TelegramCall.safeParse(reply?.channelData);
  if (!call.success) return [];
  const markup = call.data.parameters.reply_markup;
  return 'keyboard' in markup ? markup.keyboard.map(([button]) => button?.text ?? '') : [];
}

function buttons(reply: Partial<Activity> | undefined): { title: string; value: unknown }[] {
  return (reply?.suggestedActions?.actions ?? []).map((a) => ({
    title: a.title,
    value: a.value as unknown,
  }));
}

/** Numbered options written out in text ("2. No"), as a person reads them. */
function numbered(replies: readonly Partial<Activity>[]): { n: number; label: string }[] {
  const text = replies.map((r) => r.text ?? '').join('\n');
  return [...text.matchAll(/^(\d+)\. (.+)$/gm)].map((m) => ({
    n: Number(m[1]),
    label: (m[2] ?? '').trim(),
  }));
}

/** A title shortened to fit (ending in "…") must still begin as the label does. */
function titleFits(title: string, label: string, max: number): boolean {
  if (Array.from(title).length > max) return false;
  const kept = title.replace(/…$/, '').trim();
  return kept.length > 0 && label.startsWith(kept);
}

/**
 * Asserts that one turn's replies are what `kind` can show. `labels` are the options the prompt
 * offers (in order), when it offers any; each channel must present all of them somehow.
 */
function expectShape(
  kind: Kind,
  replies: readonly Partial<Activity>[],
  labels: readonly string[] = [],
  multi = false,
) {
  expect(replies.length).toBeGreaterThan(0);
  const last = replies[replies.length - 1];
  for (const r of replies) {
    expect(r.type).toBe('message');
    if (kind !== 'webchat') {
      expect(r.attachments ?? []).toEqual([]);
      expect(r.textFormat).toBe('plain');
      expect(r.text).toBeTruthy();
    }
    if (kind === 'webchat') {
      for (const a of r.attachments ?? []) {
        expect(a.contentType).toBe('application/vnd.microsoft.card.adaptive');
      }
      for (const action of r.suggestedActions?.actions ?? []) {
        expect(['messageBack', 'postBack', 'imBack']).toContain(action.type);
      }
    }
    if (kind === 'facebook' || kind === 'sms' || kind === 'plain' || kind === 'telegram') {
      expect(r.text ?? '').not.toMatch(MARKDOWN);
    }
    if (kind === 'facebook') {
      expect(Array.from(r.text ?? '').length).toBeLessThanOrEqual(2000);
      expect(r.suggestedActions).toBeUndefined();
      if (r !== last) expect(r.channelData).toBeUndefined();
    }
    if (kind === 'sms') {
      expect(Array.from(r.text ?? '').length).toBeLessThanOrEqual(612);
      expect(nonGsm(r.text ?? '')).toEqual([]);
      expect(r.suggestedActions).toBeUndefined();
      expect(r.channelData).toBeUndefined();
    }
    if (kind === 'whatsapp') {
      expect(Array.from(r.text ?? '').length).toBeLessThanOrEqual(4096);
      expect(r.channelData).toBeUndefined();
      if (r !== last) expect(r.suggestedActions).toBeUndefined();
    }
    if (kind === 'telegram') {
      expect(r.suggestedActions).toBeUndefined();
      if (r !== last) expect(r.channelData).toBeUndefined();
    }
    if (kind === 'plain') {
      expect(r.suggestedActions).toBeUndefined();
      expect(r.channelData).toBeUndefined();
    }
  }
  if (labels.length === 0) return;
  const listed = numbered(replies).map((o) => o.label);
  const reply = words(replies);
  switch (kind) {
    case 'webchat': {
      const shown = [
        ...buttons(last).map((b) => b.title),
        ...[...reply.matchAll(/"title":"([^"]+)"/g)].map((m) => m[1] ?? ''),
      ];
      for (const label of labels) expect(shown).toContain(label);
      break;
    }
    case 'facebook': {
      const qr = last ? quickReplies(last) : [];
      if (labels.length <= 13) {
        expect(qr).toHaveLength(labels.length);
        qr.forEach((q, i) => {
          expect(titleFits(q.title, labels[i] ?? '', 20)).toBe(true);
          expect(JSON.parse(q.payload)).toEqual({ choice: expect.any(String) });
        });
        // Shortened titles: the options are also written out in full.
        if (qr.some((q, i) => q.title !== labels[i])) expect(listed).toEqual(labels);
      } else {
        expect(qr).toEqual([]);
        expect(listed).toEqual(labels);
      }
      break;
    }
    case 'sms':
    case 'plain': {
      const words = labels.filter((l) => !listed.includes(l));
      expect(listed.length + words.length).toBe(labels.length);
      for (const w of words) expect(reply).toContain(`"${w}"`);
      if (multi) {
        expect(reply).toContain('You can choose more than one: reply with their numbers');
      } else if (listed.length > 1) {
        const list = listed.map((_, i) => String(i + 1));
        const instruction =
          listed.length > 5
            ? `Reply with a number from 1 to ${String(listed.length)}.`
            : `Reply ${list.slice(0, -1).join(', ')} or ${list[list.length - 1] ?? ''}.`;
        expect(reply).toContain(instruction);
      }
      break;
    }
    case 'whatsapp': {
      const b = buttons(last);
      if (labels.length <= 3 && !multi) {
        expect(b).toHaveLength(labels.length);
        b.forEach((button, i) => {
          expect(titleFits(button.title, labels[i] ?? '', 20)).toBe(true);
        });
      } else {
        expect(b).toEqual([]);
        expect(listed).toEqual(labels);
      }
      break;
    }
    case 'telegram': {
      const call = TelegramCall.parse(last?.channelData);
      expect(call.parameters.text).toBe(last?.text);
      expect(keyboard(last)).toEqual(labels);
      break;
    }
  }
}

/* ---------------------------------------------------------------- pressing, the channel's way */

/**
 * A press in Web Chat (or the Emulator, or a Direct Line client: the same client code) as this
 * chat's channel sends it: the press fixture's text, value and channelData on the channel's message.
 */
function webChatPress(
  chat: Chat,
  press: string,
  title: string | undefined,
  value: unknown,
): Inbound {
  const shape = fixture(press);
  const out = fixture(chat.base);
  delete out.text;
  if (title !== undefined) out.text = title;
  out.value = value ?? shape.value;
  const data = record(shape.channelData);
  const messageBack = record(data?.messageBack);
  out.channelData =
    messageBack && title !== undefined ? { ...data, messageBack: { displayText: title } } : data;
  return out;
}

/** Picks the option `value` (labelled `label`) the way a person on this channel would. */
async function choose(
  chat: Chat,
  kind: Kind,
  shown: readonly Partial<Activity>[],
  value: string,
  label: string,
): Promise<Partial<Activity>[]> {
  const last = shown[shown.length - 1];
  const typedNumber = numbered(shown).find((o) => o.label === label)?.n;
  switch (kind) {
    case 'webchat': {
      const button = buttons(last).find(
        (b) => z.object({ choice: z.literal(value) }).safeParse(b.value).success,
      );
      if (button) return chat.send(webChatPress(chat, 'webchat.messageBack', button.title, value));
      // A button on an Adaptive Card: Action.Submit sends its data as the value, with no text.
      expect(words(shown)).toContain(`"data":{"choice":"${value}"}`);
      return chat.send(webChatPress(chat, 'webchat.cardSubmit', undefined, { choice: value }));
    }
    case 'facebook': {
      const qr = last ? quickReplies(last) : [];
      const tapped = qr.find((q) => (JSON.parse(q.payload) as { choice: string }).choice === value);
      if (tapped) {
        const tap = fixture('facebook.quickReply');
        const message = record(record(tap.channelData)?.message);
        tap.text = tapped.title;
        if (message) {
          message.text = tapped.title;
          message.quick_reply = { payload: tapped.payload };
        }
        return chat.send(tap);
      }
      break;
    }
    case 'whatsapp': {
      const button = buttons(last).find(
        (b) => z.object({ choice: z.literal(value) }).safeParse(b.value).success,
      );
      if (button) {
        // Twilio gives the button's title as the body, and its id as ButtonPayload.
        const tap = withText(fixture('whatsapp.button'), button.title);
        const data = record(tap.channelData);
        if (data) {
          data.ButtonText = button.title;
          data.ButtonPayload = JSON.stringify(button.value);
        }
        return chat.send(tap);
      }
      break;
    }
    case 'telegram': {
      // A reply keyboard button sends its text as an ordinary message.
      expect(keyboard(last)).toContain(label);
      return chat.say(label);
    }
    case 'sms':
    case 'plain':
      break;
  }
  return chat.say(typedNumber !== undefined ? String(typedNumber) : label);
}

/** "Choose all that apply": ticks and Continue on Web Chat's card, numbers elsewhere. */
async function chooseMany(
  chat: Chat,
  kind: Kind,
  shown: readonly Partial<Activity>[],
  values: readonly string[],
  labels: readonly string[],
): Promise<Partial<Activity>[]> {
  if (kind === 'webchat') {
    return chat.send(
      webChatPress(chat, 'webchat.cardSubmit', undefined, {
        submit: 'multi',
        choices: values.join(','),
      }),
    );
  }
  const list = numbered(shown);
  const numbers = labels.map((l) => list.find((o) => o.label === l)?.n);
  expect(numbers).not.toContain(undefined);
  return chat.say(numbers.join(', '));
}

/** Check your answers: Continue on Web Chat's card; elsewhere the number the text says to reply. */
async function confirmAnswers(
  chat: Chat,
  kind: Kind,
  shown: readonly Partial<Activity>[],
): Promise<Partial<Activity>[]> {
  if (kind === 'webchat') return choose(chat, kind, shown, 'continue', 'Continue');
  const n = /Reply (\d+) to continue/.exec(words(shown))?.[1];
  expect(n).toBeDefined();
  return chat.say(n ?? '');
}

/* ---------------------------------------------------------------- a report, step by step */

type Step =
  | { readonly expect: string; readonly type: string; readonly labels?: string[] }
  | {
      readonly expect: string;
      readonly choose: string;
      readonly label: string;
      readonly labels: string[];
    }
  | {
      readonly expect: string;
      readonly many: string[];
      readonly label: string[];
      readonly labels: string[];
    }
  | { readonly expect: string; readonly check: true };

const YES_NO = ['Yes', 'No'];

/** A stolen bike, from the safety question to the consent, in English. */
const BIKE_REPORT: readonly Step[] = [
  {
    expect: 'is anyone in immediate danger',
    choose: 'no',
    label: 'No',
    labels: ['Yes, someone is in danger', 'No'],
  },
  {
    expect: 'It sounds like this is about: Report a crime',
    choose: 'yes',
    label: 'Yes',
    labels: ['Yes', 'No, show me a list'],
  },
  {
    expect: 'Tell us what happened.',
    type: 'Someone cut the lock and took my bike from outside my house',
  },
  {
    expect: 'Which of these best describes it?',
    choose: 'theft',
    label: 'Something was stolen',
    labels: [
      'Something was stolen',
      'Burglary (someone got into a home, garage, shed or business)',
      'Robbery (something taken with force or threats)',
      'Theft of or from a vehicle',
      'Damage to property or a vehicle',
      'Someone was attacked or hurt',
      'Harassment, threats or stalking',
      'Something that happened online',
      'Something else',
    ],
  },
  { expect: 'When did it happen?', type: 'yesterday about 6pm' },
  { expect: 'Where did it happen?', type: '12 High Street, Exampleton EX1 2AB' },
  {
    expect: 'Did this happen to you?',
    choose: 'victim',
    label: 'Yes, it happened to me',
    labels: [
      'Yes, it happened to me',
      'No, I saw it happen',
      "No, I'm reporting it for someone else",
      'It happened to a business or organisation I represent',
    ],
  },
  { expect: 'under 18?', choose: 'no', label: 'No', labels: YES_NO },
  { expect: 'Was anyone hurt?', choose: 'no', label: 'No', labels: YES_NO },
  {
    expect: 'Do you know who did it?',
    choose: 'no',
    label: 'No',
    labels: ['Yes, I know who it was', 'No, but I saw them and can describe them', 'No'],
  },
  { expect: 'Was a vehicle involved', choose: 'no', label: 'No', labels: YES_NO },
  { expect: 'Was anything stolen or damaged?', choose: 'yes', label: 'Yes', labels: YES_NO },
  { expect: 'What was stolen or damaged?', type: 'Red Raleigh mountain bike' },
  { expect: 'how much is it all worth?', type: 'about £400', labels: ['Skip'] },
  { expect: 'serial numbers', type: 'Frame number WTU123456', labels: ['Skip'] },
  { expect: 'Did anyone else see what happened?', choose: 'no', label: 'No', labels: YES_NO },
  {
    expect: 'Is there any evidence of what happened?',
    many: ['none'],
    label: ['None that I know of'],
    labels: [
      'CCTV nearby',
      'Photos',
      'Video on a phone',
      'Dashcam footage',
      'Doorbell camera footage',
      'Messages, emails or social media posts',
      'None that I know of',
    ],
  },
  { expect: 'at risk of more harm', choose: 'no', label: 'No', labels: YES_NO },
  { expect: 'interpreter', choose: 'no', label: 'No', labels: YES_NO },
  { expect: 'easier for you to talk to us', choose: 'skip', label: 'Skip', labels: ['Skip'] },
  {
    expect: 'How would you like us to contact you',
    choose: 'chat',
    label: 'Reply in this conversation',
    labels: ['Reply in this conversation', 'Phone call', 'Email', 'Text message'],
  },
  { expect: 'What is your full name?', type: 'Alex Smith' },
  { expect: 'Please check your answers', check: true },
  {
    expect: 'Do you agree, and want to send your report now?',
    choose: 'agree',
    label: 'I agree, send my report',
    labels: ['I agree, send my report', "I don't agree", 'Talk to a person'],
  },
];

/** Starts a conversation the channel's way: its conversationUpdate, if it sends one. */
async function begin(chat: Chat, c: ChannelCase): Promise<Partial<Activity>[]> {
  return c.start ? chat.fixture(c.start) : [];
}

/** From a description typed first to the step whose question contains `until`. */
async function walk(
  chat: Chat,
  c: ChannelCase,
  steps: readonly Step[],
  until?: string,
): Promise<Partial<Activity>[]> {
  await begin(chat, c);
  let shown = await chat.say('my bike was stolen from outside my house last night');
  for (const step of steps) {
    const text = words(shown);
    expect(text).toContain(step.expect);
    if (until !== undefined && step.expect === until) return shown;
    if ('check' in step) {
      expectShape(c.kind, shown);
      shown = await confirmAnswers(chat, c.kind, shown);
    } else if ('many' in step) {
      expectShape(c.kind, shown, step.labels, true);
      shown = await chooseMany(chat, c.kind, shown, step.many, step.label);
    } else if ('choose' in step) {
      expectShape(c.kind, shown, step.labels);
      shown = await choose(chat, c.kind, shown, step.choose, step.label);
    } else {
      expectShape(c.kind, shown, step.labels);
      shown = await chat.say(step.type);
    }
  }
  return shown;
}

/* ---------------------------------------------------------------- tests */

const EMERGENCY = "he's come back and he has a knife, he's threatening me";

describe.each(CHANNELS)('$channel', (c) => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness(new MemoryStorage());
  });

  test('a whole crime report, each option chosen the way this channel does it, to a reference', async () => {
    const chat = new Chat(h, c.message);
    const done = await walk(chat, c, BIKE_REPORT);
    expectShape(c.kind, done);
    expect(words(done)).toMatch(/Your reference is EXC-100001/);
    expect(h.submitted).toHaveLength(1);
    expect(h.submitted[0]?.route).toBe('crime');
    expect(h.submitted[0]?.answers).toMatchObject({ crimeType: 'theft' });
  });

  test('typing "2" picks option 2, and typing an option\'s words picks it', async () => {
    const chat = new Chat(h, c.message);
    await begin(chat, c);
    const safety = await chat.say('my bike was stolen from outside my house last night');
    expectShape(c.kind, safety, ['Yes, someone is in danger', 'No']);
    // Option 2 of the safety question is "No": on to what happened, not to the 999 guidance.
    const confirm = await chat.say('2');
    expect(words(confirm)).toContain('It sounds like this is about: Report a crime');
    expect(words(confirm)).not.toContain('18000');
    const intro = await chat.say('Yes');
    expect(words(intro)).toContain('Tell us what happened.');
    if (c.kind === 'telegram') {
      // Nothing to choose here: the last keyboard is taken away.
      expect(
        TelegramCall.parse(intro[intro.length - 1]?.channelData).parameters.reply_markup,
      ).toEqual({ remove_keyboard: true });
    }
    const type = await chat.say('Someone kicked in the side panel of my car');
    expect(words(type)).toContain('Which of these best describes it?');
    const when = await chat.say('damage to property or a vehicle');
    expect(words(when)).toContain('When did it happen?');
    const where = await chat.say('last night about 11pm');
    expect(words(where)).toContain('Where did it happen?');
    const role = await chat.say('Tesco car park, Exampleton');
    expect(words(role)).toContain('Did this happen to you?');
    // "2" here is "No, I saw it happen": the next question is about the person it happened to.
    const victim = await chat.say('2');
    expect(words(victim)).toContain('Tell us about the person it happened to.');
  });

  test('an emergency typed in the middle of a form gets the 999 guidance with 18000 and 55, then carries on', async () => {
    const chat = new Chat(h, c.message);
    const when = await walk(chat, c, BIKE_REPORT, 'When did it happen?');
    expect(words(when)).toContain('When did it happen?');
    const guidance = await chat.say(EMERGENCY);
    expectShape(c.kind, guidance, ["It's not an emergency, carry on"]);
    const text = words(guidance);
    expect(text).toContain('call 999');
    expect(text).toContain('18000');
    expect(text).toMatch(/press 55/);
    // The guidance comes first, before anything else said in that turn.
    expect(guidance[0]?.text).toMatch(/^\W*If anyone is in danger now, call 999/);
    expect(text).not.toContain('When did it happen?');
    const back = await choose(
      chat,
      c.kind,
      guidance,
      'not-emergency',
      "It's not an emergency, carry on",
    );
    expect(words(back)).toContain('When did it happen?');
  });

  test(`back after more than RESUME_PROMPT_MINUTES (${String(config.RESUME_PROMPT_MINUTES)}) mid-form: asked to carry on or start again`, async () => {
    const chat = new Chat(h, c.message);
    await walk(chat, c, BIKE_REPORT, 'When did it happen?');
    // Within the resume time, an answer is just an answer.
    h.clock.advance(config.RESUME_PROMPT_MINUTES - 1);
    const where = await chat.say('yesterday about 6pm');
    expect(words(where)).toContain('Where did it happen?');

    h.clock.advance(config.RESUME_PROMPT_MINUTES + 1);
    const resume = await chat.say('outside the library');
    expectShape(c.kind, resume, ['Carry on', 'Start again']);
    expect(words(resume)).toContain(
      'Would you like to carry on where you left off, or start again?',
    );
    expect(words(resume)).not.toContain('Did this happen to you?');
    const again = await choose(chat, c.kind, resume, 'resume', 'Carry on');
    expect(words(again)).toContain('Where did it happen?');
    const role = await chat.say('outside the library');
    expect(words(role)).toContain('Did this happen to you?');

    h.clock.advance(config.RESUME_PROMPT_MINUTES * 3);
    const resume2 = await chat.say('1');
    expect(words(resume2)).toContain(
      'Would you like to carry on where you left off, or start again?',
    );
    const restarted = await choose(chat, c.kind, resume2, 'restart', 'Start again');
    expect(words(restarted)).toContain("OK, let's start again.");
    expect(words(restarted)).toContain('is anyone in immediate danger');
  });
});

/* ---------------------------------------------------------------- welcome */

describe.each(CHANNELS.filter((c) => c.start !== undefined))('$channel welcome', (c) => {
  test('a conversationUpdate adding the person gets the welcome and the safety question', async () => {
    const chat = new Chat(createHarness(new MemoryStorage()), c.message);
    const welcome = await chat.fixture(c.start ?? '');
    expectShape(c.kind, welcome, ['Yes, someone is in danger', 'No']);
    const text = words(welcome);
    expect(text).toContain("Hello, I'm Bluelamp, the online assistant for Example Constabulary.");
    expect(text).toContain(
      'First, is anyone in immediate danger, or is a crime happening right now?',
    );
    // Pressing "No" goes on to ask what happened.
    const describe = await choose(chat, c.kind, welcome, 'no', 'No');
    expect(words(describe)).toContain('Tell me in a few words what has happened');
  });
});

test('webchat: a conversationUpdate that only adds the bot gets no reply', async () => {
  const chat = new Chat(createHarness(new MemoryStorage()), 'webchat.message');
  expect(await chat.fixture('webchat.botJoined')).toEqual([]);
});

/* ---------------------------------------------------------------- Messenger */

describe('facebook (Messenger)', () => {
  const c = CHANNELS.find((x) => x.channel === 'facebook') as ChannelCase;
  let h: Harness;
  beforeEach(() => {
    h = createHarness(new MemoryStorage());
  });

  test('a quick reply counts by its payload, even when its title was shortened', async () => {
    const chat = new Chat(h, c.message);
    const safety = await chat.say('my bike was stolen from outside my house last night');
    const yes = quickReplies(safety[safety.length - 1] ?? {}).find((q) =>
      q.payload.includes('"yes"'),
    );
    expect(yes?.title).toBe('Yes, someone is in…');
    const tap = fixture('facebook.quickReply');
    const message = record(record(tap.channelData)?.message);
    tap.text = yes?.title;
    if (message) {
      message.text = yes?.title;
      message.quick_reply = { payload: yes?.payload };
    }
    const guidance = await chat.send(tap);
    expect(words(guidance)).toContain('18000');
  });

  test('the quick-reply fixture as captured ("No" with its payload) answers the safety question', async () => {
    const chat = new Chat(h, c.message);
    await chat.say('my bike was stolen from outside my house last night');
    expect(words(await chat.fixture('facebook.quickReply'))).toContain(
      'It sounds like this is about: Report a crime',
    );
  });

  test('at most 13 quick replies, titles at most 20 characters, on the longest menu', async () => {
    const chat = new Chat(h, c.message);
    let shown = await chat.say('my bike was stolen from outside my house last night');
    shown = await choose(chat, 'facebook', shown, 'no', 'No');
    shown = await choose(chat, 'facebook', shown, 'no', 'No, show me a list');
    expect(words(shown)).toContain('What is it about? Choose the closest.');
    expectShape('facebook', shown);
    shown = await choose(
      chat,
      'facebook',
      shown,
      'group:apply',
      'Apply, ask for information or give notice',
    );
    expectShape('facebook', shown);
    const qr = quickReplies(shown[shown.length - 1] ?? {});
    const listed = numbered(shown);
    expect(listed.length).toBeGreaterThanOrEqual(11);
    expect(qr.length).toBe(Math.min(listed.length, 13));
    for (const q of qr) expect(Array.from(q.title).length).toBeLessThanOrEqual(20);
  });

  test('a shared location answers "Where did it happen?"', async () => {
    const chat = new Chat(h, c.message);
    await walk(chat, c, BIKE_REPORT, 'Where did it happen?');
    const next = await chat.fixture('facebook.location');
    expect(words(next)).toContain('Did this happen to you?');
  });

  test('a persistent-menu postback ("start again") starts again, mid-form', async () => {
    const chat = new Chat(h, c.message);
    await walk(chat, c, BIKE_REPORT, 'When did it happen?');
    const again = await chat.fixture('facebook.postback');
    expect(words(again)).toContain("OK, let's start again.");
    expect(words(again)).toContain('is anyone in immediate danger');
    expectShape('facebook', again, ['Yes, someone is in danger', 'No']);
  });
});

/* ---------------------------------------------------------------- Telegram */

describe('telegram', () => {
  const c = CHANNELS.find((x) => x.channel === 'telegram') as ChannelCase;
  let h: Harness;
  beforeEach(() => {
    h = createHarness(new MemoryStorage());
  });

  test('an inline-keyboard callback_query carrying a choice answers the question', async () => {
    const chat = new Chat(h, c.message);
    await chat.say('my bike was stolen from outside my house last night');
    const next = await chat.fixture('telegram.callbackQuery');
    expect(words(next)).toContain('It sounds like this is about: Report a crime');
  });

  test('a reply-keyboard press (the button text as a message) answers the question', async () => {
    const chat = new Chat(h, c.message);
    const safety = await chat.say('my bike was stolen from outside my house last night');
    expect(keyboard(safety[safety.length - 1])).toEqual(['Yes, someone is in danger', 'No']);
    expect(words(await chat.say('No'))).toContain('It sounds like this is about: Report a crime');
  });

  test('a shared location (message.location) answers "Where did it happen?"', async () => {
    const chat = new Chat(h, c.message);
    await walk(chat, c, BIKE_REPORT, 'Where did it happen?');
    const next = await chat.fixture('telegram.location');
    expect(words(next)).toContain('Did this happen to you?');
  });
});

/* ---------------------------------------------------------------- WhatsApp */

describe('whatsapp', () => {
  const c = CHANNELS.find((x) => x.channel === 'whatsapp') as ChannelCase;
  let h: Harness;
  beforeEach(() => {
    h = createHarness(new MemoryStorage());
  });

  test('at most 3 reply buttons; more options are a numbered list to reply to', async () => {
    const chat = new Chat(h, c.message);
    const safety = await chat.say('my bike was stolen from outside my house last night');
    expect(buttons(safety[safety.length - 1])).toHaveLength(2);
    await chat.say('2');
    await chat.say('yes');
    const kinds = await chat.say('Someone cut the lock and took my bike from outside my house');
    expect(buttons(kinds[kinds.length - 1])).toEqual([]);
    expect(numbered(kinds)).toHaveLength(9);
    expect(words(kinds)).toContain('Reply with a number from 1 to 9.');
  });

  test('a reply button tapped (Twilio: Body and ButtonText = its title) answers the question', async () => {
    const chat = new Chat(h, c.message);
    await chat.say('my bike was stolen from outside my house last night');
    expect(words(await chat.fixture('whatsapp.button'))).toContain(
      'It sounds like this is about: Report a crime',
    );
  });

  // BUG (dialogs/inbound.ts locationOf, filesOf): the Twilio WhatsApp adapter delivers a shared
  // location as an attachment { contentType: 'application/json', content: GeoCoordinates }.
  // locationOf reads only Place/GeoCoordinates entities, 'location' attachments and Telegram's
  // channelData, and filesOf counts the JSON attachment as a file, so the turn answers "I can't
  // take files at this point" and asks "Where did it happen?" again.
  test('a shared location (Twilio: a GeoCoordinates JSON attachment) answers "Where did it happen?"', async () => {
    const chat = new Chat(h, c.message);
    await walk(chat, c, BIKE_REPORT, 'Where did it happen?');
    const next = await chat.fixture('whatsapp.location');
    expect(words(next)).toContain('Did this happen to you?');
  });
});

/* ---------------------------------------------------------------- SMS: STOP, on the real store */

describe.each(['sms', 'twilio-sms'])('%s STOP (conversation state in PGlite)', (channel) => {
  const c = CHANNELS.find((x) => x.channel === channel) as ChannelCase;
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore('pglite');
  });
  afterAll(() => store.cleanup());

  async function storedRecord(chat: Chat): Promise<Record<string, unknown> | undefined> {
    const key = `conversation/${channel}/${chat.conversationId}`;
    const items = await new StateStorage(store.db).read([key]);
    return record(record(items[key])?.record);
  }

  test('STOP mid-form is honoured at once, remembered in the store and across a restart', async () => {
    const chat = new Chat(createHarness(new StateStorage(store.db)), c.message);
    await walk(chat, c, BIKE_REPORT, 'When did it happen?');
    const stopped = await chat.say('STOP');
    // One plain text, and nothing more to answer: no question, no options.
    expect(stopped).toHaveLength(1);
    expectShape('sms', stopped);
    expect(stopped[0]?.text).toBe(
      "You won't get any more messages from us in this conversation. If you need us again, just send a message, or call 101. In an emergency call 999.",
    );
    expect(numbered(stopped)).toEqual([]);
    expect((await storedRecord(chat))?.optedOut).toBe(true);

    // The store closed and opened again, as after a restart: the STOP is still there.
    await store.db.close();
    store.db = await openStore(store.options);
    expect((await storedRecord(chat))?.optedOut).toBe(true);
  });

  test('writing again after STOP is a new request for help: a fresh start, and the STOP lifted', async () => {
    const chat = new Chat(createHarness(new StateStorage(store.db)), c.message);
    await walk(chat, c, BIKE_REPORT, 'When did it happen?');
    await chat.say('stop');
    expect((await storedRecord(chat))?.optedOut).toBe(true);
    const again = await chat.say('my bike was stolen from outside my house last night');
    expectShape('sms', again, ['Yes, someone is in danger', 'No']);
    expect(words(again)).toContain('is anyone in immediate danger');
    expect(words(again)).not.toContain('When did it happen?');
    expect((await storedRecord(chat))?.optedOut).toBeUndefined();
  });
});

/* ---------------------------------------------------------------- first contact without a welcome */

// BUG (triage/machine.ts, conversation.safety: the TEXT fallback that keeps "what they told us
// before we asked" as the description): on channels that send no conversationUpdate (SMS,
// Messenger, WhatsApp, Telegram), the first thing a person sends is usually a greeting ("Hi") or
// Messenger's Get Started payload. It is kept as their description, so after "No" to the safety
// question they are not asked what happened: the greeting goes to the classifier and they get
// "Sorry, I'm not sure I understood. Please choose from this list" and the category menu.
describe.each([
  { channel: 'sms', first: 'sms.message', text: 'Hi' },
  { channel: 'facebook (Get Started)', first: 'facebook.getStarted', text: undefined },
  { channel: 'facebook', first: 'facebook.message', text: 'Hello' },
  { channel: 'whatsapp', first: 'whatsapp.message', text: 'hi there' },
  { channel: 'telegram', first: 'telegram.message', text: '/start' },
])('$channel: first contact with a greeting', ({ first, text }) => {
  test('after "No" to the safety question, the person is asked what happened', async () => {
    const chat = new Chat(createHarness(new MemoryStorage()), first);
    const safety = await chat.fixture(first, text);
    expect(words(safety)).toContain('is anyone in immediate danger');
    const next = await chat.say('2');
    expect(words(next)).toContain('Tell me in a few words what has happened or what you need.');
  });
});

/* ---------------------------------------------------------------- SMS text */

describe('sms text', () => {
  const c = CHANNELS.find((x) => x.channel === 'sms') as ChannelCase;

  test('options are numbered lines ending "Reply 1, 2 or 3."; no markdown, buttons or cards', async () => {
    const chat = new Chat(createHarness(new MemoryStorage()), c.message);
    const suspect = await walk(chat, c, BIKE_REPORT, 'Do you know who did it?');
    expect(suspect).toHaveLength(1);
    expect(suspect[0]?.text).toMatch(
      /Do you know who did it\?\n\n1\. Yes, I know who it was\n2\. No, but I saw them and can describe them\n3\. No\nReply 1, 2 or 3\.$/,
    );
    expect(suspect[0]?.text).not.toMatch(MARKDOWN);
  });

  test('"talk to a person" with no desk connected: the numbers to call, never silence, then back', async () => {
    const chat = new Chat(createHarness(new MemoryStorage()), c.message);
    await walk(chat, c, BIKE_REPORT, 'When did it happen?');
    const handoff = await chat.say('talk to a person');
    expect(words(handoff)).toContain(`call ${profile.nonEmergencyNumber}`);
    expect(words(handoff)).toContain('call 999');
    expect(words(handoff)).not.toMatch(/join this chat|stay here/);
    // Nobody is there to read it, so what is typed next is answered, not swallowed.
    const more = await chat.say('hello is anyone there');
    expect(words(more)).toContain(`call ${profile.nonEmergencyNumber}`);
    expect(words(more)).toContain('Back to the assistant');
    const back = await chat.say('back to the assistant');
    expect(words(back)).toContain('When did it happen?');
  });

  test(`idle for more than IDLE_EXPIRY_MINUTES (${String(config.IDLE_EXPIRY_MINUTES)}): the half-finished report is forgotten`, async () => {
    const h = createHarness(new MemoryStorage());
    const chat = new Chat(h, c.message);
    await walk(chat, c, BIKE_REPORT, 'When did it happen?');
    h.clock.advance(config.IDLE_EXPIRY_MINUTES + 1);
    const fresh = await chat.say('yesterday about 6pm');
    expect(words(fresh)).toContain('is anyone in immediate danger');
    expect(words(fresh)).not.toContain('Would you like to carry on');
    expect(words(fresh)).not.toContain('Where did it happen?');
  });
});
