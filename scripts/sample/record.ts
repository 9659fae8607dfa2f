/**
 * Builds one synthetic BigCodeReward row. A record is a pure function of
 * (seed, index, screenshot maker): records can be generated in any order or
 * batch size and the files stay identical.
 *
 * Per side: the final program succeeds with probability `successRate`; earlier
 * user turns may have been broken and fixed later; a few sides have extra
 * sandbox re-runs of the final code (edit rounds), which is what fills the
 * later rounds of `sandbox_logs_by_round`.
 */
import { TOPICS } from '../../src/data/comparison.js';
import type { BigCodeRewardRow, ModelState, SandboxRound, SandboxState, UserInteractionRecord } from '../../src/data/row.js';
import { createRng, seedFromString, shuffled, type Rng } from '../../src/util/rng.js';
import { formatAnswer } from './answer.js';
import { FIRST_NULL_INTERACTION_ROUND, HUB_ROUNDS, RAGGED_ROUND_WITHOUT_SUCCESS } from './hubSchema.js';
import {
  FOLLOW_UPS, SAMPLE_TASKS, failureCode, variantCode,
  type FailureVariant, type ProgramTask,
} from './programs/index.js';
import type { ScreenKind } from './screenshot.js';
import { SAMPLE_TRUTH, type SampleTruth, type SyntheticModel } from './truth.js';
import { drawVote } from './voteModel.js';

/** Makes the PNG for a screen; `key` identifies the image slot (for seeding noise images). */
export type ScreenshotMaker = (screen: ScreenKind, accent: string, key: string) => Uint8Array;

export interface RecordOptions {
  seed: number;
  truth?: SampleTruth;
  tasks?: readonly ProgramTask[];
  screenshot: ScreenshotMaker;
}

/** What the generator decided for a record, beyond the row itself (for tests and summaries). */
export interface RecordFacts {
  task: string;
  turns: number;
  successA: boolean;
  successB: boolean;
  roundsA: number;
  roundsB: number;
}

export interface SyntheticRecord {
  row: BigCodeRewardRow;
  facts: RecordFacts;
}

export const ACCENTS = ['#2563eb', '#16a34a', '#db2777', '#ea580c', '#7c3aed'] as const;

const SANDBOX_INSTRUCTIONS: Record<string, string> = {
  runner: 'Run the program in a fresh container and show its standard output and errors.',
  web: 'Render the page in a headless browser and take a screenshot after it loads.',
  app: 'Start the app, wait until it serves its page, then take a screenshot.',
  game: 'Start the game window, let it run for a moment, then take a screenshot.',
  diagram: 'Render the diagram and take a screenshot of the result.',
};

function sandboxInstruction(task: ProgramTask): string {
  const env = task.environment;
  if (env.endsWith('Runner')) return SANDBOX_INSTRUCTIONS.runner!;
  if (env === 'PyGame') return SANDBOX_INSTRUCTIONS.game!;
  if (env === 'Mermaid') return SANDBOX_INSTRUCTIONS.diagram!;
  if (env === 'Gradio' || env === 'Streamlit') return SANDBOX_INSTRUCTIONS.app!;
  return SANDBOX_INSTRUCTIONS.web!;
}

const hex = (rng: Rng, length: number): string => {
  let out = '';
  for (let i = 0; i < length; i++) out += rng.int(0, 15).toString(16);
  return out;
};
const pick = <T>(items: readonly T[], rng: Rng): T => items[rng.int(0, items.length - 1)]!;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Python's `str(datetime)` layout, in UTC. */
function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`;
}

/** The task of record `index`: tasks are dealt in freshly shuffled blocks, so every task appears once per block. */
export function taskForRecord(index: number, seed: number, tasks: readonly ProgramTask[]): ProgramTask {
  const block = Math.floor(index / tasks.length);
  const order = shuffled(tasks, createRng(seedFromString(`block:${block}`, seed)));
  return order[index % tasks.length]!;
}

/** One executed program: the code a round ran and what the sandbox recorded. */
interface Execution {
  code: string;
  ok: boolean;
  stdout: string;
  stderr: string;
  screen: ScreenKind | null;
}

function successfulRun(task: ProgramTask, variant: number, accent: string): Execution {
  return {
    code: variantCode(task, variant, accent),
    ok: true,
    stdout: task.variants[variant]!.stdout,
    stderr: '',
    screen: task.scene ? { scene: task.scene, state: 'page' } : null,
  };
}

function failedRun(task: ProgramTask, failure: FailureVariant, accent: string): Execution {
  const screen: ScreenKind | null =
    task.scene && failure.screen && failure.screen !== 'none' ? { scene: task.scene, state: failure.screen } : null;
  return {
    code: failureCode(failure, accent),
    ok: false,
    stdout: failure.stdout,
    stderr: failure.stderr,
    screen,
  };
}

function chooseFailure(task: ProgramTask, variant: number, syntaxShare: number, rng: Rng): FailureVariant {
  const wanted = rng.next() < syntaxShare ? 'syntax_error' : 'runtime_error';
  const ofKind = task.failures.filter((f) => f.kind === wanted);
  const pool = ofKind.length > 0 ? ofKind : task.failures;
  const sameBase = pool.filter((f) => f.base === variant);
  return pick(sameBase.length > 0 ? sameBase : pool, rng);
}

function interactions(task: ProgramTask, round: number, rng: Rng): UserInteractionRecord[] | null {
  if (round >= FIRST_NULL_INTERACTION_ROUND) return null;
  if (!task.scene) return [];
  const events: UserInteractionRecord[] = [];
  let time = 800 + rng.int(0, 2000);
  for (let i = rng.int(0, 3); i > 0; i--) {
    const click = rng.next() < 0.6;
    events.push({
      height: 768, width: 1024,
      key: click ? null : pick(['ArrowUp', 'ArrowLeft', 'Enter', 'a'], rng),
      scrollLeft: 0, scrollTop: click ? 0 : rng.int(0, 3) * 40,
      time, type: click ? 'click' : 'keydown',
      x: click ? rng.int(20, 1000) + 0.5 : null, y: click ? rng.int(20, 740) + 0.5 : null,
    });
    time += 300 + rng.int(0, 3000);
  }
  return events;
}

interface SideContext {
  side: 'model_A' | 'model_B';
  model: SyntheticModel;
  task: ProgramTask;
  sessionId: string;
  userTurns: string[];
  finalSuccess: boolean;
  startMs: number;
}

interface SideResult {
  state: ModelState;
  final: Execution;
  /** Screenshot of the last round run (what the top-level `execution_screenshot_*` holds). */
  finalPng: Uint8Array | null;
  rounds: number;
}

interface SideOptions {
  screenshot: ScreenshotMaker;
  truth: SampleTruth;
}

function buildSide(ctx: SideContext, opts: SideOptions, rng: Rng): SideResult {
  const { task, side } = ctx;
  const accent = pick(ACCENTS, rng);
  const variant = rng.int(0, task.variants.length - 1);
  const turns = ctx.userTurns.length;
  const maxExtra = HUB_ROUNDS[side] - turns;
  const u = rng.next();
  const extra = u < 0.88 ? 0 : u < 0.96 ? Math.min(1, maxExtra) : rng.int(Math.min(2, maxExtra), maxExtra);

  // One execution per user turn; earlier turns may have been broken (the user then asked again).
  const perTurn: Execution[] = [];
  for (let t = 1; t <= turns; t++) {
    const isLast = t === turns;
    const ok = isLast ? ctx.finalSuccess : rng.next() >= 0.3;
    perTurn.push(ok ? successfulRun(task, variant, accent) : failedRun(task, chooseFailure(task, variant, opts.truth.syntaxErrorShare, rng), accent));
  }
  const final = perTurn[turns - 1]!;

  const messages: [string, string][] = [];
  ctx.userTurns.forEach((text, i) => {
    messages.push(['user', text]);
    messages.push(['assistant', formatAnswer({ model: ctx.model, task, code: perTurn[i]!.code, turn: i + 1 }, rng)]);
  });

  const convId = hex(rng, 32);
  const logs: Record<string, SandboxRound | null> = {};
  const totalRounds = turns + extra;
  let finalPng: Uint8Array | null = null;
  for (let r = 1; r <= HUB_ROUNDS[side]; r++) {
    if (r > totalRounds) {
      logs[String(r)] = null;
      continue;
    }
    const run = r <= turns ? perTurn[r - 1]! : final; // re-runs repeat the final code and its result
    const sandboxId = hex(rng, 20);
    const png = run.screen ? opts.screenshot(run.screen, accent, `${ctx.sessionId}/${side}/${r}`) : null;
    if (r === totalRounds) finalPng = png;
    const day = new Date(ctx.startMs).toISOString().slice(0, 10).replace(/-/g, '_');
    const state: SandboxState = {
      auto_selected_sandbox_environment: task.environment,
      btn_list_length: 5,
      chat_session_id: ctx.sessionId,
      code_dependencies: task.dependencies.map((d) => [...d]),
      code_language: task.language,
      code_to_execute: run.code,
      conv_id: convId,
      edit_round: Math.max(0, r - turns),
      enable_sandbox: true,
      enabled_round: 0,
      execution_success: run.ok,
      sandbox_environment: task.environment,
      sandbox_error: run.stderr,
      sandbox_id: sandboxId,
      sandbox_instruction: sandboxInstruction(task),
      sandbox_output: run.stdout,
      sandbox_run_round: r,
      screenshot_base64: png ? Buffer.from(png).toString('base64') : '',
      screenshot_path: png ? `screenshots/${sandboxId}.png` : '',
    };
    // The hub schema has no `execution_success` in this round: do not invent it.
    if (side === RAGGED_ROUND_WITHOUT_SUCCESS.side && String(r) === RAGGED_ROUND_WITHOUT_SUCCESS.round) delete state.execution_success;
    logs[String(r)] = {
      enabled_round: 0,
      filename: `sandbox_logs/${day}/sandbox_record-${sandboxId}.json`,
      sandbox_run_round: r,
      sandbox_state: state,
      user_interaction_records: interactions(task, r, rng),
    };
  }

  const state: ModelState = {
    chat_mode: 'battle_anony',
    chat_session_id: ctx.sessionId,
    chat_start_time: formatTime(ctx.startMs),
    conv_id: convId,
    messages,
    model_name: ctx.model.name,
    offset: 0,
    roles: ['user', 'assistant'],
    sandbox_logs_by_round: logs,
    system_message: 'You are a helpful coding assistant. Answer with one complete, runnable program in a single fenced code block.',
    template_name: 'synthetic-chat',
    total_rounds: turns,
  };
  return { state, final, finalPng, rounds: totalRounds };
}

const SAMPLE_EPOCH_MS = Date.UTC(2025, 1, 3, 9, 0, 0);

/** Builds record `index` of the dataset with this seed. */
export function buildRecord(index: number, options: RecordOptions): SyntheticRecord {
  const truth = options.truth ?? SAMPLE_TRUTH;
  const tasks = options.tasks ?? SAMPLE_TASKS;
  const rng = createRng(seedFromString(`record:${index}`, options.seed));
  const task = taskForRecord(index, options.seed, tasks);

  const a = rng.int(0, truth.models.length - 1);
  let b = rng.int(0, truth.models.length - 2);
  if (b >= a) b++;
  const modelA = truth.models[a]!;
  const modelB = truth.models[b]!;

  const u = rng.next();
  const turns = u < 0.5 ? 1 : u < 0.85 ? 2 : 3;
  const followUps = shuffled(FOLLOW_UPS, rng).slice(0, turns - 1);
  const userTurns = [task.instruction, ...followUps];
  const sessionId = hex(rng, 32);
  const startMs = SAMPLE_EPOCH_MS + index * 1_800_000 + rng.int(0, 1_500_000);
  const successA = rng.next() < truth.voteModel.successRate;
  const successB = rng.next() < truth.voteModel.successRate;
  const sideOpts: SideOptions = { screenshot: options.screenshot, truth };
  const sideA = buildSide({ side: 'model_A', model: modelA, task, sessionId, userTurns, finalSuccess: successA, startMs }, sideOpts, rng.fork());
  const sideB = buildSide({ side: 'model_B', model: modelB, task, sessionId, userTurns, finalSuccess: successB, startMs }, sideOpts, rng.fork());
  const vote = drawVote({ strengthA: modelA.strength, strengthB: modelB.strength, successA, successB }, truth.voteModel, rng);

  const image = (png: Uint8Array | null) => (png ? { bytes: png, path: null } : null);

  const row: BigCodeRewardRow = {
    chat_session_id: sessionId,
    instruction: task.instruction,
    human_vote: vote,
    model_A: modelA.name,
    model_B: modelB.name,
    category_id: TOPICS.indexOf(task.topic) + 1,
    category_name: task.topic,
    execution_output_A: sideA.final.stdout,
    execution_output_B: sideB.final.stdout,
    execution_error_A: sideA.final.stderr,
    execution_error_B: sideB.final.stderr,
    execution_screenshot_A: image(sideA.finalPng),
    execution_screenshot_B: image(sideB.finalPng),
    states: { model_A: sideA.state, model_B: sideB.state },
  };
  return {
    row,
    facts: { task: task.id, turns, successA, successB, roundsA: sideA.rounds, roundsB: sideB.rounds },
  };
}
