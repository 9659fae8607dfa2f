/** Number formatting and a table helper shared by the report's sections. */
import { html, type HtmlValue, type SafeHtml } from './html.js';

const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || Number.isNaN(v);

/** A share as a percentage with one decimal ("63.8%"); "n/a" when absent (report.json writes NaN as null). */
export const pct = (v: number | null | undefined): string => (missing(v) ? 'n/a' : `${(v * 100).toFixed(1)}%`);
/** A difference of shares in percentage points, signed. */
export const pp = (v: number | null | undefined): string => (missing(v) ? 'n/a' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)} pp`);
export const num = (v: number | null | undefined, digits = 3): string => (missing(v) ? 'n/a' : v.toFixed(digits));
/** A p-value: 4 decimals, or "< 0.0001". */
export const pValue = (v: number | null | undefined): string => (missing(v) ? 'n/a' : v < 1e-4 ? '< 0.0001' : v.toFixed(4));

/** A table; numeric-looking cells are right-aligned by the stylesheet's `td.n`. */
export function table(headers: readonly string[], rows: readonly (readonly HtmlValue[])[], caption?: string): SafeHtml {
  const isNumeric = (cell: HtmlValue) => typeof cell === 'number' || (typeof cell === 'string' && /^([-+<]?\s?[\d.]+(%| pp)?|n\/a)((\s(to|\/)\s)([-+]?[\d.]+(%| pp)?|n\/a))?$/.test(cell));
  return html`<div class="scroll"><table>${caption ? html`<caption>${caption}</caption>` : null}
<thead><tr>${headers.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${rows.map((row) => html`<tr>${row.map((cell) => (isNumeric(cell) ? html`<td class="n">${cell}</td>` : html`<td>${cell}</td>`))}</tr>\n`)}</tbody></table></div>`;
}
