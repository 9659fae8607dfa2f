/**
 * Named ways to correlate a judge's leaderboard with the human one:
 * - `reference`: the published analysis (online Elo in dataset row order,
 *   K = 4, 1,000 bootstrap rounds, 90% intervals, Spearman over common models);
 * - `default`: this project's study default (Bradley-Terry, 100 rounds, 95%,
 *   the virtual-tie prior only when the plain fit does not exist);
 * - `arena`: the arena leaderboard's (Bradley-Terry, 100 rounds, 95%, no prior:
 *   a disconnected comparison graph is an error, as it has no MLE).
 * Every result carries its preset, so a number is never shown without how it was made.
 */
import type { Comparison } from '../data/comparison.js';
import type { JudgeMode, VerdictRecord } from '../data/verdict.js';
import { ConfigError } from '../errors.js';
import { rateBattles, type RateOptions } from '../ratings/rate.js';
import { battlesFromComparisons } from '../ratings/slices.js';
import type { Leaderboard } from '../ratings/leaderboard.js';
import type { RatingCorrelation } from '../stats/correlation.js';
import { battlesFromVerdicts, compareLeaderboards } from './leaderboards.js';

export interface RatingPreset {
  name: string;
  description: string;
  /** Passed to `rateBattles` for the human and for every judge leaderboard. */
  rate: RateOptions;
  /** The correlation the preset reports as its headline. */
  headline: 'spearman' | 'pearson' | 'kendall';
}

export const RATING_PRESETS = {
  reference: {
    name: 'reference',
    description: 'online Elo in dataset order, K=4, 1000 bootstrap rounds, 90% intervals, Spearman over common models (the published analysis)',
    rate: { method: 'elo', elo: { k: 4 }, bootstrap: 1000, confidence: 0.9, seed: 0 },
    headline: 'spearman',
  },
  default: {
    name: 'default',
    description: "Bradley-Terry, 100 bootstrap rounds, 95% intervals, virtual-tie prior only when needed (this project's default)",
    rate: { method: 'bt', bootstrap: 100, confidence: 0.95, seed: 0, priorMode: 'auto' },
    headline: 'spearman',
  },
  arena: {
    name: 'arena',
    description: 'Bradley-Terry, 100 bootstrap rounds, 95% intervals, no prior (the arena leaderboard)',
    rate: { method: 'bt', bootstrap: 100, confidence: 0.95, seed: 0, priorMode: 'never' },
    headline: 'spearman',
  },
} as const satisfies Record<string, RatingPreset>;

export type RatingPresetName = keyof typeof RATING_PRESETS;
export const RATING_PRESET_NAMES = Object.keys(RATING_PRESETS) as RatingPresetName[];

/** The preset of that name; an unknown name is a ConfigError listing the known ones. */
export function ratingPreset(name: string): RatingPreset {
  if (!(name in RATING_PRESETS)) throw new ConfigError(`unknown rating preset "${name}"; known: ${RATING_PRESET_NAMES.join(', ')}`);
  return RATING_PRESETS[name as RatingPresetName];
}

export interface JudgeRatingCorrelation {
  preset: string;
  judge: string;
  mode: JudgeMode;
  /** Battles the judge leaderboard was fitted on (verdict errors and unmatched ids dropped). */
  battles: number;
  correlation: RatingCorrelation;
  /** The headline value (e.g. Spearman's rho). */
  headline: number;
}

export interface PresetCorrelations {
  preset: RatingPreset;
  human: Leaderboard;
  judges: JudgeRatingCorrelation[];
}

/**
 * The human leaderboard and every judge x mode leaderboard fitted with the
 * preset, each judge correlated with the human one. Verdicts are put in
 * dataset row order first, since online Elo depends on the order.
 */
export async function presetCorrelations(
  comparisons: readonly Comparison[],
  verdicts: readonly Pick<VerdictRecord, 'id' | 'judge' | 'mode' | 'order' | 'verdict'>[],
  presetName: string,
): Promise<PresetCorrelations> {
  const preset = ratingPreset(presetName);
  const position = new Map(comparisons.map((c, i) => [c.id, i] as const));
  const ordered = verdicts
    .filter((v) => v.order === 'AB')
    .map((v, i) => ({ v, at: position.get(v.id) ?? comparisons.length + i }))
    .sort((a, b) => a.at - b.at)
    .map(({ v }) => v);
  const human = await rateBattles(battlesFromComparisons(comparisons), preset.rate);
  const runs = [...new Map(ordered.map((v) => [`${v.judge}\u0000${v.mode}`, { judge: v.judge, mode: v.mode }])).values()];
  const judges: JudgeRatingCorrelation[] = [];
  for (const run of runs) {
    const { battles } = battlesFromVerdicts(comparisons, ordered, run);
    if (battles.length === 0) continue;
    const board = await rateBattles(battles, preset.rate);
    const correlation = compareLeaderboards(human, board);
    judges.push({ preset: preset.name, judge: run.judge, mode: run.mode, battles: battles.length, correlation, headline: correlation[preset.headline].statistic });
  }
  judges.sort((a, b) => (a.judge < b.judge ? -1 : a.judge > b.judge ? 1 : a.mode < b.mode ? -1 : a.mode > b.mode ? 1 : 0));
  return { preset, human, judges };
}
