/**
 * What the arena's scores look like to people: the leaderboard as rows for
 * a terminal table, chart points, and a report section as plain data (the
 * HTML report renders it; no HTML here). Every table names its method.
 */
import { arenaChart, type ArenaChartPoint } from '../charts/arena.js';
import type { ChartSpec } from '../charts/spec.js';
import type { ArenaScores, WinRateRow } from './score.js';

export type ArenaSlice = 'overall' | 'env' | 'topic';

export interface ArenaTable {
  caption: string;
  method: 'mean-win-rate' | 'bradley-terry' | 'coverage';
  /** One record per row, keyed by column name (the CLI's `formatTable` prints them). */
  rows: Array<Record<string, string | number | null>>;
}

/** One decimal, as text: every score column reads alike. */
const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : null);

function winRateTable(caption: string, rows: readonly WinRateRow[], confidence: number): ArenaTable {
  const c = Math.round(confidence * 100);
  return {
    caption, method: 'mean-win-rate',
    rows: rows.map((r) => ({
      model: r.model, 'score %': pct(r.score), [`${c}% low`]: pct(r.lower), [`${c}% high`]: pct(r.upper), games: r.games,
      // Labels with the candidate as A.
      'A>>B': r.labels['A>>B'], 'A>B': r.labels['A>B'], 'A=B': r.labels['A=B'], 'B>A': r.labels['B>A'], 'B>>A': r.labels['B>>A'],
    })),
  };
}

/** The tables of a leaderboard: overall, or one per environment or topic, plus Bradley-Terry and coverage. */
export function arenaTables(scores: ArenaScores, by: ArenaSlice = 'overall'): ArenaTable[] {
  const c = scores.bootstrap.confidence;
  const tables: ArenaTable[] = [];
  if (by === 'overall') {
    tables.push(winRateTable(`Score against ${scores.baseline} (${scores.methods['mean-win-rate']})`, scores.overall, c));
    tables.push({
      caption: `Bradley-Terry (${scores.methods['bradley-terry']})`, method: 'bradley-terry',
      rows: scores.bradleyTerry.map((r) => ({
        model: r.model, rating: pct(r.rating), [`${Math.round(c * 100)}% low`]: r.lower === null ? null : pct(r.lower),
        [`${Math.round(c * 100)}% high`]: r.upper === null ? null : pct(r.upper), rank: r.rank, 'P(beats baseline) %': pct(r.winProbability),
      })),
    });
  } else {
    const groups = by === 'env' ? scores.byEnvironment : scores.byTopic;
    for (const [slice, rows] of Object.entries(groups)) tables.push(winRateTable(`${by === 'env' ? 'Environment' : 'Topic'} ${slice}: score against ${scores.baseline}`, rows, c));
  }
  tables.push({
    caption: 'Coverage: prompts without an answer are listed, never scored as losses or dropped silently', method: 'coverage',
    rows: scores.coverage.map((r) => ({
      model: r.model, prompts: r.prompts, missing: r.missing, 'no code': r.noCode, verdicts: r.judged, unparseable: r.unparseable, failed: r.failed,
    })),
  });
  return tables;
}

/** Chart points for the mean win rate: overall, or one panel per slice. */
export function arenaChartPoints(scores: ArenaScores, by: ArenaSlice = 'overall'): ArenaChartPoint[] {
  const point = (r: WinRateRow, slice?: string): ArenaChartPoint => ({
    model: r.model, score: r.score, lower: r.lower, upper: r.upper, baseline: r.model === scores.baseline, ...(slice !== undefined ? { slice } : {}),
  });
  if (by === 'overall') return scores.overall.map((r) => point(r));
  const groups = by === 'env' ? scores.byEnvironment : scores.byTopic;
  return Object.entries(groups).flatMap(([slice, rows]) => rows.map((r) => point(r, slice)));
}

/** The leaderboard chart (mean win rate, with its intervals). */
export function arenaLeaderboardChart(scores: ArenaScores, by: ArenaSlice = 'overall'): ChartSpec {
  const c = Math.round(scores.bootstrap.confidence * 100);
  return arenaChart(arenaChartPoints(scores, by), {
    method: `mean win rate vs ${scores.baseline}, decisive x${scores.decisiveWeight}, ${c}% bootstrap intervals (${scores.bootstrap.rounds} rounds)`,
  });
}

export interface ArenaReportSection {
  title: string;
  /** Plain sentences (no markup): what was computed and how. */
  notes: string[];
  tables: ArenaTable[];
  /** The chart as a Vega-Lite spec, for the report to render. */
  chart: ChartSpec;
  /** Prompts each model has no answer to, by model. */
  missingByModel: Record<string, string[]>;
}

/** The AutoCodeArena section of the HTML report, as data. */
export function arenaReportSection(scores: ArenaScores): ArenaReportSection {
  const missingByModel: Record<string, string[]> = {};
  for (const m of scores.missing) (missingByModel[m.model] ??= []).push(m.uid);
  return {
    title: 'AutoCodeArena',
    notes: [
      `Every candidate answer was judged against ${scores.baseline}'s answer to the same prompt, in both orders, by ${scores.judge ?? 'no judge yet'}, with the programs' execution results.`,
      `Mean win rate: ${scores.methods['mean-win-rate']}; a decisive verdict counts ${scores.decisiveWeight} times; the baseline is 50%.`,
      `Bradley-Terry: ${scores.methods['bradley-terry']}.`,
      `Intervals: ${scores.bootstrap.rounds} bootstrap rounds, ${Math.round(scores.bootstrap.confidence * 100)}% percentile, seed ${scores.bootstrap.seed}.`,
      'Unreadable verdicts and failed requests are left out and counted in the coverage table.',
    ],
    tables: [...arenaTables(scores, 'overall'), ...arenaTables(scores, 'env').slice(0, -1), ...arenaTables(scores, 'topic').slice(0, -1)],
    chart: arenaLeaderboardChart(scores),
    missingByModel,
  };
}
