/**
 * Records are read once each: symlinked folders and files are not read twice,
 * duplicate record ids are an error naming both rows, and a dataset without
 * rows is an error naming the file. Real files in tmp dirs; the CLI in-process
 * (`bcr data info`, `bcr ratings --dataset`) and the hub through the stand-in
 * hub server.
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { register as registerInfo } from '../../src/cli/data-info.js';
import { main } from '../../src/cli/main.js';
import { register as registerRatings } from '../../src/cli/ratings.js';
import { openDataset } from '../../src/data/dataset.js';
import { resolveLocalFiles } from '../../src/data/local.js';
import { InputError } from '../../src/errors.js';
import { captureIO } from '../support/capture-io.js';
import { startHubServer, type HubServer } from '../support/hub-server.js';
import { hubRow, tempDir, writeHubJsonl, writeHubParquet } from '../support/parquet-fixtures.js';

const rows = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    hubRow({ chat_session_id: `${prefix}-${i}`, model_A: `m${i % 3}`, model_B: `m${(i + 1) % 3}`, human_vote: i % 2 ? 'vote_model_B' : 'vote_model_A' }),
  );

async function inputError(p: Promise<unknown>): Promise<InputError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('symlinks: each real file once', () => {
  it('a symlinked folder inside a dataset folder is not read twice', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'part'));
    writeHubParquet(join(root, 'part', 'a.parquet'), rows('a', 5));
    symlinkSync(join(root, 'part'), join(root, 'zz-mirror'), 'dir');
    const found = await resolveLocalFiles(root);
    expect(found.files).toEqual([join(root, 'part', 'a.parquet')]);
    const dataset = await openDataset(root);
    expect(await dataset.loadComparisons()).toHaveLength(5);
  });

  it('a glob matching a file and a symlink to it keeps one, in JSONL too', async () => {
    const root = tempDir();
    writeHubJsonl(join(root, 'a.jsonl'), rows('a', 4));
    symlinkSync(join(root, 'a.jsonl'), join(root, 'b.jsonl'));
    const dataset = await openDataset(join(root, '*.jsonl'));
    expect(dataset.files).toEqual([join(root, 'a.jsonl')]);
    expect(await dataset.loadRows()).toHaveLength(4);
  });

  it('bcr data info counts a folder with a symlinked copy once', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'data'));
    writeHubJsonl(join(root, 'data', 'rows.jsonl'), rows('r', 6));
    symlinkSync(join(root, 'data'), join(root, 'data-link'), 'dir');
    const io = captureIO();
    expect(await main(['data', 'info', '--dataset', root, '--json'], io, [registerInfo])).toBe(0);
    expect(JSON.parse(io.text()).records).toBe(6);
  });
});

describe('duplicate record ids', () => {
  it('parquet: two rows of one file, both named with the field', async () => {
    const root = tempDir();
    const path = join(root, 'dup.parquet');
    const data = rows('p', 6);
    data[4] = { ...data[4]!, chat_session_id: 'p-1' };
    writeHubParquet(path, data);
    const err = await inputError((await openDataset(path)).loadComparisons());
    expect(err.message).toBe(`${path}, row 4, field "chat_session_id": duplicate record id "p-1": the same id is at ${path}, row 1`);
    expect(err).toMatchObject({ file: path, row: 4, field: 'chat_session_id' });
  });

  it('JSONL: across two files of a folder, each file and row named', async () => {
    const root = tempDir();
    writeHubJsonl(join(root, 'a.jsonl'), rows('x', 3));
    writeHubJsonl(join(root, 'b.jsonl'), [...rows('y', 2), rows('x', 3)[2]!]);
    const err = await inputError((await openDataset(root)).loadRows());
    expect(err.message).toContain(`${join(root, 'b.jsonl')}, row 2, field "chat_session_id": duplicate record id "x-2"`);
    expect(err.message).toContain(`the same id is at ${join(root, 'a.jsonl')}, row 2`);
  });

  it('bcr data info and bcr ratings --dataset exit 2 on a duplicate id', async () => {
    const root = tempDir();
    writeHubParquet(join(root, 'a.parquet'), rows('s', 4));
    writeHubParquet(join(root, 'b.parquet'), rows('s', 1));
    for (const [args, reg] of [
      [['data', 'info', '--dataset', root], registerInfo],
      [['ratings', '--dataset', root], registerRatings],
    ] as const) {
      const io = captureIO();
      expect(await main([...args], io, [reg])).toBe(2);
      expect(io.stderr.join('')).toContain(`${join(root, 'b.parquet')}, row 0, field "chat_session_id": duplicate record id "s-0"`);
    }
  });
});

describe('strict UTF-8 in dataset JSONL', () => {
  it('a Latin-1 byte in a model name is an error naming the file and line', async () => {
    const root = tempDir();
    const path = join(root, 'rows.jsonl');
    writeHubJsonl(path, rows('u', 4));
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[2] = lines[2]!.replace('"model_A":"m2"', '"model_A":"caf\u00e9"');
    writeFileSync(path, Buffer.concat(lines.map((l, i) => Buffer.from(`${l}${i < lines.length - 1 ? '\n' : ''}`, i === 2 ? 'latin1' : 'utf8'))));
    const err = await inputError((await openDataset(path)).loadRows());
    expect(err.file).toBe(path);
    expect(err.message).toContain('line 3: not valid UTF-8');
  });
});

describe('zero rows', () => {
  it('a parquet file with no rows is an error naming it', async () => {
    const root = tempDir();
    const path = join(root, 'none.parquet');
    writeHubParquet(path, []);
    const err = await inputError((await openDataset(path)).loadComparisons());
    expect(err.file).toBe(path);
    expect(err.message).toContain('no records');
    const io = captureIO();
    expect(await main(['ratings', '--dataset', path], io, [registerRatings])).toBe(2);
    expect(io.stderr.join('')).toContain(path);
  });
});

describe('hub datasets', () => {
  let hub: HubServer;
  const repo = tempDir();
  beforeAll(async () => {
    mkdirSync(join(repo, 'data'));
    writeHubParquet(join(repo, 'data', 'train-00000-of-00002.parquet'), rows('h', 3));
    writeHubParquet(join(repo, 'data', 'train-00001-of-00002.parquet'), [rows('h', 3)[1]!]);
    hub = await startHubServer({ datasets: { 'owner/dups': repo } });
    vi.stubEnv('HF_TOKEN', '');
    vi.stubEnv('HUGGING_FACE_HUB_TOKEN', '');
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await hub.close();
    rmSync(repo, { recursive: true, force: true });
  });

  it('detects a duplicate id across hub files, remote and downloaded', async () => {
    for (const mode of ['remote', 'download'] as const) {
      const dataset = await openDataset('owner/dups', { hubUrl: hub.url, cacheDir: tempDir(), mode, retries: 0 });
      const err = await inputError(dataset.loadRows({ columns: [] }));
      expect(err.message).toContain('duplicate record id "h-1"');
      expect(err.message).toMatch(/train-00001-of-00002\.parquet, row 0, field "chat_session_id"/);
      expect(err.message).toMatch(/the same id is at \S*train-00000-of-00002\.parquet, row 1/);
    }
  });
});

