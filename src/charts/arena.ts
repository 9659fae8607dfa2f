/**
 * The AutoCodeArena leaderboard: each model's score against the baseline
 * (percent; the baseline at 50 drawn as a rule) with its bootstrap
 * interval, one row per model, optionally one panel per slice (environment
 * or topic). The method is in the subtitle: a mean win rate and a
 * Bradley-Terry win probability are different numbers.
 */
import type { TopLevelSpec } from 'vega-lite';
import { finishSpec, requireFinite, requireRows, titleBlock, type ChartOptions, type ChartSpec } from './spec.js';

export interface ArenaChartPoint {
  model: string;
  score: number;
  lower: number;
  upper: number;
  /** The panel (an environment or topic); absent for one overall panel. */
  slice?: string;
  baseline?: boolean;
}

export interface ArenaChartOptions extends ChartOptions {
  /** Which method the scores come from, shown under the title. */
  method: string;
}

export function arenaChart(points: readonly ArenaChartPoint[], options: ArenaChartOptions): ChartSpec {
  requireRows(points, 'arenaChart');
  points.forEach((p, i) => {
    requireFinite(p.score, i, 'score', 'arenaChart');
    requireFinite(p.lower, i, 'lower', 'arenaChart');
    requireFinite(p.upper, i, 'upper', 'arenaChart');
  });
  const faceted = points.some((p) => p.slice !== undefined);
  const title = titleBlock('AutoCodeArena: score against the baseline (%)', options);
  const inner = {
    width: options.width ?? 360,
    height: options.height ?? { step: 22 },
    layer: [
      { mark: { type: 'rule', color: '#999', strokeDash: [4, 3] }, encoding: { x: { datum: 50 } } },
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          y: { field: 'model', type: 'nominal', sort: { field: 'score', order: 'descending' }, title: null, axis: { labelLimit: 240 } },
          x: { field: 'lower', type: 'quantitative', scale: { domain: [0, 100] }, title: 'score against the baseline (%)' },
          x2: { field: 'upper' },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          y: { field: 'model', type: 'nominal', sort: { field: 'score', order: 'descending' } },
          x: { field: 'score', type: 'quantitative' },
          color: { field: 'baseline', type: 'nominal', legend: null, scale: { domain: [false, true], range: ['#08519c', '#999999'] } },
          tooltip: [
            { field: 'model', type: 'nominal' },
            { field: 'score', type: 'quantitative', format: '.1f' },
            { field: 'lower', type: 'quantitative', format: '.1f' },
            { field: 'upper', type: 'quantitative', format: '.1f' },
          ],
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 6, dy: -8, fontSize: 10 },
        encoding: {
          y: { field: 'model', type: 'nominal', sort: { field: 'score', order: 'descending' } },
          x: { field: 'score', type: 'quantitative' },
          text: { field: 'score', type: 'quantitative', format: '.1f' },
        },
      },
    ],
  };
  const data = { values: points.map((p) => ({ ...p, baseline: p.baseline ?? false })) };
  const spec = faceted
    ? { title: { ...title, subtitle: title.subtitle ?? options.method }, data, facet: { row: { field: 'slice', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left' } } }, spec: inner, resolve: { scale: { y: 'independent' } } }
    : { title: { ...title, subtitle: title.subtitle ?? options.method }, data, ...inner };
  return finishSpec(spec as TopLevelSpec);
}
