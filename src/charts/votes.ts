/**
 * How the human votes split within each slice (language, environment,
 * topic): one stacked bar of shares per slice value, labelled with its n.
 */
import type { TopLevelSpec } from 'vega-lite';
import { OUTCOMES, type Comparison } from '../data/comparison.js';
import { sliceBy, type SliceKey } from '../data/slices.js';
import { finishSpec, requireRows, titleBlock, VOTE_COLORS, type ChartOptions, type ChartSpec } from './spec.js';

export function voteDistributionChart(comparisons: readonly Comparison[], key: SliceKey, options: ChartOptions = {}): ChartSpec {
  requireRows(comparisons, 'voteDistributionChart');
  const values: { slice: string; vote: string; count: number; share: number; n: number; order: number }[] = [];
  const slices: string[] = [];
  for (const [slice, group] of sliceBy(comparisons, key)) {
    const label = `${slice} (n=${group.length})`;
    slices.push(label);
    OUTCOMES.forEach((vote, order) => {
      const count = group.filter((c) => c.vote === vote).length;
      values.push({ slice: label, vote, count, share: count / group.length, n: group.length, order });
    });
  }
  const spec = {
    title: titleBlock(`Human votes by ${key} (share of each slice's comparisons)`, options),
    width: options.width ?? 420,
    height: options.height ?? { step: 20 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'slice', type: 'nominal', sort: slices, title: null },
      x: { field: 'share', type: 'quantitative', stack: 'zero', scale: { domain: [0, 1] }, axis: { format: '.0%' }, title: 'share of human votes (%)' },
      color: { field: 'vote', type: 'nominal', scale: { domain: [...VOTE_COLORS.domain], range: [...VOTE_COLORS.range] }, title: 'human vote' },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'slice', type: 'nominal', title: key }, { field: 'vote', type: 'nominal' },
        { field: 'count', type: 'quantitative', title: 'votes' }, { field: 'share', type: 'quantitative', format: '.1%' },
      ],
    },
  } as unknown as TopLevelSpec;
  return finishSpec(spec);
}
