/**
 * Direct Line conversations, in memory. This is the channel's transcript buffer only: what a
 * connected browser has not yet fetched, and enough history to redraw the chat after a page reload.
 * The durable conversation STATE (where the person is in the triage, their answers) lives in the
 * store, keyed by conversation id, and is not this module's business.
 *
 * Bounded on every axis so that no client can grow the process: at most `maxConversations`
 * conversations (the least recently active one is dropped to admit a new one), at most `maxHistory`
 * activities each (older ones fall out; watermarks stay absolute), and a conversation nobody has
 * touched for `idleMs` while no stream is open is swept away.
 */

export interface Subscriber {
  /** An activity set, already serialised: `{"activities":[...],"watermark":"n"}`. */
  send(activitySet: string): void;
  /** The conversation is gone (expired or evicted); the client will reconnect and learn so. */
  close(): void;
}

export interface Appended {
  readonly id: string;
  readonly seq: number;
}

export class Conversation {
  readonly created: number;
  lastActive: number;
  locale: string | undefined;
  readonly subscribers = new Set<Subscriber>();
  /** Turns run one at a time per conversation, in arrival order: the bot's state depends on it. */
  turnQueue: Promise<void> = Promise.resolve();
  pendingTurns = 0;
  /** Whether the bot has been told the conversation started (its conversationUpdate). */
  started = false;
  private readonly history: { readonly seq: number; readonly json: string }[] = [];
  private nextSeq: number;

  /**
   * `firstSeq` above 1 is for a conversation brought back from a token after this process lost it
   * (a restart): its client may hold a watermark from before, which must not hide what comes next.
   */
  constructor(
    readonly id: string,
    readonly userId: string,
    now: number,
    private readonly maxHistory: number,
    firstSeq = 1,
  ) {
    this.created = now;
    this.lastActive = now;
    this.nextSeq = firstSeq;
  }

  /** The highest sequence number so far; a client holding this watermark has seen everything. */
  get watermark(): number {
    return this.nextSeq - 1;
  }

  /** Gives the activity its id, keeps it, and pushes it to every open stream. */
  append(activity: Record<string, unknown>): Appended {
    const seq = this.nextSeq++;
    const id = `${this.id}|${String(seq).padStart(7, '0')}`;
    const json = JSON.stringify({ ...activity, id });
    this.history.push({ seq, json });
    if (this.history.length > this.maxHistory)
      this.history.splice(0, this.history.length - this.maxHistory);
    const set = activitySet([json], seq);
    for (const subscriber of this.subscribers) subscriber.send(set);
    return { id, seq };
  }

  /** Pushed to open streams only, never kept or replayed (typing indicators). */
  broadcast(activity: Record<string, unknown>): void {
    const set = activitySet([JSON.stringify(activity)], this.watermark);
    for (const subscriber of this.subscribers) subscriber.send(set);
  }

  /** Everything after `watermark` (all retained history for -1), as an activity set. */
  after(watermark: number): string {
    const jsons: string[] = [];
    for (const item of this.history) if (item.seq > watermark) jsons.push(item.json);
    return activitySet(jsons, this.watermark);
  }
}

export function activitySet(jsons: readonly string[], watermark: number): string {
  return `{"activities":[${jsons.join(',')}],"watermark":"${watermark}"}`;
}

export interface ConversationStoreOptions {
  readonly maxConversations?: number;
  readonly maxHistory?: number;
  readonly idleMs?: number;
  readonly now?: () => number;
}

export class ConversationStore {
  // Map keeps insertion order; touching re-inserts, so the first entry is the least recently active.
  private readonly conversations = new Map<string, Conversation>();
  readonly maxConversations: number;
  private readonly maxHistory: number;
  readonly idleMs: number;
  private readonly now: () => number;
  evicted = 0;
  expired = 0;

  constructor(options: ConversationStoreOptions = {}) {
    this.maxConversations = options.maxConversations ?? 10_000;
    this.maxHistory = options.maxHistory ?? 500;
    this.idleMs = options.idleMs ?? 30 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.conversations.size;
  }

  get(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  /** Marks a conversation active (a request, a keep-alive) so it is neither swept nor evicted first. */
  touch(conversation: Conversation): void {
    conversation.lastActive = this.now();
    if (this.conversations.get(conversation.id) === conversation) {
      this.conversations.delete(conversation.id);
      this.conversations.set(conversation.id, conversation);
    }
  }

  create(id: string, userId: string, firstSeq = 1): Conversation {
    const existing = this.conversations.get(id);
    if (existing) return existing;
    while (this.conversations.size >= this.maxConversations) {
      const oldest = this.conversations.values().next().value;
      if (!oldest) break;
      this.remove(oldest);
      this.evicted++;
    }
    const conversation = new Conversation(id, userId, this.now(), this.maxHistory, firstSeq);
    this.conversations.set(id, conversation);
    return conversation;
  }

  /** Drops conversations idle for longer than `idleMs` with no stream open. Returns how many. */
  sweep(): number {
    const cutoff = this.now() - this.idleMs;
    let removed = 0;
    for (const conversation of [...this.conversations.values()]) {
      if (conversation.subscribers.size === 0 && conversation.lastActive < cutoff) {
        this.remove(conversation);
        removed++;
      }
    }
    this.expired += removed;
    return removed;
  }

  remove(conversation: Conversation): void {
    this.conversations.delete(conversation.id);
    for (const subscriber of [...conversation.subscribers]) subscriber.close();
    conversation.subscribers.clear();
  }

  clear(): void {
    for (const conversation of [...this.conversations.values()]) this.remove(conversation);
  }
}
