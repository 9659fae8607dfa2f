/**
 * Generation and judging through the Batch API (the local server's files and
 * batches endpoints), on the judge's batch session: the same ledgers as the
 * live stages, regeneration rounds for answers without code, a rerun that
 * submits nothing, and the same verdicts as a live run.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_MODELS, executeAnswers, generateAnswersBatch, judgeAnswers, judgeAnswersBatch, loadPrompts, readAnswerExecutions, readAnswers,
  type ArenaPrompt,
} from '../../src/arena/index.js';
import { readLedger } from '../../src/jobs/index.js';
import { JUDGMENTS_FORMAT } from '../../src/arena/judge.js';
import { localBackend } from '../../src/exec/index.js';
import { ChatClient } from '../../src/llm/client.js';
import { ARENA_PROMPTS_DIR, startArenaServer } from '../support/arena-server.js';
import type { JudgeServer } from '../support/judge-server.js';

let server: JudgeServer;
let dir: string;
let prompts: ArenaPrompt[];
const chat = (model: string) => new ChatClient({ model, baseURL: server.baseURL, apiKey: 'test-key-123456' });
const MODELS = [DEMO_MODELS.strong, DEMO_MODELS.weak, DEMO_MODELS.baseline];

beforeAll(async () => {
  server = await startArenaServer({ batchPollsUntilDone: 1 });
  dir = mkdtempSync(join(tmpdir(), 'bcr-arena-batch-'));
  prompts = (await loadPrompts(ARENA_PROMPTS_DIR)).prompts.filter((_, i) => i % 40 === 0);
});
afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('arena stages through the Batch API', () => {
  it('generates one answer per model and prompt, regenerating in later rounds; a rerun submits nothing', async () => {
    const out = join(dir, 'answers.jsonl');
    const opts = { prompts, models: MODELS.map((m) => ({ name: m, chat: chat(m) })), out, pollMs: 1 };
    const s = await generateAnswersBatch(opts);
    expect(s.written).toBe(MODELS.length * prompts.length);
    const answers = [...readAnswers(out).values()];
    expect(answers).toHaveLength(MODELS.length * prompts.length);
    expect(answers.every((a) => a.status !== 'error')).toBe(true);
    // Batch lines went through the same server; one state file per model sits beside the ledger.
    expect(server.chats.every((c) => c.fromBatch)).toBe(true);
    expect(server.chats.length).toBe(answers.reduce((n, a) => n + a.generations, 0));
    expect(readdirSync(dir).filter((f) => f.endsWith('.batch.json'))).toHaveLength(MODELS.length);
    const before = server.batches.size;
    const again = await generateAnswersBatch(opts);
    expect(again).toMatchObject({ written: 0, alreadyDone: MODELS.length * prompts.length });
    expect(server.batches.size).toBe(before);
  }, 60_000);

  it('judges both orders in batch, with the same labels as a live run (where no follow-up was needed)', async () => {
    const answers = readAnswers(join(dir, 'answers.jsonl'));
    await executeAnswers({ answers: answers.values(), backend: localBackend(), out: join(dir, 'executions.jsonl') });
    const executions = readAnswerExecutions(join(dir, 'executions.jsonl'));
    const common = { prompts, answers, executions, candidates: [DEMO_MODELS.strong, DEMO_MODELS.weak], baseline: DEMO_MODELS.baseline, judge: { name: 'demo-judge', chat: chat(DEMO_MODELS.judge) } };
    const batch = await judgeAnswersBatch({ ...common, out: join(dir, 'batch-judgments.jsonl'), pollMs: 1 });
    expect(batch.written).toBe(2 * prompts.length * 2);
    const live = await judgeAnswers({ ...common, out: join(dir, 'live-judgments.jsonl') });
    expect(live.written).toBe(batch.written);
    const read = (f: string) => readLedger(join(dir, f), JUDGMENTS_FORMAT).latest;
    const b = read('batch-judgments.jsonl');
    let compared = 0;
    for (const [key, l] of read('live-judgments.jsonl')) {
      if (l.attempts > 1) continue;
      expect(b.get(key)?.label).toBe(l.label);
      compared++;
    }
    expect(compared).toBeGreaterThan(prompts.length);
  }, 120_000);
});
