import { ConversationStore, type Subscriber } from './conversations';

const parseSet = (
  json: string,
): { activities: { id: string; text?: string }[]; watermark: string } =>
  JSON.parse(json) as { activities: { id: string; text?: string }[]; watermark: string };

describe('Conversation', () => {
  test('watermarks are absolute and survive history trimming', () => {
    const store = new ConversationStore({ maxHistory: 3 });
    const c = store.create('conversation-1', 'dl_u');
    expect(parseSet(c.after(-1))).toEqual({ activities: [], watermark: '0' });
    for (let i = 1; i <= 5; i++) c.append({ type: 'message', text: `m${i}` });
    const all = parseSet(c.after(-1));
    expect(all.activities.map((a) => a.text)).toEqual(['m3', 'm4', 'm5']);
    expect(all.watermark).toBe('5');
    expect(all.activities[0]!.id).toBe('conversation-1|0000003');
    expect(parseSet(c.after(4)).activities.map((a) => a.text)).toEqual(['m5']);
    expect(parseSet(c.after(5))).toEqual({ activities: [], watermark: '5' });
  });

  test('pushes appended activities to subscribers, and ephemeral ones without keeping them', () => {
    const store = new ConversationStore();
    const c = store.create('conversation-1', 'dl_u');
    const sent: string[] = [];
    c.subscribers.add({ send: (s) => sent.push(s), close: () => undefined });
    c.append({ type: 'message', text: 'hi' });
    c.broadcast({ type: 'typing' });
    expect(sent.map((s) => parseSet(s).watermark)).toEqual(['1', '1']);
    expect(parseSet(c.after(-1)).activities).toHaveLength(1);
  });
});

describe('ConversationStore', () => {
  test('evicts the least recently active conversation when full, closing its streams', () => {
    const store = new ConversationStore({ maxConversations: 2 });
    const a = store.create('conversation-a', 'u');
    const closed: string[] = [];
    const sub: Subscriber = { send: () => undefined, close: () => closed.push('a') };
    a.subscribers.add(sub);
    store.create('conversation-b', 'u');
    store.touch(a);
    store.create('conversation-c', 'u');
    expect(store.get('conversation-b')).toBeUndefined();
    expect(store.get('conversation-a')).toBe(a);
    store.create('conversation-d', 'u');
    expect(store.get('conversation-a')).toBeUndefined();
    expect(closed).toEqual(['a']);
    expect(store.size).toBe(2);
    expect(store.evicted).toBe(2);
  });

  test('sweeps idle conversations but not those with an open stream', () => {
    let clock = 0;
    const store = new ConversationStore({ idleMs: 1000, now: () => clock });
    const idle = store.create('conversation-idle', 'u');
    const open = store.create('conversation-open', 'u');
    open.subscribers.add({ send: () => undefined, close: () => undefined });
    clock = 999;
    expect(store.sweep()).toBe(0);
    clock = 1001;
    expect(store.sweep()).toBe(1);
    expect(store.get(idle.id)).toBeUndefined();
    expect(store.get(open.id)).toBe(open);
  });

  test('create is idempotent for an existing id', () => {
    const store = new ConversationStore();
    expect(store.create('conversation-1', 'u')).toBe(store.create('conversation-1', 'u'));
  });
});
