import { AsyncLocalStorage } from 'node:async_hooks';
import type { TurnContext } from 'botbuilder';
import {
  ConversationRecordSchema,
  runTurn,
  type ConversationRecord,
  type TurnDeps,
} from '../dialogs/turn';
import { InboundActivitySchema } from '../dialogs/inbound';
import type { TranscriptLine } from '../dialogs/turn';
import { EtagConflictError, type StateStorage } from '../store';
import type { Logger } from './logger';
import { pseudonym } from './logger';

/** Who a submission came from, for the records hand-off: set around each turn. */
export interface TurnOrigin {
  readonly channel: string;
  readonly conversationId: string;
  readonly transcript: readonly TranscriptLine[];
}

export const turnOrigin = new AsyncLocalStorage<TurnOrigin>();

/** Transcript lines kept with a conversation (for the desk and the report's transcript). */
const TRANSCRIPT_LIMIT = 200;

interface StoredConversation {
  readonly record: ConversationRecord;
  readonly transcript: readonly TranscriptLine[];
}

export interface BotDeps {
  readonly storage: Pick<StateStorage, 'read' | 'write'>;
  readonly turn: TurnDeps;
  readonly logger: Logger;
  /** Called with what the machine emitted that concerns the rest of the service (desk, metrics). */
  readonly onEmitted?: (event: { type: string }, origin: TurnOrigin) => void;
}

/**
 * The thin activity handler: load the conversation (with its eTag) → run the turn → save with the
 * eTag → send the replies. If another process (or a double-send) changed the conversation in the
 * meantime, the save fails and the turn is run again on the newer state, so no turn is lost or
 * applied twice; submissions are idempotent on their submission id, so a re-run cannot double-file.
 */
export class BluelampBot {
  constructor(private readonly deps: BotDeps) {}

  async onTurn(context: TurnContext): Promise<void> {
    const parsed = InboundActivitySchema.safeParse(context.activity);
    if (!parsed.success) {
      this.deps.logger.warn(
        { issues: parsed.error.issues.length },
        'activity ignored: not the shape we read',
      );
      return;
    }
    const activity = parsed.data;
    const key = `conversation/${activity.channelId}/${activity.conversation.id}`;
    const started = performance.now();

    for (let attempt = 1; ; attempt++) {
      const items = await this.deps.storage.read([key]);
      const item = items[key] as
        { eTag?: string; record?: unknown; transcript?: unknown } | undefined;
      const stored = parseStored(item);
      const origin: TurnOrigin = {
        channel: activity.channelId,
        conversationId: activity.conversation.id,
        transcript: stored?.transcript ?? [],
      };
      const outcome = await turnOrigin.run(origin, () =>
        runTurn(activity, stored?.record, this.deps.turn),
      );
      if (!outcome.record) return;
      const transcript = [...(stored?.transcript ?? []), ...outcome.transcript].slice(
        -TRANSCRIPT_LIMIT,
      );
      try {
        await this.deps.storage.write({
          [key]: { record: outcome.record, transcript, eTag: item?.eTag ?? '*' },
        });
      } catch (err) {
        if (err instanceof EtagConflictError && attempt < 3) continue;
        throw err;
      }
      for (const event of outcome.emitted) this.deps.onEmitted?.(event, origin);
      if (outcome.replies.length > 0) await context.sendActivities(outcome.replies);
      this.deps.logger.info(
        {
          conversation: pseudonym(key),
          channel: activity.channelId,
          state: outcome.state,
          emitted: outcome.emitted.map((e) => e.type),
          attempt,
          ms: Math.round(performance.now() - started),
        },
        'turn',
      );
      return;
    }
  }
}

function parseStored(
  item: { record?: unknown; transcript?: unknown } | undefined,
): StoredConversation | undefined {
  if (!item) return undefined;
  const record = ConversationRecordSchema.safeParse(item.record);
  if (!record.success) return undefined;
  const transcript = Array.isArray(item.transcript) ? (item.transcript as TranscriptLine[]) : [];
  return { record: record.data, transcript };
}
