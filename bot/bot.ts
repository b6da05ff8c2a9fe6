import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
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
const TRANSCRIPT_LIMIT = 120;

/** Activities remembered per conversation, to recognise one delivered again. */
const SEEN_LIMIT = 32;

interface StoredConversation {
  readonly record: ConversationRecord;
  readonly transcript: readonly TranscriptLine[];
  /** Fingerprints of the last activities applied (see `fingerprint`). */
  readonly seen: readonly string[];
}

export interface BotDeps {
  /** Any botbuilder-shaped Storage; with `writeItem` (StateStorage) conversations are also cached. */
  readonly storage: Pick<StateStorage, 'read' | 'write'> & Partial<Pick<StateStorage, 'writeItem'>>;
  /** Conversations kept in memory between turns (the store stays the truth: see ConversationCache). */
  readonly cacheSize?: number;
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
/**
 * The conversations this process served last, with the eTag it wrote them with. A turn on a cached
 * conversation skips the read: its write carries the cached eTag, so if another process has moved
 * the conversation on since, the write fails and the turn is re-run on a fresh read. Bounded, least
 * recently used first out.
 */
class ConversationCache {
  private readonly items = new Map<string, { eTag: string; stored: StoredConversation }>();
  constructor(private readonly size: number) {}

  get(key: string) {
    const hit = this.items.get(key);
    if (hit) {
      this.items.delete(key);
      this.items.set(key, hit);
    }
    return hit;
  }

  set(key: string, eTag: string, stored: StoredConversation): void {
    this.items.delete(key);
    this.items.set(key, { eTag, stored });
    if (this.items.size > this.size) {
      const oldest = this.items.keys().next();
      if (!oldest.done) this.items.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.items.delete(key);
  }
}

export class BluelampBot {
  private readonly cache: ConversationCache;

  constructor(private readonly deps: BotDeps) {
    this.cache = new ConversationCache(deps.cacheSize ?? 10_000);
  }

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

    const print = fingerprint(activity);

    for (let attempt = 1; ; attempt++) {
      const cached = this.cache.get(key);
      let stored: StoredConversation | undefined;
      let eTag: string;
      if (cached) {
        ({ stored, eTag } = cached);
      } else {
        const items = await this.deps.storage.read([key]);
        const item = items[key] as
          { eTag?: string; record?: unknown; transcript?: unknown } | undefined;
        stored = parseStored(item);
        eTag = item?.eTag ?? '*';
      }
      // A channel that timed out waiting for us sends the same activity again, and two copies
      // can even race (the eTag makes the second re-run here, on the first one's result). Applied
      // twice, a "yes" would also answer the next yes/no question.
      if (print && stored?.seen.includes(print)) {
        this.deps.logger.info(
          { conversation: pseudonym(key), channel: activity.channelId },
          'duplicate activity ignored',
        );
        return;
      }
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
      const seen = [...(stored?.seen ?? []), ...(print ? [print] : [])].slice(-SEEN_LIMIT);
      try {
        const item = { record: outcome.record, transcript, seen, eTag };
        if (this.deps.storage.writeItem) {
          const written = await this.deps.storage.writeItem(key, item);
          this.cache.set(key, written, { record: outcome.record, transcript, seen });
        } else {
          await this.deps.storage.write({ [key]: item });
        }
      } catch (err) {
        this.cache.delete(key);
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
  item: { record?: unknown; transcript?: unknown; seen?: unknown } | undefined,
): StoredConversation | undefined {
  if (!item) return undefined;
  const record = ConversationRecordSchema.safeParse(item.record);
  if (!record.success) return undefined;
  const transcript = Array.isArray(item.transcript) ? (item.transcript as TranscriptLine[]) : [];
  const seen = Array.isArray(item.seen)
    ? item.seen.filter((s): s is string => typeof s === 'string')
    : [];
  return { record: record.data, transcript, seen };
}

/**
 * The same delivery again: the same id *and* the same content. The id alone is not enough, since
 * some clients number their activities afresh after a reload. A hash, so no text is stored twice.
 */
function fingerprint(activity: {
  id?: string | undefined;
  type: string;
  text?: string | undefined;
  value?: unknown;
}): string | undefined {
  if (!activity.id) return undefined;
  return createHash('sha256')
    .update(
      JSON.stringify([activity.id, activity.type, activity.text ?? null, activity.value ?? null]),
    )
    .digest('base64url')
    .slice(0, 16);
}
