import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { gzip } from 'node:zlib';
import type * as restify from 'restify';
import type { ForceProfile } from '../triage/profile';
import type { Translator } from '../triage/i18n';
import { LANGUAGE_NAMES, isEmergencyLocale } from '../triage/languages';
import { accessibleOnWhite } from './contrast';
import { pickLocale, prefersHtml } from './language';
import { renderChatPage, renderNotFoundPage, type ChatConfig, type PageParams } from './page';

/** `(key, locale, params) => text` for "web:…" keys; build one from a Translator with fromTranslator. */
export type WebTranslate = (key: string, locale: string, params?: PageParams) => string;

export function fromTranslator(translator: Translator): WebTranslate {
  return (key, locale, params) => translator.t({ key, params }, locale);
}

export interface WebChatOptions {
  readonly profile: ForceProfile;
  readonly translate: WebTranslate;
  /** Page languages that have a locales/<lng>/web.json; offered only where the profile offers them. */
  readonly pageLocales?: readonly string[];
  readonly directLinePath?: string;
  readonly tokenPath?: string;
  /** Bluelamp's own report forms, once served; until then the profile's `links.reportOnline`. */
  readonly reportPath?: string;
  /** Where "Exit this page" goes: somewhere ordinary, as GOV.UK's exit-this-page pattern does. */
  readonly exitUrl?: string;
  readonly webSocket?: boolean;
  /** Send Strict-Transport-Security (only behind HTTPS). */
  readonly hsts?: boolean;
  readonly logger?: { warn(details: object, message: string): void };
}

export interface WebChatMount {
  /** The brand colour in use (the profile's, darkened if it failed contrast on white). */
  readonly brand: string;
  readonly locales: readonly string[];
}

/** Web Chat's own strings that we replace (placeholders, screen-reader labels, statuses). */
const WEBCHAT_STRING_KEYS = [
  'TEXT_INPUT_PLACEHOLDER',
  'TEXT_INPUT_ALT',
  'TEXT_INPUT_SEND_BUTTON_ALT',
  'TEXT_INPUT_LENGTH_EXCEEDED_ALT',
  'SEND_BOX_IS_EMPTY_TOOLTIP_ALT',
  'ACTIVITY_BOT_SAID_ALT',
  'ACTIVITY_YOU_SAID_ALT',
  'ACTIVITY_STATUS_SEND_STATUS_ALT_SENDING',
  'ACTIVITY_STATUS_SEND_STATUS_ALT_SENT_AT',
  'ACTIVITY_STATUS_SEND_FAILED_RETRY',
  'ACTIVITY_STATUS_TIMESTAMP_JUST_NOW',
  'ACTIVITY_STATUS_TIMESTAMP_ONE_MINUTE_AGO',
  'ACTIVITY_STATUS_TIMESTAMP_ONE_HOUR_AGO',
  'ACTIVITY_STATUS_TIMESTAMP_TODAY',
  'ACTIVITY_STATUS_TIMESTAMP_YESTERDAY',
  'CONNECTIVITY_STATUS_ALT',
  'CONNECTIVITY_STATUS_ALT_CONNECTED',
  'CONNECTIVITY_STATUS_ALT_CONNECTING',
  'CONNECTIVITY_STATUS_ALT_FATAL',
  'CONNECTIVITY_STATUS_ALT_RECONNECTING',
  'CONNECTIVITY_STATUS_ALT_RENDER_ERROR',
  'CONNECTIVITY_STATUS_ALT_SLOW_CONNECTION',
  'MARKDOWN_EXTERNAL_LINK_ALT',
  'SUGGESTED_ACTIONS_LABEL_ALT',
  'SUGGESTED_ACTIONS_FLIPPER_NEXT_ALT',
  'SUGGESTED_ACTIONS_FLIPPER_PREVIOUS_ALT',
  'TRANSCRIPT_ARIA_LABEL_ALT',
  'TRANSCRIPT_ARIA_ROLE_ALT',
  'TRANSCRIPT_LIVE_REGION_SEND_FAILED_ALT',
  'TRANSCRIPT_LIVE_REGION_SUGGESTED_ACTIONS_LABEL_ALT',
  'TRANSCRIPT_LIVE_REGION_INTERACTIVE_WITH_LINKS_LABEL_ALT',
  'TRANSCRIPT_MORE_MESSAGES',
  'TRANSCRIPT_NEW_MESSAGES',
  'TRANSCRIPT_TERMINATOR_TEXT',
  'TYPING_INDICATOR_ALT',
  'TYPING_INDICATOR_SINGLE_TEXT',
  'KEYBOARD_HELP_HEADER',
  'KEYBOARD_HELP_CLOSE_BUTTON_ALT',
] as const;

/** Web Chat's locale (dates, times, its fallback strings); the page language is the primary tag. */
const WEBCHAT_LOCALES: Readonly<Record<string, string>> = { en: 'en-GB', cy: 'cy-GB', pl: 'pl-PL' };

const EMPTY_STYLE_HASH = `sha256-${createHash('sha256').update('').digest('base64')}`;

interface Asset {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
  readonly route: string;
  /** The route with the content hash, so it can be cached for good. */
  readonly url: string;
  gzipped?: Promise<Buffer>;
}

function loadAsset(path: string, route: string, type: string): Asset {
  const body = readFileSync(path);
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 12);
  return { body, type, etag: `"${hash}"`, route, url: `${route}?v=${hash}` };
}

/** Our static files, from the source tree or next to the compiled dist/web. */
function publicDir(): string {
  for (const dir of [resolve(__dirname, 'public'), resolve(__dirname, '../../web/public')]) {
    if (existsSync(join(dir, 'chat.js'))) return dir;
  }
  throw new Error(`web/public not found from ${__dirname}`);
}

/** The Web Chat bundle from our own node_modules; its package exports hide dist/, so walk up. */
function webChatBundle(): string {
  let dir = dirname(require.resolve('botframework-webchat'));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'dist', 'webchat.js');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('botframework-webchat/dist/webchat.js not found');
}

export function mountWebChat(server: restify.Server, options: WebChatOptions): WebChatMount {
  const { profile, translate } = options;
  const directLinePath = options.directLinePath ?? '/v3/directline';
  // Never a link to a page that is not there: no forms route and no profile link, no link.
  const reportPath = options.reportPath ?? profile.links.reportOnline;
  const exitUrl = options.exitUrl ?? 'https://www.bbc.co.uk/weather';
  const pageLocales = options.pageLocales ?? ['en', 'cy'];
  const offered = profile.languages.offered.filter((l) => pageLocales.includes(l));
  const locales = offered.length > 0 ? offered : ['en'];
  const brand = accessibleOnWhite(profile.branding.primaryColour);
  if (brand !== profile.branding.primaryColour.toLowerCase()) {
    options.logger?.warn(
      { configured: profile.branding.primaryColour, used: brand },
      'brand colour darkened to reach 4.5:1 contrast with white text',
    );
  }

  const dir = publicDir();
  const assets = {
    webchat: loadAsset(webChatBundle(), '/assets/webchat.js', 'text/javascript; charset=utf-8'),
    chat: loadAsset(join(dir, 'chat.js'), '/assets/chat.js', 'text/javascript; charset=utf-8'),
    css: loadAsset(join(dir, 'site.css'), '/assets/site.css', 'text/css; charset=utf-8'),
    icon: loadAsset(join(dir, 'icon.svg'), '/assets/icon.svg', 'image/svg+xml'),
  };

  const styleOptions = {
    accent: brand,
    backgroundColor: '#ffffff',
    primaryFont: 'Arial, "Helvetica Neue", Helvetica, sans-serif',
    subtle: '#505a5f',
    timestampColor: '#505a5f',
    notificationText: '#505a5f',
    bubbleBackground: '#f3f2f1',
    bubbleBorderColor: '#b1b4b6',
    bubbleBorderRadius: 4,
    bubbleTextColor: '#0b0c0c',
    bubbleFromUserBackground: brand,
    bubbleFromUserBorderColor: brand,
    bubbleFromUserBorderRadius: 4,
    bubbleFromUserTextColor: '#ffffff',
    bubbleMinWidth: 200,
    bubbleMaxWidth: 600,
    hideUploadButton: true,
    markdownRenderHTML: false,
    maxMessageLength: 4000,
    sendBoxHeight: 48,
    sendBoxTextColor: '#0b0c0c',
    sendBoxPlaceholderColor: '#505a5f',
    sendBoxButtonColor: brand,
    sendBoxBorderTop: 'solid 2px #0b0c0c',
    suggestedActionLayout: 'flow',
    suggestedActionHeight: 44,
    suggestedActionBorderRadius: 4,
    suggestedActionBackgroundColor: '#ffffff',
    suggestedActionBorderColor: brand,
    suggestedActionTextColor: brand,
    suggestedActionBackgroundColorOnHover: '#f3f2f1',
    transcriptVisualKeyboardIndicatorColor: '#0b0c0c',
    suggestedActionsVisualKeyboardIndicatorColor: '#0b0c0c',
  };

  const securityHeaders = (req: IncomingMessage, nonce: string): Record<string, string> => {
    const host = validHost(req.headers.host);
    const sockets = host ? ` ws://${host} wss://${host}` : '';
    return {
      'Content-Security-Policy': [
        "default-src 'none'",
        "script-src 'self'",
        // The hash is of the empty string: react-scroll-to-bottom (inside Web Chat) creates its
        // emotion <style> without our nonce, empty, then fills it through the CSSOM, which CSP
        // does not police. Allowing exactly "" keeps 'unsafe-inline' out.
        `style-src 'self' 'nonce-${nonce}' '${EMPTY_STYLE_HASH}'`,
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "media-src 'self' blob:",
        `connect-src 'self'${sockets}`,
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
      ].join('; '),
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'no-referrer',
      'Permissions-Policy': 'camera=(), microphone=(), payment=(), usb=(), interest-cohort=()',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      ...(options.hsts ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
    };
  };

  /** A page of ours: never cached (it carries a nonce), in its language, with the page CSP. */
  const sendHtml = (
    req: IncomingMessage,
    res: restify.Response,
    status: number,
    page: {
      readonly body: string;
      readonly locale: string;
      readonly nonce: string;
      readonly vary: string;
    },
  ): void => {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(page.body)),
      'Cache-Control': 'no-store',
      'Content-Language': page.locale,
      Vary: page.vary,
      ...securityHeaders(req, page.nonce),
    });
    res.end(req.method === 'HEAD' ? undefined : page.body);
  };

  const languages = locales.map((code) => ({
    code,
    name: isEmergencyLocale(code) ? LANGUAGE_NAMES[code] : code,
    href: `/?lang=${encodeURIComponent(code)}`,
  }));
  const pageAssets = {
    webchat: assets.webchat.url,
    chat: assets.chat.url,
    css: assets.css.url,
    icon: assets.icon.url,
  };

  /** The page language (`?lang=`, then Accept-Language), and whether `?lang=` chose it. */
  const localeOf = (req: IncomingMessage): { locale: string; fromQuery: boolean } => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const locale = pickLocale(
      url.searchParams.get('lang'),
      firstHeader(req.headers['accept-language']),
      locales,
      profile.languages.default,
    );
    return { locale, fromQuery: url.searchParams.get('lang')?.toLowerCase() === locale };
  };
  const translatorFor =
    (locale: string) =>
    (key: string, params?: PageParams): string =>
      translate(`web:${key}`, locale, params);

  // GET and HEAD: HEAD is GET without the body (link checkers and uptime monitors send it).
  const sendPage = (req: restify.Request, res: restify.Response, next: restify.Next): void => {
    try {
      const { locale } = localeOf(req);
      const t = translatorFor(locale);
      const nonce = randomBytes(16).toString('base64');
      const strings: Record<string, string> = {};
      for (const key of WEBCHAT_STRING_KEYS) {
        strings[key] = t(`webchat.${key}`, { botName: profile.botName });
      }
      const config: ChatConfig = {
        locale: WEBCHAT_LOCALES[locale] ?? locale,
        tokenUrl: options.tokenPath ?? '/api/webchat/token',
        directLinePath,
        webSocket: options.webSocket ?? true,
        nonce,
        storageKey: `bluelamp.webchat.${profile.id}`,
        unavailable: t('chat.unavailable', { number: profile.nonEmergencyNumber }),
        styleOptions,
        strings,
      };
      const body = renderChatPage({
        profile,
        locale,
        languages,
        t,
        nonce,
        brand,
        assets: pageAssets,
        config,
        reportPath,
        exitUrl,
      });
      sendHtml(req, res, 200, { body, locale, nonce, vary: 'Accept-Language' });
    } catch (err) {
      options.logger?.warn({ err }, 'chat page failed');
      let text = `999 / ${profile.nonEmergencyNumber}`;
      try {
        text = translate('web:chat.unavailable', profile.languages.default, {
          number: profile.nonEmergencyNumber,
        });
      } catch {
        // the digits alone still say what to do
      }
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : text);
    }
    next();
  };
  server.get('/', sendPage);
  server.head('/', sendPage);

  for (const asset of Object.values(assets)) {
    const send = (req: restify.Request, res: restify.Response, next: restify.Next): void => {
      void sendAsset(req, res, asset).finally(() => {
        next();
      });
    };
    server.get(asset.route, send);
    server.head(asset.route, send);
  }

  // A person who mistypes an address (or follows an old link) gets a page, not JSON: the same header
  // and 999 guidance, and a way back to the chat. Only for GET/HEAD that no route of any method
  // answers and that ask for HTML; API paths and API clients keep restify's JSON 404 (and its 405).
  server.pre((req, res, next) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      isApiPath(req.getPath(), directLinePath) ||
      !prefersHtml(firstHeader(req.headers.accept)) ||
      hasRoute(server, req, res)
    ) {
      next();
      return;
    }
    try {
      const { locale, fromQuery } = localeOf(req);
      const nonce = randomBytes(16).toString('base64');
      const body = renderNotFoundPage({
        profile,
        locale,
        languages,
        t: translatorFor(locale),
        nonce,
        brand,
        assets: pageAssets,
        exitUrl,
        homeHref: fromQuery ? `/?lang=${encodeURIComponent(locale)}` : '/',
      });
      sendHtml(req, res, 404, { body, locale, nonce, vary: 'Accept, Accept-Language' });
    } catch (err) {
      // Fall back to restify's own 404 rather than fail the request.
      options.logger?.warn({ err }, 'not-found page failed');
      next();
      return;
    }
    next(false);
  });

  return { brand, locales };
}

async function sendAsset(req: IncomingMessage, res: restify.Response, asset: Asset): Promise<void> {
  const headers: Record<string, string> = {
    'Content-Type': asset.type,
    ETag: asset.etag,
    // URLs carry the content hash, so a cached copy is never stale.
    'Cache-Control': 'public, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Resource-Policy': 'same-origin',
    Vary: 'Accept-Encoding',
  };
  if (req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  let body = asset.body;
  if (
    /\bgzip\b/.test(firstHeader(req.headers['accept-encoding']) ?? '') &&
    asset.body.length > 1024
  ) {
    asset.gzipped ??= new Promise<Buffer>((done, fail) => {
      gzip(asset.body, (err, out) => {
        if (err) fail(err);
        else done(out);
      });
    });
    try {
      body = await asset.gzipped;
      headers['Content-Encoding'] = 'gzip';
    } catch {
      body = asset.body;
    }
  }
  headers['Content-Length'] = String(body.length);
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Paths for programs, not people: they always get JSON errors. */
function isApiPath(path: string, directLinePath: string): boolean {
  return (
    path === '/api' ||
    path.startsWith('/api/') ||
    path === directLinePath ||
    path.startsWith(`${directLinePath}/`)
  );
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/** Whether any route (of any method) answers this path: then restify's 200, 405 or 404 stands. */
function hasRoute(server: restify.Server, req: restify.Request, res: restify.Response): boolean {
  return METHODS.some((method) => {
    // Router.lookup reads only the method and the URL, and sets params/route on what it is given.
    const probe = { method, getUrl: () => req.getUrl(), params: {} } as unknown as restify.Request;
    return server.router.lookup(probe, res) !== undefined;
  });
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function validHost(host: string | undefined): string | undefined {
  if (!host) return undefined;
  return /^([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(:\d{1,5})?$/.test(host)
    ? host
    : undefined;
}
