import type { StepDef } from '../flows/schema';
import { attachments } from './attachments';

const step = (optional: boolean, maxFiles?: number): StepDef => ({
  id: 'footage',
  type: 'attachments',
  prompt: 'flows:rtc.footage.prompt',
  optional,
  ...(maxFiles ? { constraints: { maxFiles } } : {}),
});
const ctx = { locale: 'en' as const, now: new Date(), label: (k: string) => k };
const photo = {
  name: 'dashcam.mp4',
  contentType: 'video/mp4',
  size: 1_000_000,
  url: 'https://files.example/1',
};

test('files from a channel', () => {
  expect(attachments.parseValue([photo], step(false), ctx)).toEqual({ ok: true, value: [photo] });
  expect(
    attachments.parseValue(
      { name: 'a.jpg', contentType: 'IMAGE/JPEG', contentUrl: 'https://x.example/a' },
      step(false),
      ctx,
    ),
  ).toEqual({
    ok: true,
    value: [{ name: 'a.jpg', contentType: 'image/jpeg', url: 'https://x.example/a' }],
  });
});

test.each(['none', 'No', 'skip', 'nothing', 'dim', 'brak'])(
  'typed %j on an optional step is no files',
  (text) => {
    expect(attachments.parseText(text, step(true), ctx)).toEqual({ ok: true, value: [] });
  },
);

test('typed text is not a file', () => {
  expect(attachments.parseText('none', step(false), ctx)).toEqual({
    ok: false,
    error: { key: 'answers:attachments.upload' },
  });
  expect(attachments.parseText('here it is', step(true), ctx)).toEqual({
    ok: false,
    error: { key: 'answers:attachments.upload' },
  });
});

test('limits: count, type, size', () => {
  expect(attachments.parseValue([photo, photo, photo], step(true, 2), ctx)).toEqual({
    ok: false,
    error: { key: 'answers:attachments.tooMany', params: { max: 2 } },
  });
  expect(
    attachments.parseValue(
      [{ name: 'x.exe', contentType: 'application/x-msdownload' }],
      step(true),
      ctx,
    ),
  ).toEqual({
    ok: false,
    error: { key: 'answers:attachments.type', params: { name: 'x.exe' } },
  });
  expect(attachments.parseValue([{ ...photo, size: 600 * 1024 * 1024 }], step(true), ctx)).toEqual({
    ok: false,
    error: { key: 'answers:attachments.tooLarge', params: { name: 'dashcam.mp4', max: 500 } },
  });
  expect(attachments.schema(step(true, 1)).safeParse([photo, photo]).success).toBe(false);
  expect(attachments.schema(step(false)).safeParse([]).success).toBe(false);
});

test('format', () => {
  expect(attachments.format([photo], step(true), ctx)).toEqual({
    key: 'answers:format.files',
    params: { names: 'dashcam.mp4' },
  });
  expect(attachments.format([], step(true), ctx)).toEqual({ key: 'answers:format.noFiles' });
});
