/** Ratings: online Elo, Bradley-Terry (exact and tfjs), bootstrap intervals, ranks, slices (judge-derived leaderboards: `src/eval`). */
export {
  aggregateBattles, pairTable, pairWins, winMatrix,
  CELL_A_WINS, CELL_B_WINS, CELL_TIE, CELL_BOTH_BAD,
  type BattleCells, type TieHandling, type AggregateOptions, type PairTable, type PairWins,
} from './battles.js';
export { elo, indexBattles, replayElo, type EloOptions, type EloFit, type EloBattles } from './elo.js';
export {
  bradleyTerry, btProblem, toCells, fitFromLogStrengths, normalisedStrengths, ratingsFromLogStrengths, anchorRatings,
  type BradleyTerryOptions, type BradleyTerryFit, type BtProblem, type RatingScale,
} from './bt.js';
export { solveBradleyTerry, type ExactSolver, type ExactSolverOptions, type ExactSolution } from './bt-exact.js';
export { bradleyTerryTf, solveBradleyTerryTf, maxWinResidual, type TfSolverOptions, type TfSolution } from './bt-tf.js';
export { checkIdentifiable, type Identifiability } from './identifiability.js';
export { decidePrior, addVirtualTies, allPairsTable, type PriorMode, type PriorOptions, type PriorDecision } from './prior.js';
export { multinomialCounts, multinomialSampler, binomial, logFactorial } from './multinomial.js';
export { roundSeeds, type BootstrapSampler } from './bootstrap-rounds.js';
export {
  bootstrapBradleyTerry, bootstrapElo, percentileIntervals, quantileSorted,
  type BootstrapOptions, type BootstrapResult, type BtBootstrapOptions, type BtBootstrapEngine, type EloBootstrapOptions,
} from './bootstrap.js';
export { ranksFromIntervals } from './rank.js';
export { leaderboard, ratingsByModel, type Leaderboard, type LeaderboardRow } from './leaderboard.js';
export { rateBattles, type RateOptions, type RatingMethod } from './rate.js';
export {
  battlesFromComparisons, groupComparisons, ratingsBySlice, matchedKey, matchedRatings,
  type SliceKeyFn, type SliceRateOptions, type MatchedKey,
} from './slices.js';
export { simulateBattles, spreadRatings, modelNames, type SimulateOptions } from './simulate.js';
export { winRates, pairwiseWinRates, type WinRateRow, type PairWinRate } from './win-rates.js';
