/**
 * Leaderboard as a forest plot: one row per model, best on top, labelled
 * with its rank, the point rating as a dot and the bootstrap percentile
 * interval as a bar through it, battles per model in the tooltip.
 */
import type { TopLevelSpec } from 'vega-lite';
import { finishSpec, PALETTE, readableName, requireFinite, requireRows, titleBlock, type ChartOptions, type ChartSpec } from './spec.js';

/** What the chart needs of a leaderboard row (`LeaderboardRow` from the ratings room fits). */
export interface LeaderboardPoint {
  model: string;
  rating: number;
  /** Interval bounds; null or absent without a bootstrap. */
  lower?: number | null;
  upper?: number | null;
  rank?: number;
  battles?: number;
}

export interface LeaderboardChartOptions extends ChartOptions {
  /** Axis title for the rating, e.g. "Bradley-Terry rating". */
  ratingTitle?: string;
  /** Confidence of the intervals, for the title (e.g. `board.bootstrap.confidence`); unnamed when absent. */
  confidence?: number;
}

export function leaderboardChart(rows: readonly LeaderboardPoint[], options: LeaderboardChartOptions = {}): ChartSpec {
  requireRows(rows, 'leaderboardChart');
  const sorted = rows.map((r, i) => ({ r, rating: requireFinite(r.rating, i, 'rating', 'leaderboardChart') })).sort((a, b) => b.rating - a.rating);
  const values = sorted.map(({ r, rating }, i) => ({
    // Rank as fitted (ties share a rank) when given, else the position.
    label: `${r.rank ?? i + 1}. ${readableName(r.model)}`,
    model: r.model,
    rating,
    lower: r.lower ?? null,
    upper: r.upper ?? null,
    rank: r.rank ?? i + 1,
    battles: r.battles ?? null,
  }));
  const hasIntervals = values.some((v) => v.lower !== null && v.upper !== null);
  const y = { field: 'label', type: 'nominal', sort: values.map((v) => v.label), title: null } as const;
  const x = { type: 'quantitative', scale: { zero: false }, axis: { format: 'd' }, title: options.ratingTitle ?? 'rating (Elo scale, points)' } as const;
  const tooltip = [
    { field: 'model', type: 'nominal' as const },
    { field: 'rating', type: 'quantitative' as const, format: '.1f' },
    { field: 'lower', type: 'quantitative' as const, format: '.1f' },
    { field: 'upper', type: 'quantitative' as const, format: '.1f' },
    { field: 'rank', type: 'ordinal' as const },
    { field: 'battles', type: 'quantitative' as const },
  ];
  const spec = {
    title: titleBlock(hasIntervals ? `Leaderboard with ${confidenceText(options.confidence)}bootstrap intervals` : 'Leaderboard', {
      ...options,
      subtitle: options.subtitle ?? (hasIntervals
        ? [`dots: fitted rating; bars: ${confidenceText(options.confidence)}bootstrap interval`, 'rank: 1 + models whose interval lies wholly above (overlapping models share a rank)']
        : undefined),
    }),
    width: options.width ?? 420,
    height: options.height ?? { step: 22 },
    data: { values },
    layer: [
      ...(hasIntervals
        ? [{
            transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
            mark: { type: 'rule' as const, strokeWidth: 2.5, color: '#8fb8d8' },
            encoding: { y, x: { field: 'lower', ...x }, x2: { field: 'upper' } },
          }]
        : []),
      {
        mark: { type: 'point', filled: true, size: 60, color: PALETTE[0], opacity: 1 },
        encoding: { y, x: { field: 'rating', ...x }, tooltip },
      },
    ],
  } satisfies TopLevelSpec;
  return finishSpec(spec as TopLevelSpec);
}

const confidenceText = (confidence: number | undefined): string =>
  confidence === undefined ? '' : `${Number((confidence * 100).toFixed(1))}% `;
