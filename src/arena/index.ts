/**
 * AutoCodeArena: rank your own model by generating answers to the 600
 * prompts, executing them, and judging each against a baseline's answer
 * with the execution results in view. Each stage is resumable and runs on
 * answers the user already has, too.
 */
export { ARENA_DATASET, ARENA_CATEGORIES, loadPrompts, promptsFromRows, type ArenaPrompt, type ArenaPrompts, type LoadPromptsOptions, type SkippedPrompt } from './prompts.js';
export { ANSWERS_FORMAT, answerKey, answerHasCode, importAnswers, readAnswers, type AnswerLine, type ImportSummary } from './answers.js';
export { DEFAULT_SYSTEM_PROMPT } from './system-prompt.js';
export { generateAnswers, generateAnswersBatch, generationMessages, type ArenaModel, type GenerateOptions, type GenerateSummary } from './generate.js';
export { executeAnswers, readAnswerExecutions, type AnswerExecution, type ExecuteAnswersOptions } from './execute.js';
export { ARENA_JUDGE_SYSTEM, arenaJudgeMessages } from './judge-prompt.js';
export {
  judgeAnswers, judgeAnswersBatch, findMissing, JUDGMENTS_FORMAT, judgmentKey,
  type ArenaJudge, type JudgeAnswersOptions, type JudgeAnswersSummary, type JudgmentLine, type MissingAnswer,
} from './judge.js';
export { scoreArena, METHOD_NOTES, type ArenaScores, type ScoreOptions, type WinRateRow, type BradleyTerryRow, type Coverage } from './score.js';
export { arenaTables, arenaChartPoints, arenaLeaderboardChart, arenaReportSection, type ArenaTable, type ArenaSlice, type ArenaReportSection } from './report.js';
export type { StageSummary } from './stage.js';
export { runArena, arenaPaths, type RunArenaOptions, type ArenaRun, type ArenaPaths } from './pipeline.js';
export { startDemoServer, demoAnswer, demoVerdict, DEMO_MODELS, DEMO_PROMPTS, type DemoServer } from './demo.js';
export type { BatchStageOptions } from './batch.js';
