/** The main job: dataset -> judges (both modes) -> agreement -> leaderboards -> correlations; and the study config file. */
export {
  runStudy, DEFAULT_STUDY_JUDGES,
  type StudyOptions, type StudyReport, type StudyRun, type StudyStageEvent, type JudgeLeaderboard, type TruthRecovery,
} from './run-study.js';
export {
  studyConfigSchema, readStudyConfig, resolveStudyConfig, writeStudyConfig, studyOptionsOf, DEFAULT_STUDY_CONFIG, type StudyConfig,
} from './config.js';
