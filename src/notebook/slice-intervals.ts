/**
 * Agreement per slice with a bootstrap interval, so a thin slice looks thin:
 * for each slice (language, environment, topic) and each judge run, the
 * share of records whose verdict matches the human vote (errors left out,
 * as everywhere), its n, and a seeded percentile interval from resampling
 * the slice's records. Rows fit `sliceChart` (`lower`/`upper`) as they are.
 */
import type { Comparison } from '../data/comparison.js';
import { labelIn, type LabelSpace } from '../data/label-spaces.js';
import { sliceBy, type SliceKey } from '../data/slices.js';
import type { VerdictRecord } from '../data/verdict.js';
import { quantile } from '../eval/paired-bootstrap.js';
import { createRng, seedFromString } from '../util/rng.js';

export interface SliceIntervalOptions {
  /** Default `three-class` (the paper's). */
  space?: LabelSpace;
  /** Bootstrap rounds (default 1000). */
  bootstrap?: number;
  seed?: number;
  /** Default 0.95. */
  confidence?: number;
  /** Slices with fewer scored records are left out (default 1). */
  minRecords?: number;
}

export type SliceAccuracy<K extends string> = Record<K, string> & { series: string; value: number; n: number; lower: number; upper: number };

export function sliceAccuracyIntervals<K extends SliceKey>(
  comparisons: readonly Comparison[],
  verdicts: readonly VerdictRecord[],
  key: K,
  options: SliceIntervalOptions = {},
): SliceAccuracy<K>[] {
  const space = options.space ?? 'three-class';
  const rounds = options.bootstrap ?? 1000;
  const tail = (1 - (options.confidence ?? 0.95)) / 2;
  const withOrder = verdicts.some((v) => v.order !== 'AB');
  // One run = judge x mode (x order); the last line per record wins, as in every reader.
  const runs = new Map<string, Map<string, VerdictRecord>>();
  for (const v of verdicts) {
    const series = withOrder ? `${v.judge} ${v.mode} ${v.order}` : `${v.judge} ${v.mode}`;
    let run = runs.get(series);
    if (!run) runs.set(series, (run = new Map()));
    run.set(v.id, v);
  }
  const rows: SliceAccuracy<K>[] = [];
  for (const [slice, group] of sliceBy(comparisons, key)) {
    // Series in name order, as the agreement report lists its rows.
    for (const [series, run] of [...runs].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      const correct: number[] = [];
      for (const c of group) {
        const v = run.get(c.id);
        if (!v || v.verdict === 'error') continue;
        correct.push(labelIn(space, v.verdict) === labelIn(space, c.vote) ? 1 : 0);
      }
      const n = correct.length;
      if (n === 0 || n < (options.minRecords ?? 1)) continue;
      const rng = createRng(seedFromString(`${key}=${slice}|${series}`, options.seed ?? 0));
      const means: number[] = [];
      for (let r = 0; r < rounds; r++) {
        let hits = 0;
        for (let i = 0; i < n; i++) hits += correct[rng.int(0, n - 1)]!;
        means.push(hits / n);
      }
      const value = correct.reduce((s, x) => s + x, 0) / n;
      rows.push({
        [key]: slice, series, value, n,
        lower: rounds > 0 ? quantile(means, tail) : value,
        upper: rounds > 0 ? quantile(means, 1 - tail) : value,
      } as SliceAccuracy<K>);
    }
  }
  return rows;
}
