/** Prompts: the 600 real ones, local JSONL and CSV, and bad input named by file, row and field. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importAnswers, loadPrompts, readAnswers } from '../../src/arena/index.js';
import { InputError } from '../../src/errors.js';
import { ARENA_PROMPTS_DIR } from '../support/arena-server.js';

const dir = mkdtempSync(join(tmpdir(), 'bcr-arena-prompts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadPrompts', () => {
  it('reads the 600 real prompts with the published category counts', async () => {
    const p = await loadPrompts(ARENA_PROMPTS_DIR);
    expect(p.prompts).toHaveLength(600);
    expect(p.byCategory).toEqual({
      creative_coding: 48, diagram_creation: 19, game_development: 96, problem_solving: 137, scientific_computing: 84, web_design: 216,
    });
    expect(new Set(p.prompts.map((x) => x.uid)).size).toBe(600);
  });

  it('reads CSV of the same shape (quoted newlines included)', async () => {
    const f = file('p.csv', 'uid,instruction,category\nu1,"Draw a cat\nwith CSS",web_design\nu2,Sort a list,problem_solving\n');
    const p = await loadPrompts(f);
    expect(p.prompts.map((x) => [x.uid, x.instruction])).toEqual([['u1', 'Draw a cat\nwith CSS'], ['u2', 'Sort a list']]);
  });

  it('a missing uid names file, row and field', async () => {
    const f = file('nouid.jsonl', '{"uid":"a","instruction":"x","category":"web_design"}\n{"instruction":"y","category":"web_design"}\n');
    await expect(loadPrompts(f)).rejects.toThrow(InputError);
    await expect(loadPrompts(f)).rejects.toMatchObject({ file: f, row: 1, field: 'uid' });
  });

  it('a duplicate uid names both rows', async () => {
    const f = file('dup.jsonl', '{"uid":"a","instruction":"x","category":"web_design"}\n{"uid":"a","instruction":"y","category":"web_design"}\n');
    await expect(loadPrompts(f)).rejects.toThrow(/duplicate uid "a" \(first at .*#row 0\)/);
  });

  it('an unknown category is an error, or with skip a counted skip', async () => {
    const f = file('cat.jsonl', '{"uid":"a","instruction":"x","category":"web_design"}\n{"uid":"b","instruction":"y","category":"poetry"}\n');
    await expect(loadPrompts(f)).rejects.toMatchObject({ row: 1, field: 'category' });
    const p = await loadPrompts(f, { unknownCategory: 'skip' });
    expect(p.prompts.map((x) => x.uid)).toEqual(['a']);
    expect(p.skipped).toEqual([expect.objectContaining({ file: f, row: 1, field: 'category' })]);
  });
});

describe('importAnswers', () => {
  it('imports a user JSONL of uid, model, answer; reruns change nothing; unknown uids are listed', async () => {
    const prompts = (await loadPrompts(file('two.jsonl', '{"uid":"a","instruction":"x","category":"web_design"}\n{"uid":"b","instruction":"y","category":"problem_solving"}\n'))).prompts;
    const answers = file('answers.jsonl', [
      { uid: 'a', model: 'mine', answer: '```python\nprint(1)\n```' },
      { uid: 'b', model: 'mine', answer: 'no code here' },
      { uid: 'zzz', model: 'mine', answer: 'x' },
    ].map((l) => JSON.stringify(l)).join('\n'));
    const out = join(dir, 'ledger.jsonl');
    const s = importAnswers(answers, out, prompts);
    expect(s).toMatchObject({ read: 3, written: 2, unknownUids: [{ row: 2, uid: 'zzz' }] });
    const latest = readAnswers(out);
    expect([...latest.values()].map((l) => [l.uid, l.status, l.source])).toEqual([['a', 'ok', 'imported'], ['b', 'no-code', 'imported']]);
    expect(importAnswers(answers, out, prompts)).toMatchObject({ written: 0, unchanged: 2 });
  });

  it('a line without an answer, or the same model and uid twice, names the row', async () => {
    const prompts = [{ uid: 'a', instruction: 'x', category: 'web_design', origin: 't' }];
    const bad = file('bad.jsonl', '{"uid":"a","model":"m"}\n');
    expect(() => importAnswers(bad, join(dir, 'l2.jsonl'), prompts)).toThrow(expect.objectContaining({ row: 0, field: 'answer' }));
    const twice = file('twice.jsonl', '{"uid":"a","model":"m","answer":"1"}\n{"uid":"a","model":"m","answer":"2"}\n');
    expect(() => importAnswers(twice, join(dir, 'l3.jsonl'), prompts)).toThrow(/twice \(first at row 0\)/);
  });
});

describe('loadPrompts from the hub', () => {
  it('downloads the train split through the hub client (local hub server) and reads the same 600 prompts', async () => {
    const { parquetWriteBuffer } = await import('hyparquet-writer');
    const { startHubServer } = await import('../support/hub-server.js');
    const { mkdirSync } = await import('node:fs');
    const local = await loadPrompts(ARENA_PROMPTS_DIR);
    const repo = join(dir, 'hub-repo');
    mkdirSync(join(repo, 'data'), { recursive: true });
    const col = (name: 'uid' | 'instruction' | 'category') => ({ name, data: local.prompts.map((p) => p[name]), type: 'STRING' as const });
    writeFileSync(join(repo, 'data', 'train-00000-of-00001.parquet'), new Uint8Array(parquetWriteBuffer({ columnData: [col('uid'), col('instruction'), col('category')] })));
    const hub = await startHubServer({ datasets: { 'bigcode/autocodearena-v0': repo } });
    try {
      const p = await loadPrompts('bigcode/autocodearena-v0', { hubUrl: hub.url, cacheDir: join(dir, 'cache'), retries: 0, env: {} });
      expect(p.prompts.map((x) => [x.uid, x.instruction, x.category])).toEqual(local.prompts.map((x) => [x.uid, x.instruction, x.category]));
      expect(p.byCategory).toEqual(local.byCategory);
    } finally {
      await hub.close();
    }
  });
});
