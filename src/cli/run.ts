/** `bcr run`: the main job end to end (offline on the bundled sample by default). */
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ConfigError } from '../errors.js';
import { isOrderPolicy } from '../judge/orders.js';
import { parseOptionArgs, type JudgeSpec } from '../judge/registry.js';
import { runStudy, type StudyReport } from '../study/run-study.js';
import {
  DEFAULT_STUDY_CONFIG, readStudyConfig, resolveStudyConfig, STUDY_CONFIG_FILE, studyOptionsOf, writeStudyConfig, type StudyConfig,
} from '../study/config.js';
import { createStudyProgress } from './progress.js';
import { leaderboardChart, modeComparisonChart, modeScores, toPng } from '../charts/index.js';
import { modesOf } from './judge.js';
import { formatReport, formatSliceSummary } from './metrics.js';
import { integer, nonNegativeInt, positiveInt } from './parse-options.js';
import { formatTable, printJson, type CliIO } from './output.js';

interface RunOptions {
  config?: string;
  dataset?: string;
  judges?: string;
  judgeOption: string[];
  mode?: string;
  orders?: string;
  outDir?: string;
  seed?: number;
  bootstrap?: number;
  folds?: number;
  learned: boolean;
  limit?: number;
  concurrency?: number;
  baseUrl?: string;
  apiKeyEnv?: string;
  vision?: boolean;
  cacheDir?: string;
  cache: boolean;
  executions?: string;
  json?: boolean;
}

const D = DEFAULT_STUDY_CONFIG;

export function register(program: Command, io: CliIO): void {
  program
    .command('run')
    .description('the main job: judge the dataset with and without execution output, score the judges against human votes, fit and correlate leaderboards')
    .option('--config <file>', `a study config (JSON: dataset, judges, modes, orders, bootstrap, seed, outDir, ...); flags override it; the resolved one is written to <out-dir>/${STUDY_CONFIG_FILE}`)
    .option('--dataset <spec>', 'local folder/file or hub id (default: the bundled SYNTHETIC sample)')
    .option('--judges <names>', `comma-separated judge names, e.g. baseline:exec-aware or openai:gpt-4o (key from OPENAI_API_KEY) (default: "${D.judges.join(',')}")`)
    .option('--judge-option <judge.key=value>', 'an option of one of --judges, e.g. learned:logreg.file=judge.json (repeatable)', collect, [])
    .option('--mode <mode>', 'with-output, code-only or both (default: "both")')
    .option('--orders <policy>', `AB (as published), BA, both, or random (default: "${D.orders}")`)
    .option('--out-dir <dir>', `results folder; rerunning with the same folder resumes (default: "${D.outDir}")`)
    .option('--seed <n>', `seed for every random choice (default: ${D.seed})`, integer)
    .option('--bootstrap <n>', `bootstrap rounds for leaderboard intervals (default: ${D.bootstrap})`, nonNegativeInt)
    .option('--folds <k>', `cross-validation folds for the learned judge (default: ${D.folds})`, positiveInt)
    .option('--no-learned', 'skip the learned TensorFlow.js judge')
    .option('--limit <n>', 'only the first N records', positiveInt)
    .option('--concurrency <n>', `judge requests in flight (default: ${D.concurrency})`, positiveInt)
    .option('--base-url <url>', 'OpenAI-compatible endpoint for model judges (openai:<model>; the endpoint is recorded beside the name)')
    .option('--api-key-env <var>', 'environment variable holding the key of model judges (default OPENAI_API_KEY)')
    .option('--vision', 'send screenshots to model judges in with-output mode')
    .option('--cache-dir <dir>', `verdict cache of model judges (default: "${D.cacheDir}")`)
    .option('--no-cache', 'model judges neither read nor write the verdict cache')
    .option('--executions <file>', 'judge the fresh outputs of `bcr execute` (an executions JSONL) instead of the recorded ones (results go to <out-dir>/<judge>.executed.jsonl)')
    .option('--json', 'print the whole report as JSON')
    .action(async (opts: RunOptions, command: Command) => {
      const config = resolveStudyConfig(opts.config !== undefined ? readStudyConfig(opts.config) : {}, flagLayer(opts, command));
      const progress = createStudyProgress({ interactive: io.interactive && !opts.json, line: (t) => io.err(t) });
      let report: StudyReport;
      try {
        report = await runStudy({ ...studyOptionsOf(config), onStage: progress.onStage, onProgress: progress.onJudgeProgress });
      } finally {
        progress.stop();
      }
      const configFile = writeStudyConfig(config);
      writeFileSync(join(config.outDir, 'report.json'), JSON.stringify(report, jsonSafe, 2));
      await writeCharts(report, config.outDir);
      const { writeRunReport } = await import('../report/from-run.js');
      await writeRunReport(config.outDir, { study: report, dataset: config.dataset });
      if (opts.json) printJson(io, JSON.parse(JSON.stringify(report, jsonSafe)));
      else io.out(formatStudy(report, config.outDir, { configFile, ...(config.dataset !== undefined ? { dataset: config.dataset } : {}) }));
    });
}

/** The command-line layer of the config: only what was given on the command line (so a config file's values stand otherwise). */
function flagLayer(opts: RunOptions, command: Command): Partial<StudyConfig> {
  const given = (name: keyof RunOptions) => command.getOptionValueSource(name) === 'cli';
  const layer: Partial<StudyConfig> = {};
  if (given('dataset')) layer.dataset = opts.dataset;
  if (given('judges') || opts.judgeOption.length > 0) layer.judges = judgeSpecs(opts.judges ?? D.judges.join(','), opts.judgeOption);
  if (given('mode')) layer.modes = modesOf(opts.mode!);
  if (given('orders')) layer.orders = parseOrders(opts.orders!);
  if (given('outDir')) layer.outDir = opts.outDir;
  if (given('seed')) layer.seed = opts.seed;
  if (given('bootstrap')) layer.bootstrap = opts.bootstrap;
  if (given('folds')) layer.folds = opts.folds;
  if (given('learned')) layer.learned = opts.learned;
  if (given('limit')) layer.limit = opts.limit;
  if (given('concurrency')) layer.concurrency = opts.concurrency;
  if (given('cacheDir')) layer.cacheDir = opts.cacheDir;
  if (given('cache') && !opts.cache) layer.cacheDir = null;
  if (given('executions')) layer.executions = opts.executions;
  const judgeOptions = {
    ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
    ...(opts.apiKeyEnv ? { apiKeyEnv: opts.apiKeyEnv } : {}),
    ...(opts.vision ? { vision: true } : {}),
  };
  if (Object.keys(judgeOptions).length > 0) layer.judgeOptions = judgeOptions;
  return layer;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--judges a,b` plus `--judge-option a.key=value`: one spec per judge (the registry checks the options). */
export function judgeSpecs(judges: string, options: readonly string[]): JudgeSpec[] {
  const specs = judges.split(',').map((s) => s.trim()).filter(Boolean).map((name): JudgeSpec => ({ name }));
  for (const option of options) {
    const eq = option.indexOf('=');
    const dot = eq > 0 ? option.lastIndexOf('.', eq) : -1;
    if (dot <= 0) throw new ConfigError(`--judge-option "${option}" must look like <judge>.<key>=<value>, e.g. learned:logreg.file=judge.json`);
    const name = option.slice(0, dot);
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new ConfigError(`--judge-option "${option}" is for judge ${name}, which is not in --judges (${specs.map((s) => s.name).join(', ')})`);
    const parsed = parseOptionArgs([option.slice(dot + 1)], name);
    for (const key of Object.keys(parsed)) if (key in spec) throw new ConfigError(`--judge-option ${name}.${key} is given twice`);
    Object.assign(spec, parsed);
  }
  return specs;
}

function parseOrders(orders: string) {
  if (!isOrderPolicy(orders)) throw new ConfigError(`--orders must be AB, BA, both or random, got "${orders}"`);
  return orders;
}

/** The two pictures of the study, as PNG beside the report. */
async function writeCharts(report: StudyReport, outDir: string): Promise<void> {
  const synthetic = report.synthetic;
  const modes = modeComparisonChart(modeScores(report.agreement, { space: 'three-class' }), {
    synthetic, title: 'Judge agreement with human votes (3 classes), by what the judge sees',
  });
  const human = leaderboardChart(report.human.rows, { synthetic, title: 'Human-vote Bradley-Terry ratings' });
  writeFileSync(join(outDir, 'agreement-by-mode.png'), await toPng(modes));
  writeFileSync(join(outDir, 'human-leaderboard.png'), await toPng(human));
}

/** JSON has no NaN: write null, as the metrics command does. */
function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

const fixed = (v: number | null | undefined, digits: number) => (v === null || v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(digits));

/**
 * What to try after the main job; each command finds the study's files on its
 * own when the study used the default folder.
 */
export function nextSteps(config: Pick<StudyConfig, 'outDir' | 'dataset'>, configFile: string): string[] {
  const outDir = config.outDir;
  const atDefault = resolve(outDir) === resolve(DEFAULT_STUDY_CONFIG.outDir);
  const dataset = config.dataset !== undefined ? ` --dataset ${config.dataset}` : '';
  const first = readdirSync(outDir).filter((f) => f.endsWith('.jsonl')).sort()[0];
  return [
    'Next steps:',
    `  npx bcr metrics${atDefault ? '' : ` ${join(outDir, '*.jsonl')}`}${dataset}   # agreement, order bias, cost and latency of the study's judges`,
    `  npx bcr runs list${atDefault ? '' : ` ${outDir}`}   # the results files`,
    ...(first ? [`  npx bcr gain ${join(outDir, first)}${dataset}   # is the with-output gain real?`] : []),
    `  npx bcr run --config ${configFile}   # the same study again (it resumes)`,
  ];
}

export function formatStudy(report: StudyReport, outDir: string, next?: { configFile: string; dataset?: string }): string {
  const banner = report.synthetic
    ? ['*** SYNTHETIC sample: generated data, NOT the real BigCodeReward votes. Numbers below only show the pipeline works. ***', '']
    : [];
  const parts = [
    ...banner,
    `Dataset: ${report.dataset} — ${report.summary.records} records, seed ${report.seed}`,
    `Judge runs: ${report.runs.map((r) => `${r.judge}${r.endpoint !== undefined ? ` at ${r.endpoint}` : ''} -> ${r.out} (${r.alreadyDone} resumed, ${r.written} new, ${r.failed} failed)`).join('; ')}`,
    '',
    formatReport(report.agreement, report.dataset),
    '',
    formatSliceSummary(report.slices),
  ];
  if (report.learned) {
    const l = report.learned;
    parts.push('', `Learned TensorFlow.js judge, ${l.folds}-fold cross-validation (${l.n} records, labels ${l.labels.join('/')}):`);
    parts.push(formatTable([
      ...l.modes.map((m) => ({ features: m.mode, accuracy: m.accuracy.mean, 'acc sd': m.accuracy.sd, macroF1: m.macroF1.mean, 'f1 sd': m.macroF1.sd })),
      { features: 'majority class', accuracy: l.majority.accuracy.mean, 'acc sd': l.majority.accuracy.sd, macroF1: l.majority.macroF1.mean, 'f1 sd': l.majority.macroF1.sd },
    ]));
    if (l.gain) {
      const ci = l.gain.accuracy.ci95;
      parts.push(`Gain from execution features: accuracy ${fixed(l.gain.accuracy.mean, 4)}${ci ? ` (95% CI ${fixed(ci.lo, 4)} to ${fixed(ci.hi, 4)})` : ''}`);
    }
  }
  const boot = report.human.bootstrap;
  parts.push('', `Human-vote Bradley-Terry leaderboard${boot ? ` (${boot.rounds} bootstrap rounds, ${Math.round(boot.confidence * 100)}% intervals)` : ''}:`);
  parts.push(formatTable(report.human.rows.map((r) => ({ rank: r.rank, model: r.model, rating: r.rating, lower: r.lower, upper: r.upper, battles: r.battles }))));
  parts.push('', 'Judge-derived leaderboards vs the human one (correlation of ratings across models):');
  parts.push(formatTable(report.judges.map((j) => ({
    judge: j.judge, mode: j.mode, models: j.leaderboard.rows.length, errors: j.errors,
    spearman: j.correlation?.spearman.statistic ?? null, pearson: j.correlation?.pearson.statistic ?? null,
  }))));
  if (report.truth) {
    parts.push('', `Recovery of the sample's latent model strengths: Spearman ${fixed(report.truth.correlation.spearman.statistic, 3)}, ` +
      `Pearson ${fixed(report.truth.correlation.pearson.statistic, 3)}, interval coverage ${fixed(report.truth.coverage, 2)}`);
  }
  parts.push('', `Full report: ${join(outDir, 'report.html')} (opens offline) and ${join(outDir, 'report.json')}; charts: ${join(outDir, 'agreement-by-mode.png')}, ${join(outDir, 'human-leaderboard.png')}` +
    (next !== undefined ? `; study config: ${next.configFile}` : ''));
  if (next !== undefined) parts.push('', ...nextSteps({ outDir, dataset: next.dataset }, next.configFile));
  return parts.join('\n');
}
