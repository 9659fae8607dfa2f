/**
 * Every kind of bad input the data layer can meet, each asserting that the
 * error is an InputError whose message names the file, the row (where there is
 * one) and the field.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDataset } from '../../src/data/dataset.js';
import { readJsonlRows } from '../../src/data/local.js';
import { localParquetSource, readComparisons, readMetadata, readRows } from '../../src/data/parquet.js';
import type { BigCodeRewardRow } from '../../src/data/row.js';
import { LLMFAO_MAPPING, readVotesFile } from '../../src/data/votes-file.js';
import { InputError } from '../../src/errors.js';
import { hubRow, modelState, tempDir, writeHubJsonl, writeHubParquet } from '../support/parquet-fixtures.js';

const dir = tempDir('bcr-bad-');
const rows = (n: number) => Array.from({ length: n }, (_, i) => hubRow({ chat_session_id: `s${i}` }));

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'expected the call to fail').toBeInstanceOf(InputError);
  return err as InputError;
}

describe('bad parquet input', () => {
  it('missing column: names file and column, before reading rows', async () => {
    const path = writeHubParquet(join(dir, 'no-model-b.parquet'), rows(2), { dropColumns: ['model_B'] });
    const err = await inputError(readRows(await localParquetSource(path)));
    expect(err.message).toContain(path);
    expect(err.message).toContain('field "model_B"');
    expect(err.message).toContain('missing column "model_B"');
    expect(err.row).toBeUndefined();
  });

  it('missing column through openDataset on a folder', async () => {
    const folder = join(dir, 'ds-missing');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(folder, 'data'), { recursive: true });
    const path = writeHubParquet(join(folder, 'data', 'train-00000-of-00001.parquet'), rows(1), { dropColumns: ['states'] });
    const ds = await openDataset(folder);
    const err = await inputError(ds.loadComparisons());
    expect(err.message).toContain(path);
    expect(err.field).toBe('states');
  });

  it('wrong type of a top-level column: names file, row and field', async () => {
    const bad = [hubRow({ category_id: 'seven' as unknown as number })];
    const path = writeHubParquet(join(dir, 'wrong-type.parquet'), bad, { retype: { category_id: 'string' } });
    const err = await inputError(readRows(await localParquetSource(path)));
    expect(err.message).toContain(path);
    expect(err.message).toMatch(/row 0, field "category_id": wrong type/);
  });

  it('unknown vote label: names file, row and field', async () => {
    const bad = [hubRow(), hubRow(), hubRow({ human_vote: 'vote_model_C' as BigCodeRewardRow['human_vote'] })];
    const path = writeHubParquet(join(dir, 'bad-vote.parquet'), bad);
    const err = await inputError(readComparisons(await localParquetSource(path)));
    expect(err.message).toBe(
      `${path}, row 2, field "human_vote": unknown vote label "vote_model_C" (expected one of vote_model_A, vote_model_B, vote_tie, vote_both_bad)`,
    );
  });

  it('the row number is absolute within the file when reading a range', async () => {
    const bad = [...rows(4), hubRow({ human_vote: 'up' as BigCodeRewardRow['human_vote'] })];
    const path = writeHubParquet(join(dir, 'bad-vote-range.parquet'), bad);
    const err = await inputError(readRows(await localParquetSource(path), { rowStart: 3 }));
    expect(err.row).toBe(4);
  });

  it('corrupt file (not parquet): names the file and keeps the cause', async () => {
    const path = join(dir, 'corrupt.parquet');
    writeFileSync(path, 'this is not a parquet file, just text pretending to be one');
    const err = await inputError(readRows(await localParquetSource(path)));
    expect(err.message).toContain(path);
    expect(err.message).toContain('corrupt or truncated parquet file');
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('truncated file: names the file', async () => {
    const full = writeHubParquet(join(dir, 'full.parquet'), rows(3));
    const bytes = readFileSync(full);
    const path = join(dir, 'truncated.parquet');
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const err = await inputError(openDataset(path).then((ds) => ds.loadComparisons()));
    expect(err.message).toContain(path);
    expect(err.message).toMatch(/corrupt or truncated/);
  });

  it('damaged data pages with an intact footer: names the file', async () => {
    const full = writeHubParquet(join(dir, 'to-damage.parquet'), rows(3));
    const source = await localParquetSource(full);
    const md = await readMetadata(source);
    const chunk = md.row_groups[0]!.columns.find((c) => c.meta_data!.path_in_schema[0] === 'model_A')!.meta_data!;
    const start = Number(chunk.dictionary_page_offset ?? chunk.data_page_offset);
    const bytes = readFileSync(full);
    bytes.fill(0xff, start, start + Number(chunk.total_compressed_size));
    const path = join(dir, 'damaged.parquet');
    writeFileSync(path, bytes);
    const err = await inputError(readRows(await localParquetSource(path), { columns: ['model_A'] }));
    expect(err.message).toContain(path);
    expect(err.cause).toBeDefined();
  });

  it('empty file: names the file', async () => {
    const path = join(dir, 'empty.parquet');
    writeFileSync(path, '');
    const err = await inputError(localParquetSource(path));
    expect(err.message).toBe(`${path}: empty file (0 bytes), not a parquet file`);
  });

  it('missing file and unknown spec: names what was asked for', async () => {
    const err = await inputError(openDataset(join(dir, 'nowhere', 'x.parquet')));
    expect(err.message).toContain('no such file or folder');
    const noFiles = await inputError(openDataset(tempDir('bcr-empty-')));
    expect(noFiles.message).toContain('no .parquet or .jsonl files');
  });
});

describe('bad JSONL input', () => {
  it('a line that is not JSON: file, row and line number', async () => {
    const path = join(dir, 'bad-line.jsonl');
    writeHubJsonl(path, rows(2));
    writeFileSync(path, readFileSync(path, 'utf8') + '\n{"chat_session_id": "s9", oops}\n');
    const err = await inputError(readJsonlRows(path));
    // Line 4: two rows, one blank line, then the bad one.
    expect(err.message).toMatch(new RegExp(`^${escape(path)}, row 2: line 4: invalid JSON`));
  });

  it('a missing field: file, row, line and field', async () => {
    const path = join(dir, 'missing-field.jsonl');
    const { model_B: _dropped, ...partial } = hubRow();
    writeFileSync(path, JSON.stringify(hubRow()) + '\n' + JSON.stringify(partial) + '\n');
    const err = await inputError(readJsonlRows(path));
    expect(err.message).toBe(`${path}, row 1, field "model_B": line 2: missing field`);
  });

  it('a wrong nested type: the field names the full path', async () => {
    const path = join(dir, 'nested.jsonl');
    const row = hubRow({ states: { model_A: modelState('a', { messages: 'hello' as unknown as [string, string][] }), model_B: null } });
    writeFileSync(path, JSON.stringify(row) + '\n');
    const err = await inputError(readJsonlRows(path));
    expect(err.field).toBe('states.model_A.messages');
    expect(err.message).toContain(`${path}, row 0, field "states.model_A.messages": line 1: wrong type`);
  });

  it('screenshot bytes that are not base64 text', async () => {
    const path = join(dir, 'bad-shot.jsonl');
    writeFileSync(path, JSON.stringify({ ...hubRow(), execution_screenshot_B: { bytes: 42, path: null } }) + '\n');
    const err = await inputError(readJsonlRows(path));
    expect(err.field).toBe('execution_screenshot_B.bytes');
  });

  it('an empty JSONL file', async () => {
    const path = join(dir, 'empty.jsonl');
    writeFileSync(path, '\n\n');
    const err = await inputError(readJsonlRows(path));
    expect(err.message).toBe(`${path}: empty file: no rows`);
  });
});

describe('bad vote files', () => {
  it('a mapping that names a missing column: file and column', async () => {
    const path = join(dir, 'votes.csv');
    writeFileSync(path, 'left,right,winner\na,b,left\n');
    const err = await inputError(readVotesFile(path, LLMFAO_MAPPING));
    expect(err.message).toContain(path);
    expect(err.field).toBe('id');
    expect(err.message).toContain('the mapping names column "id"');
  });

  it('an unknown winner label: file, row and field', async () => {
    const path = join(dir, 'votes-label.csv');
    writeFileSync(path, 'left,right,winner\na,b,left\na,b,draw\n');
    const err = await inputError(readVotesFile(path, { left: 'left', right: 'right', winner: 'winner', labels: { left: 'left', right: 'right', tie: 'tie' } }));
    expect(err.message).toBe(`${path}, row 1, field "winner": unknown winner label "draw" (the mapping knows: left, right, tie) (line 3)`);
  });

  it('an empty contestant name', async () => {
    const path = join(dir, 'votes-empty.csv');
    writeFileSync(path, 'left,right,winner\n,b,left\n');
    const err = await inputError(readVotesFile(path, { left: 'left', right: 'right', winner: 'winner', labels: { left: 'left', right: 'right' } }));
    expect(err.message).toBe(`${path}, row 0, field "left": empty value (line 2)`);
  });

  it('malformed CSV: file and line', async () => {
    const path = join(dir, 'votes-ragged.csv');
    writeFileSync(path, 'left,right,winner\na,b,left\na,b\n');
    const err = await inputError(readVotesFile(path, { left: 'left', right: 'right', winner: 'winner', labels: { left: 'left', right: 'right' } }));
    expect(err.message).toContain(path);
    expect(err.message).toMatch(/malformed CSV at line 3/);
  });

  it('a bad JSONL vote line: file, row and line', async () => {
    const path = join(dir, 'votes.jsonl');
    writeFileSync(path, '{"l":"a","r":"b","w":"L"}\n[1,2]\n');
    const err = await inputError(readVotesFile(path, { left: 'l', right: 'r', winner: 'w', labels: { left: 'L', right: 'R' } }));
    expect(err.message).toBe(`${path}, row 1: line 2: expected a JSON object`);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
