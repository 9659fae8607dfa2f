/**
 * Agreement with human votes per judge, code only vs with execution output,
 * as dots with bootstrap interval whiskers (from `runScores`), and the same
 * as small multiples, one panel per slice value (from `sliceScores`), each
 * panel headed with its n so a thin slice reads as thin.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { RunScore, SliceRow } from '../eval/slices.js';
import { finishSpec, MODE_COLORS, readableName, requireFinite, requireRows, titleBlock, type ChartOptions, type ChartSpec } from './spec.js';

export interface AgreementChartOptions extends ChartOptions {
  /** Which score to draw (default accuracy). */
  metric?: 'accuracy' | 'macroF1';
  /** Interval level, for the axis title (default 0.95). */
  confidence?: number;
}

interface Point {
  judge: string;
  mode: string;
  value: number;
  lower: number | null;
  upper: number | null;
  n: number;
  panel?: string;
}

const METRIC_TITLE = { accuracy: 'accuracy', macroF1: 'macro-F1' } as const;

function points(rows: readonly RunScore[], metric: 'accuracy' | 'macroF1', chart: string): Point[] {
  return rows.map((r, i) => ({
    judge: readableName(r.order === 'AB' ? r.judge : `${r.judge} (${r.order})`),
    mode: r.mode,
    value: requireFinite(r[metric], i, metric, chart),
    lower: metric === 'accuracy' ? r.accuracyLower : r.macroF1Lower,
    upper: metric === 'accuracy' ? r.accuracyUpper : r.macroF1Upper,
    n: r.n,
  }));
}

/** The layers of one panel: interval rule, dot, value label. */
function panel(metric: 'accuracy' | 'macroF1', width: number, labels: boolean) {
  const x = { type: 'quantitative', scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 5 }, title: `${METRIC_TITLE[metric]} (%)` } as const;
  const color = { field: 'mode', type: 'nominal', scale: { ...MODE_COLORS, domain: [...MODE_COLORS.domain], range: [...MODE_COLORS.range] }, title: 'judge sees' } as const;
  return {
    width,
    height: { step: 18 },
    encoding: {
      y: { field: 'judge', type: 'nominal', title: null },
      yOffset: { field: 'mode', type: 'nominal', sort: [...MODE_COLORS.domain] },
    },
    layer: [
      {
        transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
        mark: { type: 'rule', strokeWidth: 2, opacity: 0.6 },
        encoding: { x: { field: 'lower', ...x }, x2: { field: 'upper' }, color },
      },
      {
        mark: { type: 'point', filled: true, size: 55, opacity: 1 },
        encoding: {
          x: { field: 'value', ...x },
          color,
          tooltip: [
            { field: 'judge', type: 'nominal' }, { field: 'mode', type: 'nominal' },
            { field: 'value', type: 'quantitative', format: '.1%', title: METRIC_TITLE[metric] },
            { field: 'lower', type: 'quantitative', format: '.1%' }, { field: 'upper', type: 'quantitative', format: '.1%' },
            { field: 'n', type: 'quantitative', title: 'records' },
          ],
        },
      },
      ...(labels
        ? [{
            mark: { type: 'text', align: 'left', dx: 6, fontSize: 10, color: '#333' },
            encoding: {
              x: { field: 'labelAt', type: 'quantitative', scale: { domain: [0, 1] } },
              text: { field: 'label', type: 'nominal' },
            },
          }]
        : []),
    ],
  };
}

/** Overall agreement per judge and mode, each with its interval and n. */
export function agreementChart(rows: readonly RunScore[], options: AgreementChartOptions = {}): ChartSpec {
  requireRows(rows, 'agreementChart');
  const metric = options.metric ?? 'accuracy';
  const values = points(rows, metric, 'agreementChart').map((p) => ({
    ...p, labelAt: p.upper ?? p.value, label: `${(p.value * 100).toFixed(1)}% (n=${p.n})`,
  }));
  const spec = {
    title: titleBlock(`Judge agreement with human votes: code only vs with execution output (${METRIC_TITLE[metric]})`, withNote(options)),
    data: { values },
    ...panel(metric, options.width ?? 420, true),
  } as unknown as TopLevelSpec;
  return finishSpec(spec);
}

export interface SliceAgreementChartOptions extends AgreementChartOptions {
  /** Panels per row (default 3). */
  columns?: number;
}

/** Small multiples: one panel per slice value, headed "value (n=…)", judges x modes inside. */
export function sliceAgreementChart(rows: readonly SliceRow[], options: SliceAgreementChartOptions = {}): ChartSpec {
  requireRows(rows, 'sliceAgreementChart');
  const metric = options.metric ?? 'accuracy';
  const key = rows[0]!.key;
  const slices = [...new Set(rows.map((r) => r.slice))];
  const nOf = new Map(slices.map((s) => [s, Math.max(...rows.filter((r) => r.slice === s).map((r) => r.n))]));
  const panelOf = (s: string) => `${s} (n=${nOf.get(s)})`;
  const values = points(rows, metric, 'sliceAgreementChart').map((p, i) => ({ ...p, panel: panelOf(rows[i]!.slice) }));
  const spec = {
    title: titleBlock(`Judge agreement with human votes by ${key}: code only vs with execution output (${METRIC_TITLE[metric]})`, withNote(options, 'n = records in the slice')),
    data: { values },
    facet: { field: 'panel', type: 'nominal', sort: slices.map(panelOf), title: null, header: { labelFontSize: 12, labelFontWeight: 'bold' } },
    columns: options.columns ?? 3,
    spec: panel(metric, options.width ?? 200, false),
    resolve: { scale: { x: 'shared', y: 'shared' } },
  } as unknown as TopLevelSpec;
  return finishSpec(spec);
}

/** The subtitle says what the marks are, once, instead of in every panel's axis title. */
function withNote(options: AgreementChartOptions, extra?: string): AgreementChartOptions {
  const what = (options.metric ?? 'accuracy') === 'accuracy' ? 'share of records where the judge matches the human vote' : 'macro-F1 against the human votes';
  const note = [`dots: ${what}; bars: ${Math.round((options.confidence ?? 0.95) * 100)}% bootstrap interval`, extra].filter(Boolean).join('; ');
  return { ...options, subtitle: options.subtitle ?? note };
}
