/** `bcr ratings --solver tf --max-iter N`: the TensorFlow.js fit with a capped iteration, exactly as the library computes it. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { register } from '../../src/cli/ratings.js';
import { LLMFAO_MAPPING, readVotesFile } from '../../src/data/votes-file.js';
import { rateBattles } from '../../src/ratings/rate.js';
import { captureIO } from '../support/capture-io.js';

const CROWD = '../shared/data/llmfao/crowd-comparisons.csv';
const ARGS = [CROWD, '--left', 'left', '--right', 'right', '--winner', 'winner', '--json'];

async function ratings(args: string[]): Promise<Map<string, number>> {
  const io = captureIO();
  const code = await main(['ratings', ...args], io, [register]);
  expect(code, io.stderr.join('')).toBe(0);
  return new Map((JSON.parse(io.text()) as { models: { model: string; rating: number }[] }).models.map((m) => [m.model, m.rating]));
}

describe('bcr ratings --solver tf', () => {
  // Regression: --max-iter and --tolerance used to reach only the exact solvers; the tf fit ran its default 3,000 steps.
  it('--max-iter caps the TensorFlow.js fit as the library does; uncapped it meets the exact solver', async () => {
    const capped = await ratings([...ARGS, '--solver', 'tf', '--max-iter', '20']);
    const battles = await readVotesFile(CROWD, LLMFAO_MAPPING);
    const lib = await rateBattles(battles, { engine: 'tf', tf: { maxIterations: 20 } });
    expect(capped.size).toBe(59);
    for (const row of lib.rows) expect(capped.get(row.model)).toBeCloseTo(row.rating, 9);

    const tf = await ratings([...ARGS, '--solver', 'tf']);
    const exact = await ratings(ARGS);
    let cappedGap = 0;
    for (const [model, rating] of exact) {
      // float32 on the wasm backend: within a hundredth of a rating point of the float64 fit.
      expect(Math.abs(tf.get(model)! - rating)).toBeLessThan(0.05);
      cappedGap = Math.max(cappedGap, Math.abs(capped.get(model)! - rating));
    }
    // Twenty Adam steps are far from converged: the cap really changed the fit.
    expect(cappedGap).toBeGreaterThan(1);
  }, 180_000);
});
