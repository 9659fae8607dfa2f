/** The HTML report: a self-contained page of a study's results (no network, no script). */
export { buildReport } from './build-report.js';
export { reportContext, type ReportInput, type ReportContext, type ReproduceInput, type JudgeGain, type SliceTable } from './input.js';
export { REPORT_SECTIONS, type ReportSection } from './sections.js';
export { REPORT_CHARTS, reportCharts, type ReportChart } from './charts.js';
export { runReportInput, writeRunReport, REPORT_HTML, REPORT_JSON, type RunReportOptions } from './from-run.js';
export { html, escapeHtml, trustedSvg, SafeHtml, type HtmlValue } from './html.js';
export { buildArenaReport, writeArenaReport, ARENA_REPORT_HTML, type ArenaReportOptions } from './arena.js';
