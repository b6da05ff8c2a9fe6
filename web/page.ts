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

/**
 * The public chat page. The 999 guidance sits above the chat and outside it, in the page itself, so
 * it is there before the chat loads, when it fails to load, and without JavaScript.
 */
export function renderChatPage(input: PageInput): string {
  const { profile, t, locale } = input;
  const force = profile.name;
  const botName = profile.botName;
  const number = profile.nonEmergencyNumber;
  const links = profile.links;

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
    html`<li><a href="${profile.website}">${t('footer.website', { force })}</a></li>`,
  );

  const page = html`<!DOCTYPE html>
    <html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${t('meta.title', { force })}</title>
        <meta name="description" content="${t('meta.description', { force })}" />
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
      </head>
      <body>
        <a href="#main" class="skip-link">${t('skipLink')}</a>
        <header class="site-header">
          <div class="container header-inner">
            <a class="brand" href="${profile.website}">${force}</a>
            <div class="header-tools">
              ${languageNav}
              <a id="exit-page" class="exit-link" href="${input.exitUrl}" rel="noreferrer nofollow"
                >${t('header.exit')}<span class="visually-hidden"
                  >. ${t('header.exitHint')}</span
                ></a
              >
            </div>
          </div>
        </header>
        <div class="container">
          <main id="main" tabindex="-1">
            <h1>${t('heading', { force })}</h1>

            <section class="emergency" aria-labelledby="emergency-title">
              <h2 id="emergency-title">${t('emergency.title')}</h2>
              <p>${t('emergency.when')}</p>
              <ul class="emergency-list">
                <li><strong>${t('emergency.relayLabel')}</strong> ${t('emergency.relay')}</li>
                <li><strong>${t('emergency.silentLabel')}</strong> ${t('emergency.silent')}</li>
              </ul>
              <p class="non-emergency">${t('emergency.nonEmergency', { number })}</p>
            </section>

            <div class="layout">
              <section class="chat-section" aria-labelledby="chat-title">
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
        <footer class="site-footer">
          <div class="container">
            <h2 class="visually-hidden">${t('footer.title')}</h2>
            <ul class="footer-links">
              ${footerLinks}
            </ul>
          </div>
        </footer>
        <script type="application/json" id="chat-config">
          ${jsonForScript(input.config)}
        </script>
        <script src="${input.assets.webchat}" defer></script>
        <script src="${input.assets.chat}" defer></script>
      </body>
    </html> `;
  return page.value;
}

/** The "report online" list item, or nothing when there is no form to send people to. */
function reportItem(href: string | undefined, label: string): Html | undefined {
  return href ? html`<li><a href="${href}">${label}</a></li>` : undefined;
}
