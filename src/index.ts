/**
 * The public API of the BigCodeReward workbench, in pipeline order:
 * data -> judges -> statistics -> ratings -> evaluation -> the study.
 * Importing it loads no native module: sharp, resvg and TensorFlow.js load
 * inside the functions that need them.
 *
 * Wider or heavier parts are separate entries of the package:
 * - `bigcodereward-workbench/data`: the whole data room (every reader, normaliser and execution fact);
 * - `bigcodereward-workbench/jobs`: the job machinery (ledger, retry, rate gate, breaker, pool, cache) for your own stages;
 * - `bigcodereward-workbench/stats`: every agreement metric and correlation;
 * - `bigcodereward-workbench/ratings`: every rating engine, bootstrap and slice helper;
 * - `bigcodereward-workbench/eval`: the whole evaluation room;
 * - `bigcodereward-workbench/charts`: Vega-Lite specs and the SVG/PNG renderers;
 * - `bigcodereward-workbench/learned`: the learned judge's features, training and tfjs backend choice;
 * - `bigcodereward-workbench/notebook`: DataFrames, Arrow tables and tslab display.
 */

// Errors: every bad input or setting is one of these, naming file, row and field.
/** Bad input data (file, row, field); `ConfigError`: bad settings; `RemoteError`: a server or the network failed. */
export { InputError, ConfigError, RemoteError, type InputLocation } from './errors.js';

// Data: a dataset's records as typed comparisons, and vote files.
/** Opens a dataset: the bundled sample (no argument), a local folder or file, or a hub id such as `bigcode/bigcodereward`. */
export { openDataset, type Dataset, type OpenDatasetOptions, type LoadOptions } from './data/dataset.js';
/** One normalised record: two sides (model, code, output, screenshot...) and the human vote. */
export { OUTCOMES, type Outcome, type Comparison, type SideView, type Battle, type LazyImage } from './data/comparison.js';
/** The columns the metrics need (a projection that skips screenshots), for `loadComparisons({ columns })`. */
export { METRICS_COLUMNS, type BigCodeRewardRow } from './data/row.js';
/** Counts by vote, model, topic, language and environment. */
export { summarise, type DatasetSummary } from './data/summary.js';
/** Record id -> human vote: what judges are scored against. */
export { humanVotes } from './data/human-votes.js';
/** Topic, language and environment of a pair, and comparisons grouped by one of them. */
export { SLICE_KEYS, sliceBy, pairSlice, type SliceKey } from './data/slices.js';
/** Any pairwise-vote CSV or JSONL, with a column mapping, as battles. */
export { readVotesFile, LLMFAO_MAPPING, BIGCODEREWARD_MAPPING, type VoteColumnMapping, type ReadVotesOptions } from './data/votes-file.js';
/** The published judges' verdicts (`bigcode/bigcodereward-experiment-results`, hub or local) as verdict records. */
export { loadPublishedVerdicts, type PublishedVerdicts, type PublishedVerdictsOptions } from './data/published-verdicts.js';
/** Downloads a hub dataset into the verified cache. */
export { fetchHubDataset, type FetchedDataset } from './data/hub/open.js';
/** The bundled sample's truth file: the latent strengths its synthetic votes were drawn from. */
export {
  readSampleTruth, findSampleTruth, sampleTruthSchema, SAMPLE_TRUTH_FILE,
  type SampleTruth, type SyntheticModel, type VoteModelParams,
} from './data/sample-truth.js';
/** The verdict vocabulary: modes, orders, labels, and one results-file line with its schema. */
export {
  JUDGE_MODES, ORDERS, VERDICT_LABELS, verdictRecordSchema,
  type JudgeMode, type Order, type VerdictLabel, type VerdictRecord, type Usage,
} from './data/verdict.js';

// Judges: the contract, the registry, the resumable runner and its results files.
/** What every judge implements. */
export type { Judge, JudgeRequest, JudgeResult } from './judge/types.js';
/** A judge by name: `baseline:*`, `openai:<model>`, `learned:logreg`. */
export { createJudge, listJudges, type JudgeSpec } from './judge/registry.js';
/** Which order(s) each record is judged in: AB, BA, both or random. */
export { ORDER_POLICIES, type OrderPolicy } from './judge/orders.js';
/** Judges comparisons into a results JSONL file; a rerun resumes. */
export { runJudge, type RunJudgeOptions } from './judge/runner/run.js';
/** The runner's counts; its progress events. */
export type { RunSummary, ProgressEvent } from './judge/runner/summary.js';
/** Reads a results file (last line per key wins). */
export { readResultsFile, type ResultsFile } from './judge/runner/index.js';
/** The prompt of the published protocol, as chat messages. */
export { buildPrompt, type BuiltPrompt } from './judge/prompt/builder.js';
/** Reads a verdict from a judge's text answer. */
export { parseVerdict, type ParsedVerdict } from './judge/parse/parser.js';
/** Cross-validates the learned judge with and without execution features. */
export { crossValidate, type CrossValidationReport, type CrossValidationOptions } from './eval/learned-cv.js';

// Statistics: agreement metrics and rating correlations.
/** Accuracy, macro-F1, kappa and MCC of one label sequence against another. */
export { scoreLabels, type MetricSet } from './stats/report.js';
/** Pearson, Spearman and Kendall between two models -> rating maps. */
export { correlateRatings, type RatingCorrelation } from './stats/correlation.js';

// Ratings: leaderboards from battles.
/** Human votes as battles. */
export { battlesFromComparisons, ratingsBySlice, matchedRatings } from './ratings/slices.js';
/** Bradley-Terry (default) or Elo leaderboard, with seeded bootstrap intervals. */
export { rateBattles, type RateOptions, type RatingMethod } from './ratings/rate.js';
/** One fit without bootstrap. */
export { bradleyTerry, type BradleyTerryFit } from './ratings/bt.js';
export { elo, type EloFit } from './ratings/elo.js';
/** A leaderboard's rows; model -> rating. */
export { ratingsByModel, type Leaderboard, type LeaderboardRow } from './ratings/leaderboard.js';

// Evaluation: verdicts scored against human votes.
/** Results files and human votes. */
export { readVerdictFiles, loadHumanVotes, type VerdictFiles, type HumanVotes } from './eval/load.js';
/** The agreement table per judge x mode x order, both orders combined, and order consistency. */
export { agreementReport, type AgreementReport, type AgreementRow } from './eval/agreement.js';
/** Both orders of a record: combined verdicts; consistency and position bias per judge. */
export { combineOrders, positionStatsByJudge, type CombinedVerdict, type PositionStats } from './eval/orders.js';
/** Agreement per topic, language or environment. */
export { sliceAgreement, type SliceAgreementOptions } from './eval/slices.js';
/** A judge's verdicts as battles, and its leaderboard against the human one. */
export { battlesFromVerdicts, compareLeaderboards, type VerdictBattles } from './eval/leaderboards.js';
/** The paper's judge table reproduced from verdicts, with the published numbers beside ours. */
export { reproduceTable, type ReproduceReport } from './eval/reproduce.js';
export { loadPaperTable } from './eval/reproduce-paper.js';
/** Agreement between two vote sets (judge vs humans, humans vs humans), pairs matched by item and unordered model pair. */
export { agreeVotes, type AgreeReport } from './eval/agree.js';
/** Two results files side by side. */
export { compareRuns, type RunComparison } from './eval/runs.js';
/** The learned judge's out-of-fold predictions as verdict records. */
export { crossValidatedVerdicts } from './eval/cv-verdicts.js';

// The main job.
/** Dataset -> judges in both modes -> agreement -> leaderboards -> correlations (`bcr run`). */
export {
  runStudy, DEFAULT_STUDY_JUDGES, type StudyOptions, type StudyReport, type StudyRun, type StudyStageEvent, type JudgeLeaderboard, type TruthRecovery,
} from './study/index.js';
/** A study described in one file: read, layered under the command line, written beside the results. */
export {
  studyConfigSchema, readStudyConfig, resolveStudyConfig, writeStudyConfig, studyOptionsOf, DEFAULT_STUDY_CONFIG, type StudyConfig,
} from './study/index.js';
