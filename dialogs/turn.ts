import { createActor, waitFor, type Snapshot } from 'xstate';
import { z } from 'zod';
import { promptOfReply, type OutboundActivity } from './activity';
import { interpret, type InboundActivity } from './inbound';
import { render } from './render';
import { matchOption } from '../triage/input';
import { isUiLocale, type UiLocale } from '../triage/languages';
import type { TriageDeps, TriageMachine, TriageSnapshot } from '../triage/machine';
import { getPrompt, promptState, type PromptState } from '../triage/prompt';
import type { Message, Prompt, TriageEmitted, TriageEvent } from '../triage/types';

/**
 * One turn: restore the conversation's machine → turn the activity into a machine event → run it
 * (waiting for a submission to be stored) → render the prompt for the activity's channel. Pure of
 * botbuilder and of the database: bot/ loads and saves the record around this.
 */

/** What is kept per conversation between turns (as JSON, in the store). */
export const ConversationRecordSchema = z.object({
  v: z.literal(1),
  /** XState persisted snapshot of the triage machine. */
  snapshot: z.unknown().optional(),
  channelId: z.string(),
  lastActiveAt: z.string(),
  /** The locale the client last told us about (Web Chat's page language). */
  clientLocale: z.string().optional(),
  /** We asked "carry on or start again?" and are waiting for the answer. */
  resumePending: z.boolean().optional(),
  /** The person sent STOP: nothing proactive (outcome messages) goes to them. */
  optedOut: z.boolean().optional(),
});
export type ConversationRecord = z.infer<typeof ConversationRecordSchema>;

export interface TranscriptLine {
  readonly at: string;
  readonly from: 'person' | 'bot';
  readonly text: string;
}

export interface TurnDeps {
  readonly machine: TriageMachine;
  readonly triage: Pick<
    TriageDeps,
    'profile' | 'translator' | 'now' | 'detectEmergency' | 'deskConnected'
  >;
  /** Someone back after this long in the middle of a form is asked whether to carry on. */
  readonly resumeAfterMs: number;
  /** A conversation idle for this long starts afresh. */
  readonly expireAfterMs: number;
  /** How long a turn waits for a report to be stored before telling the person it failed. */
  readonly submitTimeoutMs?: number;
}

export interface TurnOutcome {
  readonly replies: OutboundActivity[];
  /** undefined when nothing changed (an ignored activity): nothing to save. */
  readonly record?: ConversationRecord;
  readonly emitted: readonly TriageEmitted[];
  readonly transcript: readonly TranscriptLine[];
  /** Where the conversation now is (for logs and metrics: no personal data). */
  readonly state?: PromptState;
}

const MID_REPORT: readonly PromptState[] = ['flow', 'check', 'consent', 'submitFailed'];

function localeOf(code: string | undefined): UiLocale | undefined {
  const primary = code?.toLowerCase().split(/[-_]/)[0];
  return primary && isUiLocale(primary) ? primary : undefined;
}

export async function runTurn(
  activity: InboundActivity,
  stored: ConversationRecord | undefined,
  deps: TurnDeps,
): Promise<TurnOutcome> {
  const now = deps.triage.now ? deps.triage.now() : new Date();
  const at = now.toISOString();
  const expired =
    stored !== undefined && now.getTime() - Date.parse(stored.lastActiveAt) > deps.expireAfterMs;
  const record = stored && !expired ? stored : undefined;
  const clientLocale = localeOf(activity.locale);
  const notices: Message[] = [];

  const { actor, restored } = restore(
    deps,
    record,
    clientLocale ?? deps.triage.profile.languages.default,
  );
  if (record?.snapshot !== undefined && !restored) notices.push({ key: 'common:lostPlace' });
  const emitted: TriageEmitted[] = [];
  actor.on('*', (e) => emitted.push(e));
  actor.start();

  const before = actor.getSnapshot();
  const shownBefore = getPrompt(before, deps.triage);
  const inbound = interpret(activity, shownBefore.input);
  if (inbound.kind === 'ignore') {
    actor.stop();
    return { replies: [], emitted, transcript: [] };
  }

  const transcript: TranscriptLine[] = [];
  const events: TriageEvent[] = [];
  let resumePending = false;

  // The page's language changed (Web Chat passes its locale on every activity): follow it.
  if (
    clientLocale &&
    record?.clientLocale !== clientLocale &&
    clientLocale !== before.context.locale
  ) {
    if (record) events.push({ type: 'LANGUAGE', locale: clientLocale });
  }

  if (inbound.kind === 'not-expected') {
    notices.push(inbound.notice);
  } else {
    const { said } = inbound;
    if (inbound.notice) notices.push(inbound.notice);
    let event: TriageEvent | undefined = inbound.event;
    /** The option of `shown` that typed text names (its number or its words), as a choice. */
    const typedChoice = (text: string, shown: Prompt): TriageEvent | undefined => {
      const option = matchOption(text, shown.options, (o) =>
        deps.triage.translator.t(o.label, shown.locale),
      );
      return option && { type: 'CHOOSE', value: option.value };
    };
    const asked = record?.resumePending ? resumePrompt(before) : shownBefore;
    const pressedOn = promptOfReply(activity);
    if (event.type === 'CHOOSE' && pressedOn !== undefined && pressedOn !== asked.id) {
      // A button from an earlier message (WhatsApp keeps them tappable): its value would answer
      // the current question wrongly ("yes" from "is anyone in danger?" taken as "yes, under 18").
      // "Someone is in danger" still means that, said in words so the emergency path takes it;
      // anything else is set aside and the current question asked again.
      if (pressedOn === 'safety' && event.value === 'yes') {
        event = {
          type: 'TEXT',
          text: deps.triage.translator.t({ key: 'common:safety.yes' }, before.context.locale),
        };
      } else {
        notices.push({ key: 'common:staleButton' });
        event = undefined;
      }
    }
    if (event === undefined) {
      // Nothing to send to the machine.
    } else if (record?.resumePending && event.type === 'TEXT') {
      event = typedChoice(event.text, asked) ?? event;
    } else if (
      !deps.triage.deskConnected &&
      event.type === 'TEXT' &&
      promptState(before) === 'handoff'
    ) {
      // Waiting for a person is a relay when a desk is connected (what is typed is for them). With
      // none, the only thing to do here is choose an option, typed as on SMS ("Back to the
      // assistant", or its number).
      event = typedChoice(event.text, shownBefore) ?? event;
    }
    if (said) transcript.push({ at, from: 'person', text: said });
    const away = record ? now.getTime() - Date.parse(record.lastActiveAt) : 0;
    const typed = event?.type === 'TEXT' ? event.text : '';
    const danger = typed !== '' && deps.triage.detectEmergency(typed).emergency;
    if (event === undefined) {
      // A stale button: the notice and the current question again.
    } else if (record?.resumePending && event.type === 'CHOOSE' && event.value === 'resume') {
      // Carry on: just show where they were.
    } else if (record?.resumePending && event.type === 'CHOOSE' && event.value === 'restart') {
      events.push({ type: 'RESTART' });
    } else if (
      !record?.resumePending &&
      !danger &&
      // A channel's "conversation started" for a conversation already mid-report comes from a
      // chat reconnecting after a restart (the page shows nothing of what went before): ask
      // whether to carry on, whatever the time away, rather than repeat a question out of context.
      (event.type === 'START' || away > deps.resumeAfterMs) &&
      MID_REPORT.includes(promptState(before))
    ) {
      resumePending = true;
    } else {
      events.push(event);
    }
  }

  for (const event of events) actor.send(event);
  const submitting = (s: TriageSnapshot) => s.matches({ conversation: 'submitting' });
  if (submitting(actor.getSnapshot())) {
    await waitFor(actor, (s) => !submitting(s), { timeout: deps.submitTimeoutMs ?? 20_000 }).catch(
      () => undefined,
    );
  }
  const after = actor.getSnapshot();
  // A message the machine left stopped (STOP sent again): it stays opted out, and nothing is sent.
  const stillStopped =
    promptState(before) === 'stopped' &&
    promptState(after) === 'stopped' &&
    events.some((e) => e.type === 'TEXT');
  const persisted = actor.getPersistedSnapshot();
  actor.stop();

  for (const e of emitted) if (e.type === 'notice') notices.push(e.message);
  const prompt: Prompt = resumePending ? resumePrompt(after) : getPrompt(after, deps.triage);
  // While a person from the desk has the conversation, what is typed is for them: no bot reply.
  // With no desk connected nobody would read it, so the bot answers (with the numbers to call).
  const relayed =
    deps.triage.deskConnected === true &&
    promptState(before) === 'handoff' &&
    promptState(after) === 'handoff' &&
    events.some((e) => e.type === 'TEXT');
  const replies =
    stillStopped || (relayed && notices.length === 0)
      ? []
      : render({
          prompt,
          notices,
          channelId: activity.channelId,
          translator: deps.triage.translator,
        });
  // The transcript keeps what the person said in full, and for the bot only what it asked (the
  // notices and the question, not option lists and hints): enough for staff to follow, and small
  // enough to save with the conversation on every turn.
  if (replies.length > 0) {
    const asked = [...notices, ...prompt.messages.slice(-1)];
    const text = asked.map((m) => deps.triage.translator.t(m, prompt.locale)).join(' ');
    transcript.push({ at, from: 'bot', text });
  }

  const stopped = emitted.some((e) => e.type === 'stopped');
  const next: ConversationRecord = {
    v: 1,
    snapshot: persisted,
    channelId: activity.channelId,
    lastActiveAt: at,
    ...(clientLocale
      ? { clientLocale }
      : record?.clientLocale
        ? { clientLocale: record.clientLocale }
        : {}),
    ...(resumePending ? { resumePending: true } : {}),
    // A STOP is remembered; writing to us again is a new request for help and lifts it.
    ...(stopped || stillStopped ? { optedOut: true } : {}),
  };
  return { replies, record: next, emitted, transcript, state: promptState(after) };
}

function restore(deps: TurnDeps, record: ConversationRecord | undefined, locale: UiLocale) {
  const input = { locale };
  if (record?.snapshot !== undefined) {
    try {
      const actor = createActor(deps.machine, {
        snapshot: record.snapshot as Snapshot<unknown>,
        input,
      });
      // Reading the snapshot's state proves it fits this version of the machine.
      promptState(actor.getSnapshot());
      return { actor, restored: true };
    } catch {
      // A snapshot from an older, incompatible version of the machine: start again, and say so.
    }
  }
  return { actor: createActor(deps.machine, { input }), restored: false };
}

function resumePrompt(snapshot: TriageSnapshot): Prompt {
  return {
    id: 'resume',
    locale: snapshot.context.locale,
    messages: [{ key: 'common:resume.question' }],
    input: 'none',
    options: [
      { value: 'resume', label: { key: 'common:resume.carryOn' } },
      { value: 'restart', label: { key: 'common:resume.startAgain' } },
    ],
  };
}
