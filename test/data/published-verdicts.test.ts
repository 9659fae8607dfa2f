/**
 * The published-verdicts reader on generated files in the experiment-results
 * layout, read through the stand-in hub (real HTTP, range reads) and from
 * local copies: a judge in one mode only, duplicate ids, an unknown label, a
 * failed judgment, a nested-shape file, and column projection.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPublishedVerdicts, parseSplitName, splitName } from '../../src/data/published-verdicts.js';
import { InputError } from '../../src/errors.js';
import { startHubServer, type HubServer } from '../support/hub-server.js';
import { tempDir } from '../support/parquet-fixtures.js';
import { createRng } from '../../src/util/rng.js';
import { writeFlatSplit, writeNestedFile } from './published-verdicts-fixtures.js';

const DATASET = 'bigcode/bigcodereward-experiment-results';
const tmp = tempDir('bcr-published-');
const repo = join(tmp, 'repo');
let hub: HubServer;
// Seeded random text: incompressible, so a full read of the column would show in the bytes served.
const rng = createRng(7);
const big = () => Array.from({ length: 300_000 }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[rng.int(0, 35)]).join('');
const BIG = big();

beforeAll(async () => {
  writeFlatSplit(repo, 'gpt_4o_2024_11_20_with_execution', [
    { chat_session_id: 's1', judgment: 'vote_left', model_A: 'm1', model_B: 'm2', prompt: big() },
    { chat_session_id: 's2', judgment: 'vote_right', model_A: 'm2', model_B: 'm3', prompt: BIG },
    { chat_session_id: 's3', judgment: 'vote_tie', prompt: big() },
    { chat_session_id: 's4', judgment: 'vote_both_bad', prompt: big() },
    { chat_session_id: 's5', judgment: 'vote_model_A', prompt: big() },
  ]);
  writeFlatSplit(repo, 'gpt_4o_2024_11_20_without_execution', [
    { chat_session_id: 's1', judgment: 'vote_model_B' },
    { chat_session_id: 's2', judgment: null },
    { chat_session_id: 's3', judgment: 'A>B' },
    { chat_session_id: 's4', judgment: 'A>B' },
    { chat_session_id: 's5', judgment: 'vote_left' },
  ]);
  // Present with execution only.
  writeFlatSplit(repo, 'OpenGVLab_InternVL3_78B_with_execution', [{ chat_session_id: 's1', judgment: 'vote_right' }]);
  hub = await startHubServer({ datasets: { [DATASET]: repo } });
});
afterAll(async () => {
  await hub.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('split names', () => {
  it('parses judge and mode, and builds the hub name back', () => {
    expect(parseSplitName('gpt_4_1_with_execution')).toEqual({ judge: 'gpt_4_1', mode: 'with-output' });
    expect(parseSplitName('OpenGVLab_InternVL3_78B_without_execution')).toEqual({ judge: 'OpenGVLab_InternVL3_78B', mode: 'code-only' });
    expect(parseSplitName('train')).toBeUndefined();
    expect(splitName('gpt-4.1', 'with-output')).toBe('gpt_4_1_with_execution');
  });
});

describe('loadPublishedVerdicts through the stand-in hub', () => {
  it('maps every split to verdict records, keeping a judge seen in one mode only', async () => {
    const read = await loadPublishedVerdicts(DATASET, { hubUrl: hub.url, env: {} });
    expect(read.splits.map((s) => [s.judge, s.mode, s.rows])).toEqual([
      ['OpenGVLab_InternVL3_78B', 'with-output', 1],
      ['gpt_4o_2024_11_20', 'with-output', 5],
      ['gpt_4o_2024_11_20', 'code-only', 5],
    ]);
    const withOut = read.verdicts.filter((v) => v.judge === 'gpt_4o_2024_11_20' && v.mode === 'with-output');
    expect(withOut.map((v) => v.verdict)).toEqual(['A', 'B', 'tie', 'both_bad', 'A']);
    expect(withOut.every((v) => v.order === 'AB')).toBe(true);
    // model_A / model_B are kept beside the verdict; the large prompt column is listed as unread.
    expect(withOut[0]!.extra).toEqual({ model_A: 'm1', model_B: 'm2' });
    expect(read.unreadColumns).toEqual(['prompt']);
    const internvl = read.verdicts.filter((v) => v.judge === 'OpenGVLab_InternVL3_78B');
    expect(internvl.map((v) => [v.mode, v.verdict])).toEqual([['with-output', 'B']]);
  });

  it('counts and lists an unknown label, never guessing it; an empty judgment is a failed one', async () => {
    const read = await loadPublishedVerdicts(DATASET, { hubUrl: hub.url, env: {} });
    const codeOnly = read.verdicts.filter((v) => v.mode === 'code-only');
    expect(codeOnly.map((v) => v.verdict)).toEqual(['B', 'error', 'error', 'error', 'A']);
    expect(codeOnly[2]!.error).toBe('unknown judgment "A>B"');
    expect(codeOnly[1]!.error).toMatch(/failed judgment/);
    expect(read.unknownJudgments).toEqual([{ value: 'A>B', count: 2, splits: ['gpt_4o_2024_11_20_without_execution'] }]);
    const split = read.splits.find((s) => s.split === 'gpt_4o_2024_11_20_without_execution')!;
    expect([split.failed, split.unknown]).toEqual([1, 2]);
  });

  it('reads only the needed columns: the large prompt column is not fetched', async () => {
    hub.resetStats();
    await loadPublishedVerdicts(DATASET, { hubUrl: hub.url, env: {} });
    const withPrompt = join(repo, 'default', 'gpt_4o_2024_11_20_with_execution', '0000.parquet');
    const { statSync } = await import('node:fs');
    const size = statSync(withPrompt).size;
    const served = hub.requests.filter((r) => r.path === 'default/gpt_4o_2024_11_20_with_execution/0000.parquet').reduce((s, r) => s + r.bytes, 0);
    expect(size).toBeGreaterThan(1_000_000);
    // hyparquet's first read takes the file's last 512 KiB for the footer; the rest of the prompt column is never fetched.
    expect(served).toBeLessThan(size / 2);
    // Asked for by name, the column is read and kept.
    const full = await loadPublishedVerdicts(DATASET, { hubUrl: hub.url, env: {}, extraColumns: ['prompt'] });
    expect(full.verdicts.find((v) => v.mode === 'with-output' && v.id === 's2')!.extra?.prompt).toBe(BIG);
  });
});

describe('loadPublishedVerdicts from local copies', () => {
  it('a folder in the hub layout gives the same verdicts as the hub', async () => {
    const local = await loadPublishedVerdicts(repo);
    const remote = await loadPublishedVerdicts(DATASET, { hubUrl: hub.url, env: {} });
    expect(local.verdicts.map(({ id, judge, mode, verdict }) => ({ id, judge, mode, verdict }))).toEqual(
      remote.verdicts.map(({ id, judge, mode, verdict }) => ({ id, judge, mode, verdict })),
    );
  });

  it('a duplicate id within a split is an InputError naming both rows', async () => {
    const dir = tempDir('bcr-published-dup-');
    const file = writeFlatSplit(dir, 'gpt_4_1_with_execution', [
      { chat_session_id: 'a', judgment: 'vote_left' },
      { chat_session_id: 'b', judgment: 'vote_left' },
      { chat_session_id: 'a', judgment: 'vote_right' },
    ]);
    const err = await loadPublishedVerdicts(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toContain(file);
    expect((err as InputError).message).toMatch(/id "a" appears twice in split gpt_4_1_with_execution: first at .* row 0/);
    expect((err as InputError).row).toBe(2);
    // The same id in two different splits is fine.
    writeFlatSplit(dir, 'gpt_4_1_with_execution', [{ chat_session_id: 'a', judgment: 'vote_left' }]);
    writeFlatSplit(dir, 'gpt_4_1_without_execution', [{ chat_session_id: 'a', judgment: 'vote_left' }]);
    expect((await loadPublishedVerdicts(dir)).verdicts).toHaveLength(2);
  });

  it('a nested-shape parquet file gives one run per judge and mode', async () => {
    const dir = tempDir('bcr-published-nested-');
    const file = writeNestedFile(join(dir, 'results.parquet'), ['gpt-4o', 'claude-3-7-sonnet'], [
      { chat_session_id: 's1', withExecution: { 'gpt-4o': 'vote_left', 'claude-3-7-sonnet': 'vote_tie' }, withoutExecution: { 'gpt-4o': 'vote_right' } },
      { chat_session_id: 's2', withExecution: { 'gpt-4o': 'vote_both_bad' }, withoutExecution: { 'gpt-4o': 'maybe' } },
    ]);
    const read = await loadPublishedVerdicts(file);
    const got = read.verdicts.map((v) => [v.judge, v.mode, v.id, v.verdict]);
    expect(got).toEqual([
      ['gpt-4o', 'with-output', 's1', 'A'],
      ['claude-3-7-sonnet', 'with-output', 's1', 'tie'],
      ['gpt-4o', 'code-only', 's1', 'B'],
      ['gpt-4o', 'with-output', 's2', 'both_bad'],
      ['gpt-4o', 'code-only', 's2', 'error'],
    ]);
    expect(read.unknownJudgments).toEqual([{ value: 'maybe', count: 1, splits: ['gpt_4o_without_execution'] }]);
  });

  it('a nested-shape JSONL line (feedback as JSON) and a flat JSONL file with judge and mode given', async () => {
    const dir = tempDir('bcr-published-jsonl-');
    const nested = join(dir, 'nested.jsonl');
    writeFileSync(nested, `${JSON.stringify({ chat_session_id: 's1', feedback: { model_as_judge_unified_no_execution: { 'gpt-4.1': { judgment: 'vote_model_B' } } } })}\n`);
    expect((await loadPublishedVerdicts(nested)).verdicts.map((v) => [v.judge, v.mode, v.verdict])).toEqual([['gpt-4.1', 'code-only', 'B']]);
    const flat = join(dir, 'my-run.jsonl');
    writeFileSync(flat, `${JSON.stringify({ chat_session_id: 's1', judgment: 'vote_left', note: 'kept' })}\n`);
    const read = await loadPublishedVerdicts(flat, { judge: 'gpt-4.1', mode: 'with-output' });
    expect(read.verdicts.map((v) => [v.judge, v.mode, v.verdict, v.extra])).toEqual([['gpt-4.1', 'with-output', 'A', { note: 'kept' }]]);
    // Without judge and mode, a file name that is no split name is a named error.
    await expect(loadPublishedVerdicts(flat)).rejects.toThrow(/cannot tell judge and mode from the name "my-run"/);
  });
});
