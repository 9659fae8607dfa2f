/**
 * Pairwise win-rate matrix: the share of points (win 1, tie or both_bad 1/2)
 * the row model took from the column model, models ordered by overall win
 * rate, battles per pair in each cell's tooltip; pairs that never met stay
 * blank.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Battle } from '../data/comparison.js';
import { pairwiseWinRates, winRates } from '../ratings/win-rates.js';
import { finishSpec, heatCellLayers, readableName, requireRows, titleBlock, type ChartOptions, type ChartSpec } from './spec.js';

export function winRateMatrixChart(battles: readonly Battle[], options: ChartOptions = {}): ChartSpec {
  requireRows(battles, 'winRateMatrixChart');
  const order = winRates(battles).map((r) => readableName(r.model));
  const values = pairwiseWinRates(battles).map((c) => ({
    model: readableName(c.model), opponent: readableName(c.opponent), battles: c.battles, winRate: c.winRate,
    label: `${Math.round(c.winRate * 100)}`,
  }));
  const cell = Math.max(26, Math.min(44, Math.round(520 / order.length)));
  const spec = {
    title: titleBlock('Pairwise win rate of the row model against the column model (%, ties count half)', {
      ...options, subtitle: options.subtitle ?? 'models ordered by overall win rate; blank: the pair never met; battles per pair in the tooltip',
    }),
    width: options.width ?? cell * order.length,
    height: options.height ?? cell * order.length,
    data: { values },
    encoding: {
      y: { field: 'model', type: 'nominal', sort: order, title: null },
      x: { field: 'opponent', type: 'nominal', sort: order, title: 'against', axis: { labelAngle: -40, orient: 'top' } },
    },
    layer: heatCellLayers({
      // Diverging around 50%: blue, the row model wins; orange, it loses (safe for colour-vision deficiency).
      color: { field: 'winRate', type: 'quantitative', scale: { scheme: 'blueorange', domain: [0, 1], domainMid: 0.5, reverse: true }, title: 'win rate', legend: { format: '.0%' } },
      tooltip: [
        { field: 'model', type: 'nominal' }, { field: 'opponent', type: 'nominal' },
        { field: 'winRate', type: 'quantitative', format: '.1%', title: 'win rate' }, { field: 'battles', type: 'quantitative' },
      ],
      text: { field: 'label', type: 'nominal' },
      fontSize: 10,
      darkWhen: 'datum.winRate > 0.8 || datum.winRate < 0.2',
    }),
  } as unknown as TopLevelSpec;
  return finishSpec(spec);
}
