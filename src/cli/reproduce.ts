/**
 * `bcr reproduce [--dataset S] [--results R] [--json] [--chart FILE] [--preset P]`:
 * the paper's judge table from published (or any) verdicts, without calling a
 * judge, with the published numbers beside ours, and the judge-vs-human
 * rating correlation under a named preset. Parsing and printing only.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { JUDGE_MODES, type JudgeMode } from '../data/verdict.js';
import { ConfigError } from '../errors.js';
import type { PaperScore } from '../eval/reproduce-paper.js';
import { OVERALL, type ReproducedScore, type ReproduceReport, type ReproduceRow } from '../eval/reproduce.js';
import { RATING_PRESET_NAMES, type PresetCorrelations } from '../eval/presets.js';
import { formatTable, printJson, type CliIO } from './output.js';

export interface ReproduceCliOptions {
  dataset?: string;
  results?: string;
  judge?: string;
  mode?: string;
  json?: boolean;
  chart?: string;
  preset: string;
  ratings: boolean;
}

const fmt = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '-' : v.toFixed(1));
const signed = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '-' : `${v >= 0 ? '+' : ''}${(Math.round(v * 10) / 10).toFixed(1)}`);

function tableRow(r: ReproduceRow, metric: keyof PaperScore): Record<string, unknown> {
  const s = (x: ReproducedScore | undefined) => x?.[metric];
  return {
    judge: r.judge,
    paper: r.paperJudge ?? '(not in paper)',
    topic: r.topic,
    'code-only': fmt(s(r.codeOnly)),
    'pub.': fmt(r.published?.codeOnly[metric]),
    'with-output': fmt(s(r.withOutput)),
    'pub. ': fmt(r.published?.withOutput[metric]),
    gain: signed(r.gain?.[metric]),
    'pub. gain': r.published ? signed(r.published.withOutput[metric] - r.published.codeOnly[metric]) : '-',
    'diff code-only': signed(r.diff?.codeOnly?.[metric]),
    'diff with-output': signed(r.diff?.withOutput?.[metric]),
  };
}

/** The readable report: accuracy and macro-F1 tables (overall, then per topic), n and errors, and the rating correlations. */
export function formatReproduce(report: ReproduceReport, ratings: PresetCorrelations | undefined, header: string): string {
  const overall = report.rows.filter((r) => r.topic === OVERALL);
  const topics = report.rows.filter((r) => r.topic !== OVERALL);
  const parts = [header, ''];
  for (const [metric, title] of [['accuracy', 'Accuracy'], ['macroF1', 'Macro-F1']] as const) {
    parts.push(`${title} (%, 3 classes: both_bad merged into tie; ours beside published; diff = ours - published):`);
    parts.push(formatTable(overall.map((r) => tableRow(r, metric))), '');
  }
  parts.push('Records scored (valid judgments joined to a human vote) and errors (failed or unknown judgments, excluded):');
  parts.push(formatTable(overall.map((r) => ({
    judge: r.judge, 'n code-only': r.codeOnly?.n ?? '-', 'errors code-only': r.codeOnly?.errors ?? '-',
    'n with-output': r.withOutput?.n ?? '-', 'errors with-output': r.withOutput?.errors ?? '-',
  }))), '');
  if (topics.length > 0) {
    for (const [metric, title] of [['accuracy', 'Accuracy'], ['macroF1', 'Macro-F1']] as const) {
      parts.push(`${title} per topic (%):`);
      parts.push(formatTable(topics.map((r) => ({ ...tableRow(r, metric), n: `${r.codeOnly?.n ?? '-'}/${r.withOutput?.n ?? '-'}` }))), '');
    }
  }
  if (report.unmatchedVerdicts > 0) parts.push(`${report.unmatchedVerdicts} verdicts have an id that is in no record of the dataset (not scored).`, '');
  if (ratings) {
    parts.push(`Rating correlation with the human leaderboard, preset "${ratings.preset.name}": ${ratings.preset.description}`);
    parts.push(formatTable(ratings.judges.map((j) => ({
      preset: j.preset, judge: j.judge, mode: j.mode, battles: j.battles, models: j.correlation.n,
      spearman: fmt3(j.correlation.spearman.statistic), pearson: fmt3(j.correlation.pearson.statistic), kendall: fmt3(j.correlation.kendall.statistic),
    }))));
  }
  return parts.join('\n');
}

const fmt3 = (v: number): string => (Number.isNaN(v) ? 'n/a' : v.toFixed(3));

export async function runReproduce(options: ReproduceCliOptions, io: CliIO): Promise<ReproduceReport> {
  if (options.mode !== undefined && !(JUDGE_MODES as readonly string[]).includes(options.mode)) {
    throw new ConfigError(`--mode must be one of ${JUDGE_MODES.join(', ')}; got "${options.mode}"`);
  }
  if (!(RATING_PRESET_NAMES as readonly string[]).includes(options.preset)) {
    throw new ConfigError(`--preset must be one of ${RATING_PRESET_NAMES.join(', ')}; got "${options.preset}"`);
  }
  const [{ openDataset }, { METRICS_COLUMNS }, published, { reproduceTable }, { loadPaperTable, PAPER_CITATION }] = await Promise.all([
    import('../data/dataset.js'), import('../data/row.js'), import('../data/published-verdicts.js'), import('../eval/reproduce.js'), import('../eval/reproduce-paper.js'),
  ]);
  const paper = loadPaperTable();
  const dataset = await openDataset(options.dataset);
  const comparisons = await dataset.loadComparisons({ columns: METRICS_COLUMNS });
  const read = await published.loadPublishedVerdicts(options.results ?? published.EXPERIMENT_RESULTS_DATASET, {
    ...(options.judge ? { judge: options.judge } : {}),
    ...(options.mode ? { mode: options.mode as JudgeMode } : {}),
  });
  if (dataset.synthetic) io.err(`note: human votes come from ${dataset.name}, which is marked synthetic`);
  for (const u of read.unknownJudgments) io.err(`warning: unknown judgment ${JSON.stringify(u.value)} x${u.count} in ${u.splits.join(', ')}: counted as errors, never as votes`);
  const report = reproduceTable(comparisons, read.verdicts, paper);
  let ratings: PresetCorrelations | undefined;
  if (options.ratings) {
    const { presetCorrelations } = await import('../eval/presets.js');
    ratings = await presetCorrelations(comparisons, read.verdicts, options.preset);
  }
  if (options.chart) {
    const [{ reproduceChart, reproducePoints }, { toPng }] = await Promise.all([import('../charts/reproduce.js'), import('../charts/render.js')]);
    writeFileSync(options.chart, await toPng(reproduceChart(reproducePoints(report), { synthetic: dataset.synthetic })));
  }
  const source = options.results ?? published.EXPERIMENT_RESULTS_DATASET;
  if (options.json) {
    printJson(io, {
      dataset: dataset.name, synthetic: dataset.synthetic, results: source, published: PAPER_CITATION,
      splits: read.splits, unknownJudgments: read.unknownJudgments, unreadColumns: read.unreadColumns,
      ...report,
      ...(ratings ? { ratings: { preset: ratings.preset, judges: ratings.judges } } : {}),
    });
  } else {
    io.out(formatReproduce(report, ratings, `${read.verdicts.length} verdicts from ${source} (${read.splits.length} splits) against ${report.humanVotes} human votes (${dataset.name}); published: ${PAPER_CITATION}`));
    if (options.chart) io.out(`\nChart: ${options.chart}`);
  }
  return report;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('reproduce')
    .description("the paper's judge table (accuracy and macro-F1, 3 classes) from published verdicts, beside the published numbers; no judge is called")
    .option('--dataset <spec>', 'where the human votes come from: a local path or a hub id such as bigcode/bigcodereward (default: the bundled sample)')
    .option('--results <spec>', 'the verdicts: a hub id (default bigcode/bigcodereward-experiment-results), a folder in its layout (default/<judge>_with_execution/0000.parquet), or one .parquet/.jsonl file')
    .option('--judge <name>', 'for a single --results file not named as a split: the judge it holds')
    .option('--mode <mode>', `for a single --results file not named as a split: its mode (${JUDGE_MODES.join(' or ')})`)
    .option('--preset <name>', `rating-correlation preset: ${RATING_PRESET_NAMES.join(', ')}`, 'reference')
    .option('--no-ratings', 'skip the rating correlations')
    .option('--chart <file>', 'write a PNG chart of ours vs published per judge and mode')
    .option('--json', 'print the full report as JSON (NaN printed as null)')
    .action(async (options: ReproduceCliOptions) => {
      await runReproduce(options, io);
    });
}
