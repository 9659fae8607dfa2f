/**
 * The whole arena offline: real prompts (the 600 of ../shared), a real local
 * OpenAI-compatible server playing candidates, baseline and judge, real
 * sandboxes (bubblewrap) running the answers, the five-point judge in both
 * orders, and the scores.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODELS, arenaReportSection, arenaTables, loadPrompts, type ArenaRun } from '../../src/arena/index.js';
import { ARENA_PROMPTS_DIR, runDemoArena, startArenaServer } from '../support/arena-server.js';
import type { JudgeServer } from '../support/judge-server.js';


let server: JudgeServer;
let dir: string;
let run: ArenaRun;
const N = 18;

beforeAll(async () => {
  // Some judge answers carry no label even after the follow-up: unparseable on purpose.
  server = await startArenaServer({
    fault: (req) => (req.body.model === DEMO_MODELS.judge && req.text.includes('Compute the nth') ? { kind: 'text', text: 'No verdict from me.' } : undefined),
  });
  dir = mkdtempSync(join(tmpdir(), 'bcr-arena-'));
  const all = await loadPrompts(ARENA_PROMPTS_DIR);
  // Three prompts from each category, plus one made-up prompt whose judge answers never parse.
  const prompts = Object.keys(all.byCategory).flatMap((c) => all.prompts.filter((p) => p.category === c).slice(0, 3));
  prompts.push({ uid: 'unparseable-1', instruction: 'Compute the nth Fibonacci number.', category: 'problem_solving', origin: 'test' });
  run = await runDemoArena(server, prompts, dir);
}, 240_000);

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the arena pipeline, offline', () => {
  it('generates one answer per model and prompt, regenerating answers without code up to the cap', () => {
    expect(run.generate.total).toBe(3 * (N + 1));
    expect(run.generate.written).toBe(3 * (N + 1));
    expect(run.generate.failed).toBe(0);
    const lines = readFileSync(join(dir, 'answers.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { status: string; generations: number; model: string });
    expect(lines).toHaveLength(3 * (N + 1));
    // Every no-code answer was asked for three times (1 + 2 regenerations); a regenerated one that found code says so.
    for (const l of lines.filter((x) => x.status === 'no-code')) expect(l.generations).toBe(3);
    expect(run.generate.requests).toBe(lines.reduce((s, l) => s + l.generations, 0));
  });

  it('executes every answer in a sandbox, recording how each ended', () => {
    const e = run.execute;
    expect(e.total).toBe(3 * (N + 1));
    expect(e.written).toBe(3 * (N + 1));
    const envs = e.byEnvironment;
    const total = (k: 'succeeded' | 'failed' | 'unavailable' | 'noCode' | 'dependencyMissing') => Object.values(envs).reduce((s, c) => s + c[k], 0);
    expect(total('succeeded')).toBeGreaterThan(0);
    expect(total('failed')).toBeGreaterThan(0);
    expect(total('succeeded') + total('failed') + total('unavailable') + total('noCode') + total('dependencyMissing') + Object.values(envs).reduce((s, c) => s + c.stopped + c.errors, 0)).toBe(3 * (N + 1));
    expect(Object.keys(envs)).toEqual(expect.arrayContaining(['Python Runner']));
  });

  it('judges each candidate against the baseline in both orders; unparseable verdicts are counted, not scored', () => {
    const j = run.judge;
    expect(j.total).toBe(2 * (N + 1) * 2);
    expect(j.written).toBe(j.total);
    expect(j.unparseable).toBeGreaterThanOrEqual(4); // the made-up prompt, both candidates, both orders
    const cov = run.scores.coverage;
    const unparseable = cov.reduce((s, c) => s + c.unparseable, 0);
    expect(unparseable).toBe(j.unparseable);
    expect(cov.reduce((s, c) => s + c.judged, 0)).toBe(j.total - unparseable);
    expect(j.missingAnswers).toEqual([]);
  });

  it('scores: mean win rate recomputed from the judgments file, baseline at 50, strong above weak', () => {
    const lines = readFileSync(join(dir, 'judgments.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { model: string; label: string | null });
    for (const model of [DEMO_MODELS.strong, DEMO_MODELS.weak]) {
      let num = 0;
      let den = 0;
      for (const l of lines.filter((x) => x.model === model && x.label)) {
        const w = l.label === 'A>>B' || l.label === 'B>>A' ? 3 : 1;
        const s = l.label!.startsWith('A>') ? 1 : l.label === 'A=B' ? 0.5 : 0;
        num += w * s;
        den += w;
      }
      const row = run.scores.overall.find((r) => r.model === model)!;
      expect(row.score).toBeCloseTo((100 * num) / den, 10);
      expect(row.lower).toBeLessThanOrEqual(row.score);
      expect(row.upper).toBeGreaterThanOrEqual(row.score);
    }
    const byModel = new Map(run.scores.overall.map((r) => [r.model, r]));
    expect(byModel.get(DEMO_MODELS.baseline)!.score).toBe(50);
    expect(byModel.get(DEMO_MODELS.strong)!.score).toBeGreaterThan(byModel.get(DEMO_MODELS.weak)!.score);
    const bt = new Map(run.scores.bradleyTerry.map((r) => [r.model, r]));
    expect(bt.get(DEMO_MODELS.baseline)!.rating).toBeCloseTo(1000, 9);
    expect(bt.get(DEMO_MODELS.strong)!.rating).toBeGreaterThan(bt.get(DEMO_MODELS.weak)!.rating);
    expect(Object.keys(run.scores.byTopic).sort()).toEqual(['creative_coding', 'diagram_creation', 'game_development', 'problem_solving', 'scientific_computing', 'web_design']);
  });

  it('prints tables that name their method, and a report section as data', () => {
    const text = arenaTables(run.scores).map((t) => t.caption).join('\n');
    expect(text).toContain('reference code');
    expect(text).toContain('Bradley-Terry');
    const section = arenaReportSection(run.scores);
    expect(section.tables.length).toBeGreaterThan(3);
    expect(JSON.stringify(section)).not.toContain('<');
  });
});
