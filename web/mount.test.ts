import { gunzipSync } from 'node:zlib';
import * as restify from 'restify';
import { loadResources } from '../locales/load';
import { createTranslator } from '../triage/i18n';
import { EXAMPLE_PROFILE, ForceProfileSchema, type ForceProfile } from '../triage/profile';
import { contrastRatio } from './contrast';
import { fromTranslator, mountWebChat, type WebChatMount } from './mount';

const translate = fromTranslator(createTranslator(loadResources()));

async function start(
  profile: ForceProfile,
): Promise<{ base: string; mounted: WebChatMount; close(): Promise<void> }> {
  const server = restify.createServer();
  const mounted = mountWebChat(server, { profile, translate });
  // Stand-ins for the service's own routes (bot/server.ts, bot/directline), for the 404/405 tests.
  server.post('/api/messages', (_req, res, next) => {
    res.send(200, {});
    next();
  });
  server.get('/v3/directline/conversations/:id', (_req, res, next) => {
    res.send(200, {});
    next();
  });
  server.post('/reports', (_req, res, next) => {
    res.send(200, {});
    next();
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    mounted,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}

const hostile = ForceProfileSchema.parse({
  ...EXAMPLE_PROFILE,
  name: `<script>alert("force")</script> & Co`,
  botName: `<img src=x onerror=alert(1)>`,
  branding: { primaryColour: '#66AAFF' },
});

describe('mountWebChat', () => {
  let app: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    app = await start(hostile);
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${app.base}${path}`, { headers });

  test('serves the page with a per-request nonce in a strict CSP and the other security headers', async () => {
    const [a, b] = await Promise.all([get('/'), get('/')]);
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = a.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(nonce).not.toBe(/'nonce-([^']+)'/.exec(b.headers.get('content-security-policy')!)![1]);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
    expect(a.headers.get('x-frame-options')).toBe('DENY');
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(a.headers.get('referrer-policy')).toBe('no-referrer');
    expect(a.headers.get('cache-control')).toBe('no-store');
    const body = await a.text();
    expect(body).toContain(`<style nonce="${nonce}">`);
    // No inline script at all: the only scripts are ours, by src, and a JSON data block.
    expect(body.match(/<script\b[^>]*>/g)).toEqual([
      '<script type="application/json" id="chat-config">',
      expect.stringMatching(/^<script src="\/assets\/webchat\.js\?v=[\w-]+" defer>$/),
      expect.stringMatching(/^<script src="\/assets\/chat\.js\?v=[\w-]+" defer>$/),
    ]);
  });

  test('escapes profile values everywhere they appear', async () => {
    const body = await (await get('/')).text();
    expect(body).not.toContain('<script>alert');
    expect(body).not.toContain('<img src=x');
    expect(body).toContain('&lt;script&gt;alert(&quot;force&quot;)&lt;/script&gt; &amp; Co');
    const config = /<script type="application\/json" id="chat-config">(.*?)<\/script>/s.exec(
      body,
    )![1]!;
    expect(config).not.toMatch(/[<>]/);
    const parsed = JSON.parse(config) as { strings: Record<string, string> };
    expect(parsed.strings.ACTIVITY_BOT_SAID_ALT).toBe('<img src=x onerror=alert(1)> said:');
  });

  test.each([
    ['/', {}, 'en', 'In an emergency, call 999'],
    ['/?lang=cy', {}, 'cy', 'Mewn argyfwng, ffoniwch 999'],
    ['/', { 'accept-language': 'cy-GB,cy;q=0.9,en;q=0.5' }, 'cy', 'Mewn argyfwng, ffoniwch 999'],
    ['/?lang=pl', {}, 'en', 'In an emergency, call 999'], // offered by the profile, no web.json yet
    ['/?lang=%3Cx%3E', {}, 'en', 'In an emergency, call 999'],
  ])('GET %s %j is in %s, 999 guidance included', async (path, headers, lang, heading) => {
    const res = await get(path, headers);
    expect(res.headers.get('content-language')).toBe(lang);
    const body = await res.text();
    expect(body).toContain(`<html lang="${lang}">`);
    expect(body).toContain(heading);
    expect(body).toContain('18000');
    expect(body).toMatch(/55/);
    expect(body).toMatch(
      /<noscript>[\s\S]*href="https:\/\/www\.example\.police\.uk\/report"[\s\S]*101[\s\S]*999[\s\S]*<\/noscript>/,
    );
  });

  test('darkens a brand colour that would fail contrast with white, and uses it', async () => {
    expect(app.mounted.brand).not.toBe('#66aaff');
    expect(contrastRatio(app.mounted.brand, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(await (await get('/')).text()).toContain(`--brand: ${app.mounted.brand}`);
  });

  test('serves Web Chat from our own origin, gzipped, cacheable, with ETags', async () => {
    const page = await (await get('/')).text();
    const src = /src="(\/assets\/webchat\.js\?v=[\w-]+)"/.exec(page)![1]!;
    const plain = await get(src);
    const raw = Buffer.from(await plain.arrayBuffer());
    expect(raw.length).toBeGreaterThan(1_000_000);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const zipped = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      // fetch() decompresses transparently; ask at the socket level to see the encoding.
      void import('node:http').then(({ get: httpGet }) => {
        httpGet(`${app.base}${src}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) });
          });
        }).on('error', reject);
      });
    });
    expect(zipped.encoding).toBe('gzip');
    expect(zipped.body.length).toBeLessThan(raw.length / 2);
    expect(gunzipSync(zipped.body).equals(raw)).toBe(true);

    const again = await get(src, { 'if-none-match': plain.headers.get('etag')! });
    expect(again.status).toBe(304);
    for (const [path, type] of [
      ['/assets/chat.js', 'text/javascript; charset=utf-8'],
      ['/assets/site.css', 'text/css; charset=utf-8'],
      ['/assets/icon.svg', 'image/svg+xml'],
    ]) {
      const res = await get(path!);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, type]);
    }
  });

  test('the chat section starts with a plain "call 999" line (sticky in site.css), in each language', async () => {
    for (const [path, text] of [
      ['/', 'In an emergency, call 999.'],
      ['/?lang=cy', 'Mewn argyfwng, ffoniwch 999.'],
    ] as const) {
      const body = await (await get(path)).text();
      const section = /<section class="chat-section"[^>]*>\s*(<p[^>]*>.*?<\/p>)/s.exec(body)![1]!;
      expect(section).toBe(`<p class="emergency-line"><strong>${text}</strong></p>`);
    }
    const css = await (await get('/assets/site.css')).text();
    const rule = /\.emergency-line \{([^}]*)\}/.exec(css)![1]!;
    expect(rule).toContain('position: sticky');
    expect(rule).toContain('top: 0');
    expect(contrastRatio('#0b0c0c', /background: (#[0-9a-f]{6})/.exec(rule)![1]!)).toBeGreaterThan(
      7,
    );
    // Focused elements scroll into view below the line, not under it.
    expect(css).toMatch(/html \{[^}]*scroll-padding-top: [\d.]+rem/);
  });

  const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

  test.each([
    ['/nope', {}, 'en', 'Page not found', 'In an emergency, call 999', 'href="/"'],
    [
      '/nope?lang=cy',
      {},
      'cy',
      'Heb ddod o hyd i’r dudalen',
      'Mewn argyfwng, ffoniwch 999',
      'href="/?lang=cy"',
    ],
    ['/a/b.html', { 'accept-language': 'cy' }, 'cy', 'Heb ddod o hyd', 'Mewn argyfwng', 'href="/"'],
  ])(
    'a browser asking for %s %j gets an HTML 404 in %s with the 999 guidance and a way back',
    async (path, headers, lang, heading, emergency, home) => {
      const res = await get(path, { accept: BROWSER_ACCEPT, ...headers });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-language')).toBe(lang);
      expect(res.headers.get('vary')).toContain('Accept');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const body = await res.text();
      expect(body).toContain(`<html lang="${lang}">`);
      expect(body).toMatch(new RegExp(`<h1>${heading}`));
      expect(body).toContain(emergency);
      expect(body).toContain('18000');
      expect(body).toContain('class="site-header"');
      expect(body).toMatch(new RegExp(`<a ${home.replace(/[?]/g, '\\?')}>`));
      expect(body).not.toMatch(/<script/);
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      expect(body).toContain(`<style nonce="${nonce}">`);
      // The profile's words are escaped here as on the chat page.
      expect(body).not.toContain('<script>alert');
    },
  );

  test('HEAD of the HTML 404 has the headers and no body', async () => {
    const res = await fetch(`${app.base}/nope`, {
      method: 'HEAD',
      headers: { accept: BROWSER_ACCEPT },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe('');
  });

  test.each([
    ['/nope', {}],
    ['/nope', { accept: '*/*' }],
    ['/nope', { accept: 'application/json' }],
    ['/api/nope', { accept: BROWSER_ACCEPT }],
    ['/v3/directline/nope', { accept: BROWSER_ACCEPT }],
  ])('GET %s %j keeps the JSON 404 for programs', async (path, headers) => {
    const res = await get(path, headers);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    // (bot/server.ts reshapes restify's error body to {"error": …}; here it is restify's own.)
    expect(JSON.stringify(await res.json())).toContain(`${path} does not exist`);
  });

  test('a path that another method answers keeps its 405, and POST to nowhere stays JSON', async () => {
    for (const path of ['/reports', '/api/messages']) {
      const res = await get(path, { accept: BROWSER_ACCEPT });
      expect([path, res.status]).toEqual([path, 405]);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
    const post = await fetch(`${app.base}/nope`, {
      method: 'POST',
      headers: { accept: BROWSER_ACCEPT },
    });
    expect(post.status).toBe(404);
    expect(post.headers.get('content-type')).toMatch(/^application\/json/);
    const routed = await get('/v3/directline/conversations/abc', { accept: BROWSER_ACCEPT });
    expect(routed.status).toBe(200);
  });

  test('HEAD / answers as GET does, without the body; so do the assets', async () => {
    const head = await fetch(`${app.base}/?lang=cy`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(head.headers.get('content-language')).toBe('cy');
    expect(head.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(1000);
    expect(await head.text()).toBe('');
    for (const path of ['/assets/chat.js', '/assets/site.css', '/assets/icon.svg']) {
      const [h, g] = await Promise.all([
        fetch(`${app.base}${path}`, { method: 'HEAD' }),
        get(path),
      ]);
      expect([path, h.status, h.headers.get('etag')]).toEqual([path, 200, g.headers.get('etag')]);
      // Same request headers (fetch asks for gzip), so the same length as GET's body.
      expect(h.headers.get('content-length')).toBe(g.headers.get('content-length'));
      expect(Number(h.headers.get('content-length'))).toBeGreaterThan(0);
      expect(await h.text()).toBe('');
    }
  });
});
