/**
 * Notebook-only helpers (a separate entry, `<package>/notebook`, so the core
 * library never loads a DataFrame library or looks for tslab): arquero DataFrames, HTML tables,
 * chart / image display in tslab, and small glue for the notebooks' checks.
 * Arrow tables live here too: apache-arrow is a large module the core never needs.
 */
export { comparisonsToArrow, battlesToArrow, COMPARISON_TABLE_COLUMNS, type ComparisonColumn } from '../data/arrow.js';
export {
  toDataFrame, frameRows, describe, numericColumns, groupCount, frameCsv, writeFrameCsv, DESCRIBE_STATISTICS, type DataFrame,
} from './dataframe.js';
export { tableHtml, tableRows, formatCell, escapeHtml, type TableInput, type TableOptions, type ArrowLikeTable, type FrameLike, type ArqueroLikeTable } from './table.js';
export { showChart, showTable, showPng } from './show.js';
export { tslabDisplay, type TslabDisplay } from './tslab.js';
export { agreementTable, type AgreementTableRow } from './agreement-table.js';
export { readEvalicaGolden, readLatentRatings, maxRelativeDifference, type RelativeDifference } from './reference.js';
export { judgeAll, resultsFileName, type JudgeAllOptions, type JudgeRunRow } from './judge-runs.js';
export { writeExperimentResults } from './experiment-results.js';
export { llmfaoFile, LLMFAO_FILES, type LlmfaoFile } from './data-files.js';
export { gainOnVotes, type VoteGainOptions } from './vote-gain.js';
export { reproduceRows, gainRows, type ReproduceTableOptions } from './report-tables.js';
/** A judge kind written in a notebook joins the registry through the same entry contract as the built-in ones. */
export { registerJudge, type JudgeEntry } from '../judge/registry.js';
export { sideExecutionRows, type SideExecutionRow } from './execution-rows.js';
export { modeGainsByJudge, modeGainRows, type ModeGains, type JudgeModeGain } from './mode-gains.js';
