/**
 * HTML by tagged template, escaping by default: every interpolated value is
 * text (escaped for element content and quoted attributes alike) unless it is
 * already `SafeHtml`, which only this module makes: from a template, or from
 * `trustedSvg` for the SVG our own chart renderer produced. Arrays are joined;
 * null, undefined and false render as nothing.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (ch) => ESCAPES[ch]!);
}

/** Only this module holds the token, so only `html` and `trustedSvg` can make SafeHtml. */
const TOKEN: unique symbol = Symbol('SafeHtml');

/** Markup that is safe to insert as is. */
export class SafeHtml {
  readonly #html: string;
  constructor(token: typeof TOKEN, markup: string) {
    if (token !== TOKEN) throw new Error('SafeHtml is made by html`...` or trustedSvg only');
    this.#html = markup;
  }
  toString(): string {
    return this.#html;
  }
}
const make = (markup: string) => new SafeHtml(TOKEN, markup);

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return make(out);
}

/**
 * SVG produced by our chart renderer (vega's SVG writer escapes the data's
 * text). Anything that could run is still stripped as a second line of
 * defence: script elements, event-handler attributes, foreignObject, and
 * javascript: links.
 */
export function trustedSvg(svg: string): SafeHtml {
  const start = svg.indexOf('<svg');
  if (start < 0) throw new Error('trustedSvg: not an SVG document');
  const cleaned = svg
    .slice(start)
    .replace(/<script[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<foreignObject[\s\S]*?<\/foreignObject\s*>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, '')
    .replace(/(href\s*=\s*["']?)\s*javascript:/gi, '$1#');
  return make(cleaned);
}
