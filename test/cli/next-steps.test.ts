/**
 * Right after the main job, the README's next-step commands find the study's
 * files with no extra flags: run in sequence in a fresh folder through
 * bin/bcr.js (npm run build first). Model judges there are named
 * `openai:<model>` with the endpoint beside the name, and cache by default
 * (a second study in another folder asks the server nothing); results with
 * the old `<host>:<model>` names still load.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJudgeServer, type JudgeServer } from '../support/judge-server.js';
import { tempDir } from '../support/parquet-fixtures.js';

const BIN = resolve('bin/bcr.js');
const KEY = 'sk-next-steps-0123456789';

/** The CLI as a child process (asynchronous, so a server in this process keeps answering). */
function bcr(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NEXT_STEPS_KEY: KEY }, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out: stdout, err: stderr });
    });
  });
}

describe('after `bcr run`, the next steps find the study (a fresh folder)', () => {
  const cwd = tempDir('bcr-next-');

  it('bcr run, then bcr metrics, bcr runs list, bcr gain and bcr run --config with no paths to find', async () => {
    const run = await bcr(['run', '--limit', '30', '--bootstrap', '5', '--no-learned'], cwd);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain('Next steps:');
    const steps = run.out.split('Next steps:')[1]!.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
    expect(steps).toEqual([
      'npx bcr metrics', 'npx bcr runs list', `npx bcr gain ${join('runs', 'study', 'baseline_always-a.jsonl')}`,
      `npx bcr run --config ${join('runs', 'study', 'study.json')}`,
    ]);
    // Offline judges are not cached: nothing to gain, the results files resume them.
    expect(existsSync(join(cwd, '.bcr-cache'))).toBe(false);

    for (const step of steps) {
      const args = step.replace(/^npx bcr /, '').split(' ');
      const r = await bcr(args, cwd);
      expect(r.code, `${step}: ${r.err}`).toBe(0);
      if (args[0] === 'metrics') {
        expect(r.out).toMatch(/^\d+ verdicts against 300 human votes \(bundled sample\)/);
        for (const judge of ['baseline:random', 'baseline:always-a', 'baseline:longer-answer', 'baseline:exec-aware']) expect(r.out).toContain(judge);
      }
      if (args[0] === 'runs') expect(r.out.match(/runs\/study\/baseline_\S+\.jsonl/g)).toHaveLength(4);
      if (args[0] === 'gain') expect(r.out).toMatch(/30 paired records/);
      if (args[0] === 'run') expect(r.out).toMatch(/baseline:random -> runs\/study\/baseline_random\.jsonl \(60 resumed, 0 new, 0 failed\)/);
    }
  }, 240_000);

  it('bcr metrics with no files and no study says what to do (exit 2)', async () => {
    const r = await bcr(['metrics'], tempDir('bcr-next-empty-'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`no results files given, and none in ${join('runs', 'study')}: run \`bcr run\``);
  });
});

describe('model judges in a study: readable names, endpoint beside them, cached by default', () => {
  let server: JudgeServer;
  beforeAll(async () => {
    server = await startJudgeServer({ apiKey: KEY });
  });
  afterAll(async () => {
    await server.close();
  });

  it('names the judge openai:<model>, records the endpoint, and a second study reuses the default cache', async () => {
    const cwd = tempDir('bcr-next-llm-');
    const args = (out: string) => ['run', '--judges', 'openai:mock', '--base-url', server.baseURL, '--api-key-env', 'NEXT_STEPS_KEY',
      '--limit', '12', '--bootstrap', '0', '--no-learned', '--mode', 'with-output', '--out-dir', out, '--json'];
    const first = await bcr(args('a'), cwd);
    expect(first.code, first.err).toBe(0);
    const report = JSON.parse(first.out) as { runs: { judge: string; endpoint?: string; judged: number; cached: number }[]; agreement: { rows: { judge: string }[] } };
    expect(report.runs).toMatchObject([{ judge: 'openai:mock', endpoint: server.baseURL, judged: 12, cached: 0 }]);
    expect(report.agreement.rows.map((r) => r.judge)).toEqual(['openai:mock']);
    const lines = readFileSync(join(cwd, 'a', 'openai_mock.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { judge: string; endpoint: string });
    expect(new Set(lines.map((l) => `${l.judge} @ ${l.endpoint}`))).toEqual(new Set([`openai:mock @ ${server.baseURL}`]));
    expect(readdirSync(join(cwd, '.bcr-cache', 'judge'))).toHaveLength(1);
    const asked = server.chatCount;
    expect(asked).toBe(12);

    // Another folder: nothing to resume from, but every answer is in the default cache.
    const second = await bcr(args('b'), cwd);
    expect(second.code, second.err).toBe(0);
    expect((JSON.parse(second.out) as typeof report).runs).toMatchObject([{ judged: 0, cached: 12 }]);
    expect(server.chatCount).toBe(asked);

    // --no-cache asks again.
    const third = await bcr([...args('c'), '--no-cache'], cwd);
    expect((JSON.parse(third.out) as typeof report).runs).toMatchObject([{ judged: 12, cached: 0 }]);
    expect(server.chatCount).toBe(asked + 12);
  }, 120_000);

  it('results written under the old <host>:<model> name still load in bcr metrics and bcr runs list', async () => {
    const cwd = tempDir('bcr-next-old-');
    mkdirSync(join(cwd, 'runs'));
    const old = join(cwd, 'runs', 'old.jsonl');
    // The bundled sample's first ids, judged by a judge named the old way.
    const sample = await bcr(['run', '--limit', '3', '--bootstrap', '0', '--no-learned', '--judges', 'baseline:always-a', '--json'], cwd);
    const ids = [...new Set(readFileSync(join(cwd, 'runs', 'study', 'baseline_always-a.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id))];
    expect(sample.code).toBe(0);
    writeFileSync(old, ids.map((id) => JSON.stringify({ id, judge: '127.0.0.1:gpt-4o', mode: 'with-output', order: 'AB', verdict: 'A' })).join('\n') + '\n');
    const metrics = await bcr(['metrics', old, '--json'], cwd);
    expect(metrics.code, metrics.err).toBe(0);
    expect((JSON.parse(metrics.out) as { rows: { judge: string; counts: { n: number } }[] }).rows).toMatchObject([{ judge: '127.0.0.1:gpt-4o', counts: { n: 3 } }]);
    const list = await bcr(['runs', 'list', '--json'], cwd);
    expect((JSON.parse(list.out) as { judges: string[] }[]).map((r) => r.judges)).toContainEqual(['127.0.0.1:gpt-4o']);
  }, 120_000);
});
