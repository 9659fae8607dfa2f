/**
 * The evaluation room: score judge verdicts against human votes. Load
 * results files and votes, align them, report agreement per judge x mode x
 * order (and both orders combined), order consistency and position bias,
 * agreement per slice, judge-derived leaderboards, and two runs side by side.
 * The CLI, the study and the notebooks all call this room.
 */
export {
  readVerdictFiles, loadHumanVotes, selectVerdicts,
  type VerdictFiles, type HumanVotes, type HumanVoteLoader, type VerdictSelection,
} from './load.js';
export {
  agreementReport, groupVerdicts,
  type AgreementReport, type AgreementRow, type VerdictGroup, type VerdictLike,
} from './agreement.js';
export {
  combineOrders, combineOrderVerdicts, positionConsistency, positionStatsByJudge,
  type CombineOptions, type CombinedVerdict, type PositionStats, type PositionAccuracy, type JudgePositionStats,
} from './orders.js';
export {
  sliceAgreement, sliceScores, sliceSummary, runScores, PAIR_SLICE_RULE,
  type RunScore, type SliceAgreementOptions, type SliceScore, type SliceScoreOptions, type SliceRow, type SliceSummary,
} from './slices.js';
export { battlesFromVerdicts, compareLeaderboards, type VerdictBattles, type VerdictFilter } from './leaderboards.js';
export { compareRuns, type RunComparison, type RunAgreementRow } from './runs.js';
export { crossValidatedVerdicts } from './cv-verdicts.js';
export {
  crossValidate, foldRows, majorityLabel, meanSd,
  type CrossValidationOptions, type CrossValidationReport, type FoldScore, type GainSummary, type MeanSd,
  type ModeScores, type OutOfFoldPrediction, type ScoreSummary,
} from './learned-cv.js';
export { pairedBootstrapDifference, quantile, type Interval } from './paired-bootstrap.js';
export { pairedBootstrapDifferences, bootstrapScores, type PairedBootstrapOptions, type Scorer } from './paired-bootstrap.js';
export {
  gainSignificance, selectVerdictSet,
  type GainOptions, type GainReport, type GainTest, type GainJoin, type SliceGain, type VerdictSet, type VerdictSetSelection,
} from './significance.js';
export {
  costByJudge, latencySummary, priceFor, readPriceTable, DEFAULT_PRICES_FILE,
  type CostRow, type LatencySummary, type ModelPrice, type PriceTable,
} from './cost.js';
export {
  reproduceTable, OVERALL, type ReproduceReport, type ReproduceRow, type ReproducedScore,
} from './reproduce.js';
export { loadPaperTable, paperJudgeName, PAPER_CITATION, type PaperEntry, type PaperScore } from './reproduce-paper.js';
export {
  RATING_PRESETS, RATING_PRESET_NAMES, ratingPreset, presetCorrelations,
  type RatingPreset, type RatingPresetName, type PresetCorrelations, type JudgeRatingCorrelation,
} from './presets.js';
export {
  agreeVotes, aggregateVotes, orientBattle, raterAgreement, AGGREGATION_RULES,
  type AggregationRule, type AgreeOptions, type AgreeReport, type AgreeMetrics, type RaterAgreementOptions, type RaterAgreementReport,
} from './agree.js';
export { modeGains, type ModeGain } from './mode-gains.js';
