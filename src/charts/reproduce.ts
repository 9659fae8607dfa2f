/**
 * Ours beside the published numbers: for each judge, accuracy and macro-F1
 * (percent, the paper's 3-class definition) as paired bars, one panel per
 * metric x mode, so a reader sees at once where the reproduction departs.
 */
import type { TopLevelSpec } from 'vega-lite';
import { OVERALL, type ReproduceReport } from '../eval/reproduce.js';
import { finishSpec, requireRows, titleBlock, type ChartOptions, type ChartSpec } from './spec.js';

export interface ReproducePoint {
  judge: string;
  mode: 'code only' | 'with output';
  metric: 'accuracy' | 'macro-F1';
  source: 'ours' | 'published';
  value: number;
}

/** The overall rows of a report as chart points; judges without published numbers show ours only. */
export function reproducePoints(report: ReproduceReport): ReproducePoint[] {
  const points: ReproducePoint[] = [];
  for (const row of report.rows.filter((r) => r.topic === OVERALL)) {
    const judge = row.paperJudge ?? row.judge;
    const modes = [['code only', row.codeOnly, row.published?.codeOnly], ['with output', row.withOutput, row.published?.withOutput]] as const;
    for (const [mode, ours, published] of modes) {
      for (const metric of ['accuracy', 'macroF1'] as const) {
        const label = metric === 'accuracy' ? 'accuracy' : 'macro-F1';
        if (ours && Number.isFinite(ours[metric])) points.push({ judge, mode, metric: label, source: 'ours', value: ours[metric] });
        if (published) points.push({ judge, mode, metric: label, source: 'published', value: published[metric] });
      }
    }
  }
  return points;
}

export function reproduceChart(points: readonly ReproducePoint[], options: ChartOptions = {}): ChartSpec {
  requireRows(points, 'reproduceChart');
  const spec = {
    title: titleBlock('Judge agreement with human votes: reproduced vs published (3 classes, %)', options),
    data: { values: [...points] },
    facet: {
      row: { field: 'metric', type: 'nominal', sort: ['accuracy', 'macro-F1'], title: null, header: { labelFontSize: 13, labelAngle: 0, labelAlign: 'left' } },
      column: { field: 'mode', type: 'nominal', sort: ['code only', 'with output'], title: 'judge sees', header: { labelFontSize: 13 } },
    },
    spec: {
      width: options.width ?? 240,
      height: options.height ?? { step: 30 },
      encoding: {
        y: { field: 'judge', type: 'nominal', title: null, axis: { labelLimit: 220 } },
        yOffset: { field: 'source', type: 'nominal', sort: ['published', 'ours'] },
        x: { field: 'value', type: 'quantitative', scale: { domain: [0, 100] }, title: '%' },
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            color: { field: 'source', type: 'nominal', sort: ['published', 'ours'], title: null, scale: { range: ['#bdbdbd', '#08519c'] } },
            tooltip: [
              { field: 'judge', type: 'nominal' },
              { field: 'mode', type: 'nominal' },
              { field: 'metric', type: 'nominal' },
              { field: 'source', type: 'nominal' },
              { field: 'value', type: 'quantitative', format: '.1f' },
            ],
          },
        },
        { mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 }, encoding: { text: { field: 'value', type: 'quantitative', format: '.1f' } } },
      ],
    },
    resolve: { scale: { x: 'shared' } },
  } satisfies TopLevelSpec;
  return finishSpec(spec as TopLevelSpec);
}
