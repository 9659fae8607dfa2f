/**
 * `bcr gain A.jsonl [B.jsonl]`: is B's agreement with the human votes really
 * higher than A's? McNemar's exact test and paired-bootstrap intervals of the
 * accuracy and macro-F1 difference, overall and per slice with Holm's
 * correction. With one file, A is its code-only run and B its with-output
 * run. Parsing and printing only; the numbers come from `src/eval/significance.ts`.
 */
import { Option, type Command } from 'commander';
import type { Comparison, Outcome } from '../data/comparison.js';
import { SLICE_KEYS, type SliceKey } from '../data/slices.js';
import { JUDGE_MODES, ORDERS, type Order } from '../data/verdict.js';
import { ConfigError } from '../errors.js';
import { readVerdictFiles } from '../eval/load.js';
import { gainSignificance, selectVerdictSet, type GainReport, type GainTest, type VerdictSet } from '../eval/significance.js';
import { formatTable, printJson, type CliIO } from './output.js';
import { nonNegativeInt, integer, positiveInt } from './parse-options.js';

export interface GainCliOptions {
  dataset?: string;
  aJudge?: string;
  aMode?: string;
  bJudge?: string;
  bMode?: string;
  order?: Order;
  by?: string;
  minSlice: number;
  bootstrap: number;
  seed: number;
  classes: '3' | '4';
  json?: boolean;
}

function parseBy(text: string | undefined): SliceKey[] {
  if (text === undefined) return [];
  const keys = text.split(',').map((k) => k.trim()).filter(Boolean);
  const bad = keys.filter((k) => !(SLICE_KEYS as readonly string[]).includes(k));
  if (bad.length > 0 || keys.length === 0) throw new ConfigError(`--by takes ${SLICE_KEYS.join(', ')} (comma-separated); got "${text}"`);
  return [...new Set(keys)] as SliceKey[];
}

/** Human votes, and the comparisons when slices need them (language and environment need the conversation states). */
async function loadVotes(spec: string | undefined, by: readonly SliceKey[]) {
  const { openDataset } = await import('../data/dataset.js');
  const { METRICS_COLUMNS } = await import('../data/row.js');
  const { humanVotes } = await import('../data/human-votes.js');
  const dataset = await openDataset(spec);
  const needsStates = by.some((k) => k !== 'topic');
  const comparisons: Comparison[] = await dataset.loadComparisons(needsStates ? {} : { columns: METRICS_COLUMNS });
  const votes: Map<string, Outcome> = humanVotes(comparisons);
  return { votes, comparisons, name: dataset.name, synthetic: dataset.synthetic };
}

const describeSet = (s: VerdictSet) => `${s.judge} ${s.mode}${s.order === 'both' ? ' (both orders combined)' : ` (order ${s.order})`}`;
const num = (v: number) => (Number.isNaN(v) ? 'n/a' : v);
const ci = (t: GainTest, k: 'accuracy' | 'macroF1') => (t.intervals ? `[${t.intervals[k].lo.toFixed(4)}, ${t.intervals[k].hi.toFixed(4)}]` : '');
const pValue = (p: number | null) => (p === null || Number.isNaN(p) ? '' : p < 1e-4 ? p.toExponential(2) : p.toFixed(4));

function row(name: string, n: number, t: GainTest, pHolm: number | null | undefined, note: string) {
  return {
    slice: name, n, accA: num(t.accuracyA), accB: num(t.accuracyB), dAcc: num(t.accuracyDifference), 'dAcc CI': ci(t, 'accuracy'),
    dF1: num(t.macroF1Difference), 'dF1 CI': ci(t, 'macroF1'), b: t.mcnemar.b, c: t.mcnemar.c,
    p: pValue(t.mcnemar.pExact), pHolm: pValue(pHolm ?? null), note,
  };
}

export function formatGain(report: GainReport, a: VerdictSet, b: VerdictSet, datasetName: string): string {
  const j = report.join;
  const level = Math.round(report.confidence * 100);
  const lines = [
    `A: ${describeSet(a)}`,
    `B: ${describeSet(b)}`,
    `${j.paired} paired records against the human votes of ${datasetName}; ${report.space === 'three-class' ? '3 classes (tie and both_bad merged)' : '4 classes'}`,
    `left out: A errors ${j.errorsA}, B errors ${j.errorsB}, only in A ${j.onlyInA}, only in B ${j.onlyInB}, no human vote ${j.withoutVote}${j.withoutSlice ? `, not in the dataset's slices ${j.withoutSlice}` : ''}`,
    `dAcc, dF1 = B - A (macro-F1); CI: ${level}% paired bootstrap, ${report.bootstrap} rounds, seed ${report.seed}; b = A right and B wrong, c = A wrong and B right; p: McNemar exact; pHolm: Holm across the slices of one key`,
    '',
    formatTable([row('overall', report.overall.n, report.overall, undefined, '')]),
  ];
  for (const key of new Set(report.slices.map((s) => s.key))) {
    const slices = report.slices.filter((s) => s.key === key);
    lines.push('', `By ${key}:`, formatTable(slices.map((s) => row(s.slice, s.n, s.test, s.pHolm, s.tested ? '' : `untested: fewer than ${report.minSlice}`))));
  }
  return lines.join('\n');
}

export async function runGain(fileA: string, fileB: string | undefined, options: GainCliOptions, io: CliIO): Promise<GainReport> {
  const by = parseBy(options.by);
  const single = fileB === undefined;
  if (single && options.aMode === undefined && options.bMode === undefined && options.aJudge === options.bJudge) {
    // One file: the question is "does seeing the output help this judge?".
    options = { ...options, aMode: 'code-only', bMode: 'with-output' };
  }
  const readA = readVerdictFiles([fileA]);
  const readB = single ? readA : readVerdictFiles([fileB]);
  const a = selectVerdictSet(readA.verdicts, { judge: options.aJudge, mode: options.aMode, order: options.order }, `A (${fileA})`);
  const b = selectVerdictSet(readB.verdicts, { judge: options.bJudge, mode: options.bMode, order: options.order }, `B (${fileB ?? fileA})`);
  const human = await loadVotes(options.dataset, by);
  for (const file of new Set([...readA.cutOff, ...readB.cutOff])) io.err(`warning: ${file}: last line is cut off (run still writing?); it was ignored`);
  if (human.synthetic) io.err(`note: human votes come from ${human.name}, which is marked synthetic`);
  const report = gainSignificance(human.votes, a.verdicts, b.verdicts, {
    space: options.classes === '4' ? 'four-class' : 'three-class',
    bootstrap: options.bootstrap,
    seed: options.seed,
    by,
    minSlice: options.minSlice,
  }, human.comparisons);
  if (report.join.paired === 0) io.err('warning: no record has a parsed verdict in both sets and a human vote; nothing was compared');
  if (options.json) {
    printJson(io, { dataset: human.name, synthetic: human.synthetic, a: { file: fileA, judge: a.judge, mode: a.mode, order: a.order }, b: { file: fileB ?? fileA, judge: b.judge, mode: b.mode, order: b.order }, ...report });
  } else {
    io.out(formatGain(report, a, b, human.name));
  }
  return report;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('gain')
    .description('is B\'s agreement with the human votes really higher than A\'s? McNemar\'s exact test and paired-bootstrap intervals, overall and per slice (Holm-corrected)')
    .argument('<a>', 'results JSONL of verdict set A (with one file and no modes given: its code-only run)')
    .argument('[b]', 'results JSONL of verdict set B (default: the same file, its with-output run)')
    .option('--dataset <spec>', 'where the human votes come from: a local path or a hub id (default: the bundled sample)')
    .option('--a-judge <name>', 'judge of set A, when its file holds several')
    .option('--a-mode <mode>', `mode of set A (${JUDGE_MODES.join(' or ')})`)
    .option('--b-judge <name>', 'judge of set B')
    .option('--b-mode <mode>', 'mode of set B')
    .addOption(new Option('--order <order>', 'use one order only (default: both orders combined when judged in both)').choices([...ORDERS]))
    .option('--by <keys>', `slices, comma-separated: ${SLICE_KEYS.join(', ')}`)
    .option('--min-slice <n>', 'slices with fewer paired records are flagged, not tested', positiveInt, 30)
    .option('--bootstrap <n>', 'paired bootstrap rounds (0 = no intervals)', nonNegativeInt, 1000)
    .option('--seed <n>', 'bootstrap seed', integer, 0)
    .addOption(new Option('--classes <k>', 'label space: 3 (tie and both_bad merged, the paper\'s) or 4').choices(['3', '4']).default('3'))
    .option('--json', 'print the full report as JSON (NaN printed as null)')
    .action(async (a: string, b: string | undefined, options: GainCliOptions) => {
      await runGain(a, b, options, io);
    });
}
