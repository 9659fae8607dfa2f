/** `bcr ratings --format`: the option the extension error points at exists and works. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { register } from '../../src/cli/ratings.js';
import { captureIO } from '../support/capture-io.js';

const tmp = mkdtempSync(join(tmpdir(), 'bcr-ratings-format-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = captureIO();
  const code = await main(['ratings', ...args], io, [register]);
  return { code, out: io.text(), err: io.stderr.join('') };
}

const COLS = ['--left', 'left', '--right', 'right', '--winner', 'winner'];
const VOTES = ['a', 'b', 'c', 'a', 'b'].map((m, i) => ({ left: m, right: ['b', 'c', 'a', 'c', 'a'][i]!, winner: i % 2 ? 'right' : 'left' }));

describe('bcr ratings --format', () => {
  it('reads a CSV without a known extension when told, and the error says how', async () => {
    const path = join(tmp, 'votes.txt');
    writeFileSync(path, ['left,right,winner', ...VOTES.map((v) => `${v.left},${v.right},${v.winner}`)].join('\n'));
    const unknown = await run([path, ...COLS]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--format csv, tsv or jsonl');
    const told = await run([path, ...COLS, '--format', 'csv', '--json']);
    expect(told.code).toBe(0);
    expect((JSON.parse(told.out) as { models: unknown[] }).models).toHaveLength(3);
  });

  it('reads JSONL under any name with --format jsonl, and rejects an unknown format', async () => {
    const path = join(tmp, 'votes.log');
    writeFileSync(path, VOTES.map((v) => JSON.stringify(v)).join('\n'));
    const told = await run([path, ...COLS, '--format', 'jsonl', '--json']);
    expect(told.code).toBe(0);
    expect((JSON.parse(told.out) as { models: unknown[] }).models).toHaveLength(3);
    expect((await run([path, ...COLS, '--format', 'xml'])).code).not.toBe(0);
  });

  it('names the line of a bad winner label in a CSV', async () => {
    const path = join(tmp, 'bad.csv');
    writeFileSync(path, 'left,right,winner\na,b,left\n\na,"b\nb",left\nb,c,draw\n');
    const bad = await run([path, ...COLS]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('row 2, field "winner": unknown winner label "draw"');
    expect(bad.err).toContain('(line 6)');
  });
});
