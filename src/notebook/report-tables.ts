/**
 * Evaluation reports flattened to one row per line of a table, for
 * `showTable`: the paper's table (ours beside published) and a gain test
 * (overall, then each slice with its n, interval, McNemar and Holm p).
 */
import type { GainReport, GainTest } from '../eval/significance.js';
import type { PaperScore } from '../eval/reproduce-paper.js';
import { OVERALL, type ReproduceReport, type ReproduceRow } from '../eval/reproduce.js';

export interface ReproduceTableOptions {
  /** `accuracy` (default) or `macroF1`. */
  metric?: keyof PaperScore;
  /** Overall rows only (default), per topic only, or all. */
  topics?: 'overall' | 'per-topic' | 'all';
}

/** The paper's table: per judge (and topic), code-only and with-output in percent, the gain, the published numbers beside and n. */
export function reproduceRows(report: ReproduceReport, options: ReproduceTableOptions = {}): Record<string, string | number | null>[] {
  const metric = options.metric ?? 'accuracy';
  const topics = options.topics ?? 'overall';
  const keep = (r: ReproduceRow) => topics === 'all' || (topics === 'overall') === (r.topic === OVERALL);
  const num = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? null : v);
  return report.rows.filter(keep).map((r) => ({
    judge: r.judge,
    paper: r.paperJudge ?? null,
    topic: r.topic,
    'code-only': num(r.codeOnly?.[metric]),
    'with-output': num(r.withOutput?.[metric]),
    gain: num(r.gain?.[metric]),
    'published code-only': num(r.published?.codeOnly[metric]),
    'published with-output': num(r.published?.withOutput[metric]),
    'published gain': r.published ? r.published.withOutput[metric] - r.published.codeOnly[metric] : null,
    'n code-only': r.codeOnly?.n ?? null,
    'n with-output': r.withOutput?.n ?? null,
  }));
}

function testRow(t: GainTest): Record<string, number | null> {
  return {
    'accuracy A': t.accuracyA,
    'accuracy B': t.accuracyB,
    'accuracy B - A': t.accuracyDifference,
    'interval low': t.intervals?.accuracy.lo ?? null,
    'interval high': t.intervals?.accuracy.hi ?? null,
    'macro-F1 B - A': t.macroF1Difference,
    'A right, B wrong': t.mcnemar.b,
    'A wrong, B right': t.mcnemar.c,
    'McNemar p': Number.isNaN(t.mcnemar.pExact) ? null : t.mcnemar.pExact,
  };
}

/** Overall first, then each slice: n, whether it was tested, the accuracy difference with its interval, McNemar's exact p and Holm's adjusted p. */
export function gainRows(report: GainReport): Record<string, string | number | boolean | null>[] {
  return [
    { slice: OVERALL, value: '', n: report.overall.n, tested: true, ...testRow(report.overall), 'Holm p': null },
    ...report.slices.map((s) => ({ slice: s.key, value: s.slice, n: s.n, tested: s.tested, ...testRow(s.test), 'Holm p': s.pHolm })),
  ];
}
