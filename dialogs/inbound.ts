import { z } from 'zod';
import { eventFromReply } from './activity';
import type { InputKind, TriageEvent } from '../triage/types';

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

export const InboundActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  channelId: z.string().min(1).max(64),
  text: z.string().max(20_000).optional(),
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
  | { readonly kind: 'event'; readonly event: TriageEvent; readonly said: string }
  /** Files arrived where the conversation is not asking for any. */
  | { readonly kind: 'files-not-expected' }
  | { readonly kind: 'ignore' };

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
  if (files.length > 0) {
    if (expected === 'attachments') {
      return {
        kind: 'event',
        event: { type: 'ANSWER', value: files },
        said: `[${String(files.length)} file(s)]`,
      };
    }
    if (!activity.text?.trim()) return { kind: 'files-not-expected' };
  }
  const text = activity.text?.trim() ?? '';
  if (!text) return { kind: 'ignore' };
  return { kind: 'event', event: { type: 'TEXT', text }, said: text };
}
