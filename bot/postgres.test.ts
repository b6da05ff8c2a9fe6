import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { allText, HttpConversation } from '../tests/support/service';

/**
 * Two real bot processes on one PostgreSQL carry on each other's conversations, and a conversation
 * survives one of them going away. Runs when DATABASE_URL is set (CI's PostgreSQL pass).
 */
const databaseUrl = process.env.DATABASE_URL;
const ROOT = resolve(__dirname, '..');
const run = databaseUrl ? describe : describe.skip;

interface Proc {
  readonly child: ChildProcess;
  readonly baseUrl: string;
}

async function startProcess(url: string, port: number, dataDir: string): Promise<Proc> {
  const child = spawn(
    process.execPath,
    ['-r', join(ROOT, 'records/testing/register-ts.js'), join(ROOT, 'bot/main.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: url,
        DATA_DIR: dataDir,
        RECORDS_DIR: join(dataDir, 'records'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const baseUrl = `http://127.0.0.1:${String(port)}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${baseUrl}/readyz`)).status === 200) return { child, baseUrl };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`bot on ${String(port)} did not start`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function stopProcess(proc: Proc): Promise<void> {
  if (proc.child.exitCode !== null) return;
  const exited = new Promise((r) => proc.child.once('exit', r));
  proc.child.kill('SIGTERM');
  await exited;
}

run('two bot processes on one PostgreSQL', () => {
  const schema = `bot_two_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'bluelamp-two-'));
  const url = `${databaseUrl ?? ''}${databaseUrl?.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  let a: Proc;
  let b: Proc;

  beforeAll(async () => {
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const base = 40_000 + Math.floor(Math.random() * 10_000);
    a = await startProcess(url, base, join(dataDir, 'a'));
    b = await startProcess(url, base + 1, join(dataDir, 'b'));
  }, 60_000);

  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map(stopProcess));
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('turns alternate between the processes, and one stopping loses nothing', async () => {
    const id = `two-${randomBytes(4).toString('hex')}`;
    const onA = new HttpConversation(a.baseUrl, 'sms', id);
    const onB = new HttpConversation(b.baseUrl, 'sms', id);
    await onA.say('no');
    expect(allText(await onB.say('my shed was broken into and tools taken'))).toMatch(/crime/i);
    const question = allText(await onA.say('yes'));
    expect(question).toMatch(/happened/i);
    await stopProcess(a);
    // The same conversation, now only on B: it carries on at the same step.
    const next = allText(await onB.say('someone forced the padlock and took two drills and a saw'));
    expect(next).toMatch(/Step 2 of/);
  }, 60_000);
});
