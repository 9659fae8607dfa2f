/**
 * A judge's agreement with human votes per slice (topic, language,
 * environment): one row per slice x judge x mode (x order when several are
 * present), using the data room's pair slices and `agreementReport` on each
 * group. Rows fit `sliceChart` as they are.
 */
import type { Comparison } from '../data/comparison.js';
import { sliceBy, type SliceKey } from '../data/slices.js';
import type { TieVariant } from '../stats/report.js';
import { agreementReport, type VerdictLike } from './agreement.js';

export interface SliceAgreementOptions {
  /** 'accuracy' (default) or 'macroF1'. */
  metric?: 'accuracy' | 'macroF1';
  space?: 'four-class' | 'three-class';
  variant?: TieVariant;
  /** Slices with fewer records are left out (default 1). */
  minRecords?: number;
}

/** One slice's score for one judge run; the slice value sits under the slice key. */
export type SliceScore<K extends string> = Record<K, string> & { value: number; series: string; n: number };

export function sliceAgreement<K extends SliceKey>(
  comparisons: readonly Comparison[],
  verdicts: readonly VerdictLike[],
  key: K,
  options: SliceAgreementOptions = {},
): SliceScore<K>[] {
  const metric = options.metric ?? 'accuracy';
  const rows: SliceScore<K>[] = [];
  for (const [slice, group] of sliceBy(comparisons, key)) {
    if (group.length < (options.minRecords ?? 1)) continue;
    const ids = new Set(group.map((c) => c.id));
    const human = new Map(group.map((c) => [c.id, c.vote] as const));
    const report = agreementReport(human, verdicts.filter((v) => ids.has(v.id)));
    for (const row of report.rows) {
      const spaces = (options.variant ?? 'with-ties') === 'with-ties' ? row.withTies : row.noTies;
      const set = (options.space ?? 'four-class') === 'four-class' ? spaces.fourClass : spaces.threeClass;
      if (set.n === 0) continue;
      const series = report.rows.some((r) => r.order !== 'AB') ? `${row.judge} ${row.mode} ${row.order}` : `${row.judge} ${row.mode}`;
      rows.push({ [key]: slice, value: set[metric], series, n: set.n } as SliceScore<K>);
    }
  }
  return rows;
}
