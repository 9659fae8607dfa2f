/**
 * `bcr judge`: run a judge over a dataset (live, or through the Batch API),
 * resumably; `bcr runs list` / `bcr runs compare`: look at finished runs.
 * Parsing and printing only; the work is in src/judge.
 */
import { existsSync } from 'node:fs';
import { CommanderError, Option, type Command } from 'commander';
import type { Comparison } from '../data/comparison.js';
import { ConfigError, InputError } from '../errors.js';
import { breakerLimits, createProgressBar, JobStoppedError } from '../jobs/index.js';
import { runBatch } from '../judge/batch/index.js';
import { assertServesModes, requireBatchCapable } from '../judge/capabilities.js';
import { loadJudgeConfigFile, OpenAIJudge, type OpenAIJudgeOptions } from '../judge/openai.js';
import { isOrderPolicy, ORDER_POLICIES, type OrderPolicy } from '../judge/orders.js';
import { parseOptionArgs, prepareJudge, type PreparedJudge } from '../judge/registry.js';
import { formatSummary, runJudge, type RunSummary } from '../judge/runner/index.js';
import { listRuns } from '../judge/runs.js';
import { compareRuns } from '../eval/runs.js';
import { applyExecutions, readExecutions } from '../exec/executions-file.js';
import type { JudgeMode } from '../judge/types.js';
import { loadHumanVotes, type HumanVoteLoader } from '../eval/load.js';
import { EXIT_CODES, formatTable, printJson, type CliIO } from './output.js';

export interface JudgeCommandDeps {
  /** Loads the comparisons to judge (default: `openDataset(spec)`, the bundled sample when no spec). */
  loadComparisons?: (spec: string | undefined, limit: number | undefined) => Promise<{ comparisons: Comparison[]; name: string; synthetic: boolean }>;
  loadHumanVotes?: HumanVoteLoader;
  /** Environment for API keys (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

const defaultLoader: NonNullable<JudgeCommandDeps['loadComparisons']> = async (spec, limit) => {
  const { openDataset } = await import('../data/dataset.js');
  const dataset = await openDataset(spec);
  const comparisons = await dataset.loadComparisons(limit !== undefined ? { limit } : {});
  return { comparisons, name: dataset.name, synthetic: dataset.synthetic };
};

interface JudgeCliOptions {
  dataset?: string;
  judge?: string;
  model?: string;
  baseUrl?: string;
  apiKeyEnv?: string;
  config?: string;
  vision?: boolean;
  template?: string;
  temperature?: number;
  maxTokens?: number;
  followUp: boolean;
  mode: string;
  swap?: boolean;
  orders?: string;
  seed: number;
  concurrency: number;
  limit?: number;
  out?: string;
  cacheDir: string;
  cache: boolean;
  timeoutMs: number;
  maxAttempts: number;
  maxRetryMs: number;
  retryErrors?: boolean;
  breakerAfter?: number;
  batch?: boolean;
  pollMs: number;
  executions?: string;
  json?: boolean;
}

function int(name: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new ConfigError(`${name} must be an integer >= ${min}, got "${value}"`);
    return n;
  };
}

function num(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n)) throw new ConfigError(`${name} must be a number, got "${value}"`);
    return n;
  };
}

export function modesOf(mode: string): JudgeMode[] {
  if (mode === 'both') return ['code-only', 'with-output'];
  if (mode === 'code-only' || mode === 'with-output') return [mode];
  throw new ConfigError(`--mode must be with-output, code-only or both; got "${mode}"`);
}

function orderPolicyOf(o: JudgeCliOptions): OrderPolicy {
  if (o.orders !== undefined && !isOrderPolicy(o.orders)) {
    throw new ConfigError(`--orders must be one of ${ORDER_POLICIES.join(', ')}; got "${o.orders}"`);
  }
  if (o.swap && o.orders !== undefined && o.orders !== 'both') {
    throw new ConfigError(`--swap judges both orders; it contradicts --orders ${o.orders}`);
  }
  return o.swap ? 'both' : ((o.orders as OrderPolicy | undefined) ?? 'AB');
}

/** A judge name as a file name: `openai:gpt-4o+vision` -> `openai_gpt-4o_vision`. */
export function sanitiseForFile(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'judge';
}

/**
 * The judge, checked before the run: its options (`key=value` arguments),
 * secrets and modes. Command-line settings (seed, endpoint, key variable,
 * vision) are run-wide defaults: a judge kind takes those it knows.
 */
function buildJudge(o: JudgeCliOptions, optionArgs: readonly string[], modes: readonly JudgeMode[], env: Readonly<Record<string, string | undefined>>): PreparedJudge {
  const fromFile = o.config ? loadJudgeConfigFile(o.config) : {};
  const model = o.model ?? fromFile.model;
  if (o.judge && model) throw new ConfigError('give either --judge NAME or --model M (with --base-url), not both');
  if (o.judge) {
    return prepareJudge(
      { ...parseOptionArgs(optionArgs, o.judge), name: o.judge },
      {
        modes,
        env,
        defaults: {
          seed: o.seed,
          followUp: o.followUp,
          timeoutMs: o.timeoutMs,
          ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}),
          ...(o.apiKeyEnv ? { apiKeyEnv: o.apiKeyEnv } : {}),
          ...(o.vision ? { vision: true } : {}),
          ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
          ...(o.maxTokens !== undefined ? { maxTokens: o.maxTokens } : {}),
        },
      },
    );
  }
  if (optionArgs.length > 0) throw new ConfigError(`judge options (${optionArgs.join(' ')}) go with --judge NAME; with --model use the flags or --config`);
  if (!model) throw new ConfigError('which judge? give --judge NAME (see the registry) or --model M [--base-url URL]');
  const options: OpenAIJudgeOptions = {
    ...fromFile,
    model,
    env,
    followUp: o.followUp && (fromFile.followUp ?? true),
    ...(o.baseUrl ? { baseURL: o.baseUrl } : {}),
    ...(o.apiKeyEnv ? { apiKeyEnv: o.apiKeyEnv } : {}),
    ...(o.vision ? { vision: true } : {}),
    ...(o.temperature !== undefined ? { temperature: o.temperature } : {}),
    ...(o.maxTokens !== undefined ? { maxTokens: o.maxTokens } : {}),
    ...(o.template ? { prompt: { template: o.template } } : {}),
    timeoutMs: o.timeoutMs,
  };
  const judge = new OpenAIJudge(options);
  assertServesModes(judge, modes);
  return { judge, secrets: [...judge.secretsToRedact] };
}

const EXIT_HELP = `
Exit codes:
  0    every task has a verdict
  1    some tasks end with an error line (this run's or earlier ones: rerun with --retry-errors)
  2    usage or input error
  3    a remote call failed, or the run stopped early: circuit breaker (bad key, no quota, endpoint down, rate limit that never lifts),
       a server wait past --max-retry-ms, or a failed remote call; rerun the same command to resume
  4    the results file could not be written (a folder in the way, a full disk)
  70   an unexpected failure (a bug: please report it with the printed stack)
  130  interrupted (Ctrl-C); rerun the same command to resume`;

/** Ends the command with `code` (main returns it; nothing more is printed). */
function exitWith(code: number, message: string): never {
  throw new CommanderError(code, 'bcr.judge.exit', message);
}

async function judgeAction(o: JudgeCliOptions, optionArgs: readonly string[], io: CliIO, deps: JudgeCommandDeps): Promise<void> {
  const modes = modesOf(o.mode);
  const orders = orderPolicyOf(o);
  const { judge, secrets } = buildJudge(o, optionArgs, modes, deps.env ?? process.env);
  const batchJudge = o.batch ? requireBatchCapable(judge) : null;
  const data = await (deps.loadComparisons ?? defaultLoader)(o.dataset, o.limit);
  if (data.synthetic && !o.json) io.err(`note: ${data.name} is synthetic data (for trying the tools, not for findings)`);
  if (o.executions !== undefined) {
    // Fresh outputs from `bcr execute` replace the recorded ones; the cache key includes them, so no recorded-output answer is reused.
    const applied = applyExecutions(data.comparisons, readExecutions(o.executions));
    data.comparisons = applied.comparisons;
    if (!o.json) io.err(`executions: ${o.executions}: ${applied.replaced} side(s) judged with fresh outputs, ${applied.missing} keep the recorded ones`);
  }
  // Results files resume by (judge, mode, order, id): verdicts on fresh outputs get a file of their own.
  const out = o.out ?? `runs/${sanitiseForFile(judge.name)}${o.executions !== undefined ? '.executed' : ''}.jsonl`;

  const bar = io.interactive && !o.json ? createProgressBar(process.stderr) : null;
  const stop = new AbortController();
  // First Ctrl-C: stop cleanly (answers in flight are written, no half-written line) and print how to resume.
  const onSigint = () => stop.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  let summary: RunSummary;
  const print = (s: RunSummary) => {
    const endpoint = judge.endpoint !== undefined ? { endpoint: judge.endpoint } : {};
    if (o.json) printJson(io, { judge: judge.name, ...endpoint, dataset: data.name, ...s });
    else io.out(`judge: ${judge.name}${judge.endpoint !== undefined ? ` (endpoint ${judge.endpoint})` : ''}\ndataset: ${data.name}\n${formatSummary(s)}`);
  };
  try {
    const common = {
      comparisons: data.comparisons, modes, orders, seed: o.seed, out, limit: o.limit, secrets,
      ...(o.cache ? { cacheDir: o.cacheDir } : {}),
      retryErrors: o.retryErrors ?? false, signal: stop.signal,
      ...(bar ? { onProgress: bar.onProgress } : {}),
    };
    summary = batchJudge
      ? await runBatch({
          ...common, judge: batchJudge, pollMs: o.pollMs,
          onPoll: (b) => { if (!o.json) io.err(`batch ${b.id}: ${b.status}`); },
        })
      : await runJudge({
          ...common, judge, concurrency: o.concurrency, timeoutMs: o.timeoutMs,
          retry: { maxAttempts: o.maxAttempts, maxTotalMs: o.maxRetryMs },
          ...(o.breakerAfter !== undefined ? { breaker: breakerLimits(o.breakerAfter) } : {}),
        });
  } catch (err) {
    if (!(err instanceof JobStoppedError)) throw err;
    bar?.stop();
    print(err.summary as RunSummary);
    io.err(`error: ${err.message}\nto resume: ${err.resume}`);
    return exitWith(EXIT_CODES.remote, err.message);
  } finally {
    process.removeListener('SIGINT', onSigint);
    bar?.stop();
  }
  print(summary);
  if (summary.aborted) {
    io.err(`interrupted: ${summary.stopped?.resume ?? 'rerun the same command to resume'}`);
    return exitWith(EXIT_CODES.interrupted, 'interrupted');
  }
  const errors = summary.failed + summary.earlierErrors;
  if (errors > 0) {
    io.err(`${errors} task(s) end with an error line in ${out}; rerun with --retry-errors to judge them again`);
    return exitWith(EXIT_CODES.errors, 'some verdicts are errors');
  }
}

const pct = (x: number) => (Number.isNaN(x) ? null : Math.round(x * 1000) / 10);

export function registerJudgeCommands(deps: JudgeCommandDeps = {}) {
  return function register(program: Command, io: CliIO): void {
    program
      .command('judge')
      .description('judge every record of a dataset with one judge, in one or both modes, resumably (rerun the same command to resume)')
      .option('--dataset <spec>', 'local path or hub id such as bigcode/bigcodereward (default: the bundled sample)')
      .argument('[options...]', 'options of the --judge, as key=value (e.g. file=judge.json for learned:logreg, tolerance=0.1)')
      .option('--judge <name>', 'a registered judge, e.g. baseline:always-a, openai:gpt-4o or learned:logreg file=FILE')
      .option('--model <model>', 'model of an OpenAI-compatible endpoint')
      .option('--base-url <url>', 'endpoint root, e.g. https://openrouter.ai/api/v1 (default OpenAI)')
      .option('--api-key-env <var>', 'environment variable holding the key (default OPENAI_API_KEY)')
      .option('--config <file>', 'judge config JSON (model, baseURL, apiKey, pricePerMTokIn/Out, ...)')
      .option('--vision', 'send screenshots as images in with-output mode')
      .option('--template <name>', 'prompt template: bigcodereward-v1 (default) or bcr-4way')
      .option('--temperature <t>', 'sampling temperature (default 0)', num('--temperature'))
      .option('--max-tokens <n>', 'answer token limit (default 4096)', int('--max-tokens', 1))
      .option('--no-follow-up', 'do not ask again when an answer has no readable verdict')
      .addOption(new Option('--mode <mode>', 'what the judge sees').choices(['with-output', 'code-only', 'both']).makeOptionMandatory())
      .option('--swap', 'judge both orders (same as --orders both)')
      .addOption(new Option('--orders <policy>', 'order(s) to show each pair in (default AB)').choices([...ORDER_POLICIES]))
      .option('--seed <n>', 'seed for random orders, retry jitter and random baselines', int('--seed', 0), 0)
      .option('--concurrency <n>', 'requests in flight', int('--concurrency', 1), 8)
      .option('--limit <n>', 'only the first N records', int('--limit', 1))
      .option('--out <file>', 'results JSONL (default runs/<judge>.jsonl; appended to and resumed)')
      .option('--cache-dir <dir>', 'verdict cache folder', '.bcr-cache/judge')
      .option('--no-cache', 'do not read or write the verdict cache')
      .option('--timeout-ms <n>', 'per-request timeout', int('--timeout-ms', 1), 120_000)
      .option('--max-attempts <n>', 'attempts per request, the first included', int('--max-attempts', 1), 6)
      .option('--max-retry-ms <n>', 'give up retrying a request after this long; a server wait longer than this stops the run', int('--max-retry-ms', 1), 600_000)
      .option('--retry-errors', 'ask again for records whose last line is an error (the new line supersedes it)')
      .option('--breaker-after <n>', 'stop the run after N consecutive failed rounds of one kind that will not clear (rate limit, bad key, endpoint down); an exhausted quota stops at once', int('--breaker-after', 1))
      .option('--batch', "use the provider's Batch API (cheaper, slower; resumable polling)")
      .option('--poll-ms <n>', 'first wait between batch polls', int('--poll-ms', 1), 10_000)
      .option('--executions <file>', 'judge the fresh outputs of `bcr execute` (an executions JSONL) instead of the recorded ones (default --out runs/<judge>.executed.jsonl)')
      .option('--json', 'print the run summary as JSON')
      .addHelpText('after', EXIT_HELP)
      .action((optionArgs: string[], o: JudgeCliOptions) => judgeAction(o, optionArgs, io, deps));

    const runs = program.command('runs').description('finished judge runs: list them, compare two');
    runs
      .command('list')
      .description('results files in a folder: judge, modes, counts, error rate, date')
      .argument('[dir]', 'folder of results files (default: runs, and its subfolders such as the study\'s runs/study)')
      .option('--json', 'print as JSON')
      .action((given: string | undefined, o: { json?: boolean }) => {
        const dir = given ?? 'runs';
        const list = listRuns(dir, { subfolders: given === undefined });
        if (o.json) return printJson(io, list.map((r) => ({ ...r, errorRate: Number.isNaN(r.errorRate) ? null : r.errorRate })));
        if (list.length === 0) return io.out(`no results files (*.jsonl) in ${dir}`);
        io.out(formatTable(list.map((r) => ({
          file: r.file, judge: r.judges.join(','), modes: r.modes.join(','), orders: r.orders.join(','),
          records: r.records, answers: r.answers, errors: r.errors, 'error %': pct(r.errorRate),
          modified: r.modified.slice(0, 19).replace('T', ' '),
          note: r.problem ?? [r.incomplete ? 'cut-off last line' : '', r.pendingBatches ? `${r.pendingBatches} batch(es) pending` : ''].filter(Boolean).join('; '),
        }))));
      });
    runs
      .command('compare')
      .description('agreement between two runs per mode and order; with --dataset, their accuracy on the records both judged')
      .argument('<a>', 'results JSONL')
      .argument('<b>', 'results JSONL')
      .option('--dataset <spec>', 'human votes for accuracy (local path or hub id)')
      .option('--json', 'print as JSON')
      .action(async (a: string, b: string, o: { dataset?: string; json?: boolean }) => {
        // A missing file would compare as an empty run: say so instead.
        for (const file of [a, b]) if (!existsSync(file)) throw new InputError('no such results file', { file });
        const human = o.dataset !== undefined ? (await (deps.loadHumanVotes ?? loadHumanVotes)(o.dataset)).votes : undefined;
        const cmp = compareRuns(a, b, human);
        if (o.json) return printJson(io, JSON.parse(JSON.stringify(cmp, (_k, v: unknown) => (typeof v === 'number' && Number.isNaN(v) ? null : v))));
        io.out(`A: ${a} (${cmp.a.judges.join(', ')})\nB: ${b} (${cmp.b.judges.join(', ')})`);
        if (cmp.rows.length === 0) return io.out('no mode and order in common');
        io.out(formatTable(cmp.rows.map((r) => ({
          mode: r.mode, order: r.order, both: r.both, 'agree %': pct(r.agreement), kappa: Number.isNaN(r.kappa) ? null : r.kappa,
          'only A': r.onlyA, 'only B': r.onlyB, 'errors A': r.errorsA, 'errors B': r.errorsB,
          ...(human ? { 'acc A %': pct(r.accuracyA ?? NaN), 'acc B %': pct(r.accuracyB ?? NaN) } : {}),
        }))));
        if (cmp.note) io.out(`note: ${cmp.note}`);
      });
  };
}

/** `register(program, io)` for src/cli/commands.ts. */
export const register = registerJudgeCommands();
