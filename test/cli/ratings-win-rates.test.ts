import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { register } from '../../src/cli/ratings.js';
import { LLMFAO_MAPPING, readVotesFile } from '../../src/data/votes-file.js';
import { rateBattles } from '../../src/ratings/rate.js';
import { captureIO } from '../support/capture-io.js';
import { runPython } from '../support/python.js';

const CROWD = '../shared/data/llmfao/crowd-comparisons.csv';
const ARGS = [CROWD, '--left', 'left', '--right', 'right', '--winner', 'winner', '--json'];

async function run(args: string[]) {
  const io = captureIO();
  const code = await main(['ratings', ...args], io, [register]);
  return { code, out: io.text(), err: io.stderr.join('') };
}

interface Out {
  models: { model: string; rating: number }[];
  winRates?: { model: string; battles: number; winRate: number }[];
}

describe('bcr ratings --win-rates and solver options', () => {
  it('win rates (tie = half) equal pandas on the LLMFAO crowd file', async () => {
    const { code, out } = await run([...ARGS, '--win-rates']);
    expect(code).toBe(0);
    const ours = (JSON.parse(out) as Out).winRates!;
    const ref = (await runPython(
      `
import json, pandas as pd
df = pd.read_csv('${CROWD}')
s = pd.concat([
  pd.DataFrame({'model': df['left'], 'score': df['winner'].map({'left': 1.0, 'right': 0.0, 'tie': 0.5})}),
  pd.DataFrame({'model': df['right'], 'score': df['winner'].map({'left': 0.0, 'right': 1.0, 'tie': 0.5})})])
g = s.groupby('model')['score'].agg(['mean', 'count'])
print(json.dumps({m: [float(r['mean']), int(r['count'])] for m, r in g.iterrows()}))
`,
      null,
    )) as Record<string, [number, number]>;
    expect(ours).toHaveLength(Object.keys(ref).length);
    for (const r of ours) {
      expect(r.winRate).toBeCloseTo(ref[r.model]![0], 12);
      expect(r.battles).toBe(ref[r.model]![1]);
    }
  });

  it('--max-iter caps the fit exactly as the library does, and differs from the converged fit', async () => {
    const capped = JSON.parse((await run([...ARGS, '--solver', 'mm', '--max-iter', '2'])).out) as Out;
    const full = JSON.parse((await run(ARGS)).out) as Out;
    const battles = await readVotesFile(CROWD, LLMFAO_MAPPING);
    const lib = await rateBattles(battles, { solver: 'mm', maxIterations: 2 });
    expect(capped.models.map((m) => m.rating)).toEqual(lib.rows.map((r) => r.rating));
    const top = full.models[0]!;
    expect(capped.models.find((m) => m.model === top.model)!.rating).not.toBeCloseTo(top.rating, 3);
  });
});
