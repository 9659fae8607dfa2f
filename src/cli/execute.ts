/**
 * `bcr execute`: run every side's code of a dataset in sandboxes, resumably,
 * into an executions file; `bcr executions compare FILE`: recorded vs fresh
 * outcomes per environment. Parsing and printing only; the work is in
 * src/exec.
 */
import { CommanderError, Option, type Command } from 'commander';
import type { Comparison } from '../data/comparison.js';
import { ConfigError } from '../errors.js';
import { createProgressBar } from '../jobs/progress.js';
import { dockerBackend } from '../exec/backends/docker.js';
import { e2bBackend } from '../exec/backends/e2b.js';
import { localBackend } from '../exec/backends/local.js';
import { SandboxUnavailableError } from '../exec/sandbox/errors.js';
import type { SandboxBackend } from '../exec/sandbox/types.js';
import { executeDataset, type ExecuteSummary } from '../exec/execute-dataset.js';
import { compareExecutions, type ExecutionsComparison } from '../exec/executions-compare.js';
import { readExecutions } from '../exec/executions-file.js';
import { EXIT_CODES, formatTable, printJson, type CliIO } from './output.js';
import { positiveInt } from './parse-options.js';

interface ExecuteOptions {
  dataset?: string;
  backend: string;
  concurrency: number;
  limit?: number;
  out: string;
  wallMs?: number;
  retryErrors?: boolean;
  unsafeNoSandbox?: boolean;
  compare?: boolean;
  json?: boolean;
}

async function loadComparisons(spec: string | undefined, limit: number | undefined): Promise<{ comparisons: Comparison[]; name: string; synthetic: boolean }> {
  const { openDataset } = await import('../data/dataset.js');
  const dataset = await openDataset(spec);
  const comparisons = await dataset.loadComparisons(limit !== undefined ? { limit } : {});
  return { comparisons, name: dataset.name, synthetic: dataset.synthetic };
}

const UNSAFE_WARNING =
  '*** WARNING: --unsafe-no-sandbox: model-written code runs WITHOUT ISOLATION, with your user\'s rights, files and network. ' +
  'Only for trusted code on a machine without bubblewrap. ***';

function backendOf(o: ExecuteOptions, io: CliIO): SandboxBackend {
  if (o.backend === 'docker') {
    if (o.unsafeNoSandbox) throw new ConfigError('--unsafe-no-sandbox applies to --backend local only');
    return dockerBackend();
  }
  if (o.backend === 'e2b') {
    if (o.unsafeNoSandbox) throw new ConfigError('--unsafe-no-sandbox applies to --backend local only');
    // Checked before any data is read: without a key nothing can run.
    if (!process.env.E2B_API_KEY) throw new ConfigError('--backend e2b needs an API key: set E2B_API_KEY (read from the environment only; never passed to the code)');
    return e2bBackend();
  }
  if (o.backend !== 'local') throw new ConfigError(`unknown --backend ${o.backend}: use local, docker or e2b`);
  if (o.unsafeNoSandbox) io.err(UNSAFE_WARNING);
  return localBackend(o.unsafeNoSandbox ? { unsafeNoIsolation: true } : {});
}

function exitWith(code: number, message: string): never {
  throw new CommanderError(code, 'bcr.execute.exit', message);
}

const pct = (x: number) => (Number.isNaN(x) ? null : Math.round(x * 1000) / 10);

export function formatExecuteSummary(s: ExecuteSummary): string {
  const rows = Object.entries(s.byEnvironment).sort(([a], [b]) => a.localeCompare(b)).map(([environment, c]) => ({
    environment, sides: c.sides, ran: c.ran, succeeded: c.succeeded, failed: c.failed, 'stopped by limit': c.stopped,
    'dependency missing': c.dependencyMissing, unavailable: c.unavailable, 'no code': c.noCode, errors: c.errors,
    limits: Object.entries(c.byLimit).map(([k, n]) => `${k} ${n}`).join(', '),
  }));
  const head = `executions: ${s.out} (backend ${s.backend})\nsides: ${s.total}; already done ${s.alreadyDone}, run now ${s.written}` +
    `${s.unfinished ? `, left ${s.unfinished}` : ''}${s.failed ? `, executor errors ${s.failed}` : ''}; ${(s.elapsedMs / 1000).toFixed(1)} s`;
  return rows.length > 0 ? `${head}\n${formatTable(rows)}` : head;
}

export function formatComparison(cmp: ExecutionsComparison): string {
  const rows = [...cmp.rows, cmp.total].map((r) => ({
    environment: r.environment, sides: r.sides, 'success known': r.successKnown, 'success agree %': pct(r.successAgreement),
    'rec ok, fresh failed': r.recordedOkFreshFailed, 'rec failed, fresh ok': r.recordedFailedFreshOk,
    'output exact': r.outputExact, 'output similarity': Number.isNaN(r.outputSimilarity) ? null : r.outputSimilarity,
    'rec screenshots': r.recordedScreenshots, 'fresh screenshots': r.freshScreenshots,
  }));
  const note = cmp.notExecuted > 0 ? `\n${cmp.notExecuted} side(s) have no fresh execution (no code, environment not available here, or not run yet)` : '';
  return `Recorded vs fresh executions:\n${formatTable(rows)}${note}`;
}

/** JSON has no NaN: write null. */
const jsonSafe = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));

async function executeAction(o: ExecuteOptions, io: CliIO): Promise<void> {
  const backend = backendOf(o, io);
  const data = await loadComparisons(o.dataset, o.limit);
  if (data.synthetic && !o.json) io.err(`note: ${data.name} is synthetic data (for trying the tools, not for findings)`);
  const bar = io.interactive && !o.json ? createProgressBar(process.stderr) : null;
  const stop = new AbortController();
  const onSigint = () => stop.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  let summary: ExecuteSummary;
  try {
    summary = await executeDataset({
      comparisons: data.comparisons, backend, out: o.out, concurrency: o.concurrency, signal: stop.signal,
      retryErrors: o.retryErrors ?? false,
      ...(o.wallMs !== undefined ? { limits: { wallMs: o.wallMs } } : {}),
      ...(bar ? { onProgress: bar.onProgress } : {}),
    });
  } catch (err) {
    // No bubblewrap (or no user namespaces): a fact about this machine that the user can fix, with the hint in the message.
    if (err instanceof SandboxUnavailableError) throw new ConfigError(err.message, { cause: err });
    throw err;
  } finally {
    process.removeListener('SIGINT', onSigint);
    bar?.stop();
    // Warm containers go before the command ends, not when the process does.
    await backend.close?.();
  }
  const comparison = o.compare ? compareExecutions(data.comparisons, readExecutions(o.out)) : null;
  if (o.json) printJson(io, jsonSafe({ dataset: data.name, ...summary, ...(comparison ? { comparison } : {}) }));
  else {
    io.out(`dataset: ${data.name}\n${formatExecuteSummary(summary)}`);
    if (comparison) io.out(`\n${formatComparison(comparison)}`);
  }
  if (summary.aborted) {
    const interrupted = summary.stopped?.reason === 'interrupted';
    io.err(`${interrupted ? 'interrupted' : `stopped: ${summary.stopped?.message ?? 'unknown reason'}`}: ${summary.unfinished} side(s) left; rerun the same command to resume`);
    return exitWith(interrupted ? EXIT_CODES.interrupted : EXIT_CODES.remote, 'stopped');
  }
  const errors = Object.values(summary.byEnvironment).reduce((n, c) => n + c.errors, 0);
  if (errors > 0) {
    io.err(`${errors} side(s) end with an executor error line in ${o.out}; rerun with --retry-errors to run them again`);
    return exitWith(EXIT_CODES.errors, 'some executions are errors');
  }
}

export function register(program: Command, io: CliIO): void {
  program
    .command('execute')
    .description("run every side's code of a dataset in a sandbox, resumably (rerun the same command to resume); judge the fresh outputs with `bcr judge --executions FILE`")
    .option('--dataset <spec>', 'local path or hub id (default: the bundled sample)')
    .addOption(new Option('--backend <name>', 'sandbox backend').choices(['local', 'docker', 'e2b']).default('local'))
    .option('--concurrency <n>', 'sandboxes at once', positiveInt, 2)
    .option('--limit <n>', 'only the first N records', positiveInt)
    .option('--out <file>', 'executions JSONL (appended to and resumed; images go to <name>.images/)', 'runs/executions.jsonl')
    .option('--wall-ms <n>', 'wall time limit of each run, ms (default 30000)', positiveInt)
    .option('--retry-errors', 'run again sides whose last line is an executor error')
    .option('--unsafe-no-sandbox', 'run code WITHOUT isolation (no bubblewrap): only for trusted code')
    .option('--compare', 'also print recorded vs fresh outcomes per environment')
    .option('--json', 'print the summary as JSON')
    .action((o: ExecuteOptions) => executeAction(o, io));

  program
    .command('executions')
    .description('executions files made by `bcr execute`')
    .command('compare')
    .description('recorded vs fresh outcomes per environment: success agreement, output similarity, screenshots')
    .argument('<file>', 'executions JSONL')
    .option('--dataset <spec>', 'the dataset that was executed (default: the bundled sample)')
    .option('--json', 'print as JSON')
    .action(async (file: string, o: { dataset?: string; json?: boolean }) => {
      const fresh = readExecutions(file);
      const data = await loadComparisons(o.dataset, undefined);
      const cmp = compareExecutions(data.comparisons, fresh);
      if (o.json) printJson(io, jsonSafe({ dataset: data.name, file, ...cmp }));
      else io.out(`dataset: ${data.name}\nexecutions: ${file}\n${formatComparison(cmp)}`);
    });
}
