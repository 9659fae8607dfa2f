/**
 * A metric by slice (language, environment, topic...): horizontal bars, one
 * group per slice value, one bar per series (judge mode, model, vote...) when
 * rows carry a series, with interval whiskers when rows carry bounds.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Leaderboard } from '../ratings/leaderboard.js';
import { finishSpec, requireFinite, requireRows, titleBlock, type ChartOptions, type ChartSpec } from './spec.js';

/** One bar: the slice value under `key`, the metric value, and optional series, count and interval. */
export type SliceDatum<K extends string> = Record<K, string> & {
  value: number;
  series?: string;
  /** Records behind the value (shown in the tooltip). */
  n?: number;
  lower?: number | null;
  upper?: number | null;
};

export interface SliceChartOptions extends ChartOptions {
  /** What `value` is, e.g. "accuracy" or "Bradley-Terry rating" (axis and title). */
  metric: string;
  /** Legend title of the series, e.g. "mode" or "model". */
  seriesTitle?: string;
  /** Value axis format, e.g. ".0%" for shares; default plain numbers. */
  format?: string;
  /** Start the value axis at zero (default true; ratings want false). */
  zero?: boolean;
}

export function sliceChart<K extends string>(rows: readonly SliceDatum<K>[], key: K, options: SliceChartOptions): ChartSpec {
  requireRows(rows, 'sliceChart');
  const values = rows.map((r, i) => ({
    slice: String(r[key]),
    value: requireFinite(r.value, i, 'value', 'sliceChart'),
    series: r.series ?? null,
    n: r.n ?? null,
    lower: r.lower ?? null,
    upper: r.upper ?? null,
  }));
  // A slice whose rows all carry the same n is labelled with it, so a thin slice reads as thin.
  const label = new Map<string, string>();
  for (const slice of new Set(values.map((v) => v.slice))) {
    const ns = new Set(values.filter((v) => v.slice === slice).map((v) => v.n));
    const n = ns.size === 1 ? [...ns][0] : null;
    label.set(slice, n === null || n === undefined ? slice : `${slice} (n=${n})`);
  }
  for (const v of values) v.slice = label.get(v.slice)!;
  const slices = [...new Set(values.map((v) => v.slice))];
  const hasSeries = values.some((v) => v.series !== null);
  const hasIntervals = values.some((v) => v.lower !== null && v.upper !== null);
  const series = [...new Set(values.flatMap((v) => (v.series === null ? [] : [v.series])))];
  const y = { field: 'slice', type: 'nominal', sort: slices, title: key,
    // Labels are never cut; the title sits above them (a rotated title would be placed from estimated label widths and can overlap them).
    axis: { labelLimit: 0, titleAngle: 0, titleAlign: 'right', titleBaseline: 'bottom', titleX: -6, titleY: -4 } } as const;
  const yOffset = hasSeries ? { yOffset: { field: 'series', type: 'nominal', sort: series } as const } : {};
  const axis = options.format ? { format: options.format } : {};
  const x = { type: 'quantitative', title: options.metric, scale: { zero: options.zero ?? true }, axis } as const;
  const color = hasSeries
    ? { color: { field: 'series', type: 'nominal', sort: series, title: options.seriesTitle ?? 'series' } as const }
    : {};
  // Whiskers go over bars (a bar would hide their lower half) but under dots (so the dot stays visible).
  const intervals = hasIntervals
    ? [{
        transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
        mark: { type: 'rule' as const, color: '#222', strokeWidth: 1.5 },
        encoding: { x: { field: 'lower', ...x }, x2: { field: 'upper' } },
      }]
    : [];
  const dots = options.zero === false;
  const spec = {
    title: titleBlock(`${options.metric} by ${key}`, options),
    width: options.width ?? 420,
    height: options.height ?? { step: hasSeries ? Math.max(10, Math.min(16, 96 / series.length)) : 22 },
    data: { values },
    encoding: { y, ...yOffset },
    layer: [
      ...(dots ? intervals : []),
      {
        mark: { type: dots ? 'point' : 'bar', filled: true, ...(dots ? { size: 50, opacity: 1 } : {}) },
        encoding: {
          x: { field: 'value', ...x },
          ...color,
          tooltip: [
            { field: 'slice', type: 'nominal', title: key },
            ...(hasSeries ? [{ field: 'series', type: 'nominal', title: options.seriesTitle ?? 'series' } as const] : []),
            { field: 'value', type: 'quantitative', title: options.metric, format: options.format ?? '.3f' },
            { field: 'n', type: 'quantitative', title: 'records' },
          ],
        },
      },
      ...(dots ? [] : intervals),
    ],
  } satisfies TopLevelSpec;
  return finishSpec(spec as TopLevelSpec);
}

/**
 * Per-slice leaderboards (e.g. from `ratingsBySlice`) as chart rows: one row
 * per slice x model, the model as series, the bootstrap interval as bounds.
 */
export function sliceRatingRows<K extends string>(boards: ReadonlyMap<string, Leaderboard>, key: K): SliceDatum<K>[] {
  const rows: SliceDatum<K>[] = [];
  for (const [slice, board] of boards) {
    for (const r of board.rows) {
      rows.push({ [key]: slice, value: r.rating, series: r.model, n: r.battles, lower: r.lower, upper: r.upper } as SliceDatum<K>);
    }
  }
  return rows;
}
