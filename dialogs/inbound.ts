import { z } from 'zod';
import { eventFromReply } from './activity';
import type { InputKind, Message, TriageEvent } from '../triage/types';

/**
 * The inbound activity, as much of it as Bluelamp reads, parsed by zod: everything here came from
 * a channel or a client and is never trusted. Unknown fields pass through untouched.
 */
const Account = z.looseObject({
  id: z.string().min(1).max(512),
  name: z.string().max(512).optional(),
});

const Attachment = z.looseObject({
  contentType: z.string().max(256),
  contentUrl: z.string().max(4096).optional(),
  name: z.string().max(512).optional(),
  content: z.unknown().optional(),
});

/** Longer text is cut to this, not refused: a refused activity gets no reply at all. */
export const TEXT_MAX = 20_000;

export const InboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  channelId: z.string().min(1).max(64),
  // Someone pasting a long statement still gets an answer (the step's own length check, and the
  // emergency detector on what is kept), never silence. Cut on code points, not inside a pair.
  text: z
    .string()
    .transform((t) => (t.length > TEXT_MAX ? Array.from(t).slice(0, TEXT_MAX).join('') : t))
    .optional(),
  value: z.unknown().optional(),
  locale: z.string().max(35).optional(),
  from: Account,
  recipient: Account.optional(),
  conversation: z.looseObject({ id: z.string().min(1).max(512) }),
  membersAdded: z.array(Account).optional(),
  attachments: z.array(Attachment).max(20).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).optional(),
  channelData: z.unknown().optional(),
});
export type InboundActivity = z.infer<typeof InboundActivitySchema>;

const Geo = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

const GeoCoordinates = z.object({ type: z.literal('GeoCoordinates') }).and(Geo);

/** A shared location, however the channel sends it (Web Chat entity, Messenger, Telegram). */
export function locationOf(activity: InboundActivity): { lat: number; lon: number } | undefined {
  for (const entity of activity.entities ?? []) {
    const geo = Geo.safeParse(entity.type === 'Place' ? entity.geo : entity);
    if ((entity.type === 'Place' || entity.type === 'GeoCoordinates') && geo.success) {
      return { lat: geo.data.latitude, lon: geo.data.longitude };
    }
  }
  for (const attachment of activity.attachments ?? []) {
    // WhatsApp through the Twilio/Infobip-style adapters: a GeoCoordinates object as the content.
    const coords = GeoCoordinates.safeParse(attachment.content);
    if (coords.success) return { lat: coords.data.latitude, lon: coords.data.longitude };
    // Messenger via Bot Framework: { contentType: 'location', content: { coordinates: { lat, long } } }.
    const fb = z
      .object({ coordinates: z.object({ lat: z.number(), long: z.number() }) })
      .safeParse(attachment.content);
    if (attachment.contentType === 'location' && fb.success) {
      return { lat: fb.data.coordinates.lat, lon: fb.data.coordinates.long };
    }
  }
  const telegram = z
    .object({ message: z.object({ location: Geo }) })
    .safeParse(activity.channelData);
  if (telegram.success) {
    return {
      lat: telegram.data.message.location.latitude,
      lon: telegram.data.message.location.longitude,
    };
  }
  return undefined;
}

export interface FileAttachment {
  readonly name: string;
  readonly contentType: string;
  readonly url?: string;
}

/** Photos, videos and documents the person sent (cards and locations are not files). */
export function filesOf(activity: InboundActivity): FileAttachment[] {
  return (activity.attachments ?? [])
    .filter(
      (a) =>
        a.contentType !== 'location' &&
        !a.contentType.startsWith('application/vnd.microsoft.') &&
        !GeoCoordinates.safeParse(a.content).success,
    )
    .map((a) => ({
      name: a.name ?? 'attachment',
      contentType: a.contentType,
      ...(a.contentUrl ? { url: a.contentUrl } : {}),
    }));
}

export type Inbound =
  | {
      readonly kind: 'event';
      readonly event: TriageEvent;
      readonly said: string;
      /** Said before the reply: files sent with the text that this step cannot take. */
      readonly notice?: Message;
    }
  /** Files or a location arrived where the conversation is not asking for them. */
  | { readonly kind: 'not-expected'; readonly notice: Message }
  | { readonly kind: 'ignore' };

const FILES_LATER: Message = { key: 'common:filesLater' };
const LOCATION_LATER: Message = { key: 'common:locationLater' };

/**
 * What an activity means for the triage machine, given the input the current prompt expects.
 * `said` is what goes in the transcript for the person's side.
 */
export function interpret(activity: InboundActivity, expected: InputKind): Inbound {
  if (activity.type === 'conversationUpdate') {
    const joined = (activity.membersAdded ?? []).some((m) => m.id !== activity.recipient?.id);
    return joined ? { kind: 'event', event: { type: 'START' }, said: '' } : { kind: 'ignore' };
  }
  if (activity.type !== 'message') return { kind: 'ignore' };

  const reply = eventFromReply(activity);
  if (reply) {
    const said = activity.text ?? (reply.type === 'CHOOSE' ? reply.value : '');
    return { kind: 'event', event: reply, said };
  }
  const location = locationOf(activity);
  if (location && expected === 'location') {
    return { kind: 'event', event: { type: 'ANSWER', value: location }, said: '[location shared]' };
  }
  const files = filesOf(activity);
  if (files.length > 0 && expected === 'attachments') {
    return {
      kind: 'event',
      event: { type: 'ANSWER', value: files },
      said: `[${String(files.length)} file(s)]`,
    };
  }
  const text = activity.text?.trim() ?? '';
  if (!text) {
    if (files.length > 0) return { kind: 'not-expected', notice: FILES_LATER };
    // A location shared at any other step (someone in danger may share where they are rather
    // than type) must never be met with silence.
    if (location) return { kind: 'not-expected', notice: LOCATION_LATER };
    return { kind: 'ignore' };
  }
  // The text is answered; the files cannot be kept here, so say so rather than drop them silently.
  return files.length > 0
    ? { kind: 'event', event: { type: 'TEXT', text }, said: text, notice: FILES_LATER }
    : { kind: 'event', event: { type: 'TEXT', text }, said: text };
}
