/**
 * `bcr learn`: cross-validates the learned judge on a dataset's human votes,
 * with and without execution features, and prints accuracy / macro-F1 per
 * feature set, a majority-class baseline, and the gain execution features
 * bring. `--save` also trains on all records and writes the judge as JSON.
 * Parsing and printing only; the work is in `src/judge/learned`.
 */
import { Command, Option } from 'commander';
import { positiveInt, nonNegativeInt, integer } from './parse-options.js';
import type { Comparison } from '../data/comparison.js';
import { crossValidate, type CrossValidationReport, type GainSummary } from '../eval/learned-cv.js';
import { MODEL_KINDS, saveLearnedJudge, trainLearnedJudge, type ModelKind } from '../judge/learned/index.js';
import { TF_BACKENDS, type TfBackendChoice } from '../util/tf.js';
import { formatTable, printJson, type CliIO } from './output.js';

export interface LearnCliOptions {
  dataset?: string;
  folds: number;
  seed: number;
  epochs: number;
  model: ModelKind;
  classes: '3' | '4';
  classWeights: 'none' | 'balanced';
  bootstrap: number;
  limit?: number;
  backend: TfBackendChoice;
  save?: string;
  /** Modes the saved judge is trained for: with-output, code-only or both (default). */
  saveMode: 'with-output' | 'code-only' | 'both';
  json?: boolean;
}




async function loadComparisons(options: LearnCliOptions, io: CliIO): Promise<{ comparisons: Comparison[]; source: string }> {
  const { openDataset } = await import('../data/dataset.js');
  const dataset = await openDataset(options.dataset);
  if (dataset.synthetic) io.err(`note: ${dataset.name} is marked synthetic`);
  return { comparisons: await dataset.loadComparisons({ limit: options.limit }), source: dataset.name };
}

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(4)}`;

function describeGain(name: string, g: GainSummary): string {
  const ci = g.ci95 ? `; pooled difference 95% paired-bootstrap interval [${signed(g.ci95.lo)}, ${signed(g.ci95.hi)}]` : '';
  return `${name} ${signed(g.mean)} (fold sd ${g.sd.toFixed(4)}${ci})`;
}

export function formatLearnReport(report: CrossValidationReport, source: string, judgeName: string): string {
  const rows = [
    ...report.modes.map((m) => ({
      'feature set': m.mode,
      features: m.featureCount,
      accuracy: m.accuracy.mean,
      'acc sd': m.accuracy.sd,
      'macro-F1': m.macroF1.mean,
      'F1 sd': m.macroF1.sd,
    })),
    {
      'feature set': 'majority class',
      features: 0,
      accuracy: report.majority.accuracy.mean,
      'acc sd': report.majority.accuracy.sd,
      'macro-F1': report.majority.macroF1.mean,
      'F1 sd': report.majority.macroF1.sd,
    },
  ];
  const lines = [
    `${judgeName}: ${report.folds}-fold stratified cross-validation on ${report.n} comparisons (${source}), ` +
      `seed ${report.seed}, ${report.train.epochs} epochs, classes ${report.labels.join('/')}`,
    '',
    formatTable(rows),
  ];
  if (report.gain) {
    lines.push(
      '',
      'gain from execution features (with-output minus code-only; mean over folds):',
      `  ${describeGain('accuracy', report.gain.accuracy)}`,
      `  ${describeGain('macro-F1', report.gain.macroF1)}`,
    );
  }
  return lines.join('\n');
}

export async function runLearn(options: LearnCliOptions, io: CliIO): Promise<CrossValidationReport> {
  const { comparisons, source } = await loadComparisons(options, io);
  const train = {
    model: options.model,
    classes: Number(options.classes) as 3 | 4,
    epochs: options.epochs,
    seed: options.seed,
    classWeights: options.classWeights,
    backend: options.backend,
  };
  const report = await crossValidate(comparisons, {
    ...train,
    folds: options.folds,
    bootstrap: options.bootstrap,
    onProgress: io.interactive ? (p) => io.err(`trained ${p.mode} fold ${p.fold + 1}/${p.folds}`) : undefined,
  });
  let saved: string | undefined;
  if (options.save) {
    const judge = await trainLearnedJudge(comparisons, { ...train, ...(options.saveMode !== 'both' ? { mode: options.saveMode } : {}) });
    await saveLearnedJudge(judge, options.save);
    saved = options.save;
  }
  const judgeName = `learned:${options.model}`;
  if (options.json) {
    const { predictions: _predictions, ...summary } = report;
    printJson(io, { judge: judgeName, source, ...summary, ...(saved ? { saved } : {}) });
  } else {
    io.out(formatLearnReport(report, source, judgeName));
    if (saved) io.out(`\nsaved the judge trained on all ${report.n} comparisons to ${saved}`);
  }
  return report;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('learn')
    .description('cross-validate a learned judge on human votes, with and without execution features')
    .option('--dataset <path-or-hub-id>', 'local folder/file or hub dataset id (default: the bundled sample)')
    .option('--folds <k>', 'number of stratified folds', positiveInt, 5)
    .option('--seed <n>', 'seed for folds, weight initialisation and bootstrap', integer, 0)
    .option('--epochs <n>', 'full-batch Adam steps per fit', positiveInt, 150)
    .addOption(new Option('--model <kind>', 'model').choices([...MODEL_KINDS]).default('logreg'))
    .addOption(new Option('--classes <n>', '3 = A/B/uncertain (tie and both_bad merged), 4 = A/B/tie/both_bad').choices(['3', '4']).default('3'))
    .addOption(new Option('--class-weights <scheme>', 'loss weights per class').choices(['none', 'balanced']).default('none'))
    .option('--bootstrap <n>', 'paired bootstrap rounds for the gain interval (0 = none)', nonNegativeInt, 1000)
    .option('--limit <n>', 'use at most this many records (file order)', positiveInt)
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend').choices([...TF_BACKENDS]).default('auto'))
    .option('--save <file>', 'also train on all records and save the judge as JSON')
    .addOption(new Option('--save-mode <mode>', 'the modes the saved judge serves').choices(['with-output', 'code-only', 'both']).default('both'))
    .option('--json', 'print the report as JSON')
    .action(async (options: LearnCliOptions) => {
      await runLearn(options, io);
    });
}
