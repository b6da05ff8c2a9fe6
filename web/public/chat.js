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

  // directlinejs ConnectionStatus values that it does not recover from by itself.
  const EXPIRED_TOKEN = 3;
  const FAILED_TO_CONNECT = 4;
  const ENDED = 5;

  let current = null;
  let freshStarts = 0;
  let saveTimer = 0;

  function save() {
    if (!current) return;
    // The client refreshes its token every 15 minutes; keep the newest for a reload.
    remember({
      token: current.directLine.token || current.session.token,
      conversationId: current.session.conversationId,
    });
  }

  // A double tap on a suggested action (or a card button) fires it twice in the same instant, so the
  // bot got the same choice twice and answered twice ("No", "No", and the second "No" answered the
  // next question). So a press (postBack, messageBack or imBack) identical to the one just sent, within
  // a second and with no new bot message in between, is dropped before it leaves: it answers a question
  // already answered. Once the bot has asked something new, the same choice is a new answer ("No",
  // then "No" to the next question, as quickly as you like). Typed messages are never dropped.
  // Redux middleware on the store Web Chat dispatches through.
  const REPEAT_WINDOW_MS = 1000;
  let lastPress = { key: '', at: 0 };
  let lastClick = { button: null, at: 0 };

  /** What a button press sends (kind, text, value), or null for anything that is not a press. */
  function pressKey(action) {
    const activity = action.payload && action.payload.activity;
    if (!activity || activity.type !== 'message') return null;
    const channelData = activity.channelData || {};
    let kind = null;
    if (channelData.postBack) kind = 'postBack';
    else if (channelData.messageBack) kind = 'messageBack';
    else if (action.meta && action.meta.method === 'imBack') kind = 'imBack';
    if (!kind) return null;
    return JSON.stringify([
      kind,
      activity.text || '',
      activity.value === undefined ? null : activity.value,
    ]);
  }

  function dropRepeatedPresses() {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
          const activity = action.payload && action.payload.activity;
          if (
            activity &&
            activity.type === 'message' &&
            !(activity.from && activity.from.role === 'user')
          ) {
            // A new question: nothing pressed before it is a repeat of what is pressed after it.
            lastPress = { key: '', at: 0 };
            lastClick = { button: null, at: 0 };
          }
        } else if (action.type === 'DIRECT_LINE/POST_ACTIVITY') {
          const key = pressKey(action);
          if (key !== null) {
            const now = Date.now();
            if (key === lastPress.key && now - lastPress.at < REPEAT_WINDOW_MS) return undefined;
            lastPress = { key: key, at: now };
          }
        }
        return next(action);
      };
    };
  }

  // The same double tap also runs Web Chat's click handler twice, and its way of focusing the send
  // box without opening the on-screen keyboard (readonly on, then off a moment later) then leaves
  // the send box read-only for good: the second call saves the first call's temporary readonly and
  // puts it back. So a second click on the same suggested action within the window, with no new bot
  // message in between, never reaches Web Chat (capture phase on window, before React's own
  // listeners). The store middleware still catches repeats from anywhere else (card buttons).
  window.addEventListener(
    'click',
    function (event) {
      const button =
        event.target instanceof Element ? event.target.closest('.webchat__suggested-action') : null;
      if (!button || !host.contains(button)) return;
      const now = Date.now();
      if (button === lastClick.button && now - lastClick.at < REPEAT_WINDOW_MS) {
        event.preventDefault();
        event.stopPropagation();
        return;
      }
      lastClick = { button: button, at: now };
    },
    true,
  );

  function start(session) {
    const directLine = window.WebChat.createDirectLine({
      domain: window.location.origin + config.directLinePath,
      token: session.token,
      // Only a resumed conversation is reconnected; otherwise the token starts its own.
      conversationId: session.resumed ? session.conversationId : undefined,
      webSocket: config.webSocket,
      conversationStartProperties: { locale: config.locale },
    });
    const mine = { directLine: directLine, session: session, recovering: false };
    current = mine;
    save();
    if (!saveTimer) {
      saveTimer = window.setInterval(save, 60 * 1000);
      window.addEventListener('pagehide', save);
    }
    // Left alone, a token that lapsed (a phone asleep for half an hour) or a server restart ends in
    // a permanent "Unable to connect" that tells nobody to reload. Recover by ourselves instead.
    directLine.connectionStatus$.subscribe(function (connectionStatus) {
      if (current !== mine || mine.recovering) return;
      if (
        connectionStatus === EXPIRED_TOKEN ||
        connectionStatus === FAILED_TO_CONNECT ||
        connectionStatus === ENDED
      ) {
        mine.recovering = true;
        recover(mine, 0);
      }
    });

    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: window.WebChat.createStore({}, dropRepeatedPresses),
        locale: config.locale,
        nonce: config.nonce,
        styleOptions: config.styleOptions,
        overrideLocalizedStrings: config.strings,
      },
      host,
    );
    status.hidden = true;
  }

  /** Seconds left on a token (a JWT: the client itself decodes it), or 0 when it cannot tell. */
  function secondsLeft(token) {
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(window.atob(payload)).exp - Date.now() / 1000;
    } catch (_) {
      return 0;
    }
  }

  // A phone that slept, or a tab the browser froze, misses the client's 15-minute token refresh. Renew
  // as the page comes back, before the person types: a message sent on a lapsed token is refused,
  // and Web Chat only says "Not sent" 20 seconds later.
  function renewIfLapsing() {
    if (document.visibilityState !== 'visible' || !current || current.recovering) return;
    if (secondsLeft(current.directLine.token || current.session.token) > 120) return;
    current.recovering = true;
    recover(current, 0);
  }
  document.addEventListener('visibilitychange', renewIfLapsing);
  window.addEventListener('online', renewIfLapsing);

  /**
   * Asks for a token for the same conversation. While the server still has it, the client carries on
   * in place; when it has gone (the server restarted, or it was idle too long), a new conversation
   * starts under the old transcript, which stays readable, with the bot's greeting.
   */
  function recover(previous, attempt) {
    requestToken(previous.directLine.token || previous.session.token)
      .then(function (session) {
        if (session.resumed && session.conversationId === previous.session.conversationId) {
          return conversation(session).then(function (started) {
            previous.session = session;
            previous.directLine.reconnect(started);
            previous.recovering = false;
            save();
          });
        }
        previous.directLine.end();
        // A server that hands out tokens but cannot hold a conversation must not loop us.
        if (++freshStarts > 3) throw new Error('the chat keeps failing');
        start(session);
        return undefined;
      })
      .catch(function (reason) {
        // The server may be on its way back up: try for about half a minute before giving up.
        if (attempt < 5) {
          window.setTimeout(
            function () {
              recover(previous, attempt + 1);
            },
            1000 * Math.pow(2, attempt),
          );
        } else {
          unavailable(reason);
        }
      });
  }

  /** A fresh stream URL (and the token to use) for a conversation the server still has. */
  function conversation(session) {
    return window
      .fetch(
        config.directLinePath + '/conversations/' + encodeURIComponent(session.conversationId),
        { headers: { Authorization: 'Bearer ' + session.token }, credentials: 'same-origin' },
      )
      .then(function (response) {
        if (!response.ok) throw new Error('conversation ' + response.status);
        return response.json();
      });
  }

  function requestToken(resume) {
    return window
      .fetch(config.tokenUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ resume: resume, locale: config.locale }),
      })
      .then(function (response) {
        if (!response.ok) throw new Error('token ' + response.status);
        return response.json();
      });
  }

  if (!window.WebChat || !window.fetch) {
    unavailable('Web Chat did not load');
    return;
  }
  const previous = stored();
  requestToken(previous && typeof previous.token === 'string' ? previous.token : undefined)
    .then(start)
    .catch(unavailable);
})();
