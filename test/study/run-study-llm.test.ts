/**
 * The main job with a model judge: the real OpenAI-compatible client talks to
 * a local server over HTTP, and the study resumes without asking again.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStudy } from '../../src/study/run-study.js';
import { startJudgeServer, type JudgeServer } from '../support/judge-server.js';

const KEY = 'sk-study-test-0123456789abcdef';
let server: JudgeServer;

beforeAll(async () => {
  process.env.BCR_STUDY_TEST_KEY = KEY;
  server = await startJudgeServer({ apiKey: KEY });
});
afterAll(async () => {
  delete process.env.BCR_STUDY_TEST_KEY;
  await server.close();
});

describe('runStudy with an OpenAI-compatible judge', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'bcr-study-llm-'));
  const options = {
    outDir, limit: 40, bootstrap: 10, learned: false, seed: 3,
    judges: ['openai:mock-judge'],
  };
  // The server's port is known only once it has started.
  const judgeOptions = () => ({ baseUrl: server.baseURL, apiKeyEnv: 'BCR_STUDY_TEST_KEY' });

  it('judges every record in both modes through HTTP and scores the verdicts', async () => {
    const report = await runStudy({ ...options, judgeOptions: judgeOptions() });
    expect(report.runs[0]).toMatchObject({ total: 80, written: 80, failed: 0 });
    expect(server.chatCount).toBe(80);
    const modes = report.agreement.rows.map((r) => [r.judge, r.mode, r.counts.n, r.counts.errors]);
    // A model judge is named openai:<model>; its endpoint is recorded beside the name, not in it.
    expect(modes).toEqual([['openai:mock-judge', 'code-only', 40, 0], ['openai:mock-judge', 'with-output', 40, 0]]);
    expect(report.runs[0]).toMatchObject({ judge: 'openai:mock-judge', endpoint: server.baseURL });
    expect(report.judges.map((j) => j.mode)).toEqual(['code-only', 'with-output']);
  });

  it('resumes from the results file with no new request and never writes the key', async () => {
    const report = await runStudy({ ...options, judgeOptions: judgeOptions() });
    expect(report.runs[0]).toMatchObject({ alreadyDone: 80, written: 0 });
    expect(server.chatCount).toBe(80);
    for (const file of readdirSync(outDir)) expect(readFileSync(join(outDir, file), 'utf8')).not.toContain(KEY);
  });
});
