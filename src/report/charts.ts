/**
 * Every chart of the report, in one list: each entry names the section it
 * belongs to and builds its Vega-Lite spec from the report context (or
 * nothing, when the data for it is absent). A new chart function from the
 * charts room drops in as one more entry here.
 */
import {
  agreementChart, confusionGridChart, gainForestChart, leaderboardChart, ratingScatter, reproduceChart, reproducePoints, sliceAgreementChart,
  voteDistributionChart, winRateMatrixChart, type ChartSpec,
} from '../charts/index.js';
import { SLICE_KEYS } from '../data/slices.js';
import { modeGains } from '../eval/mode-gains.js';
import { battlesFromComparisons } from '../ratings/slices.js';
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

const agreementCharts: ChartSource = (ctx) => {
  // The study's slice summary carries the overall scores with their bootstrap intervals (3 classes, the paper's space).
  const summary = ctx.study.slices;
  const rows = summary?.overall ?? [];
  return rows.length === 0 ? [] : [{
    id: 'agreement-intervals',
    section: 'agreement',
    caption: `Agreement with human votes by what the judge sees (${summary.space === 'three-class' ? '3' : '4'} classes), with ${Math.round(summary.confidence * 100)}% bootstrap intervals (${summary.bootstrap} rounds).`,
    spec: agreementChart(rows, { synthetic: ctx.study.synthetic, space: summary.space, confidence: summary.confidence }),
  }];
};

const gainCharts: ChartSource = (ctx) => {
  if (ctx.gains.length === 0) return [];
  // Same rounds and seed as the gain table beside it, so the forest plot and the table show the same intervals.
  const human = new Map(ctx.comparisons.map((c) => [c.id, c.vote] as const));
  const rows = modeGains(human, ctx.verdicts, { bootstrap: ctx.gainBootstrap ?? 1000, seed: ctx.study.seed });
  return rows.length === 0 ? [] : [{
    id: 'gain-forest',
    section: 'gain',
    caption: 'With-output minus code-only accuracy per judge, in percentage points, with paired-bootstrap intervals; the dashed line is no gain.',
    spec: gainForestChart(rows, { synthetic: ctx.study.synthetic }),
  }];
};

const sliceCharts: ChartSource = (ctx) => {
  const summary = ctx.study.slices;
  const synthetic = ctx.study.synthetic;
  return SLICE_KEYS.flatMap((key) => {
    const rows = (summary?.[key] ?? []).filter((r) => r.order === 'AB');
    const votes = ctx.comparisons.length === 0 ? [] : [{
      id: `votes-${key}`,
      section: 'slices',
      caption: `How the human votes split within each ${key}; n is the comparisons in the slice.`,
      spec: voteDistributionChart(ctx.comparisons, key, { synthetic }),
    }];
    return [
      ...(rows.length === 0 ? [] : [{
        id: `slices-${key}`,
        section: 'slices',
        caption: `Agreement by ${key} (${summary.space === 'three-class' ? '3' : '4'} classes, order AB), one panel per ${key} headed with its n, with ${Math.round(summary.confidence * 100)}% bootstrap intervals.`,
        spec: sliceAgreementChart(rows, { synthetic, space: summary.space, confidence: summary.confidence }),
      }]),
      ...votes,
    ];
  });
};

const confusionCharts: ChartSource = (ctx) =>
  ctx.study.agreement.rows.some((r) => r.order === 'AB' && r.withTies.threeClass.n > 0)
    ? [{
        id: 'confusion-grid',
        section: 'confusion',
        caption: 'One matrix per judge (rows) and mode (columns): rows are human votes, columns the judge\'s verdicts (3 classes, order AB); shade is the share of the human row.',
        spec: confusionGridChart(ctx.study.agreement, { synthetic: ctx.study.synthetic, space: 'three-class' }),
      }]
    : [];

const leaderboardCharts: ChartSource = (ctx) => {
  const { human, synthetic } = ctx.study;
  const charts: ReportChart[] = [];
  if (human.rows.length > 0) {
    charts.push({
      id: 'leaderboard-human',
      section: 'leaderboards',
      caption: 'Bradley-Terry ratings fitted from the human votes, ranked, with bootstrap intervals.',
      spec: leaderboardChart(human.rows, { synthetic, title: 'Human-vote Bradley-Terry ratings', ratingTitle: 'rating (Elo scale)', confidence: human.bootstrap?.confidence }),
    });
  }
  const battles = battlesFromComparisons(ctx.comparisons);
  if (battles.length > 0) {
    charts.push({
      id: 'win-rates',
      section: 'leaderboards',
      caption: 'Share of points the row model took from the column model in the human votes (a tie or both_bad is half a point); blank: the pair never met.',
      spec: winRateMatrixChart(battles, { synthetic }),
    });
  }
  ctx.study.judges.forEach((j, i) => {
    if (!j.correlation || j.leaderboard.rows.length === 0) return;
    charts.push({
      id: `scatter-${i}`,
      section: 'leaderboards',
      caption: `${j.judge}, ${j.mode}: each model's rating from the judge's verdicts against its rating from the human votes; dashed: y = x.`,
      spec: ratingScatter(human, j.leaderboard, { synthetic, subtitle: `${j.judge} (${j.mode})` }),
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
export const REPORT_CHARTS: readonly ChartSource[] = [agreementCharts, gainCharts, sliceCharts, confusionCharts, leaderboardCharts, reproduceCharts];

export function reportCharts(ctx: ReportContext): ReportChart[] {
  return REPORT_CHARTS.flatMap((source) => source(ctx));
}
