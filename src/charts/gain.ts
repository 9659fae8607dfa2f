/**
 * The gain from execution output as a forest plot: per judge (or per slice
 * value, one panel per judge) the with-output minus code-only difference in
 * percentage points with its paired-bootstrap interval, and a line at zero.
 * Rows come from `modeGains`.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SliceKey } from '../data/slices.js';
import type { ModeGain } from '../eval/mode-gains.js';
import { InputError } from '../errors.js';
import { finishSpec, PALETTE, readableName, requireFinite, titleBlock, type ChartOptions, type ChartSpec } from './spec.js';

export interface GainForestOptions extends ChartOptions {
  /** Which difference to draw (default accuracy). */
  metric?: 'accuracy' | 'macroF1';
  /** Draw the slice rows of this key (one panel per judge) instead of the overall rows. */
  key?: SliceKey;
  /** Panels per row when sliced (default 2). */
  columns?: number;
}

const METRIC_TITLE = { accuracy: 'accuracy', macroF1: 'macro-F1' } as const;

export function gainForestChart(rows: readonly ModeGain[], options: GainForestOptions = {}): ChartSpec {
  const metric = options.metric ?? 'accuracy';
  const chosen = rows.filter((r) => (options.key === undefined ? r.key === undefined : r.key === options.key));
  if (chosen.length === 0) {
    throw new InputError(`gainForestChart: no ${options.key === undefined ? 'overall' : `${options.key} slice`} rows to plot`);
  }
  const confidence = chosen[0]!.confidence;
  const values = chosen.map((r, i) => {
    const gain = requireFinite(metric === 'accuracy' ? r.accuracyGain : r.macroF1Gain, i, `${metric}Gain`, 'gainForestChart');
    const lower = metric === 'accuracy' ? r.accuracyLower : r.macroF1Lower;
    const upper = metric === 'accuracy' ? r.accuracyUpper : r.macroF1Upper;
    const judge = readableName(r.order === 'AB' ? r.judge : `${r.judge} (${r.order})`);
    return {
      judge,
      row: options.key === undefined ? judge : `${r.slice} (n=${r.n})`,
      gain: gain * 100,
      lower: lower === null ? null : lower * 100,
      upper: upper === null ? null : upper * 100,
      n: r.n,
      p: r.p,
      // Colour says whether the interval excludes zero; untested (thin) slices have none.
      verdict: lower === null || upper === null ? 'no interval (thin slice)' : lower > 0 ? 'helps' : upper < 0 ? 'hurts' : 'interval includes 0',
      label: `${gain >= 0 ? '+' : ''}${(gain * 100).toFixed(1)}`,
    };
  });
  const x = { type: 'quantitative', title: `gain in ${METRIC_TITLE[metric]} (percentage points)` } as const;
  const y = { field: 'row', type: 'nominal', title: null, sort: null } as const;
  const color = {
    field: 'verdict', type: 'nominal', title: 'interval',
    scale: { domain: ['helps', 'interval includes 0', 'hurts', 'no interval (thin slice)'], range: [PALETTE[0], '#777777', PALETTE[5], '#bbbbbb'] },
  } as const;
  const inner = {
    width: options.width ?? (options.key === undefined ? 420 : 260),
    height: { step: 20 },
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#444', strokeDash: [4, 3] }, encoding: { x: { field: 'zero', ...x } } },
      {
        transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: { y, x: { field: 'lower', ...x }, x2: { field: 'upper' }, color },
      },
      {
        mark: { type: 'point', filled: true, size: 60, shape: 'diamond' },
        encoding: {
          y,
          x: { field: 'gain', ...x },
          color,
          tooltip: [
            { field: 'judge', type: 'nominal' }, { field: 'row', type: 'nominal', title: options.key ?? 'judge' },
            { field: 'gain', type: 'quantitative', format: '+.1f', title: 'gain (pts)' },
            { field: 'lower', type: 'quantitative', format: '+.1f' }, { field: 'upper', type: 'quantitative', format: '+.1f' },
            { field: 'n', type: 'quantitative', title: 'paired records' }, { field: 'p', type: 'quantitative', format: '.3g', title: 'McNemar p' },
          ],
        },
      },
      { mark: { type: 'text', dy: -9, fontSize: 10, color: '#333' }, encoding: { y, x: { field: 'gain', ...x }, text: { field: 'label', type: 'nominal' } } },
    ],
  };
  const title = options.key === undefined
    ? 'Gain from seeing execution output, per judge (with output minus code only)'
    : `Gain from seeing execution output by ${options.key}, per judge`;
  const layout = options.key === undefined
    ? { data: { values }, ...inner }
    : {
        data: { values },
        facet: { field: 'judge', type: 'nominal', title: null, header: { labelFontWeight: 'bold' } },
        columns: options.columns ?? 2,
        spec: inner,
        resolve: { scale: { y: 'independent' } },
      };
  const space = options.space ?? chosen[0]!.space;
  const note = `diamonds: with output minus code only on the same records; bars: ${Math.round(confidence * 100)}% paired-bootstrap interval; dashed: no change`;
  return finishSpec({ title: titleBlock(title, { ...options, space, subtitle: options.subtitle ?? note }), ...layout } as unknown as TopLevelSpec);
}
