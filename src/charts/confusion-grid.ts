/**
 * Confusion matrices of every judge x mode side by side (rows = judges,
 * columns = modes), each cell shaded by its share of the human row (so
 * matrices of different sizes compare) and labelled with its count.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { AgreementReport } from '../eval/agreement.js';
import type { Order } from '../data/verdict.js';
import type { TieVariant } from '../stats/report.js';
import { InputError } from '../errors.js';
import { finishSpec, heatCellLayers, readableName, titleBlock, type ChartOptions, type ChartSpec } from './spec.js';

export interface ConfusionGridOptions extends ChartOptions {
  /** Which label space (default three-class, the paper's); always named on the chart. */
  space?: 'three-class' | 'four-class';
  variant?: TieVariant;
  /** Which order's rows (default AB); `both`: the orders combined. */
  order?: Order | 'both';
}

export function confusionGridChart(report: AgreementReport, options: ConfusionGridOptions = {}): ChartSpec {
  const space = options.space ?? 'three-class';
  const order = options.order ?? 'AB';
  const source = order === 'both' ? report.combined : report.rows.filter((r) => r.order === order);
  const values: { judge: string; mode: string; human: string; verdict: string; count: number; share: number; n: number }[] = [];
  let labels: readonly string[] = [];
  for (const row of source) {
    const spaces = (options.variant ?? 'with-ties') === 'with-ties' ? row.withTies : row.noTies;
    const set = space === 'four-class' ? spaces.fourClass : spaces.threeClass;
    if (set.n === 0) continue;
    labels = set.confusion.labels;
    set.confusion.matrix.forEach((cells, i) => {
      const total = cells.reduce((s, c) => s + c, 0);
      cells.forEach((count, j) => values.push({
        judge: `${readableName(row.judge)} (n=${set.n})`, mode: row.mode, human: labels[i]!, verdict: labels[j]!, count, share: total === 0 ? 0 : count / total, n: set.n,
      }));
    });
  }
  if (values.length === 0) throw new InputError(`confusionGridChart: no judge run with scored records in order ${order}`);
  const cell = Math.max(34, Math.round(150 / labels.length));
  const spec = {
    title: titleBlock('Confusion matrices per judge and mode (rows: human vote, columns: judge verdict)', { ...options, space }),
    data: { values },
    facet: {
      row: { field: 'judge', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left', labelFontWeight: 'bold' } },
      column: { field: 'mode', type: 'nominal', sort: ['code-only', 'with-output'], title: 'judge sees', header: { labelFontWeight: 'bold' } },
    },
    spec: {
      width: cell * labels.length,
      height: cell * labels.length,
      encoding: {
        y: { field: 'human', type: 'nominal', sort: [...labels], title: 'human vote' },
        x: { field: 'verdict', type: 'nominal', sort: [...labels], title: 'judge verdict', axis: { labelAngle: 0, orient: 'top', title: null } },
      },
      layer: heatCellLayers({
        color: { field: 'share', type: 'quantitative', scale: { scheme: 'blues', domain: [0, 1] }, title: 'share of human row', legend: { format: '.0%' } },
        tooltip: [
          { field: 'judge', type: 'nominal' }, { field: 'mode', type: 'nominal' },
          { field: 'human', type: 'nominal', title: 'human vote' }, { field: 'verdict', type: 'nominal', title: 'judge verdict' },
          { field: 'count', type: 'quantitative', title: 'records' }, { field: 'share', type: 'quantitative', format: '.1%', title: 'share of row' },
        ],
        text: { field: 'count', type: 'quantitative' },
        fontSize: 11,
        darkWhen: 'datum.share > 0.5',
      }),
    },
  } as unknown as TopLevelSpec;
  return finishSpec(spec);
}
