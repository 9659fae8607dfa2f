/**
 * `bcr agree A B [mapping options]`: agreement between two vote files (judge
 * vs humans, humans vs humans). Each mapping option applies to both files;
 * `--a-<option>` / `--b-<option>` set it for one file only. Parsing and
 * printing only; the numbers come from `src/eval/agree.ts`.
 */
import { Option, type Command } from 'commander';
import { parseVoteLabels, readVotes, INVALID_POLICIES, type InvalidPolicy, type VoteColumnMapping, type VotesFormat, type VotesRead } from '../data/votes-file.js';
import { ConfigError } from '../errors.js';
import { agreeVotes, AGGREGATION_RULES, raterAgreement, type AggregationRule, type AgreeReport, type RaterAgreementReport } from '../eval/agree.js';
import type { PairAgreement } from '../stats/rater-agreement.js';
import type { MetricSet } from '../stats/report.js';
import { formatTable, printJson, type CliIO } from './output.js';

/** The per-file options; each also exists as `--a-<name>` and `--b-<name>`. */
const SIDE_OPTIONS = [
  ['left', '<col>', 'column holding the left / first contestant (default left)'],
  ['right', '<col>', 'column holding the right / second contestant (default right)'],
  ['winner', '<col>', 'column holding the winner label (default winner)'],
  ['item', '<col>', 'column holding the item (prompt / pair id); pairs are matched by item and unordered model pair'],
  ['rater', '<col>', 'column holding the rater (worker / judge)'],
  ['labels', '<map>', 'winner labels: left=V,right=V,tie=V,both_bad=V; a key given twice adds a value (tie=0,tie=Tie)'],
  ['where', '<col=v,...>', 'keep only rows whose column has this value (e.g. turn=1)'],
  ['from-filename', '<regex>', 'columns from the file name: named groups, e.g. (?<left>[^_]+)_vs_(?<right>[^.]+)\\.csv'],
  ['format', '<format>', 'csv, tsv or jsonl (default: from the extension)'],
  ['invalid', '<policy>', 'a winner value the mapping does not know (garbage, -1, empty): error (default) or skip, each skip listed'],
] as const;

type SideKey = (typeof SIDE_OPTIONS)[number][0];
const camel = (k: string) => k.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

export interface AgreeCliOptions {
  aggregate: AggregationRule;
  json?: boolean;
  [key: string]: unknown;
}

function sideValue(options: AgreeCliOptions, side: 'a' | 'b', key: SideKey): string | undefined {
  const own = options[camel(`${side}-${key}`)];
  const shared = options[camel(key)];
  return (own ?? shared) as string | undefined;
}

/** "col=v,col=w,other=x" -> { col: [v, w], other: [x] }. */
export function parseWhere(text: string | undefined): Record<string, string[]> | undefined {
  if (text === undefined) return undefined;
  const where: Record<string, string[]> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const column = part.slice(0, eq).trim();
    if (eq <= 0 || column === '') throw new ConfigError(`--where: expected column=value pairs; got "${part}"`);
    (where[column] ??= []).push(part.slice(eq + 1).trim());
  }
  return where;
}

async function readSide(file: string, side: 'a' | 'b', options: AgreeCliOptions): Promise<VotesRead> {
  const get = (k: SideKey) => sideValue(options, side, k);
  const mapping: VoteColumnMapping = {
    left: get('left') ?? 'left',
    right: get('right') ?? 'right',
    winner: get('winner') ?? 'winner',
    labels: parseVoteLabels(get('labels')),
    item: get('item'),
    rater: get('rater'),
  };
  const format = get('format');
  if (format !== undefined && !['csv', 'tsv', 'jsonl'].includes(format)) throw new ConfigError(`--format must be csv, tsv or jsonl, got "${format}"`);
  const invalid = get('invalid') ?? 'error';
  if (!(INVALID_POLICIES as readonly string[]).includes(invalid)) throw new ConfigError(`--invalid must be error or skip, got "${invalid}"`);
  return readVotes(file, mapping, {
    format: format as VotesFormat | undefined,
    invalid: invalid as InvalidPolicy,
    where: parseWhere(get('where')),
    fromFilename: get('from-filename'),
  });
}

const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : (100 * x).toFixed(1));

function metricRow(what: string, m: MetricSet) {
  return { set: what, n: m.n, accuracy: pct(m.accuracy), macroF1: pct(m.macroF1), kappa: Number.isNaN(m.kappa) ? 'n/a' : m.kappa.toFixed(3) };
}

export function formatAgree(report: AgreeReport): string {
  const [a, b] = report.names;
  const lines = [
    `${a}: ${report.votes[0]} votes on ${report.pairs[0]} pairs; ${b}: ${report.votes[1]} votes on ${report.pairs[1]} pairs`,
    `matched ${report.matched} pairs by item and unordered model pair (only in ${a}: ${report.onlyIn[0]}, only in ${b}: ${report.onlyIn[1]}); ` +
      `${report.aggregated} with several votes, aggregated by ${report.aggregate}`,
    '',
    formatTable([
      metricRow('3 classes, with ties', report.withTies.threeClass),
      metricRow('3 classes, no ties', report.noTies.threeClass),
      metricRow('4 classes, with ties', report.withTies.fourClass),
      metricRow('4 classes, no ties', report.noTies.fourClass),
    ]),
    '',
    `confusion (3 classes, rows ${a}, columns ${b}):`,
    formatTable(report.withTies.threeClass.confusion.labels.map((label, i) => ({
      [a]: label,
      ...Object.fromEntries(report.withTies.threeClass.confusion.labels.map((l, j) => [l, report.withTies.threeClass.confusion.matrix[i]![j]])),
    }))),
    '',
    'all pairs of votes (one from each file on a matched pair):',
    allPairsTable(report.allPairs),
  ];
  return lines.join('\n');
}

function allPairsTable(all: { exact: PairAgreement; tiesMatch: PairAgreement; noTies: PairAgreement }): string {
  return formatTable([
    { rule: 'exact', pairs: all.exact.pairs, agreement: pct(all.exact.rate) },
    { rule: 'any tie matches any tie', pairs: all.tiesMatch.pairs, agreement: pct(all.tiesMatch.rate) },
    { rule: 'without ties', pairs: all.noTies.pairs, agreement: pct(all.noTies.rate) },
  ]);
}

/** One file: agreement among its own raters, and what each aggregation rule makes of their votes. */
export function formatRaterAgreement(report: RaterAgreementReport): string {
  return [
    `${report.name}: ${report.votes} votes on ${report.pairs} pairs (item and unordered model pair) by ${report.raters} raters; ` +
      `${report.multiVoted} pairs with several votes, ${report.splitTop} of them with a split top count`,
    '',
    'one label per pair, by aggregation rule (plurality: a split top is a tie; first-rater: the tied label voted first; mean-sign: sign of A=+1, B=-1):',
    formatTable(AGGREGATION_RULES.map((rule) => ({ rule, ...report.aggregated[rule] }))),
    '',
    'all pairs of votes by different raters on the same pair (MT-Bench):',
    allPairsTable(report.allPairs),
  ].join('\n');
}

function reportSkips(io: CliIO, file: string, read: VotesRead): void {
  if (read.filteredOut > 0) io.err(`${file}: ${read.filteredOut} rows left out by --where`);
  if (read.skipped.length === 0) return;
  io.err(`${file}: ${read.skipped.length} invalid rows skipped:`);
  for (const s of read.skipped.slice(0, 20)) io.err(`  row ${s.row}${s.line === undefined ? '' : ` (line ${s.line})`}, ${s.field}: "${s.value}": ${s.problem}`);
  if (read.skipped.length > 20) io.err(`  ... and ${read.skipped.length - 20} more (all in --json)`);
}

/** Several raters in one file: their agreement with each other (see `raterAgreement`). */
export async function runRaterAgreement(file: string, options: AgreeCliOptions, io: CliIO): Promise<RaterAgreementReport> {
  if (sideValue(options, 'a', 'rater') === undefined) {
    io.err('note: no --rater column: every vote counts as a rater of its own, so two votes on one pair are always from different raters');
  }
  const read = await readSide(file, 'a', options);
  const report = raterAgreement(read.battles, { name: file });
  if (options.json) {
    printJson(io, { ...report, skipped: read.skipped, filteredOut: read.filteredOut });
    return report;
  }
  reportSkips(io, file, read);
  io.out(formatRaterAgreement(report));
  return report;
}

export async function runAgree(fileA: string, fileB: string, options: AgreeCliOptions, io: CliIO): Promise<AgreeReport> {
  const a = await readSide(fileA, 'a', options);
  const b = await readSide(fileB, 'b', options);
  const report = agreeVotes(a.battles, b.battles, { aggregate: options.aggregate, names: [fileA, fileB] });
  if (options.json) {
    const { items: _items, ...rest } = report;
    printJson(io, { ...rest, skipped: [a.skipped, b.skipped], filteredOut: [a.filteredOut, b.filteredOut] });
    return report;
  }
  reportSkips(io, fileA, a);
  reportSkips(io, fileB, b);
  io.out(formatAgree(report));
  return report;
}

export function register(program: Command, io: CliIO): void {
  const command = program
    .command('agree')
    .description('agreement between two vote files (judge vs humans, humans vs humans), pairs matched by item and unordered model pair; with one file, agreement among its raters')
    .argument('<a>', 'first vote file (rows of the confusion matrix): CSV, TSV or JSONL')
    .argument('[b]', 'second vote file; without it, agreement among the raters of the first (give --rater)');
  for (const [name, arg, help] of SIDE_OPTIONS) {
    command.option(`--${name} ${arg}`, `${help}; both files`);
    command.addOption(new Option(`--a-${name} ${arg}`, `as --${name}, first file only`).hideHelp());
    command.addOption(new Option(`--b-${name} ${arg}`, `as --${name}, second file only`).hideHelp());
  }
  command
    .addOption(new Option('--aggregate <rule>', 'several votes on one pair: plurality (a split top is a tie), first-rater (split top: earliest vote), mean-sign').choices(AGGREGATION_RULES).default('plurality'))
    .option('--json', 'print the whole report as JSON (skipped rows included)')
    .addHelpText('after', '\nEvery mapping option also exists as --a-<option> and --b-<option> for one file only.')
    .action(async (a: string, b: string | undefined, options: AgreeCliOptions) => {
      if (b === undefined) await runRaterAgreement(a, options, io);
      else await runAgree(a, b, options, io);
    });
}
