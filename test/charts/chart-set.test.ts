/**
 * The chart set on the bundled sample with the offline baseline judges: each
 * chart compiles, renders to SVG and to PNG, and shows the numbers the eval
 * and ratings rooms computed (read back from the SVG text). The win-rate
 * matrix is checked against pandas, the scatter's title against the stats
 * room's correlation, and its labels for overlaps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agreementChart, confusionGridChart, gainForestChart, leaderboardChart, ratingScatter, renderPng, sliceAgreementChart, toSvg,
  voteDistributionChart, winRateMatrixChart, type ChartSpec,
} from '../../src/charts/index.js';
import type { Comparison } from '../../src/data/comparison.js';
import { openDataset } from '../../src/data/dataset.js';
import type { VerdictRecord } from '../../src/data/verdict.js';
import { agreementReport } from '../../src/eval/agreement.js';
import { battlesFromVerdicts } from '../../src/eval/leaderboards.js';
import { modeGains, type ModeGain } from '../../src/eval/mode-gains.js';
import { runScores, sliceScores } from '../../src/eval/slices.js';
import { createJudge } from '../../src/judge/registry.js';
import { readResultsFile } from '../../src/judge/runner/results.js';
import { runJudge } from '../../src/judge/runner/run.js';
import { rateBattles } from '../../src/ratings/rate.js';
import { battlesFromComparisons } from '../../src/ratings/slices.js';
import { pairwiseWinRates } from '../../src/ratings/win-rates.js';
import { correlateRatings } from '../../src/stats/correlation.js';
import { runPython } from '../support/python.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const dir = mkdtempSync(join(tmpdir(), 'bcr-chart-set-'));
let comparisons: Comparison[];
let verdicts: VerdictRecord[];
let human: Map<string, Comparison['vote']>;
let gains: ModeGain[];

beforeAll(async () => {
  comparisons = await (await openDataset()).loadComparisons();
  human = new Map(comparisons.map((c) => [c.id, c.vote]));
  verdicts = [];
  for (const name of ['baseline:exec-aware', 'baseline:always-a']) {
    const out = join(dir, `${name.replace(':', '_')}.jsonl`);
    await runJudge({ comparisons, judge: createJudge(name, { seed: 0 }), modes: ['code-only', 'with-output'], out, seed: 0 });
    verdicts.push(...readResultsFile(out).lines);
  }
  gains = modeGains(human, verdicts, { by: ['language', 'topic'], bootstrap: 200 }, comparisons);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** All text drawn in an SVG (vega escapes &, <, >). */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].flatMap((m) =>
  m[1]!.includes('<tspan') ? [...m[1]!.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((t) => t[1]!) : [m[1]!]).map((t) => t.replace(/&amp;/g, '&'));

async function rendered(spec: ChartSpec): Promise<string[]> {
  const svg = await toSvg(spec);
  const { png, width, height } = await renderPng(spec, { scale: 1 });
  expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
  expect((await sharp(png).metadata()).width).toBe(width);
  expect(width).toBeGreaterThan(200);
  expect(height).toBeGreaterThan(100);
  return texts(svg);
}

describe('the chart set on the bundled sample', () => {
  it('agreementChart: every judge x mode with its value and n, the class space named', async () => {
    const rows = runScores(human, verdicts, { space: 'three-class' });
    const drawn = await rendered(agreementChart(rows, { synthetic: true, space: 'three-class' }));
    for (const r of rows) expect(drawn).toContain(`${(r.accuracy * 100).toFixed(1)}% (n=${r.n})`);
    expect(drawn.join(' ')).toContain('3 classes');
    expect(rows.every((r) => r.accuracyLower! <= r.accuracy && r.accuracy <= r.accuracyUpper!)).toBe(true);
  });

  it('sliceAgreementChart: one panel per language headed with its n', async () => {
    const rows = sliceScores(comparisons, verdicts, 'language', { space: 'three-class' });
    const drawn = await rendered(sliceAgreementChart(rows, { synthetic: true, space: 'three-class' }));
    expect(drawn).toContain('Python (n=80)');
    expect(drawn).toContain('C++ (n=10)');
  });

  it('gainForestChart: the overall gain per judge, and per topic in one panel per judge', async () => {
    const overall = gains.filter((g) => g.key === undefined);
    const drawn = await rendered(gainForestChart(gains, { synthetic: true }));
    for (const g of overall) expect(drawn).toContain(`${g.accuracyGain >= 0 ? '+' : ''}${(g.accuracyGain * 100).toFixed(1)}`);
    const execAware = overall.find((g) => g.judge === 'baseline:exec-aware')!;
    expect(execAware.accuracyGain).toBeGreaterThan(0);
    const byTopic = await rendered(gainForestChart(gains, { key: 'topic' }));
    expect(byTopic).toContain('web_design (n=40)');
    expect(byTopic).toEqual(expect.arrayContaining(['baseline:exec-aware', 'baseline:always-a']));
    expect(() => gainForestChart(gains, { key: 'environment' })).toThrow(/no environment slice rows/);
  });

  it('confusionGridChart: a matrix per judge and mode whose counts add up to n', async () => {
    const report = agreementReport(human, verdicts);
    const spec = confusionGridChart(report, { space: 'four-class' });
    const values = (spec.data as { values: { judge: string; mode: string; count: number; n: number }[] }).values;
    const cells = values.filter((v) => v.judge.startsWith('baseline:exec-aware') && v.mode === 'with-output');
    expect(cells).toHaveLength(16);
    expect(cells.reduce((s, c) => s + c.count, 0)).toBe(cells[0]!.n);
    const drawn = await rendered(spec);
    expect(drawn.join(' ')).toContain('4 classes: A, B, tie, both_bad');
    expect(drawn).toEqual(expect.arrayContaining(['code-only', 'with-output', 'both_bad']));
  });

  it('voteDistributionChart: each slice labelled with its n, shares summing to 1', async () => {
    const spec = voteDistributionChart(comparisons, 'topic', { synthetic: true });
    const values = (spec.data as { values: { slice: string; share: number }[] }).values;
    const sums = new Map<string, number>();
    for (const v of values) sums.set(v.slice, (sums.get(v.slice) ?? 0) + v.share);
    for (const total of sums.values()) expect(total).toBeCloseTo(1, 12);
    expect(await rendered(spec)).toContain('problem_solving (n=70)');
  });

  it('leaderboardChart: ranked labels, best first', async () => {
    const board = await rateBattles(battlesFromComparisons(comparisons), { bootstrap: 50, seed: 0 });
    const drawn = await rendered(leaderboardChart(board.rows, { confidence: 0.95 }));
    const best = [...board.rows].sort((a, b) => b.rating - a.rating)[0]!;
    expect(drawn).toContain(`${best.rank}. ${best.model}`);
  });

  it('ratingScatter: Spearman and Pearson in the title, a y = x guide, labels that do not overlap', async () => {
    const humanBoard = await rateBattles(battlesFromComparisons(comparisons), { seed: 0 });
    const judged = battlesFromVerdicts(comparisons, verdicts.filter((v) => v.judge === 'baseline:exec-aware' && v.mode === 'with-output'));
    const judgeBoard = await rateBattles(judged.battles, { seed: 0 });
    const c = correlateRatings(new Map(humanBoard.rows.map((r) => [r.model, r.rating])), new Map(judgeBoard.rows.map((r) => [r.model, r.rating])));
    const spec = ratingScatter(humanBoard, judgeBoard);
    expect((spec.title as { text: string }).text).toContain(`Spearman ${c.spearman.statistic.toFixed(2)}, Pearson ${c.pearson.statistic.toFixed(2)} (n = ${c.n} models)`);
    const svg = await toSvg(spec);
    expect(svg).toMatch(/stroke-dasharray="5,4"/); // the y = x guide
    expectNoLabelOverlap(svg, humanBoard.rows.map((r) => r.model));
  });

  it('ratingScatter: crowded points still get labels that clear each other', async () => {
    const models = ['model-one', 'model-two', 'model-three', 'model-four', 'model-five'];
    const crowded = Object.fromEntries(models.map((m, i) => [m, 1000 + i * 2]));
    const spec = ratingScatter({ ...crowded, far: 1200, low: 800 }, { ...crowded, far: 1190, low: 810 });
    expectNoLabelOverlap(await toSvg(spec), [...models, 'far', 'low']);
  });

  it('winRateMatrixChart: pairwise win rates equal pandas on the same battles', async () => {
    const battles = battlesFromComparisons(comparisons);
    const ours = pairwiseWinRates(battles);
    const ref = (await runPython(`
import json, sys
import pandas as pd
b = pd.DataFrame(json.load(sys.stdin))
pts = b["outcome"].map({"A": 1.0, "B": 0.0}).fillna(0.5)
long = pd.concat([pd.DataFrame({"model": b["left"], "opponent": b["right"], "p": pts}),
                  pd.DataFrame({"model": b["right"], "opponent": b["left"], "p": 1 - pts})])
g = long.groupby(["model", "opponent"])["p"].agg(["mean", "count"]).reset_index()
print(json.dumps([{"model": r.model, "opponent": r.opponent, "winRate": r["mean"], "battles": int(r["count"])} for _, r in g.iterrows()]))
`, battles)) as { model: string; opponent: string; winRate: number; battles: number }[];
    expect(ours).toHaveLength(ref.length);
    for (const r of ref) {
      const o = ours.find((x) => x.model === r.model && x.opponent === r.opponent)!;
      expect(o.battles).toBe(r.battles);
      expect(o.winRate).toBeCloseTo(r.winRate, 12);
    }
    const drawn = await rendered(winRateMatrixChart(battles, { synthetic: true }));
    const first = ours[0]!;
    expect(drawn).toContain(String(Math.round(first.winRate * 100)));
    expect(drawn).toContain(first.model);
  }, 60_000);
});

/** Label boxes from the drawn text positions (about 5.5 px per character at 10 px): none may overlap another. */
function expectNoLabelOverlap(svg: string, labels: readonly string[]): void {
  const boxes = [...svg.matchAll(/<text[^>]*text-anchor="(start|end|middle)"[^>]*transform="translate\(([-\d.]+),([-\d.]+)\)"[^>]*>([^<]*)<\/text>/g)]
    .filter((m) => labels.includes(m[4]!))
    .map((m) => {
      const w = m[4]!.length * 5.5;
      const x = Number(m[2]) - (m[1] === 'end' ? w : m[1] === 'middle' ? w / 2 : 0);
      return [x, Number(m[3]) - 5, x + w, Number(m[3]) + 5] as const;
    });
  expect(boxes.length).toBe(labels.length);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      expect(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3], `labels ${i} and ${j} overlap`).toBe(false);
    }
  }
}
