/**
 * `bcr arena <stage>`: AutoCodeArena, stage by stage or all at once, each
 * stage resumable (rerun the same command). Files live in `--dir`
 * (answers.jsonl, executions.jsonl with its images, judgments.jsonl,
 * cache/). Parsing and printing only; the work is in src/arena.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CommanderError, Option, type Command } from 'commander';
import { ConfigError } from '../errors.js';
import { createProgressBar, JobStoppedError, readLedger, type ProgressEvent } from '../jobs/index.js';
import type { SandboxBackend } from '../exec/sandbox/types.js';
import { ChatClient } from '../llm/client.js';
import {
  arenaLeaderboardChart, arenaPaths, arenaTables, executeAnswers, generateAnswers, generateAnswersBatch, importAnswers, judgeAnswers,
  judgeAnswersBatch, JUDGMENTS_FORMAT,
  loadPrompts, readAnswerExecutions, readAnswers, scoreArena, ARENA_DATASET,
  type ArenaPrompts, type ArenaScores, type ArenaSlice, type StageSummary,
} from '../arena/index.js';
import { EXIT_CODES, formatTable, printJson, type CliIO } from './output.js';
import { positiveInt } from './parse-options.js';

interface Common {
  dir: string;
  prompts: string;
  limit?: number;
  skipUnknownCategory?: boolean;
  json?: boolean;
}

interface Endpoint {
  batch?: boolean;
  pollMs: number;
  baseUrl?: string;
  apiKeyEnv?: string;
  concurrency: number;
  maxAttempts: number;
  timeoutMs: number;
  retryErrors?: boolean;
}

interface GenerateOpts extends Common, Endpoint { models: string; systemPrompt?: string; maxRegenerations: number; maxTokens?: number }
interface ExecuteOpts extends Common { backend: string; executeConcurrency: number; wallMs?: number; retryErrors?: boolean }
interface JudgeOpts extends Common, Endpoint { candidates: string; baseline: string; judgeModel: string; vision?: boolean }
interface ScoreOpts extends Common { candidates: string; baseline: string; by: string; decisiveWeight: number; bootstrap: number; confidence: number; seed: number; chart?: string }
type RunOpts = GenerateOpts & ExecuteOpts & JudgeOpts & ScoreOpts & { noGenerate?: boolean };

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
const jsonSafe = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));

function number01(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n < 1)) throw new ConfigError(`--confidence must be between 0 and 1, got "${value}"`);
  return n;
}

function atLeastOne(value: string): number {
  const n = Number(value);
  if (!(n >= 1)) throw new ConfigError(`--decisive-weight must be a number >= 1, got "${value}"`);
  return n;
}

async function prompts(o: Common, io: CliIO): Promise<ArenaPrompts> {
  const loaded = await loadPrompts(o.prompts, o.skipUnknownCategory ? { unknownCategory: 'skip' } : {});
  if (loaded.skipped.length > 0 && !o.json) io.err(`skipped ${loaded.skipped.length} prompt(s) with an unknown category (first: ${loaded.skipped[0]!.file} row ${loaded.skipped[0]!.row}: ${loaded.skipped[0]!.reason})`);
  if (o.limit !== undefined) loaded.prompts = loaded.prompts.slice(0, o.limit);
  return loaded;
}

function chat(model: string, o: Endpoint & { maxTokens?: number }): ChatClient {
  return new ChatClient({
    model, ...(o.baseUrl ? { baseURL: o.baseUrl } : {}), ...(o.apiKeyEnv ? { apiKeyEnv: o.apiKeyEnv } : {}), timeoutMs: o.timeoutMs,
    ...(o.maxTokens !== undefined ? { maxTokens: o.maxTokens } : {}),
  });
}

function stageOptions(o: Endpoint, signal: AbortSignal, onProgress?: (e: ProgressEvent) => void) {
  return {
    concurrency: o.concurrency, timeoutMs: o.timeoutMs, retry: { maxAttempts: o.maxAttempts }, signal, retryErrors: o.retryErrors ?? false,
    ...(onProgress ? { onProgress } : {}),
  };
}

function exitWith(code: number, message: string): never {
  throw new CommanderError(code, 'bcr.arena.exit', message);
}

function stageLine(s: StageSummary, extra = ''): string {
  return `${s.stage}: ${s.out}: ${s.total} task(s); already done ${s.alreadyDone}, written now ${s.written}${s.cached ? ` (${s.cached} from the cache)` : ''}` +
    `${s.failed ? `, ${s.failed} error line(s)` : ''}${s.unfinished ? `, left ${s.unfinished}` : ''}${extra}; ${(s.elapsedMs / 1000).toFixed(1)} s`;
}

/** Runs a stage with Ctrl-C handling and a progress bar; a stopped run prints how to resume. */
async function withStop<T>(io: CliIO, json: boolean | undefined, work: (signal: AbortSignal, onProgress?: (e: ProgressEvent) => void) => Promise<T>): Promise<T> {
  const bar = io.interactive && !json ? createProgressBar(process.stderr) : null;
  const stop = new AbortController();
  const onSigint = () => stop.abort(new Error('interrupted'));
  process.once('SIGINT', onSigint);
  try {
    return await work(stop.signal, bar?.onProgress);
  } catch (err) {
    if (err instanceof JobStoppedError) io.err(`error: ${err.message}\nto resume: ${err.resume}`);
    throw err;
  } finally {
    process.removeListener('SIGINT', onSigint);
    bar?.stop();
  }
}

/** Exit codes for a stage's end; inside `run`, error lines only warn, so the later stages still run. */
function finish(io: CliIO, s: StageSummary, what: string, inRun = false): void {
  if (s.aborted) {
    io.err(`interrupted: ${s.stopped?.resume ?? 'rerun the same command to resume'}`);
    exitWith(EXIT_CODES.interrupted, 'interrupted');
  }
  const errors = s.failed + s.earlierErrors;
  if (errors > 0 && inRun) io.err(`warning: ${errors} ${what} end with an error line in ${s.out} (--retry-errors tries them again)`);
  else if (errors > 0) {
    io.err(`${errors} ${what} end with an error line in ${s.out}; rerun with --retry-errors to try them again`);
    exitWith(EXIT_CODES.errors, `some ${what} are errors`);
  }
}

async function generateAction(o: GenerateOpts, io: CliIO, inRun = false): Promise<void> {
  const p = await prompts(o, io);
  const models = list(o.models);
  if (models.length === 0) throw new ConfigError('--models needs at least one model name');
  const paths = arenaPaths(o.dir);
  const common = {
    prompts: p.prompts, models: models.map((m) => ({ name: m, chat: chat(m, o) })), out: paths.answers, maxRegenerations: o.maxRegenerations,
    ...(o.systemPrompt ? { systemPrompt: readFileSync(o.systemPrompt, 'utf8') } : {}),
  };
  if (o.batch) {
    const summary = await withStop(io, o.json, (signal) => generateAnswersBatch({
      ...common, signal, pollMs: o.pollMs, retryErrors: o.retryErrors ?? false, onPoll: (line) => { if (!o.json) io.err(line); },
    }));
    if (o.json) printJson(io, summary);
    else io.out(stageLine(summary, ' (Batch API)'));
    return finish(io, summary, 'answers', inRun);
  }
  const summary = await withStop(io, o.json, (signal, onProgress) => generateAnswers({ ...stageOptions(o, signal, onProgress), ...common, cacheDir: paths.cache }));
  if (o.json) printJson(io, summary);
  else io.out(stageLine(summary, `; with code ${summary.ok}, no code after ${o.maxRegenerations} regeneration(s) ${summary.noCode}; requests ${summary.requests}`));
  finish(io, summary, 'answers', inRun);
}

async function backendOf(o: ExecuteOpts): Promise<SandboxBackend> {
  if (o.backend === 'docker') return (await import('../exec/backends/docker.js')).dockerBackend();
  if (o.backend !== 'local') throw new ConfigError(`--backend ${o.backend}: use local or docker`);
  return (await import('../exec/backends/local.js')).localBackend();
}

async function executeAction(o: ExecuteOpts, io: CliIO): Promise<void> {
  const paths = arenaPaths(o.dir);
  const answers = readAnswers(paths.answers);
  const backend = await backendOf(o);
  const summary = await withStop(io, o.json, (signal, onProgress) => executeAnswers({
    answers: answers.values(), backend, out: paths.executions, concurrency: o.executeConcurrency, signal, retryErrors: o.retryErrors ?? false,
    ...(o.wallMs !== undefined ? { limits: { wallMs: o.wallMs } } : {}),
    ...(onProgress ? { onProgress } : {}),
  })).finally(() => backend.close?.());
  if (o.json) printJson(io, summary);
  else {
    const { formatExecuteSummary } = await import('./execute.js');
    io.out(formatExecuteSummary(summary));
  }
  if (summary.aborted) exitWith(summary.stopped?.reason === 'interrupted' ? EXIT_CODES.interrupted : EXIT_CODES.remote, 'stopped');
}

async function judgeAction(o: JudgeOpts, io: CliIO, inRun = false): Promise<void> {
  const p = await prompts(o, io);
  const paths = arenaPaths(o.dir);
  const answers = readAnswers(paths.answers);
  const executions = readAnswerExecutions(paths.executions);
  const common = {
    prompts: p.prompts, answers, executions, candidates: list(o.candidates), baseline: o.baseline,
    judge: { name: `${o.judgeModel}${o.vision ? '+vision' : ''}`, chat: chat(o.judgeModel, o), vision: o.vision ?? false }, out: paths.judgments,
  };
  const summary = await withStop(io, o.json, (signal, onProgress) => o.batch
    ? judgeAnswersBatch({ ...common, signal, pollMs: o.pollMs, retryErrors: o.retryErrors ?? false, onPoll: (line) => { if (!o.json) io.err(line); } })
    : judgeAnswers({ ...stageOptions(o, signal, onProgress), ...common, cacheDir: paths.cache }));
  if (o.json) printJson(io, summary);
  else {
    io.out(stageLine(summary, `; unparseable ${summary.unparseable}; requests ${summary.requests}`));
    reportMissing(io, summary.missingAnswers);
  }
  finish(io, summary, 'verdicts', inRun);
}

function reportMissing(io: CliIO, missing: ReadonlyArray<{ model: string; uid: string }>): void {
  const byModel = new Map<string, string[]>();
  for (const m of missing) byModel.set(m.model, [...(byModel.get(m.model) ?? []), m.uid]);
  for (const [model, uids] of byModel) {
    io.err(`warning: ${model} has no answer to ${uids.length} prompt(s) (${uids.slice(0, 3).join(', ')}${uids.length > 3 ? ', ...' : ''}): those prompts are not judged for it`);
  }
}

async function computeScores(o: ScoreOpts, io: CliIO): Promise<ArenaScores> {
  const p = await prompts(o, io);
  const paths = arenaPaths(o.dir);
  return scoreArena({
    prompts: p.prompts, answers: readAnswers(paths.answers), executions: readAnswerExecutions(paths.executions),
    judgments: readLedger(paths.judgments, JUDGMENTS_FORMAT).latest.values(), candidates: list(o.candidates), baseline: o.baseline,
  }, { decisiveWeight: o.decisiveWeight, rounds: o.bootstrap, confidence: o.confidence, seed: o.seed });
}

/** Writes the self-contained HTML report of the scores (`arena-report.html` in --dir unless --out). */
async function reportAction(o: ScoreOpts & { out?: string }, io: CliIO, scores?: ArenaScores): Promise<void> {
  const { writeArenaReport } = await import('../report/arena.js');
  const out = await writeArenaReport(scores ?? (await computeScores(o, io)), o.dir, ...(o.out !== undefined ? [o.out] : []));
  if (o.json && !scores) printJson(io, { report: out });
  else if (!o.json) io.out(`report: ${out}`);
}

async function scoreAction(o: ScoreOpts, io: CliIO): Promise<ArenaScores> {
  const by = o.by as ArenaSlice;
  const scores = await computeScores(o, io);
  if (o.json) printJson(io, jsonSafe(scores));
  else {
    io.out(arenaTables(scores, by).map((t) => `${t.caption}\n${formatTable(t.rows)}`).join('\n\n'));
    reportMissing(io, scores.missing);
  }
  if (o.chart) {
    const { toPng } = await import('../charts/render.js');
    writeFileSync(o.chart, await toPng(arenaLeaderboardChart(scores, by)));
    if (!o.json) io.out(`chart: ${o.chart}`);
  }
  return scores;
}

function common(cmd: Command): Command {
  return cmd
    .option('--dir <dir>', 'folder of the arena files (answers, executions, judgments, cache)', 'runs/arena')
    .option('--prompts <spec>', 'prompts: a hub id, or a local .jsonl/.csv file or folder of them', ARENA_DATASET)
    .option('--limit <n>', 'only the first N prompts', positiveInt)
    .option('--skip-unknown-category', 'count and skip prompts whose category is not one of the six (default: an error)')
    .option('--json', 'print as JSON');
}

function endpoint(cmd: Command): Command {
  return cmd
    .option('--base-url <url>', 'OpenAI-compatible endpoint (default: OpenAI)')
    .option('--api-key-env <name>', 'environment variable holding the key (default OPENAI_API_KEY)')
    .option('--concurrency <n>', 'requests in flight', positiveInt, 8)
    .option('--max-attempts <n>', 'attempts per request, the first included', positiveInt, 6)
    .option('--timeout-ms <n>', 'timeout of each request', positiveInt, 120_000)
    .option('--retry-errors', 'try again tasks whose last line is an error')
    .option('--batch', "through the provider's Batch API (cheaper, slower; a killed poller resumes polling)")
    .option('--poll-ms <n>', 'first wait between batch polls', positiveInt, 10_000);
}

const addGenerate = (cmd: Command) => cmd
  .option('--system-prompt <file>', 'system prompt for generation (default: the built-in one)')
  .option('--max-regenerations <n>', 'further requests for an answer without code', (v) => Number.parseInt(v, 10), 2)
  .option('--max-tokens <n>', 'answer token limit', positiveInt);
const addExecute = (cmd: Command) => cmd
  .addOption(new Option('--backend <name>', 'sandbox backend').choices(['local', 'docker']).default('local'))
  .option('--execute-concurrency <n>', 'sandboxes at once', positiveInt, 2)
  .option('--wall-ms <n>', 'wall time limit of each run, ms', positiveInt);
const addPair = (cmd: Command) => cmd
  .requiredOption('--candidates <a,b>', 'candidate models (comma-separated)')
  .requiredOption('--baseline <model>', 'the baseline model');
const addJudge = (cmd: Command) => cmd
  .requiredOption('--judge-model <model>', 'the judge model')
  .option('--vision', 'send screenshots to the judge as images');
const addScore = (cmd: Command) => cmd
  .addOption(new Option('--by <slice>', 'leaderboard per slice').choices(['overall', 'env', 'topic']).default('overall'))
  .option('--decisive-weight <w>', 'weight of a decisive verdict ([[A>>B]])', atLeastOne, 3)
  .option('--bootstrap <n>', 'bootstrap rounds', positiveInt, 100)
  .option('--confidence <c>', 'interval coverage', number01, 0.9)
  .option('--seed <n>', 'bootstrap seed', (v) => Number.parseInt(v, 10), 0)
  .option('--chart <file.png>', 'write the leaderboard chart');

export function register(program: Command, io: CliIO): void {
  const arena = program.command('arena').description('AutoCodeArena: generate, execute and judge answers to 600 prompts against a baseline, and rank the models (each stage resumable)');

  common(arena.command('prompts').description('load and check the prompts; counts by category'))
    .action(async (o: Common) => {
      const p = await prompts(o, io);
      if (o.json) printJson(io, { prompts: p.prompts.length, byCategory: p.byCategory, skipped: p.skipped });
      else io.out(`prompts: ${p.prompts.length} from ${o.prompts}\n${formatTable(Object.entries(p.byCategory).map(([category, n]) => ({ category, prompts: n })))}`);
    });

  addGenerate(endpoint(common(arena.command('generate').description('answers from each model to each prompt (rerun to resume)'))))
    .requiredOption('--models <a,b,c>', 'models to generate with: the candidates and the baseline')
    .action((o: GenerateOpts) => generateAction(o, io));

  common(arena.command('import').description('add answers you already have: a JSONL of uid, model, answer'))
    .argument('<file>', 'JSONL with uid, model, answer')
    .action(async (file: string, o: Common) => {
      const p = await prompts(o, io);
      const s = importAnswers(file, arenaPaths(o.dir).answers, p.prompts);
      if (o.json) printJson(io, s);
      else io.out(`imported ${s.written} answer(s) of ${s.read} into ${s.out}${s.unchanged ? ` (${s.unchanged} unchanged)` : ''}`);
      if (s.unknownUids.length > 0) io.err(`warning: ${s.unknownUids.length} answer(s) name a uid the prompts do not have (first: row ${s.unknownUids[0]!.row}, uid ${s.unknownUids[0]!.uid}); not imported`);
    });

  addExecute(common(arena.command('execute').description('run every answer in a sandbox (rerun to resume)')))
    .option('--retry-errors', 'run again answers whose last line is an executor error')
    .action((o: ExecuteOpts) => executeAction(o, io));

  addJudge(addPair(endpoint(common(arena.command('judge').description('each candidate against the baseline, both orders, with execution results (rerun to resume)')))))
    .action((o: JudgeOpts) => judgeAction(o, io));

  addScore(addPair(common(arena.command('score').description('leaderboard: mean win rate (reference code) and Bradley-Terry (paper), with bootstrap intervals'))))
    .action(async (o: ScoreOpts) => void (await scoreAction(o, io)));

  addScore(addJudge(addPair(addExecute(addGenerate(endpoint(common(arena.command('run').description('every stage in turn (rerun to resume), then arena-report.html in --dir; --no-generate to use imported answers only'))))))))
    .option('--no-generate', 'skip generation (answers imported with `bcr arena import`)')
    .option('--models <a,b,c>', 'models to generate with (default: the candidates and the baseline)')
    .action(async (o: RunOpts & { generate?: boolean }) => {
      if (o.generate !== false) await generateAction({ ...o, models: o.models ?? [...list(o.candidates), o.baseline].join(','), json: false }, io, true);
      await executeAction({ ...o, json: false }, io);
      await judgeAction({ ...o, json: false }, io, true);
      await reportAction(o, io, await scoreAction(o, io));
    });

  addScore(addPair(common(arena.command('report').description('the leaderboards, slices, coverage and chart as one self-contained HTML page'))))
    .option('--out <file.html>', 'where to write it (default: arena-report.html in --dir)')
    .action((o: ScoreOpts & { out?: string }) => reportAction(o, io));
}
