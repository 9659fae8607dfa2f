/**
 * Vote files are read as strict UTF-8, streamed, and every error points at
 * the line where the problem is: real files in a tmp dir, and a ~60 MB file
 * loaded in a child process with a 256 MB heap.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EVALICA_MAPPING, readVotesFile } from '../../src/data/votes-file.js';
import { InputError } from '../../src/errors.js';
import { writeVoteCsv } from '../support/vote-file-gen.js';

const tmp = mkdtempSync(join(tmpdir(), 'bcr-votes-stream-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function csvLines(n: number): string[] {
  const lines = ['left,right,winner'];
  for (let i = 2; i <= n; i++) lines.push(`${i % 2 ? 'alpha' : 'beta'},gamma,${['left', 'right', 'tie'][i % 3]}`);
  return lines;
}

async function failure(p: Promise<unknown>): Promise<InputError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('readVotesFile: strict UTF-8', () => {
  it('rejects a byte that is not UTF-8, naming the file and the line', async () => {
    const lines = csvLines(300);
    const path = join(tmp, 'latin1.csv');
    // "caf\xe9" in Latin-1 on line 157: decoded leniently it becomes a second model "caf\ufffd".
    const latin = Buffer.concat(lines.map((l, i) => (i === 156 ? Buffer.from('caf\xe9,gamma,left\n', 'latin1') : Buffer.from(`${l}\n`))));
    writeFileSync(path, latin);
    const err = await failure(readVotesFile(path, EVALICA_MAPPING));
    expect(err.file).toBe(path);
    expect(err.message).toContain('line 157');
    expect(err.message).toContain('not valid UTF-8');
  });

  it('finds the bad line across 1 MiB read blocks, in JSONL too', async () => {
    const path = join(tmp, 'big.jsonl');
    const rows = Array.from({ length: 40_000 }, (_, i) => JSON.stringify({ left: `m${i % 7}`, right: 'z', winner: 'left', pad: 'x'.repeat(40) }));
    const bad = 31_000;
    const text = Buffer.concat(rows.map((r, i) => {
      const line = Buffer.from(`${r}\n`);
      if (i === bad) line[10] = 0xff; // inside the "left" value of line 31,001
      return line;
    }));
    writeFileSync(path, text);
    const err = await failure(readVotesFile(path, EVALICA_MAPPING));
    expect(err.message).toContain(`line ${bad + 1}`);
  });

  it('keeps a multi-byte name whole when it straddles a read block', async () => {
    const path = join(tmp, 'straddle.csv');
    const pad = 'p'.repeat(2 ** 20 - 'left,right,winner\n'.length - 3);
    writeFileSync(path, `left,right,winner\n${pad},é€😀,left\n${pad},é€😀,right\n`);
    const battles = await readVotesFile(path, EVALICA_MAPPING);
    expect(new Set(battles.map((b) => b.right))).toEqual(new Set(['é€😀']));
  });

  it('drops a leading byte-order mark once', async () => {
    const path = join(tmp, 'bom.csv');
    writeFileSync(path, '\ufeffleft,right,winner\na,b,left\n');
    expect(await readVotesFile(path, EVALICA_MAPPING)).toEqual([{ left: 'a', right: 'b', outcome: 'A' }]);
  });
});

describe('readVotesFile: where a CSV problem starts', () => {
  it('reports an unclosed quote at the line it opens, not where parsing gave up', async () => {
    const lines = csvLines(501);
    lines[201] = 'alpha,"gamma,left'; // line 202
    const path = join(tmp, 'unclosed.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const err = await failure(readVotesFile(path, EVALICA_MAPPING));
    expect(err.message).toContain('malformed CSV at line 202, where the record starts');
    expect(err.message).toContain('never closed');
    expect(err.message).not.toContain('opening quote at line 501');
  });

  it('reports a record with too many fields at its own line', async () => {
    const lines = csvLines(50);
    lines[29] = 'alpha,gamma,left,extra'; // line 30
    const path = join(tmp, 'fields.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    expect((await failure(readVotesFile(path, EVALICA_MAPPING))).message).toContain('line 30');
  });
});

describe('readVotesFile: zero rows', () => {
  it('a header without rows is an error naming the file', async () => {
    const path = join(tmp, 'header-only.csv');
    writeFileSync(path, 'left,right,winner\n');
    const err = await failure(readVotesFile(path, EVALICA_MAPPING));
    expect(err.file).toBe(path);
    expect(err.message).toContain('no votes');
  });

  it('an empty file is an error naming the file', async () => {
    const path = join(tmp, 'empty.csv');
    writeFileSync(path, '');
    expect((await failure(readVotesFile(path, EVALICA_MAPPING))).file).toBe(path);
  });
});

describe('readVotesFile: bounded memory', () => {
  it('loads a ~60 MB CSV in a child process with a 256 MB heap', () => {
    const path = join(tmp, 'sixty.csv');
    const made = writeVoteCsv(path, 60 * 2 ** 20);
    const script = `
      import { readVotesFile, EVALICA_MAPPING } from ${JSON.stringify(new URL('../../src/data/votes-file.ts', import.meta.url).pathname)};
      const battles = await readVotesFile(${JSON.stringify(path)}, EVALICA_MAPPING);
      console.log(JSON.stringify({ rows: battles.length, models: new Set(battles.map((b) => b.left)).size }));
    `;
    const r = spawnSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(r.stderr).not.toMatch(/heap out of memory/i);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ rows: made.rows, models: made.models });
  }, 300_000);
});
