/**
 * Chart specs: each compiles with vega-lite, says "(synthetic sample)"
 * exactly when asked, draws what it was given (read back from the rendered
 * SVG), and rejects input it cannot plot.
 */
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  confusionChart, leaderboardChart, modeComparisonChart, modeScores, ratingScatter, sliceChart, sliceRatingRows, toSvg,
  VEGA_LITE_SCHEMA, type ChartSpec,
} from '../../src/charts/index.js';
import { rateBattles } from '../../src/ratings/index.js';
import { agreementReport } from '../../src/eval/agreement.js';
import type { Battle, Outcome } from '../../src/data/comparison.js';
import type { VerdictRecord } from '../../src/data/verdict.js';

const titleText = (spec: ChartSpec) => (spec.title as { text: string }).text;

/** Text labels in the SVG with their vertical position (vega writes `transform="translate(x,y)"`). */
function svgTexts(svg: string): { text: string; y: number }[] {
  const out: { text: string; y: number }[] = [];
  for (const m of svg.matchAll(/<text[^>]*transform="translate\(([-\d.]+),([-\d.]+)\)"[^>]*>([^<]*)<\/text>/g)) {
    out.push({ text: m[3]!, y: Number(m[2]) });
  }
  return out;
}

const board = [
  { model: 'middle', rating: 1000, lower: 960, upper: 1040 },
  { model: 'top', rating: 1100, lower: 1050, upper: 1150 },
  { model: 'bottom', rating: 900, lower: null, upper: null },
];

const specs: [string, (synthetic: boolean) => ChartSpec][] = [
  ['leaderboard', (synthetic) => leaderboardChart(board, { synthetic })],
  ['mode comparison', (synthetic) => modeComparisonChart([
    { judge: 'j', mode: 'code-only', metric: 'accuracy', value: 0.4 },
    { judge: 'j', mode: 'with-output', metric: 'accuracy', value: 0.6 },
  ], { synthetic })],
  ['confusion', (synthetic) => confusionChart([[3, 1], [2, 4]], ['A', 'B'], { synthetic })],
  ['slice', (synthetic) => sliceChart([{ topic: 'web', value: 0.5, series: 's' }], 'topic', { metric: 'accuracy', synthetic })],
  ['scatter', (synthetic) => ratingScatter(new Map([['a', 1], ['b', 2], ['c', 3]]), { a: 3, b: 2, c: 1 }, { synthetic })],
];

describe.each(specs)('%s chart', (_name, make) => {
  it('is a Vega-Lite v5 spec that vega-lite compiles', () => {
    const spec = make(true);
    expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
    expect(() => compile(spec as never)).not.toThrow();
    expect((spec.config as { font: string }).font).toBe('DejaVu Sans');
  });

  it('says "(synthetic sample)" in the title only for synthetic data', () => {
    expect(titleText(make(true))).toMatch(/\(synthetic sample\)$/);
    expect(titleText(make(false))).not.toMatch(/synthetic/);
  });
});

describe('leaderboardChart', () => {
  it('draws the best model on top, whatever the input order', async () => {
    const texts = svgTexts(await toSvg(leaderboardChart(board)));
    // Each row is labelled "rank. model".
    const y = (m: string) => texts.find((t) => t.text.endsWith(`. ${m}`))!.y;
    expect(y('top')).toBeLessThan(y('middle'));
    expect(y('middle')).toBeLessThan(y('bottom'));
  });

  it('names the interval confidence only when told, and rejects a NaN rating', () => {
    expect(titleText(leaderboardChart(board, { confidence: 0.9 }))).toBe('Leaderboard with 90% bootstrap intervals');
    expect(titleText(leaderboardChart(board.map((r) => ({ ...r, lower: null, upper: null }))))).toBe('Leaderboard');
    expect(() => leaderboardChart([{ model: 'x', rating: NaN }])).toThrow(InputError);
    expect(() => leaderboardChart([])).toThrow(InputError);
  });

  it('takes a fitted leaderboard as is', async () => {
    const battles: Battle[] = [
      { left: 'p', right: 'q', outcome: 'A' }, { left: 'p', right: 'q', outcome: 'A' }, { left: 'q', right: 'p', outcome: 'B' },
      { left: 'q', right: 'r', outcome: 'A' }, { left: 'r', right: 'p', outcome: 'tie' }, { left: 'q', right: 'r', outcome: 'B' },
    ];
    const fitted = await rateBattles(battles, { bootstrap: 20, seed: 1 });
    const values = (leaderboardChart(fitted.rows).data as { values: { model: string; lower: number }[] }).values;
    expect(values.map((v) => v.model).sort()).toEqual(['p', 'q', 'r']);
    expect(values.every((v) => Number.isFinite(v.lower))).toBe(true);
  });
});

describe('modeScores', () => {
  it('takes accuracy and macro-F1 of each judge x mode from an agreement report', () => {
    const human = new Map<string, Outcome>([['1', 'A'], ['2', 'B'], ['3', 'tie'], ['4', 'A']]);
    const verdicts: VerdictRecord[] = [
      ...['A', 'B', 'A', 'B'].map((v, i) => ({ id: String(i + 1), judge: 'j', mode: 'code-only' as const, order: 'AB' as const, verdict: v as Outcome })),
      ...['A', 'B', 'tie', 'A'].map((v, i) => ({ id: String(i + 1), judge: 'j', mode: 'with-output' as const, order: 'AB' as const, verdict: v as Outcome })),
    ];
    const report = agreementReport(human, verdicts);
    const scores = modeScores(report);
    const get = (mode: string, metric: string) => scores.find((s) => s.mode === mode && s.metric === metric)!.value;
    expect(get('code-only', 'accuracy')).toBe(0.5);
    expect(get('with-output', 'accuracy')).toBe(1);
    expect(get('code-only', 'macro-F1')).toBe(report.rows.find((r) => r.mode === 'code-only')!.withTies.fourClass.macroF1);
    // No-ties variant: only the three decisive human votes count.
    const noTies = modeScores(report, { variant: 'no-ties' });
    expect(noTies.find((s) => s.mode === 'code-only' && s.metric === 'accuracy')!.value).toBeCloseTo(2 / 3, 12);
    expect(() => modeComparisonChart(scores)).not.toThrow();
  });

  it("scores both orders combined with order 'both'", () => {
    const human = new Map<string, Outcome>([['1', 'A'], ['2', 'B']]);
    const rec = (id: string, order: 'AB' | 'BA', verdict: Outcome): VerdictRecord => ({ id, judge: 'j', mode: 'with-output', order, verdict });
    // 1: A in both orders -> A (right); 2: B then A -> tie (wrong). AB alone is right twice.
    const report = agreementReport(human, [rec('1', 'AB', 'A'), rec('2', 'AB', 'B'), rec('1', 'BA', 'A'), rec('2', 'BA', 'A')]);
    const accuracy = (order: 'AB' | 'both') => modeScores(report, { order }).find((s) => s.metric === 'accuracy')!.value;
    expect(accuracy('AB')).toBe(1);
    expect(accuracy('both')).toBe(0.5);
  });
});

describe('confusionChart', () => {
  it('writes every count in its cell', async () => {
    const texts = svgTexts(await toSvg(confusionChart([[11, 12], [13, 14]], ['A', 'B']))).map((t) => t.text);
    for (const n of ['11', '12', '13', '14']) expect(texts).toContain(n);
  });

  it('rejects a matrix that does not fit the labels, or cells that are not counts', () => {
    expect(() => confusionChart([[1, 2]], ['A', 'B'])).toThrow(InputError);
    expect(() => confusionChart([[1, 2], [3]], ['A', 'B'])).toThrow(/row has 1 cells/);
    expect(() => confusionChart([[1, -2], [3, 4]], ['A', 'B'])).toThrow(InputError);
  });
});

describe('sliceChart and sliceRatingRows', () => {
  it('turns per-slice leaderboards into one row per slice x model', async () => {
    const battles: Battle[] = [{ left: 'p', right: 'q', outcome: 'A' }, { left: 'q', right: 'p', outcome: 'tie' }];
    const boards = new Map([['web', await rateBattles(battles)], ['game', await rateBattles(battles, { method: 'elo' })]]);
    const rows = sliceRatingRows(boards, 'topic');
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.topic === 'game').map((r) => r.series).sort()).toEqual(['p', 'q']);
    const svg = await toSvg(sliceChart(rows, 'topic', { metric: 'rating', zero: false }));
    // Every model has 2 battles in each slice: the slice label carries that n.
    expect(svg).toContain('>web (n=2)<');
    expect(svg).toContain('>game (n=2)<');
  });

  it('rejects non-finite values', () => {
    expect(() => sliceChart([{ topic: 'x', value: Infinity }], 'topic', { metric: 'm' })).toThrow(InputError);
  });
});

describe('ratingScatter', () => {
  it('plots the models both ratings share, labelled', async () => {
    const spec = ratingScatter(new Map([['a', 1], ['b', 2], ['c', 3], ['only-human', 4]]), { a: 5, b: 6, c: 7, 'only-judge': 8 });
    const values = (spec.data as { values: { model: string; human: number; judge: number }[] }).values;
    expect(values.map(({ model, human, judge }) => ({ model, human, judge }))).toEqual([{ model: 'a', human: 1, judge: 5 }, { model: 'b', human: 2, judge: 6 }, { model: 'c', human: 3, judge: 7 }]);
    const texts = svgTexts(await toSvg(spec)).map((t) => t.text);
    expect(texts).toEqual(expect.arrayContaining(['a', 'b', 'c']));
    expect(() => ratingScatter(new Map([['a', 1]]), new Map([['b', 1]]))).toThrow(InputError);
  });
});
