import type { OutboundActivity } from '../activity';
import type { RenderInput } from './compose';
import { renderFacebook } from './facebook';
import { renderPlain } from './plain';
import { renderSms } from './sms';
import { renderTelegram } from './telegram';
import { renderWebChat } from './webchat';
import { renderWhatsApp } from './whatsapp';

export type { RenderInput } from './compose';

export type Renderer = (input: RenderInput) => OutboundActivity[];

export type RendererName = 'webchat' | 'facebook' | 'sms' | 'whatsapp' | 'telegram' | 'plain';

const RENDERERS: Readonly<Record<RendererName, Renderer>> = {
  webchat: renderWebChat,
  facebook: renderFacebook,
  sms: renderSms,
  whatsapp: renderWhatsApp,
  telegram: renderTelegram,
  plain: renderPlain,
};

/** Which renderer a Bot Framework channel id gets; unknown channels get plain numbered text. */
export function rendererName(channelId: string): RendererName {
  const id = channelId.trim().toLowerCase();
  if (id === 'webchat' || id === 'directline' || id === 'emulator') return 'webchat';
  if (id === 'facebook') return 'facebook';
  if (id.includes('sms')) return 'sms';
  if (id === 'whatsapp') return 'whatsapp';
  if (id === 'telegram') return 'telegram';
  return 'plain';
}

/**
 * A channel-neutral prompt as the activities to send on `channelId`, in order: emergency guidance
 * (when the prompt is the 999 prompt), the notices, the prompt's messages, then the question with its
 * options. Everything said comes from locales/ through the translator.
 */
export function render(input: RenderInput): OutboundActivity[] {
  return RENDERERS[rendererName(input.channelId)](input);
}
