/**
 * Agreement per slice on the bundled sample, checked against pandas and
 * scikit-learn (Debian's python3) in the same run: the pair rule for language
 * and environment re-implemented in Python from the documented wording, each
 * slice's n, accuracy and macro-F1, and the bootstrap interval against
 * scipy.stats.bootstrap (percentile method; different random draws, so
 * within Monte Carlo error).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Comparison, Outcome } from '../../src/data/comparison.js';
import { openDataset } from '../../src/data/dataset.js';
import type { VerdictRecord } from '../../src/data/verdict.js';
import { sliceAgreement, sliceScores, sliceSummary } from '../../src/eval/slices.js';
import { bootstrapScores, pairedBootstrapDifferences } from '../../src/eval/paired-bootstrap.js';
import { accuracy } from '../../src/stats/agreement.js';
import { seedFromString } from '../../src/util/rng.js';
import { makeComparison } from '../support/comparisons.js';
import { runPython } from '../support/python.js';

const LABELS: VerdictRecord['verdict'][] = ['A', 'B', 'tie', 'both_bad', 'A', 'B', 'error'];
let comparisons: Comparison[];
let verdicts: VerdictRecord[];

beforeAll(async () => {
  comparisons = await (await openDataset()).loadComparisons();
  // Two deterministic "judges": one right on most records, one from a hash of the id.
  verdicts = comparisons.flatMap((c, i) => [
    { id: c.id, judge: 'near', mode: 'with-output' as const, order: 'AB' as const, verdict: i % 4 === 0 ? 'B' : c.vote },
    { id: c.id, judge: 'hash', mode: 'code-only' as const, order: 'AB' as const, verdict: LABELS[Math.abs(seedFromString(c.id)) % LABELS.length]! },
  ]);
});

const PANDAS = `
import json, sys
import pandas as pd
from sklearn.metrics import f1_score
d = json.load(sys.stdin)
df = pd.DataFrame(d["rows"])
def pair(a, b):
    a = a or "unknown"; b = b or "unknown"
    if a == b: return a
    if a == "unknown": return b
    if b == "unknown": return a
    return "mixed"
three = lambda v: v if v in ("A", "B") else "uncertain"
out = []
for key in ["language", "environment", "topic"]:
    df["slice"] = df["topic"] if key == "topic" else [pair(a, b) for a, b in zip(df["a_" + key], df["b_" + key])]
    scored = df[df["verdict"] != "error"]
    for (s, judge), g in scored.groupby(["slice", "judge"]):
        t = g["human"].map(three); p = g["verdict"].map(three)
        out.append({"key": key, "slice": s, "judge": judge, "n": len(g), "accuracy": float((t == p).mean()),
                    "macroF1": float(f1_score(t, p, labels=["A", "B", "uncertain"], average="macro", zero_division=0))})
print(json.dumps(out))
`;

describe('sliceScores on the bundled sample', () => {
  it('matches pandas + scikit-learn for every slice x judge in the 3-class space, the pair rule included', async () => {
    const rows = SLICE_KEYS_ALL.flatMap((key) => sliceScores(comparisons, verdicts, key, { space: 'three-class', bootstrap: 0 }));
    const byId = new Map(comparisons.map((c) => [c.id, c]));
    const input = verdicts.map((v) => {
      const c = byId.get(v.id)!;
      return { judge: v.judge, verdict: v.verdict, human: c.vote, topic: c.topic, a_language: c.a.language, b_language: c.b.language, a_environment: c.a.environment, b_environment: c.b.environment };
    });
    const ref = (await runPython(PANDAS, { rows: input })) as { key: string; slice: string; judge: string; n: number; accuracy: number; macroF1: number }[];
    expect(rows).toHaveLength(ref.length);
    for (const r of ref) {
      const ours = rows.find((x) => x.key === r.key && x.slice === r.slice && x.judge === r.judge)!;
      expect(ours, `${r.key}=${r.slice} ${r.judge}`).toBeDefined();
      expect(ours.n).toBe(r.n);
      expect(ours.accuracy).toBeCloseTo(r.accuracy, 12);
      expect(ours.macroF1).toBeCloseTo(r.macroF1, 12);
      expect(ours.accuracyLower).toBeNull();
    }
  }, 60_000);

  it('gives bootstrap intervals that agree with scipy.stats.bootstrap, wider on thinner slices', async () => {
    const rows = sliceScores(comparisons, verdicts.filter((v) => v.judge === 'near'), 'language', { space: 'three-class', bootstrap: 2000 });
    const byId = new Map(comparisons.map((c) => [c.id, c]));
    const correct: Record<string, number[]> = {};
    for (const r of rows) correct[r.slice] = [];
    const { pairSlice } = await import('../../src/data/slices.js');
    for (const v of verdicts.filter((x) => x.judge === 'near')) {
      const c = byId.get(v.id)!;
      const three = (o: string) => (o === 'A' || o === 'B' ? o : 'u');
      correct[pairSlice(c, 'language')]!.push(three(c.vote) === three(v.verdict) ? 1 : 0);
    }
    const ref = (await runPython(`
import json, sys
import numpy as np
from scipy.stats import bootstrap
d = json.load(sys.stdin)
out = {}
for s, xs in d.items():
    x = np.array(xs, dtype=float)
    if x.min() == x.max():
        out[s] = [float(x[0]), float(x[0])]; continue
    r = bootstrap((x,), np.mean, n_resamples=20000, method="percentile", random_state=np.random.default_rng(1))
    out[s] = [float(r.confidence_interval.low), float(r.confidence_interval.high)]
print(json.dumps(out))`, correct)) as Record<string, [number, number]>;
    for (const r of rows) {
      const [lo, hi] = ref[r.slice]!;
      // Monte Carlo error of a 2.5% quantile of a mean of 0/1 over 2000 rounds: a few hundredths at n = 10.
      expect(Math.abs(r.accuracyLower! - lo), `${r.slice} lower`).toBeLessThan(0.051);
      expect(Math.abs(r.accuracyUpper! - hi), `${r.slice} upper`).toBeLessThan(0.051);
      expect(r.accuracyLower!).toBeLessThanOrEqual(r.accuracy);
      expect(r.accuracyUpper!).toBeGreaterThanOrEqual(r.accuracy);
    }
    const width = (slice: string) => rows.find((r) => r.slice === slice)!.accuracyUpper! - rows.find((r) => r.slice === slice)!.accuracyLower!;
    expect(width('C++')).toBeGreaterThan(width('Python')); // 10 records vs 80
  }, 60_000);

  it('summarises all three keys with the settings that drew the intervals, and feeds sliceChart rows', () => {
    const summary = sliceSummary(comparisons, verdicts, { bootstrap: 50, seed: 3 });
    expect(summary).toMatchObject({ space: 'three-class', variant: 'with-ties', bootstrap: 50, confidence: 0.95, seed: 3 });
    expect(new Set(summary.topic.map((r) => r.slice)).size).toBe(6);
    // The overall rows are the same scores on all 300 records.
    expect(summary.overall.map((r) => [r.judge, r.mode, r.n])).toEqual([['hash', 'code-only', expect.any(Number)], ['near', 'with-output', 300]]);
    // Every 4th verdict was turned into B: right only where the human voted B.
    const right = comparisons.filter((c, i) => i % 4 !== 0 || c.vote === 'B').length;
    expect(summary.overall[1]!.accuracy).toBeCloseTo(right / 300, 12);
    expect(summary.language.every((r) => r.key === 'language' && r.accuracyLower !== null)).toBe(true);
    // Same seed, same intervals; the chart rows carry the same numbers.
    expect(sliceSummary(comparisons, verdicts, { bootstrap: 50, seed: 3 })).toEqual(summary);
    const chartRows = sliceAgreement(comparisons, verdicts, 'topic', { space: 'three-class', bootstrap: 50, seed: 3 });
    const first = summary.topic[0]!;
    expect(chartRows[0]).toEqual({ topic: first.slice, value: first.accuracy, series: `${first.judge} ${first.mode}`, n: first.n, lower: first.accuracyLower, upper: first.accuracyUpper });
  });
});

const SLICE_KEYS_ALL = ['language', 'environment', 'topic'] as const;

describe('pair slices', () => {
  it('files a pair whose sides differ under "mixed", and a one-sided value under the known side', () => {
    const c = (id: string, a: string | null, b: string | null, vote: Outcome) =>
      makeComparison({ id, vote, a: { language: a }, b: { language: b } });
    const pairs = [c('1', 'Python', 'HTML', 'A'), c('2', 'Python', null, 'A'), c('3', null, null, 'B')];
    const v = pairs.map((p) => ({ id: p.id, judge: 'j', mode: 'with-output' as const, order: 'AB' as const, verdict: 'A' as const }));
    const rows = sliceScores(pairs, v, 'language', { bootstrap: 0 });
    expect(rows.map((r) => [r.slice, r.n, r.accuracy])).toEqual([['Python', 1, 1], ['mixed', 1, 1], ['unknown', 1, 0]]);
  });
});

describe('bootstrapScores', () => {
  it('draws the same resamples as the paired bootstrap: one set scored against a never-right set gives its own interval', () => {
    const t = ['A', 'B', 'A', 'tie', 'B', 'A', 'A', 'B'];
    const y = ['A', 'A', 'A', 'tie', 'B', 'B', 'A', 'B'];
    const never = t.map(() => 'never');
    const options = { rounds: 300, seed: 9 };
    expect(bootstrapScores(t, y, { accuracy }, options)).toEqual(pairedBootstrapDifferences(t, never, y, { accuracy }, options));
  });
});
