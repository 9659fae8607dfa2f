/**
 * The whole arena in one call, stage after stage, each on its own ledger in
 * `dir` (answers.jsonl, executions.jsonl and its images, judgments.jsonl):
 * rerunning resumes every stage where it stopped. Stages can also be run one
 * by one (the CLI's `bcr arena <stage>`).
 */
import { join } from 'node:path';
import type { ExecuteSummary } from '../exec/execute-dataset.js';
import type { SandboxBackend } from '../exec/sandbox/types.js';
import { readLedger } from '../jobs/index.js';
import { readAnswers } from './answers.js';
import { executeAnswers, readAnswerExecutions } from './execute.js';
import { generateAnswers, type ArenaModel, type GenerateSummary } from './generate.js';
import { JUDGMENTS_FORMAT, judgeAnswers, type ArenaJudge, type JudgeAnswersSummary } from './judge.js';
import type { ArenaPrompt } from './prompts.js';
import { scoreArena, type ArenaScores, type ScoreOptions } from './score.js';
import type { StageRunOptions } from './stage.js';

export interface ArenaPaths {
  answers: string;
  executions: string;
  judgments: string;
  cache: string;
}

export function arenaPaths(dir: string): ArenaPaths {
  return { answers: join(dir, 'answers.jsonl'), executions: join(dir, 'executions.jsonl'), judgments: join(dir, 'judgments.jsonl'), cache: join(dir, 'cache') };
}

export interface RunArenaOptions extends StageRunOptions {
  prompts: readonly ArenaPrompt[];
  /** Models to generate with (candidates and, unless its answers are imported, the baseline). */
  generators: readonly ArenaModel[];
  candidates: readonly string[];
  baseline: string;
  judge: ArenaJudge;
  backend: SandboxBackend;
  dir: string;
  executeConcurrency?: number;
  score?: ScoreOptions;
  systemPrompt?: string;
  maxRegenerations?: number;
}

export interface ArenaRun {
  generate: GenerateSummary;
  execute: ExecuteSummary;
  judge: JudgeAnswersSummary;
  scores: ArenaScores;
  /** Wall time per stage, ms. */
  timings: { generate: number; execute: number; judge: number; score: number };
}

export async function runArena(opts: RunArenaOptions): Promise<ArenaRun> {
  const paths = arenaPaths(opts.dir);
  const { prompts, candidates, baseline } = opts;
  const common: StageRunOptions = {
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
    ...(opts.retry ? { retry: opts.retry } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
  };
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return Math.round(ms);
  };
  const generate = await generateAnswers({
    ...common, prompts, models: opts.generators, out: paths.answers, cacheDir: paths.cache,
    ...(opts.systemPrompt !== undefined ? { systemPrompt: opts.systemPrompt } : {}),
    ...(opts.maxRegenerations !== undefined ? { maxRegenerations: opts.maxRegenerations } : {}),
  });
  const tg = lap();
  const answers = readAnswers(paths.answers);
  const execute = await executeAnswers({
    answers: answers.values(), backend: opts.backend, out: paths.executions,
    ...(opts.executeConcurrency !== undefined ? { concurrency: opts.executeConcurrency } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const te = lap();
  const executions = readAnswerExecutions(paths.executions);
  const judge = await judgeAnswers({ ...common, prompts, answers, executions, candidates, baseline, judge: opts.judge, out: paths.judgments, cacheDir: paths.cache });
  const tj = lap();
  const judgments = readLedger(paths.judgments, JUDGMENTS_FORMAT).latest.values();
  const scores = await scoreArena({ prompts, answers, executions, judgments, candidates, baseline }, opts.score);
  return { generate, execute, judge, scores, timings: { generate: tg, execute: te, judge: tj, score: lap() } };
}
