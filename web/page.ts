import type { ForceProfile } from '../triage/profile';
import { html, jsonForScript, type Html } from './html';

export type PageParams = Readonly<Record<string, string | number>>;

export interface PageLanguage {
  readonly code: string;
  readonly name: string;
  readonly href: string;
}

/** What chat.js reads from the page: everything it needs, nothing secret. */
export interface ChatConfig {
  readonly locale: string;
  readonly tokenUrl: string;
  readonly directLinePath: string;
  readonly webSocket: boolean;
  readonly nonce: string;
  readonly storageKey: string;
  readonly unavailable: string;
  readonly styleOptions: Readonly<Record<string, string | number | boolean>>;
  readonly strings: Readonly<Record<string, string>>;
}

export interface PageInput {
  readonly profile: ForceProfile;
  readonly locale: string;
  readonly languages: readonly PageLanguage[];
  /** Translates a web.json key (without the namespace) in the page's language. */
  readonly t: (key: string, params?: PageParams) => string;
  readonly nonce: string;
  /** The brand colour, already checked for contrast against white. */
  readonly brand: string;
  readonly assets: {
    readonly webchat: string;
    readonly chat: string;
    readonly css: string;
    readonly icon: string;
  };
  readonly config: ChatConfig;
  readonly reportPath: string | undefined;
  readonly exitUrl: string;
}

/** What the header, the 999 guidance and the footer need; the chat page and the 404 page share them. */
export type FrameInput = Pick<
  PageInput,
  'profile' | 'locale' | 'languages' | 't' | 'nonce' | 'brand' | 'exitUrl'
> & { readonly assets: Pick<PageInput['assets'], 'css' | 'icon'> };

/**
 * The public chat page. The 999 guidance sits above the chat and outside it, in the page itself, so
 * it is there before the chat loads, when it fails to load, and without JavaScript.
 *
 * On a phone that guidance is off screen once the chat is in use, so the chat section starts with a
 * one-line "In an emergency, call 999." that stays at the top of the window while any of the section
 * is in view (position: sticky, site.css). It is a plain paragraph, not a live region: a screen
 * reader reads it once, in its place, and never again as the chat changes.
 */
export function renderChatPage(input: PageInput): string {
  const { profile, t } = input;
  const force = profile.name;
  const botName = profile.botName;
  const number = profile.nonEmergencyNumber;
  const links = profile.links;

  const page = html`<!DOCTYPE html>
    <html lang="${input.locale}">
      ${head(input, t('meta.title', { force }), t('meta.description', { force }))}
      <body>
        ${siteHeader(input, true)}
        <div class="container">
          <main id="main" tabindex="-1">
            <h1>${t('heading', { force })}</h1>

            ${emergencySection(input, t('emergency.nonEmergency', { number }))}

            <div class="layout">
              <section class="chat-section" aria-labelledby="chat-title">
                <p class="emergency-line"><strong>${t('noscript.emergency')}</strong></p>
                <h2 id="chat-title">${t('chat.title', { botName })}</h2>
                <p>
                  ${t('chat.intro', { botName })} <strong>${t('chat.notForEmergencies')}</strong>
                </p>
                <p class="hint">
                  ${t('chat.privacyBefore')} <a href="${links.privacy}">${t('chat.privacyLink')}</a>
                </p>
                <noscript>
                  <div class="notice">
                    <h3>${t('noscript.title')}</h3>
                    <p>${t('noscript.body')}</p>
                    <ul>
                      ${reportItem(input.reportPath, t('noscript.report'))}
                      <li>${t('noscript.call', { number })}</li>
                      <li><strong>${t('noscript.emergency')}</strong></li>
                    </ul>
                  </div>
                </noscript>
                <p id="chat-status" class="chat-status js-only" role="status">
                  ${t('chat.loading')}
                </p>
                <div id="webchat" class="webchat js-only"></div>
              </section>

              <aside class="other-ways" aria-labelledby="other-title">
                <h2 id="other-title">${t('other.title')}</h2>
                <ul>
                  ${reportItem(input.reportPath, t('other.report'))}
                  <li>${t('other.call', { number })}</li>
                  <li><a href="${links.yourArea}">${t('other.yourArea')}</a></li>
                </ul>
              </aside>
            </div>
          </main>
        </div>
        ${siteFooter(input)}
        <script type="application/json" id="chat-config">
          ${jsonForScript(input.config)}
        </script>
        <script src="${input.assets.webchat}" defer></script>
        <script src="${input.assets.chat}" defer></script>
      </body>
    </html> `;
  return page.value;
}

export interface NotFoundInput extends FrameInput {
  /** Where the chat page is, in this language ("/" or "/?lang=cy"). */
  readonly homeHref: string;
}

/**
 * What a browser gets for a page we do not have: the same header and 999 guidance as the chat page
 * (someone who mistyped the address may still be in danger) and a link back to the chat. No script.
 */
export function renderNotFoundPage(input: NotFoundInput): string {
  const { profile, t } = input;
  const force = profile.name;
  const text = { heading: t('notFound.heading'), body: t('notFound.body') };
  const page = html`<!DOCTYPE html>
    <html lang="${input.locale}">
      ${head(input, `${text.heading} – ${force}`, undefined)}
      <body>
        ${siteHeader(input, false)}
        <div class="container">
          <main id="main" tabindex="-1" class="not-found">
            <h1>${text.heading}</h1>
            ${emergencySection(input, t('noscript.call', { number: profile.nonEmergencyNumber }))}
            <p>${text.body}</p>
            <p class="not-found-home"><a href="${input.homeHref}">${t('heading', { force })}</a></p>
          </main>
        </div>
        ${siteFooter(input)}
      </body>
    </html> `;
  return page.value;
}

function head(input: FrameInput, title: string, description: string | undefined): Html {
  return html`<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    ${description ? html`<meta name="description" content="${description}" />` : undefined}
    <meta name="referrer" content="no-referrer" />
    <link rel="icon" href="${input.assets.icon}" type="image/svg+xml" />
    <link rel="stylesheet" href="${input.assets.css}" />
    <style nonce="${input.nonce}">
      :root {
        --brand: ${input.brand};
      }
    </style>
    <noscript
      ><style nonce="${input.nonce}">
        .js-only {
          display: none;
        }
      </style></noscript
    >
  </head>`;
}

/** `exitClears`: chat.js is on the page, so "Exit this page" also forgets the chat (it says so). */
function siteHeader(input: FrameInput, exitClears: boolean): Html {
  const { t, locale } = input;
  const languageNav =
    input.languages.length > 1
      ? html`<nav class="lang-nav" aria-label="${t('header.languageNav')}">
          <ul>
            ${input.languages.map((l) =>
              l.code === locale
                ? html`<li><span aria-current="true" lang="${l.code}">${l.name}</span></li>`
                : html`<li>
                    <a href="${l.href}" hreflang="${l.code}" lang="${l.code}">${l.name}</a>
                  </li>`,
            )}
          </ul>
        </nav>`
      : undefined;
  return html`<a href="#main" class="skip-link">${t('skipLink')}</a>
    <header class="site-header">
      <div class="container header-inner">
        <a class="brand" href="${input.profile.website}">${input.profile.name}</a>
        <div class="header-tools">
          ${languageNav}
          <a id="exit-page" class="exit-link" href="${input.exitUrl}" rel="noreferrer nofollow"
            >${t('header.exit')}${
              exitClears
                ? html`<span class="visually-hidden">. ${t('header.exitHint')}</span>`
                : undefined
            }</a
          >
        </div>
      </div>
    </header>`;
}

/** The 999 guidance; `nonEmergency` is the last line (the chat page's points to the chat below). */
function emergencySection(input: FrameInput, nonEmergency: string): Html {
  const { t } = input;
  return html`<section class="emergency" aria-labelledby="emergency-title">
    <h2 id="emergency-title">${t('emergency.title')}</h2>
    <p>${t('emergency.when')}</p>
    <ul class="emergency-list">
      <li><strong>${t('emergency.relayLabel')}</strong> ${t('emergency.relay')}</li>
      <li><strong>${t('emergency.silentLabel')}</strong> ${t('emergency.silent')}</li>
    </ul>
    <p class="non-emergency">${nonEmergency}</p>
  </section>`;
}

function siteFooter(input: FrameInput): Html {
  const { profile, t } = input;
  const links = profile.links;
  const footerLinks: Html[] = [
    html`<li><a href="${links.privacy}">${t('footer.privacy')}</a></li>`,
  ];
  if (links.accessibility) {
    footerLinks.push(
      html`<li><a href="${links.accessibility}">${t('footer.accessibility')}</a></li>`,
    );
  }
  if (links.complaints) {
    footerLinks.push(html`<li><a href="${links.complaints}">${t('footer.complaints')}</a></li>`);
  }
  footerLinks.push(
    html`<li><a href="${profile.website}">${t('footer.website', { force: profile.name })}</a></li>`,
  );
  return html`<footer class="site-footer">
    <div class="container">
      <h2 class="visually-hidden">${t('footer.title')}</h2>
      <ul class="footer-links">
        ${footerLinks}
      </ul>
    </div>
  </footer>`;
}

/** The "report online" list item, or nothing when there is no form to send people to. */
function reportItem(href: string | undefined, label: string): Html | undefined {
  return href ? html`<li><a href="${href}">${label}</a></li>` : undefined;
}
