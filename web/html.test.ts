import { escapeHtml, html, jsonForScript } from './html';

describe('html', () => {
  test('escapes every interpolated string, keeps nested html as is', () => {
    const name = `<script>alert("x")</script> & 'co'`;
    const inner = html`<b>${name}</b>`;
    expect(html`<p title="${name}">${inner}${[inner]}${undefined}${false}${3}</p>`.value).toBe(
      `<p title="${escapeHtml(name)}"><b>${escapeHtml(name)}</b><b>${escapeHtml(name)}</b>3</p>`,
    );
    expect(escapeHtml(name)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;',
    );
  });

  test('JSON for a script block cannot close the block', () => {
    const out = jsonForScript({ text: '</script><script>alert(1)</script>&' }).value;
    expect(out).not.toMatch(/[<>&]/);
    expect(JSON.parse(out)).toEqual({ text: '</script><script>alert(1)</script>&' });
  });
});
