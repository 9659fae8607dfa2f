/**
 * `bcr metrics RESULTS.jsonl [more.jsonl...]`: agreement of judge verdicts
 * with the human votes of a dataset, per judge x mode x order, both orders
 * combined, and order consistency. Parsing and printing only; the numbers
 * come from the evaluation room (`src/eval`).
 */
import type { Command } from 'commander';
import type { Outcome } from '../data/comparison.js';
import { JUDGE_MODES } from '../data/verdict.js';
import { agreementReport, type AgreementReport, type AgreementRow } from '../eval/agreement.js';
import { costByJudge, readPriceTable, type CostRow, type PriceTable } from '../eval/cost.js';
import { loadHumanVotes, readVerdictFiles, selectVerdicts, type HumanVoteLoader } from '../eval/load.js';
import { positionStatsByJudge, type JudgePositionStats } from '../eval/orders.js';
import type { MetricSet } from '../stats/report.js';
import { DEFAULT_STUDY_DIR, STUDY_CONFIG_FILE, studyResults } from '../study/config.js';
import { formatTable, printJson, type CliIO } from './output.js';

export interface MetricsOptions {
  dataset?: string;
  judge?: string;
  mode?: string;
  /** Price table (JSON or CSV of model -> dollars per 1M tokens); default: the shipped, dated one. */
  prices?: string;
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

export function register(program: Command, io: CliIO): void {
  program
    .command('metrics')
    .description('agreement of judge verdicts with human votes: accuracy, macro-F1 (4 and 3 classes), kappa, MCC')
    .argument('[results...]', `results JSONL files written by \`bcr judge\` or \`bcr run\` (default: the study's, ${DEFAULT_STUDY_DIR}/*.jsonl, with the dataset its ${STUDY_CONFIG_FILE} names)`)
    .option('--dataset <spec>', 'where the human votes come from: a local path or a hub id such as bigcode/bigcodereward (default: the bundled sample)')
    .option('--judge <name>', 'only this judge')
    .option('--mode <mode>', `only this mode (${JUDGE_MODES.join(' or ')})`)
    .option('--prices <file>', 'price table for the cost column: JSON or CSV of model -> dollars per 1M input/output tokens (default: the shipped, dated table)')
    .option('--json', 'print the full report as JSON (NaN printed as null)')
    .action(async (files: string[], options: MetricsOptions) => {
      if (files.length > 0) return void (await runMetrics(files, options, io));
      const study = studyResults();
      await runMetrics(study.files, { ...(study.dataset !== undefined ? { dataset: study.dataset } : {}), ...options }, io);
    });
}
