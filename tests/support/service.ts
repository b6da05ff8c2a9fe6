import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { createServer, type Service, type ServiceParts } from '../../bot/server';

/** A real service on 127.0.0.1 with a throw-away DATA_DIR (unless given one). */
export interface RunningService {
  readonly service: Service;
  readonly baseUrl: string;
  readonly dataDir: string;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export async function startService(
  env: Record<string, string> = {},
  parts: ServiceParts = {},
): Promise<RunningService> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'bluelamp-svc-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    RECORDS_DIR: join(dataDir, 'records'),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const service = createServer(config, { logger: createLogger('silent'), ...parts });
  await new Promise<void>((resolve) => {
    service.server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  await service.ready;
  const { port } = service.server.address();
  return {
    service,
    baseUrl: `http://127.0.0.1:${String(port)}`,
    dataDir,
    stop: async (options = {}) => {
      await service.close();
      if (!options.keepData && !env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ReplyActivity {
  readonly type: string;
  readonly text?: string;
  readonly suggestedActions?: {
    readonly actions: readonly { readonly title: string; readonly value: unknown }[];
  };
  readonly attachments?: readonly { readonly contentType: string; readonly content: unknown }[];
  readonly channelData?: unknown;
}

/** A Bot Framework client for one conversation over /api/messages with expectReplies. */
export class HttpConversation {
  private n = 0;
  constructor(
    readonly baseUrl: string,
    readonly channelId = 'webchat',
    readonly conversationId = `conv-${Math.random().toString(36).slice(2)}`,
    readonly headers: Record<string, string> = {},
  ) {}

  async send(activity: Record<string, unknown>): Promise<ReplyActivity[]> {
    const res = await fetch(`${this.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers },
      body: JSON.stringify({
        type: 'message',
        id: `a${String(++this.n)}`,
        channelId: this.channelId,
        serviceUrl: 'http://127.0.0.1:9',
        from: { id: `user-${this.conversationId}` },
        recipient: { id: 'bluelamp' },
        conversation: { id: this.conversationId },
        locale: 'en-GB',
        deliveryMode: 'expectReplies',
        ...activity,
      }),
    });
    if (res.status !== 200) throw new Error(`HTTP ${String(res.status)}: ${await res.text()}`);
    const body = (await res.json()) as { activities?: ReplyActivity[] };
    return body.activities ?? [];
  }

  say(text: string): Promise<ReplyActivity[]> {
    return this.send({ text });
  }

  press(choice: string): Promise<ReplyActivity[]> {
    return this.send({ value: { choice } });
  }
}

export function allText(replies: readonly ReplyActivity[]): string {
  return replies.map((r) => r.text ?? JSON.stringify(r.attachments ?? [])).join('\n');
}
