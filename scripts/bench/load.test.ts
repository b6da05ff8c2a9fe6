import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Script, ScriptActivity } from './conversation';
import { runPhase, toActivity, type Tick } from './load';

/** Three messages, then over; every fifth conversation says "boom" (the server answers 500). */
class ThreeLines implements Script {
  readonly persona = 'three';
  outcome: Script['outcome'];
  readonly reprompts = 0;
  readonly turnErrors = 0;
  private i = 0;
  constructor(private readonly n: number) {}
  next(): ScriptActivity | undefined {
    if (this.i === 3) {
      this.outcome = 'echoed';
      return undefined;
    }
    this.i++;
    return {
      type: 'message',
      text: this.n % 5 === 4 && this.i === 2 ? 'boom' : `line ${String(this.i)}`,
    };
  }
}

describe('runPhase against a loopback server', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const activity = JSON.parse(body) as { text?: string; deliveryMode?: string };
        if (activity.text === 'boom' || activity.deliveryMode !== 'expectReplies') {
          res.statusCode = 500;
          res.end('{"error":"boom"}');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            activities: [{ type: 'message', text: `Echo: ${activity.text ?? ''}` }],
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(
    () =>
      new Promise<void>((r) =>
        server.close(() => {
          r();
        }),
      ),
  );

  test('measures for the duration, after warm-up, and counts failures by kind', async () => {
    const ticks: Tick[] = [];
    const edges: string[] = [];
    const result = await runPhase(
      { name: 't', port, newScript: (n) => new ThreeLines(n) },
      {
        concurrency: 4,
        warmupMs: 200,
        durationMs: 1200,
        maxMeasureMs: 5000,
        runId: 'test',
        onTick: (t) => ticks.push(t),
        onMeasure: (e) => edges.push(e),
      },
    );
    expect(edges).toEqual(['start', 'end']);
    expect(result.measuredS).toBeGreaterThanOrEqual(1.19);
    expect(result.measuredS).toBeLessThan(1.5);
    expect(result.turns).toBeGreaterThan(10);
    expect(result.turnsPerSec).toBeCloseTo(result.turns / result.measuredS, 5);
    expect(result.errors['HTTP 500']).toBeGreaterThan(0);
    expect(result.errorCount).toBe(result.errors['HTTP 500']);
    expect(result.errorSamples[0]).toMatch(/^HTTP 500: /);
    expect(result.outcomes.echoed).toBeGreaterThan(0);
    for (let i = 1; i < result.latencies.length; i++) {
      expect(result.latencies[i]).toBeGreaterThanOrEqual(result.latencies[i - 1]!);
    }
    expect(ticks.length).toBeGreaterThanOrEqual(1);
  });

  test('a number of turns: exactly that many are measured', async () => {
    const result = await runPhase(
      { name: 't', port, newScript: () => new ThreeLines(0) },
      { concurrency: 8, warmupMs: 0, turns: 300, maxMeasureMs: 10_000, runId: 'test2' },
    );
    expect(result.turns).toBe(300);
    expect(result.errorCount).toBe(0);
  });

  test('nothing listening: every turn is a network error, and the run still ends on time', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) =>
      closed.close(() => {
        r();
      }),
    );
    const result = await runPhase(
      { name: 't', port: deadPort, newScript: () => new ThreeLines(0) },
      { concurrency: 2, warmupMs: 0, durationMs: 500, maxMeasureMs: 2000, runId: 'test3' },
    );
    expect(result.turns).toBe(0);
    expect(Object.keys(result.errors)).toEqual(['network ECONNREFUSED']);
  });
});

test('toActivity: a Bot Framework activity asking for expectReplies', () => {
  const a = toActivity({ type: 'conversationUpdate' }, 'c1', 1);
  expect(a).toMatchObject({
    type: 'conversationUpdate',
    id: 'c1-1',
    channelId: 'webchat',
    conversation: { id: 'c1' },
    recipient: { id: 'bot' },
    deliveryMode: 'expectReplies',
    membersAdded: [{ id: 'user-c1' }, { id: 'bot' }],
  });
  expect(toActivity({ type: 'message', text: 'hi' }, 'c1', 2)).not.toHaveProperty('membersAdded');
});
