/**
 * The self-contained HTML report: one file, no network. Styles are inline,
 * charts are inline SVG rendered by the charts room, and the page carries no
 * script at all; a Content-Security-Policy meta tag says so to the browser.
 */
import { toSvg } from '../charts/render.js';
import { SYNTHETIC_SUFFIX } from '../charts/spec.js';
import { html, trustedSvg, type SafeHtml } from './html.js';
import { reportCharts, type ReportChart } from './charts.js';
import { reportContext, type ReportInput } from './input.js';
import { REPORT_SECTIONS } from './sections.js';

const STYLE = `
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b5394; --warn-bg: #fff4ce; --warn: #7a4d00; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", system-ui, sans-serif; color: var(--fg); margin: 0; line-height: 1.45; font-size: 14px; }
header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
header h1 { font-size: 24px; margin: 24px 0 4px; }
header p { color: var(--muted); margin: 0 0 12px; }
nav { display: flex; flex-wrap: wrap; gap: 4px 14px; padding: 8px 0 12px; border-bottom: 1px solid var(--line); }
nav a { color: var(--accent); text-decoration: none; }
section { padding: 8px 0 16px; border-bottom: 1px solid var(--line); }
h2 { font-size: 19px; margin: 18px 0 8px; }
.banner { background: var(--warn-bg); color: var(--warn); border: 1px solid #e3c16f; padding: 10px 14px; margin: 12px 0; font-weight: bold; border-radius: 4px; }
div.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; margin: 10px 0 14px; font-size: 13px; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
figure { margin: 10px 0; overflow-x: auto; }
figcaption { color: var(--muted); font-size: 12px; max-width: 520px; }
.grid { display: flex; flex-wrap: wrap; gap: 8px 24px; }
code { background: #f6f8fa; padding: 0 3px; }
footer { color: var(--muted); font-size: 12px; padding: 16px 24px 32px; }
`;

/** No scripts, no remote anything: only inline styles and inline or data: images. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** One chart as an inline SVG figure with its caption. */
export async function reportFigure(chart: ReportChart): Promise<SafeHtml> {
  const svg = await toSvg(chart.spec);
  return html`<figure id="${chart.id}" class="chart">${trustedSvg(svg)}<figcaption>${chart.caption}</figcaption></figure>`;
}

export async function buildReport(input: ReportInput): Promise<string> {
  const ctx = reportContext(input);
  const charts = reportCharts(ctx);
  const figures = await Promise.all(charts.map(reportFigure));
  const bySection = (id: string) => html`${figures.filter((_, i) => charts[i]!.section === id)}`;
  const sections = REPORT_SECTIONS.flatMap((s) => {
    const body = s.render(ctx, bySection(s.id));
    return body ? [{ id: s.id, title: s.title, body }] : [];
  });
  const study = ctx.study;
  return reportPage({
    title: `BigCodeReward study: ${study.dataset}${study.synthetic ? ` ${SYNTHETIC_SUFFIX}` : ''}`,
    lead: `Do LLM judges agree with human votes more when they see what the code did? ${study.summary.records} records, ${study.agreement.verdicts} verdicts.`,
    banner: study.synthetic ? 'SYNTHETIC sample: generated data, NOT the real BigCodeReward votes. The numbers below only show that the pipeline works; they say nothing about real judges.' : null,
    sections,
    footer: `Generated ${(input.generatedAt ?? new Date()).toISOString()} by the BigCodeReward workbench (seed ${study.seed}). Self-contained: opens offline.`,
  });
}

export interface ReportPage {
  title: string;
  /** One plain sentence under the title. */
  lead: string;
  /** A warning shown in a banner (e.g. synthetic data), or null. */
  banner: string | null;
  sections: ReadonlyArray<{ id: string; title: string; body: SafeHtml }>;
  footer: string;
}

/** The page shell every report shares: CSP, styles, title, navigation, sections, footer. */
export function reportPage(p: ReportPage): string {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${p.title}</h1>
<p>${p.lead}</p>
${p.banner ? html`<div class="banner" role="alert">${p.banner}</div>` : null}
<nav>${p.sections.map((s) => html`<a href="#${s.id}">${s.title}</a>`)}</nav>
</header>
<main>
${p.sections.map((s) => html`<section id="${s.id}"><h2>${s.title}</h2>${s.body}</section>\n`)}
</main>
<footer>${p.footer}</footer>
</body>
</html>
`;
  return page.toString();
}
