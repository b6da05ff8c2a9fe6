/*
 * Starts Bot Framework Web Chat against our own Direct Line endpoint. Served from our origin (the
 * page's CSP allows scripts from 'self' only); its settings come from the JSON block in the page.
 *
 * The token and conversation id live in sessionStorage: a reload in the same tab carries on the
 * conversation (the server re-issues a token while the conversation is alive), while closing the tab,
 * or "Exit this page", forgets it, which matters on a shared or watched device.
 */
(function () {
  'use strict';

  const config = JSON.parse(document.getElementById('chat-config').textContent);
  const status = document.getElementById('chat-status');
  const host = document.getElementById('webchat');

  function forget() {
    try {
      sessionStorage.removeItem(config.storageKey);
    } catch (_) {
      // storage may be blocked; then there is nothing to forget
    }
  }

  const exit = document.getElementById('exit-page');
  if (exit) {
    exit.addEventListener('click', function (event) {
      event.preventDefault();
      forget();
      window.location.replace(exit.href);
    });
  }

  function unavailable(reason) {
    if (reason) console.error('Chat unavailable:', reason);
    status.textContent = config.unavailable;
    status.classList.add('chat-status--error');
    status.hidden = false;
    host.hidden = true;
  }

  function stored() {
    try {
      return JSON.parse(sessionStorage.getItem(config.storageKey) || 'null');
    } catch (_) {
      return null;
    }
  }

  function remember(value) {
    try {
      sessionStorage.setItem(config.storageKey, JSON.stringify(value));
    } catch (_) {
      // without storage a reload starts a new chat, which is safe
    }
  }

  function start(session) {
    const directLine = window.WebChat.createDirectLine({
      domain: window.location.origin + config.directLinePath,
      token: session.token,
      // Only a resumed conversation is reconnected; otherwise the token starts its own.
      conversationId: session.resumed ? session.conversationId : undefined,
      webSocket: config.webSocket,
      conversationStartProperties: { locale: config.locale },
    });
    const save = function () {
      // The client refreshes its token every 15 minutes; keep the newest for a reload.
      remember({
        token: directLine.token || session.token,
        conversationId: session.conversationId,
      });
    };
    save();
    window.setInterval(save, 60 * 1000);
    window.addEventListener('pagehide', save);

    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        locale: config.locale,
        nonce: config.nonce,
        styleOptions: config.styleOptions,
        overrideLocalizedStrings: config.strings,
      },
      host,
    );
    status.hidden = true;
  }

  if (!window.WebChat || !window.fetch) {
    unavailable('Web Chat did not load');
    return;
  }
  const previous = stored();
  window
    .fetch(config.tokenUrl, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        resume: previous && typeof previous.token === 'string' ? previous.token : undefined,
        locale: config.locale,
      }),
    })
    .then(function (response) {
      if (!response.ok) throw new Error('token ' + response.status);
      return response.json();
    })
    .then(start)
    .catch(unavailable);
})();
