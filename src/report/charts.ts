/**
 * Every chart of the report, in one list: each entry names the section it
 * belongs to and builds its Vega-Lite spec from the report context (or
 * nothing, when the data for it is absent). A new chart function from the
 * charts room drops in as one more entry here.
 */
import {
  confusionChart, leaderboardChart, modeComparisonChart, modeScores, ratingScatter, reproduceChart, reproducePoints, sliceChart,
  type ChartSpec,
} from '../charts/index.js';
import type { ReportContext } from './input.js';

export interface ReportChart {
  /** Stable id (also the figure's element id). */
  id: string;
  /** The section (`ReportSection.id`) that shows it. */
  section: string;
  caption: string;
  spec: ChartSpec;
}

type ChartSource = (ctx: ReportContext) => ReportChart[];

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

const agreementCharts: ChartSource = (ctx) => {
  const synthetic = ctx.study.synthetic;
  return (['three-class', 'four-class'] as const).flatMap((space) => {
    const rows = modeScores(ctx.study.agreement, { space }).filter((r) => finite(r.value));
    const classes = space === 'three-class' ? '3 classes' : '4 classes';
    return rows.length === 0 ? [] : [{
      id: `agreement-${space}`,
      section: 'agreement',
      caption: `Agreement with human votes by what the judge sees (${classes}, order AB).`,
      spec: modeComparisonChart(rows, { synthetic, title: `Judge agreement with human votes (${classes})` }),
    }];
  });
};

const sliceCharts: ChartSource = (ctx) =>
  ctx.slices.flatMap((table) => {
    const rows = table.accuracy.filter((r) => finite(r.value));
    return rows.length === 0 ? [] : [{
      id: `slices-${table.key}`,
      section: 'slices',
      caption: `Accuracy (3 classes) by ${table.key}; hover a bar for its record count.`,
      spec: sliceChart(rows, table.key, { metric: 'accuracy (3 classes)', seriesTitle: 'judge and mode', format: '.0%', synthetic: ctx.study.synthetic }),
    }];
  });

const confusionCharts: ChartSource = (ctx) =>
  ctx.study.agreement.rows
    .filter((r) => r.order === 'AB' && r.withTies.threeClass.n > 0)
    .map((r, i) => ({
      id: `confusion-${i}`,
      section: 'confusion',
      caption: `${r.judge}, ${r.mode}: rows are human votes, columns the judge's verdicts (3 classes).`,
      spec: confusionChart(r.withTies.threeClass.confusion.matrix, r.withTies.threeClass.confusion.labels, {
        synthetic: ctx.study.synthetic, title: `${r.judge} (${r.mode})`,
      }),
    }));

const leaderboardCharts: ChartSource = (ctx) => {
  const { human, synthetic } = ctx.study;
  const charts: ReportChart[] = [];
  if (human.rows.length > 0) {
    charts.push({
      id: 'leaderboard-human',
      section: 'leaderboards',
      caption: 'Bradley-Terry ratings fitted from the human votes, with bootstrap intervals.',
      spec: leaderboardChart(human.rows, { synthetic, title: 'Human-vote Bradley-Terry ratings', ratingTitle: 'rating (Elo scale)', confidence: human.bootstrap?.confidence }),
    });
  }
  ctx.study.judges.forEach((j, i) => {
    if (!j.correlation || j.leaderboard.rows.length === 0) return;
    const rho = j.correlation.spearman.statistic;
    charts.push({
      id: `scatter-${i}`,
      section: 'leaderboards',
      caption: `${j.judge}, ${j.mode}: each model's rating from the judge's verdicts against its rating from the human votes.`,
      spec: ratingScatter(human, j.leaderboard, {
        synthetic, title: `${j.judge} (${j.mode}) vs human ratings`, subtitle: finite(rho) ? `Spearman ${rho.toFixed(3)}` : undefined,
      }),
    });
  });
  return charts;
};

const reproduceCharts: ChartSource = (ctx) => {
  if (!ctx.reproduce) return [];
  const points = reproducePoints(ctx.reproduce.report);
  return points.length === 0 ? [] : [{
    id: 'reproduce',
    section: 'reproduce',
    caption: 'Reproduced accuracy and macro-F1 (3 classes, %) beside the published numbers.',
    spec: reproduceChart(points, { synthetic: ctx.study.synthetic }),
  }];
};

/** The report's charts, in display order within each section. */
export const REPORT_CHARTS: readonly ChartSource[] = [agreementCharts, sliceCharts, confusionCharts, leaderboardCharts, reproduceCharts];

export function reportCharts(ctx: ReportContext): ReportChart[] {
  return REPORT_CHARTS.flatMap((source) => source(ctx));
}
