import { describe, expect, it } from 'vitest';
import { escapeHtml, html, SafeHtml, trustedSvg } from '../../src/report/html.js';

describe('html tagged template', () => {
  it('escapes every interpolation, in text and in attributes', () => {
    const evil = `<script>x</script>" onload='y' \`z\` &amp;`;
    const out = html`<p title="${evil}">${evil}</p>`.toString();
    expect(out).toBe(`<p title="${escapeHtml(evil)}">${escapeHtml(evil)}</p>`);
    expect(out).not.toContain('<script>');
    expect(out).not.toMatch(/"\s*onload=/);
    expect(escapeHtml(`<>&"'\``)).toBe('&lt;&gt;&amp;&quot;&#39;&#96;');
  });

  it('nests templates without double escaping, joins arrays and drops null, undefined and false', () => {
    const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}${0}</ul>`.toString()).toBe('<ul><li>a&lt;b</li><li>c</li>0</ul>');
  });

  it('SafeHtml cannot be made from outside the module', () => {
    expect(() => new SafeHtml(Symbol('SafeHtml') as never, '<b>')).toThrow(/html`/);
  });

  it('trustedSvg keeps the drawing but strips anything that could run', () => {
    const svg = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>`
      + `<foreignObject><div>x</div></foreignObject><a href="javascript:alert(3)"><text onclick='alert(4)'>ok &lt;b&gt;</text></a></svg>`;
    const out = trustedSvg(svg).toString();
    expect(out.startsWith('<svg')).toBe(true);
    expect(out).toContain('ok &lt;b&gt;');
    expect(out).not.toMatch(/onload|onclick|<script|foreignObject|javascript:/i);
    expect(() => trustedSvg('<div>not svg</div>')).toThrow(/not an SVG/);
  });
});
