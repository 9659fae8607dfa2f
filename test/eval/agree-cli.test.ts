import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { register } from '../../src/cli/agree.js';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../support/capture-io.js';
import { tempDir } from '../support/parquet-fixtures.js';

const CROWD = '../shared/data/llmfao/crowd-comparisons.csv';
const GPT4 = '../shared/data/llmfao/gpt4-crowd-comparisons.csv';

async function run(args: string[]) {
  const io = captureIO();
  const code = await main(['agree', ...args], io, [register]);
  return { code, out: io.text(), err: io.stderr.join('') };
}

describe('bcr agree', () => {
  it('LLMFAO crowd vs GPT-4 as JSON: 2,139 matched pairs, ~66% all-pairs agreement without ties', async () => {
    const { code, out } = await run([CROWD, GPT4, '--item', 'id', '--a-rater', 'worker', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out) as { matched: number; allPairs: { noTies: { rate: number } }; aggregate: string };
    expect(r.matched).toBe(2139);
    expect(r.aggregate).toBe('plurality');
    expect(r.allPairs.noTies.rate).toBeCloseTo(0.6616, 3);
  });

  it('tie=0,tie=Tie keeps both values, and --invalid skip lists the bad rows', async () => {
    const dir = tempDir();
    const a = join(dir, 'a.csv');
    const b = join(dir, 'b.csv');
    writeFileSync(a, 'id,left,right,winner\n1,x,y,left\n2,x,z,0\n3,y,z,Tie\n');
    writeFileSync(b, 'id,left,right,winner\n1,y,x,right\n2,z,x,tie\n3,y,z,garbage\n');
    const bad = await run([a, b, '--item', 'id', '--a-labels', 'tie=0,tie=Tie']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/garbage/);
    const ok = await run([a, b, '--item', 'id', '--a-labels', 'tie=0,tie=Tie', '--invalid', 'skip']);
    expect(ok.code).toBe(0);
    expect(ok.err).toMatch(/1 invalid rows skipped/);
    expect(ok.err).toMatch(/row 2 \(line 4\), winner: "garbage"/);
    expect(ok.out).toMatch(/matched 2 pairs/);
    expect(readFileSync(a, 'utf8')).toContain('Tie');
  });
});

describe('bcr agree through bin/bcr.js', () => {
  it('runs as a child process and prints the agreement table (npm run build first)', async () => {
    const { spawnSync } = await import('node:child_process');
    const child = spawnSync(process.execPath, ['bin/bcr.js', 'agree', CROWD, GPT4, '--item', 'id', '--a-rater', 'worker', '--aggregate', 'mean-sign'], { encoding: 'utf8' });
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/matched 2139 pairs by item and unordered model pair/);
    expect(child.stdout).toMatch(/aggregated by mean-sign/);
    expect(child.stdout).toMatch(/without ties\s+\S+\s+66\.2/);
  });
});
