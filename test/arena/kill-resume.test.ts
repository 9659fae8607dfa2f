/**
 * kill -9 in the middle of each stage, then the same command again: every
 * task ends with exactly one ledger line, nothing is lost, and no request
 * is made twice beyond those in flight at the kill (counted at the server).
 * Runs the real CLI (`bin/bcr.js`, from dist/: `npm run build` first)
 * against the local arena server, with real sandboxes for the execute stage.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODELS, loadPrompts } from '../../src/arena/index.js';
import { ARENA_PROMPTS_DIR, startArenaServer } from '../support/arena-server.js';
import type { JudgeServer } from '../support/judge-server.js';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'bcr.js');
const N = 20;
const CONCURRENCY = 4;
const MODELS = [DEMO_MODELS.strong, DEMO_MODELS.weak, DEMO_MODELS.baseline];

let server: JudgeServer;
let dir: string;
let promptsFile: string;

beforeAll(async () => {
  server = await startArenaServer({ latencyMs: 120 });
  dir = mkdtempSync(join(tmpdir(), 'bcr-arena-kill-'));
  const all = await loadPrompts(ARENA_PROMPTS_DIR);
  promptsFile = join(dir, 'prompts.jsonl');
  // Every 30th prompt: all six categories, real instructions.
  const picked = all.prompts.filter((_, i) => i % 30 === 0).slice(0, N);
  writeFileSync(promptsFile, picked.map((p) => JSON.stringify({ uid: p.uid, instruction: p.instruction, category: p.category })).join('\n') + '\n');
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function args(stage: string): string[] {
  const common = ['arena', stage, '--dir', join(dir, 'arena'), '--prompts', promptsFile];
  const endpoint = ['--base-url', server.baseURL, '--concurrency', String(CONCURRENCY)];
  const pair = ['--candidates', `${DEMO_MODELS.strong},${DEMO_MODELS.weak}`, '--baseline', DEMO_MODELS.baseline];
  if (stage === 'generate') return [...common, ...endpoint, '--models', MODELS.join(',')];
  if (stage === 'execute') return [...common, '--execute-concurrency', '2'];
  if (stage === 'judge') return [...common, ...endpoint, ...pair, '--judge-model', DEMO_MODELS.judge];
  return [...common, ...pair];
}

const env = { ...process.env, OPENAI_API_KEY: 'test-key-123456' };

function lines(file: string): Array<Record<string, unknown>> {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').flatMap((l) => {
    try {
      return [JSON.parse(l) as Record<string, unknown>];
    } catch {
      return []; // a line cut by the kill: the next writer repairs it
    }
  });
}

/** Starts the stage, waits until its ledger has `atLeast` lines, and kills it with SIGKILL. */
async function killMidway(stage: string, ledger: string, atLeast: number): Promise<number> {
  const child = spawn(process.execPath, [BIN, ...args(stage)], { env, stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (lines(ledger).length >= atLeast) break;
    if (child.exitCode !== null) throw new Error(`${stage} finished before it could be killed`);
    await new Promise((r) => setTimeout(r, 15));
  }
  child.kill('SIGKILL');
  await exited;
  return lines(ledger).length;
}

/** Runs the stage to its end (asynchronously: the server lives in this process). */
function rerun(stage: string): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args(stage)], { env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('close', (status) => resolve({ status, out }));
  });
}

function keysOf(rows: Array<Record<string, unknown>>, fields: string[]): string[] {
  return rows.map((r) => JSON.stringify(fields.map((f) => r[f])));
}

const chatsOf = (models: readonly string[]) => server.chats.filter((c) => models.includes(c.body.model)).length;

describe('kill -9 during each arena stage, then rerun', () => {
  it('generate: one line per (model, prompt); requests beyond the answers are at most those in flight', async () => {
    const file = join(dir, 'arena', 'answers.jsonl');
    const before = await killMidway('generate', file, 8);
    expect(before).toBeLessThan(MODELS.length * N);
    const r = await rerun('generate');
    expect(r.status, r.out).toBe(0);
    const rows = lines(file);
    const keys = keysOf(rows, ['model', 'uid']);
    expect(new Set(keys).size).toBe(MODELS.length * N);
    expect(keys.length).toBe(MODELS.length * N); // no line written twice
    const asked = rows.reduce((s, l) => s + (l.generations as number), 0);
    const sent = chatsOf(MODELS);
    expect(sent).toBeGreaterThanOrEqual(asked);
    // Only requests in flight at the kill (at most one per worker, regenerations included) were lost and sent again.
    expect(sent - asked).toBeLessThanOrEqual(CONCURRENCY * 3);
    expect((await rerun('generate')).out).toContain(`already done ${MODELS.length * N}, written now 0`);
  }, 120_000);

  it('execute: one executions line per answer after the rerun', async () => {
    const file = join(dir, 'arena', 'executions.jsonl');
    await killMidway('execute', file, 6);
    const r = await rerun('execute');
    expect(r.status, r.out).toBe(0);
    const keys = keysOf(lines(file), ['id', 'side']);
    expect(new Set(keys).size).toBe(MODELS.length * N);
    expect(keys.length).toBe(MODELS.length * N);
  }, 180_000);

  it('judge: one line per (candidate, prompt, order); requests beyond the verdicts are at most those in flight', async () => {
    const file = join(dir, 'arena', 'judgments.jsonl');
    const before = await killMidway('judge', file, 10);
    expect(before).toBeLessThan(2 * N * 2);
    const r = await rerun('judge');
    expect([0, 1]).toContain(r.status); // 1: some verdicts unparseable on purpose
    const rows = lines(file);
    const keys = keysOf(rows, ['model', 'uid', 'order']);
    expect(new Set(keys).size).toBe(2 * N * 2);
    expect(keys.length).toBe(2 * N * 2);
    const asked = rows.reduce((s, l) => s + (l.attempts as number), 0);
    const sent = chatsOf([DEMO_MODELS.judge]);
    expect(sent).toBeGreaterThanOrEqual(asked);
    expect(sent - asked).toBeLessThanOrEqual(CONCURRENCY * 2);
    const score = await rerun('score');
    expect(score.status, score.out).toBe(0);
    expect(score.out).toContain('Bradley-Terry');
  }, 120_000);
});
