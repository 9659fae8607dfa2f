/**
 * The AutoCodeArena report: the arena's section (leaderboards by both
 * methods, slices, coverage, unparseable verdicts, the chart) rendered from
 * `arenaReportSection`'s data into the shared report page, as one
 * self-contained `arena-report.html` (no script, no network).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arenaReportSection, type ArenaScores } from '../arena/index.js';
import { reportFigure, reportPage } from './build-report.js';
import { table } from './format.js';
import { html, type SafeHtml } from './html.js';

export const ARENA_REPORT_HTML = 'arena-report.html';

const cells = (rows: ReadonlyArray<Record<string, string | number | null>>) => {
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return { headers, rows: rows.map((r) => headers.map((h) => r[h] ?? 'n/a')) };
};

const METHOD_LABEL = { 'mean-win-rate': 'mean win rate', 'bradley-terry': 'Bradley-Terry', coverage: 'coverage' } as const;

/** The arena section's body: notes, every table with its method named, the chart, missing answers and unparseable counts. */
export async function arenaSectionHtml(scores: ArenaScores): Promise<SafeHtml> {
  const section = arenaReportSection(scores);
  const figure = await reportFigure({
    id: 'arena-chart', section: 'arena', spec: section.chart,
    caption: `Mean win rate against ${scores.baseline} with ${Math.round(scores.bootstrap.confidence * 100)}% bootstrap intervals; the dashed line is the baseline (50%).`,
  });
  const tables = section.tables.map((t) => {
    const { headers, rows } = cells(t.rows);
    return table(headers, rows, `[${METHOD_LABEL[t.method]}] ${t.caption}`);
  });
  const unparseable = scores.coverage.map((c) => [c.model, c.judged, c.unparseable, c.failed]);
  const missing = Object.entries(section.missingByModel);
  return html`${section.notes.map((n) => html`<p>${n}</p>`)}
${figure}
${tables}
${table(['model', 'verdicts', 'unparseable', 'failed requests'], unparseable, 'Unparseable verdicts (left out of every score)')}
${missing.length === 0
    ? html`<p>Every model answered every prompt.</p>`
    : html`<p>Prompts without an answer, by model (not judged, not scored):</p><ul>${missing.map(([model, uids]) => html`<li><code>${model}</code>: ${uids.length} (${uids.slice(0, 20).join(', ')}${uids.length > 20 ? ', ...' : ''})</li>`)}</ul>`}`;
}

export interface ArenaReportOptions {
  /** The arena folder the scores came from, for the header. */
  dir?: string;
  generatedAt?: Date;
}

/** The arena report as one self-contained HTML page. */
export async function buildArenaReport(scores: ArenaScores, options: ArenaReportOptions = {}): Promise<string> {
  const body = await arenaSectionHtml(scores);
  const candidates = scores.overall.filter((r) => r.model !== scores.baseline).length;
  return reportPage({
    title: `AutoCodeArena${options.dir ? `: ${options.dir}` : ''}`,
    lead: `${candidates} candidate model(s) against the baseline ${scores.baseline}, judged by ${scores.judge ?? 'no judge yet'} with execution results, in both orders.`,
    banner: null,
    sections: [{ id: 'arena', title: 'AutoCodeArena leaderboard', body }],
    footer: `Generated ${(options.generatedAt ?? new Date()).toISOString()} by the BigCodeReward workbench (bootstrap seed ${scores.bootstrap.seed}). Self-contained: opens offline.`,
  });
}

/** Writes `arena-report.html` (or `out`) and returns its path. */
export async function writeArenaReport(scores: ArenaScores, dir: string, out = join(dir, ARENA_REPORT_HTML)): Promise<string> {
  writeFileSync(out, await buildArenaReport(scores, { dir }));
  return out;
}
