/**
 * `bcr metrics RESULTS.jsonl [more.jsonl...]`: agreement of judge verdicts
 * with the human votes of a dataset, per judge x mode x order, both orders
 * combined, and order consistency. Parsing and printing only; the numbers
 * come from the evaluation room (`src/eval`).
 */
import type { Command } from 'commander';
import type { Comparison, Outcome } from '../data/comparison.js';
import { LABEL_SPACES, type LabelSpace } from '../data/label-spaces.js';
import { SLICE_KEYS, type SliceKey } from '../data/slices.js';
import { JUDGE_MODES } from '../data/verdict.js';
import { ConfigError } from '../errors.js';
import { agreementReport, type AgreementReport, type AgreementRow } from '../eval/agreement.js';
import { costByJudge, readPriceTable, type CostRow, type PriceTable } from '../eval/cost.js';
import { loadHumanVotes, readVerdictFiles, selectVerdicts, type HumanVoteLoader } from '../eval/load.js';
import { positionStatsByJudge, type JudgePositionStats } from '../eval/orders.js';
import { PAIR_SLICE_RULE, sliceScores, type SliceRow } from '../eval/slices.js';
import type { MetricSet } from '../stats/report.js';
import { nonNegativeInt, integer } from './parse-options.js';
import { DEFAULT_STUDY_DIR, STUDY_CONFIG_FILE, studyResults } from '../study/config.js';
import { formatTable, printJson, type CliIO } from './output.js';

export interface MetricsOptions {
  dataset?: string;
  judge?: string;
  mode?: string;
  /** Price table (JSON or CSV of model -> dollars per 1M tokens); default: the shipped, dated one. */
  prices?: string;
  /** Agreement per slice of this key instead of the overall tables. */
  by?: string;
  /** Label space of the slice table (default three-class, the paper's). */
  space?: string;
  /** Bootstrap rounds of the slice intervals. */
  bootstrap?: number;
  seed?: number;
  json?: boolean;
}

/** The command's work, with the vote loader injectable for tests. */
export async function runMetrics(
  files: readonly string[],
  options: MetricsOptions,
  io: CliIO,
  loader: HumanVoteLoader = loadHumanVotes,
): Promise<AgreementReport> {
  const read = readVerdictFiles(files);
  const verdicts = selectVerdicts(read.verdicts, { judge: options.judge, mode: options.mode });
  if (options.by !== undefined) return runSliceMetrics(files, read, verdicts, options, io);
  const human = await loader(options.dataset);
  const report = agreementReport(human.votes, verdicts);
  const prices = readPriceTable(options.prices);
  const extra: MetricsExtras = { positionBias: positionBias(report, verdicts, human.votes), cost: costByJudge(verdicts, prices), prices };
  for (const file of read.cutOff) io.err(`warning: ${file}: last line is cut off (run still writing?); it was ignored`);
  if (human.synthetic) io.err(`note: human votes come from ${human.name}, which is marked synthetic`);
  if (options.json) {
    const priceInfo = { file: prices.file, asOf: prices.asOf ?? null };
    printJson(io, { dataset: human.name, synthetic: human.synthetic, files, linesRead: read.lines, linesReplaced: read.replaced, ...report, positionBias: extra.positionBias, cost: extra.cost, prices: priceInfo });
  } else {
    io.out(formatReport(report, human.name, extra));
  }
  return report;
}

/** What `bcr metrics` adds to the agreement report: position bias with accuracy, and cost and latency. */
export interface MetricsExtras {
  positionBias: JudgePositionStats[];
  cost: CostRow[];
  prices: PriceTable;
}

/** Position stats with the accuracy of consistent vs inconsistent verdicts, for the judge x mode runs seen in both orders. */
function positionBias(report: AgreementReport, verdicts: Parameters<typeof positionStatsByJudge>[0], human: ReadonlyMap<string, Outcome>): JudgePositionStats[] {
  const both = new Set(report.consistency.map((c) => JSON.stringify([c.judge, c.mode])));
  return positionStatsByJudge(verdicts.filter((v) => both.has(JSON.stringify([v.judge, v.mode]))), human);
}

const num = (v: number): number | string => (Number.isNaN(v) ? 'n/a' : v);

function metricColumns(m: MetricSet, threeClass: MetricSet): Record<string, number | string> {
  return {
    n: m.n,
    accuracy: num(m.accuracy),
    'macroF1-4': num(m.macroF1),
    'macroF1-3': num(threeClass.macroF1),
    kappa: num(m.kappa),
    mcc: num(m.mcc),
  };
}

const rate = (v: number | null): number | string => (v === null ? 'n/a' : v);

/** The readable tables: with ties, without ties (decisive human votes), counts, both orders combined, and order consistency. */
export function formatReport(report: AgreementReport, datasetName: string, extra?: MetricsExtras): string {
  const id = (r: AgreementRow) => ({ judge: r.judge, mode: r.mode, order: r.order });
  const parts = [
    `${report.verdicts} verdicts against ${report.humanVotes} human votes (${datasetName})`,
    '',
    'All human votes (4 classes; macroF1-3 merges tie and both_bad):',
    formatTable(report.rows.map((r) => ({ ...id(r), ...metricColumns(r.withTies.fourClass, r.withTies.threeClass), errors: r.counts.errors, errorRate: num(r.counts.errorRate) }))),
    '',
    'Decisive human votes only (human tie/both_bad dropped; F1 averaged over A and B):',
    formatTable(report.rows.map((r) => ({ ...id(r), ...metricColumns(r.noTies.fourClass, r.noTies.threeClass) }))),
    '',
    'Unmatched records (not scored):',
    formatTable(report.rows.map((r) => ({ ...id(r), verdictsWithoutVote: r.counts.unmatchedVerdicts, votesWithoutVerdict: r.counts.unjudged }))),
  ];
  if (report.combined.length > 0) {
    parts.push('', 'Both orders combined (same verdict stands; disagreement is a tie; one order failed: the other order counts):');
    parts.push(formatTable(report.combined.map((r) => ({ ...id(r), ...metricColumns(r.withTies.fourClass, r.withTies.threeClass), errors: r.counts.errors }))));
  }
  if (report.consistency.length > 0) {
    const withAccuracy = extra !== undefined;
    parts.push('', 'Same verdict in both orders (order consistency; firstWins: share of decisive verdicts won by the side shown first, 0.5 = no position bias' +
      (withAccuracy ? '; accConsistent / accInconsistent: 3-class accuracy of the verdicts that survived the swap / did not' : '') + '):');
    parts.push(formatTable((extra?.positionBias ?? report.consistency).map((c) => ({
      judge: c.judge, mode: c.mode, pairs: c.pairs, withError: c.pairsWithError, singleOrder: c.singleOrder,
      consistency: rate(c.consistency), 'consistency-3': rate(c.consistencyMerged), firstWins: rate(c.firstShownWinRate),
      ...(c.accuracy ? { accConsistent: rate(c.accuracy.consistentAccuracy), accInconsistent: rate(c.accuracy.inconsistentAccuracy) } : {}),
    }))));
  }
  if (extra !== undefined) parts.push('', formatCost(extra.cost, extra.prices));
  return parts.join('\n');
}

/** The cost and latency table; cached answers are counted but cost nothing and took no time. */
export function formatCost(rows: readonly CostRow[], prices: PriceTable): string {
  const asOf = prices.asOf ? `, prices as of ${prices.asOf}` : '';
  const ms = (v: number | undefined) => (v === undefined ? 'n/a' : Math.round(v));
  return [
    `Cost and latency (tokens and latency exclude cached answers; cost from ${prices.file}${asOf}; prices change, pass --prices to use your own):`,
    formatTable(rows.map((r) => ({
      judge: r.judge, mode: r.mode, verdicts: r.verdicts, errors: r.errors, cached: r.cached, retried: r.retried, retries: r.retries,
      promptTokens: r.promptTokens, completionTokens: r.completionTokens,
      'cost $': r.cost === null ? (r.recordedCost === null ? 'unpriced' : `${r.recordedCost.toFixed(4)} (recorded)`) : r.cost.toFixed(4),
      'p50 ms': ms(r.latencyMs?.p50), 'p90 ms': ms(r.latencyMs?.p90), 'p99 ms': ms(r.latencyMs?.p99),
    }))),
  ].join('\n');
}

function parseSliceKey(text: string): SliceKey {
  if (!(SLICE_KEYS as readonly string[]).includes(text)) throw new ConfigError(`--by must be one of ${SLICE_KEYS.join(', ')}; got "${text}"`);
  return text as SliceKey;
}

function parseSpace(text: string | undefined): LabelSpace {
  const space = text ?? 'three-class';
  if (!(LABEL_SPACES as readonly string[]).includes(space)) throw new ConfigError(`--space must be one of ${LABEL_SPACES.join(', ')}; got "${space}"`);
  return space as LabelSpace;
}

/** The comparisons with their slice fields: language and environment need the conversation states, topic does not. */
async function loadSliceComparisons(spec: string | undefined, key: SliceKey): Promise<{ comparisons: Comparison[]; name: string; synthetic: boolean }> {
  const { openDataset } = await import('../data/dataset.js');
  const { METRICS_COLUMNS } = await import('../data/row.js');
  const dataset = await openDataset(spec);
  const comparisons = await dataset.loadComparisons(key === 'topic' ? { columns: METRICS_COLUMNS } : {});
  return { comparisons, name: dataset.name, synthetic: dataset.synthetic };
}

/** `bcr metrics --by KEY`: one row per slice x judge run, with n and bootstrap intervals. */
async function runSliceMetrics(
  files: readonly string[],
  read: ReturnType<typeof readVerdictFiles>,
  verdicts: ReturnType<typeof readVerdictFiles>['verdicts'],
  options: MetricsOptions,
  io: CliIO,
): Promise<AgreementReport> {
  const key = parseSliceKey(options.by!);
  const space = parseSpace(options.space);
  const bootstrap = options.bootstrap ?? 1000;
  const seed = options.seed ?? 0;
  const data = await loadSliceComparisons(options.dataset, key);
  const rows = sliceScores(data.comparisons, verdicts, key, { space, bootstrap, seed });
  for (const file of read.cutOff) io.err(`warning: ${file}: last line is cut off (run still writing?); it was ignored`);
  if (data.synthetic) io.err(`note: human votes come from ${data.name}, which is marked synthetic`);
  if (options.json) {
    printJson(io, { dataset: data.name, synthetic: data.synthetic, files, by: key, space, variant: 'with-ties', bootstrap, seed, confidence: 0.95, rule: PAIR_SLICE_RULE, slices: rows });
  } else {
    const classes = space === 'three-class' ? '3 classes, tie and both_bad merged' : '4 classes';
    io.out([
      `${verdicts.length} verdicts against ${data.comparisons.length} human votes (${data.name}), by ${key} (${classes}; ${bootstrap} bootstrap rounds, 95% intervals, seed ${seed})`,
      `Pair rule: ${PAIR_SLICE_RULE}.`,
      '',
      'Accuracy:',
      formatSliceTable(rows, 'accuracy'),
      '',
      'Macro-F1:',
      formatSliceTable(rows, 'macroF1'),
    ].join('\n'));
  }
  return agreementReport(new Map(data.comparisons.map((c) => [c.id, c.vote])), verdicts);
}

const fixedOrNa = (v: number | null, digits: number) => (v === null || Number.isNaN(v) ? 'n/a' : v.toFixed(digits));

/**
 * Slice rows as one table: a row per slice x judge (x order when not AB), a
 * column per mode holding "value [lower, upper]", and n (one column when
 * every mode scored the same records, else one per mode).
 */
export function formatSliceTable(rows: readonly SliceRow[], metric: 'accuracy' | 'macroF1' = 'accuracy', digits = 3): string {
  if (rows.length === 0) return '(no slice has a scored record)';
  const modes = [...new Set(rows.map((r) => r.mode))].sort((a, b) => JUDGE_MODES.indexOf(a) - JUDGE_MODES.indexOf(b));
  const lines = new Map<string, { slice: string; judge: string; n: Map<string, number>; cells: Map<string, string> }>();
  for (const r of rows) {
    const judge = r.order === 'AB' ? r.judge : `${r.judge} (${r.order})`;
    const id = JSON.stringify([r.slice, judge]);
    let line = lines.get(id);
    if (!line) lines.set(id, (line = { slice: r.slice, judge, n: new Map(), cells: new Map() }));
    const lo = metric === 'accuracy' ? r.accuracyLower : r.macroF1Lower;
    const hi = metric === 'accuracy' ? r.accuracyUpper : r.macroF1Upper;
    line.n.set(r.mode, r.n);
    line.cells.set(r.mode, `${fixedOrNa(r[metric], digits)}${lo === null ? '' : ` [${fixedOrNa(lo, digits)}, ${fixedOrNa(hi, digits)}]`}`);
  }
  const sameN = [...lines.values()].every((l) => new Set(l.n.values()).size === 1);
  const key = rows[0]!.key;
  return formatTable([...lines.values()].map((l) => ({
    [key]: l.slice,
    judge: l.judge,
    ...(sameN ? { n: [...l.n.values()][0] } : Object.fromEntries(modes.map((m) => [`n ${m}`, l.n.get(m) ?? '']))),
    ...Object.fromEntries(modes.map((m) => [m, l.cells.get(m) ?? ''])),
  })));
}

/** The study's printed slice summary: accuracy per slice and judge, each mode with n and its interval. */
export function formatSliceSummary(summary: { space: LabelSpace; confidence: number; bootstrap: number } & Record<SliceKey, SliceRow[]>): string {
  const classes = summary.space === 'three-class' ? '3 classes' : '4 classes';
  const parts = [`Accuracy by slice (${classes}; n and ${Math.round(summary.confidence * 100)}% bootstrap interval of ${summary.bootstrap} rounds per cell; all metrics in report.json):`];
  for (const key of SLICE_KEYS) parts.push('', formatSliceTable(summary[key], 'accuracy', 2));
  return parts.join('\n');
}

export function register(program: Command, io: CliIO): void {
  program
    .command('metrics')
    .description('agreement of judge verdicts with human votes: accuracy, macro-F1 (4 and 3 classes), kappa, MCC')
    .argument('[results...]', `results JSONL files written by \`bcr judge\` or \`bcr run\` (default: the study's, ${DEFAULT_STUDY_DIR}/*.jsonl, with the dataset its ${STUDY_CONFIG_FILE} names)`)
    .option('--dataset <spec>', 'where the human votes come from: a local path or a hub id such as bigcode/bigcodereward (default: the bundled sample)')
    .option('--judge <name>', 'only this judge')
    .option('--mode <mode>', `only this mode (${JUDGE_MODES.join(' or ')})`)
    .option('--prices <file>', 'price table for the cost column: JSON or CSV of model -> dollars per 1M input/output tokens (default: the shipped, dated table)')
    .option('--by <key>', `agreement per slice instead: ${SLICE_KEYS.join(', ')} (n and a bootstrap interval per row)`)
    .option('--space <space>', `label space of --by: ${LABEL_SPACES.join(' or ')}`, 'three-class')
    .option('--bootstrap <n>', 'bootstrap rounds of the --by intervals', nonNegativeInt, 1000)
    .option('--seed <n>', 'seed of the --by bootstrap', integer, 0)
    .option('--json', 'print the full report as JSON (NaN printed as null)')
    .action(async (files: string[], options: MetricsOptions) => {
      if (files.length > 0) return void (await runMetrics(files, options, io));
      const study = studyResults();
      await runMetrics(study.files, { ...(study.dataset !== undefined ? { dataset: study.dataset } : {}), ...options }, io);
    });
}
