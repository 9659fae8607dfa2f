/**
 * The study's headline chart: each judge's agreement with human votes when it
 * sees only the code vs when it also sees the execution output, as grouped
 * bars, one panel per metric.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { JudgeMode, Order } from '../data/verdict.js';
import type { AgreementReport } from '../eval/agreement.js';
import type { MetricSet, TieVariant } from '../stats/report.js';
import { finishSpec, MODE_COLORS, requireFinite, requireRows, titleBlock, type ChartOptions, type ChartSpec } from './spec.js';

export interface ModeScore {
  judge: string;
  /** Usually 'code-only' or 'with-output'. */
  mode: string;
  /** e.g. 'accuracy', 'macro-F1'. */
  metric: string;
  value: number;
}

/** Mode order on the axis and in the legend: the study's before/after. */
const MODE_ORDER = ['code-only', 'with-output'];

export function modeComparisonChart(rows: readonly ModeScore[], options: ChartOptions = {}): ChartSpec {
  requireRows(rows, 'modeComparisonChart');
  const values = rows.map((r, i) => ({ ...r, value: requireFinite(r.value, i, 'value', 'modeComparisonChart') }));
  const modes = [...new Set([...MODE_ORDER.filter((m) => values.some((v) => v.mode === m)), ...values.map((v) => v.mode)])];
  const metrics = [...new Set(values.map((v) => v.metric))];
  const spec = {
    title: titleBlock('Agreement with human votes: code only vs with execution output', options),
    data: { values },
    facet: { column: { field: 'metric', type: 'nominal', sort: metrics, title: null, header: { labelFontSize: 13 } } },
    spec: {
      width: options.width ?? 260,
      height: options.height ?? { step: 34 },
      encoding: {
        y: { field: 'judge', type: 'nominal', title: null, axis: { labelLimit: 260 } },
        yOffset: { field: 'mode', type: 'nominal', sort: modes },
        x: { field: 'value', type: 'quantitative', scale: { domain: [0, 1] }, title: 'score against human votes (%)', axis: { format: '.0%' } },
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            color: { field: 'mode', type: 'nominal', sort: modes, title: 'judge sees', scale: { domain: [...MODE_COLORS.domain], range: [...MODE_COLORS.range] } },
            tooltip: [
              { field: 'judge', type: 'nominal' },
              { field: 'mode', type: 'nominal' },
              { field: 'metric', type: 'nominal' },
              { field: 'value', type: 'quantitative', format: '.3f' },
            ],
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 },
          encoding: { text: { field: 'value', type: 'quantitative', format: '.1%' } },
        },
      ],
    },
    resolve: { scale: { x: 'shared' } },
  } satisfies TopLevelSpec;
  return finishSpec(spec as TopLevelSpec);
}

export interface ModeScoreSelection {
  /** All human votes (default) or decisive votes only. */
  variant?: TieVariant;
  /** 4 classes (default) or 3 with tie and both_bad merged. */
  space?: 'four-class' | 'three-class';
  /** Which order's rows to take (default 'AB', as published); `both`: the orders combined. */
  order?: Order | 'both';
}

/** Accuracy and macro-F1 of every judge x mode row of an agreement report, ready for `modeComparisonChart`. */
export function modeScores(report: AgreementReport, selection: ModeScoreSelection = {}): ModeScore[] {
  const variant = selection.variant ?? 'with-ties';
  const order = selection.order ?? 'AB';
  const space = selection.space ?? 'four-class';
  const out: ModeScore[] = [];
  for (const row of order === 'both' ? report.combined : report.rows) {
    if (row.order !== order) continue;
    const set = metricSet(row.withTies, row.noTies, variant, space);
    // A row with nothing scored has NaN metrics: left out rather than drawn as zero.
    if (set.n === 0) continue;
    out.push(score(row.judge, row.mode, 'accuracy', set.accuracy), score(row.judge, row.mode, 'macro-F1', set.macroF1));
  }
  return out;
}

function metricSet(withTies: { fourClass: MetricSet; threeClass: MetricSet }, noTies: typeof withTies, variant: TieVariant, space: 'four-class' | 'three-class'): MetricSet {
  const spaces = variant === 'with-ties' ? withTies : noTies;
  return space === 'four-class' ? spaces.fourClass : spaces.threeClass;
}

const score = (judge: string, mode: JudgeMode, metric: string, value: number): ModeScore => ({ judge, mode, metric, value });
