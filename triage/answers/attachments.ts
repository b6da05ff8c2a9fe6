import { z } from 'zod';
import type { AnswerTypeDef, ParseResult } from './types';
import { fail, ok, simplify } from './words';

/**
 * Files a channel received (photos, dashcam or CCTV clips, documents). Only the channel's metadata is
 * an answer; the bytes stay wherever the channel put them (`url`). Typed "none" or "skip" on an
 * optional step is an empty list: the person has nothing to send, which is an answer in itself.
 */
export type AttachmentAnswer = {
  readonly name: string;
  readonly contentType: string;
  readonly size?: number;
  readonly url?: string;
};

export const DEFAULT_MAX_FILES = 10;
/** Dashcam and CCTV clips are large; the channel or store enforces its own lower limit where it has one. */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;

/** Evidence people send: pictures, video, audio, PDFs and office documents, plain text, archives of footage. */
const ALLOWED_TYPE =
  /^(?:image\/[\w.+-]+|video\/[\w.+-]+|audio\/[\w.+-]+|application\/pdf|text\/plain|application\/(?:msword|vnd\.openxmlformats-officedocument\.[\w.]+|vnd\.oasis\.opendocument\.[\w.]+|vnd\.ms-excel|zip|x-zip-compressed|octet-stream))$/i;

export const AttachmentSchema = z.strictObject({
  name: z.string().min(1).max(255),
  contentType: z.string().regex(ALLOWED_TYPE),
  size: z.number().int().nonnegative().max(MAX_FILE_BYTES).optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
});

const NOTHING = new Set([
  'none',
  'no',
  'nope',
  'nothing',
  'no files',
  'no photos',
  'no thanks',
  'not now',
  'skip',
  'n a',
  'dim',
  'na',
  'dim byd',
  'hepgor',
  'nie',
  'nic',
  'brak',
  'pomin',
]);

const INPUT = z.looseObject({
  name: z.string().optional(),
  contentType: z.string().optional(),
  size: z.number().optional(),
  url: z.string().optional(),
  contentUrl: z.string().optional(),
});

function readFiles(value: unknown, max: number): ParseResult {
  const list: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  if (list.length > max) return fail('attachments.tooMany', { max });
  const files: AttachmentAnswer[] = [];
  for (const [i, item] of list.entries()) {
    const parsed = INPUT.safeParse(item);
    if (!parsed.success) return fail('attachments.upload');
    const v = parsed.data;
    const name = (v.name?.trim() || `file-${i + 1}`).slice(0, 255);
    const url = v.url ?? v.contentUrl;
    const file: AttachmentAnswer = {
      name,
      contentType: (v.contentType ?? 'application/octet-stream').toLowerCase(),
      ...(v.size !== undefined ? { size: v.size } : {}),
      ...(url ? { url } : {}),
    };
    const checked = AttachmentSchema.safeParse(file);
    if (!checked.success) {
      const path = checked.error.issues[0]?.path[0];
      if (path === 'contentType') return fail('attachments.type', { name });
      if (path === 'size')
        return fail('attachments.tooLarge', { name, max: MAX_FILE_BYTES / 1024 / 1024 });
      return fail('attachments.upload');
    }
    files.push(file);
  }
  return ok(files);
}

/** Typed text cannot carry a file; it can only say there is none. */
function readTyped(text: string, optional: boolean): ParseResult {
  return optional && NOTHING.has(simplify(text)) ? ok([]) : fail('attachments.upload');
}

export const attachments: AnswerTypeDef<readonly AttachmentAnswer[]> = {
  schema: (step) =>
    z
      .array(AttachmentSchema)
      .max(step.constraints?.maxFiles ?? DEFAULT_MAX_FILES)
      .min(step.optional ? 0 : 1),
  parseText: (text, step) => readTyped(text, step.optional),
  parseValue(value, step) {
    if (typeof value === 'string') return readTyped(value, step.optional);
    if (Array.isArray(value) && value.length === 0) {
      return step.optional ? ok([]) : fail('attachments.upload');
    }
    return readFiles(value, step.constraints?.maxFiles ?? DEFAULT_MAX_FILES);
  },
  format: (value) =>
    value.length === 0
      ? { key: 'answers:format.noFiles' }
      : { key: 'answers:format.files', params: { names: value.map((f) => f.name).join(', ') } },
};
