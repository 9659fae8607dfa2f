/**
 * The latent model that draws the synthetic human votes. It is written so that
 * later analyses can check themselves against known truth:
 *
 *   1. Each side's final program runs successfully with probability
 *      `successRate`, independently of the model (so execution does not bias
 *      the model ratings; it only adds noise that the judge can explain).
 *   2. "Both bad" is voted with probability `bothBad.bothFailed` when neither
 *      side ran, otherwise `bothBad.otherwise`.
 *   3. Otherwise "tie" with probability `tieProbability`.
 *   4. Otherwise a Bradley-Terry comparison with logistic noise: A wins iff
 *      `strength[A] - strength[B] + executionBonus * (successA - successB) + noise > 0`,
 *      noise ~ Logistic(0, 1), i.e. P(A) = sigmoid(difference).
 *
 * Strengths are natural-log Bradley-Terry scores, mean zero; on the arena's
 * Elo-like scale the rating is `1000 + 400 * strength / ln 10`.
 */
import type { HumanVoteLabel } from '../../src/data/row.js';
import type { VoteModelParams } from '../../src/data/sample-truth.js';
import type { Rng } from '../../src/util/rng.js';

export type { VoteModelParams };

export interface VoteInput {
  strengthA: number;
  strengthB: number;
  successA: boolean;
  successB: boolean;
}

export type VoteProbabilities = Record<HumanVoteLabel, number>;

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The latent difference that decides A against B (before noise). */
export function voteMargin(input: VoteInput, params: VoteModelParams): number {
  const exec = Number(input.successA) - Number(input.successB);
  return input.strengthA - input.strengthB + params.executionBonus * exec;
}

/** Exact probabilities of the four labels under the model. */
export function voteProbabilities(input: VoteInput, params: VoteModelParams): VoteProbabilities {
  const pBothBad = !input.successA && !input.successB ? params.bothBad.bothFailed : params.bothBad.otherwise;
  const pTie = (1 - pBothBad) * params.tieProbability;
  const decisive = 1 - pBothBad - pTie;
  const pA = sigmoid(voteMargin(input, params));
  return {
    vote_model_A: decisive * pA,
    vote_model_B: decisive * (1 - pA),
    vote_tie: pTie,
    vote_both_bad: pBothBad,
  };
}

/** Draws one vote, following the generative steps above (three uniforms, always consumed). */
export function drawVote(input: VoteInput, params: VoteModelParams, rng: Rng): HumanVoteLabel {
  const uBothBad = rng.next();
  const uTie = rng.next();
  const uNoise = rng.next();
  const pBothBad = !input.successA && !input.successB ? params.bothBad.bothFailed : params.bothBad.otherwise;
  if (uBothBad < pBothBad) return 'vote_both_bad';
  if (uTie < params.tieProbability) return 'vote_tie';
  // Logistic noise by inverse CDF; (0,1) open interval keeps the log finite.
  const u = Math.min(Math.max(uNoise, 1e-12), 1 - 1e-12);
  const noise = Math.log(u / (1 - u));
  return voteMargin(input, params) + noise > 0 ? 'vote_model_A' : 'vote_model_B';
}

/** Arena-scale rating of a natural-log Bradley-Terry strength. */
export function strengthToRating(strength: number): number {
  return 1000 + (400 * strength) / Math.LN10;
}
