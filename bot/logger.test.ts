import { Writable } from 'node:stream';
import { createLogger, routeConsoleToLogger } from './logger';

/** A logger writing into an array of parsed JSON lines, and a console-shaped target routed to it. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const target = { error: (..._a: unknown[]) => undefined, warn: (..._a: unknown[]) => undefined };
  routeConsoleToLogger(createLogger('info', stream), target);
  return { lines, target };
}

describe('library console output goes through the JSON logger', () => {
  test("botbuilder's rejected request (an AuthenticationError, 401) is one warning line, no stack", () => {
    const { lines, target } = capture();
    const err = Object.assign(new Error('Unauthorized Access. Request is not authorized'), {
      statusCode: 401,
    });
    target.error(err);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      status: 401,
      reason: 'Unauthorized Access. Request is not authorized',
      msg: 'request not authenticated',
    });
    expect(JSON.stringify(lines[0])).not.toContain('    at ');
  });

  test('any other error is logged as an error with the error serialised', () => {
    const { lines, target } = capture();
    target.error(new Error('boom'));
    expect(lines[0]).toMatchObject({ level: 50, msg: 'library reported an error' });
    expect((lines[0]?.err as { message?: string }).message).toBe('boom');
  });

  test('plain warnings are kept short, and odd values never throw', () => {
    const { lines, target } = capture();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    target.warn('BadRequest: Missing activity or activity type.', circular, 'x'.repeat(1000));
    expect(lines[0]).toMatchObject({ level: 40, msg: 'library message' });
    const detail = lines[0]?.detail as string;
    expect(
      detail.startsWith('BadRequest: Missing activity or activity type. [object Object]'),
    ).toBe(true);
    expect(detail.length).toBe(300);
  });
});

test("a database error's row-quoting fields are redacted, its message and code kept", () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const err = Object.assign(new Error('duplicate key value violates unique constraint'), {
    code: '23505',
    detail: 'Key (key)=(conversation/sms/+447700900123) already exists.',
    where: 'SQL statement "INSERT …"',
  });
  createLogger('info', stream).error({ err }, 'write failed');
  const line = JSON.stringify(lines[0]);
  expect(line).not.toContain('+447700900123');
  expect(lines[0]).toMatchObject({
    err: { message: 'duplicate key value violates unique constraint', code: '23505' },
  });
});
