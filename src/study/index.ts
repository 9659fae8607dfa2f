/** The main job: dataset -> judges (both modes) -> agreement -> leaderboards -> correlations. */
export {
  runStudy, DEFAULT_STUDY_JUDGES, STUDY_STAGES,
  type StudyOptions, type StudyReport, type StudyRun, type StudyStage, type StudyStageEvent, type JudgeLeaderboard, type TruthRecovery,
} from './run-study.js';
export {
  studyConfigSchema, readStudyConfig, resolveStudyConfig, writeStudyConfig, studyOptionsOf, parseStudyConfig,
  DEFAULT_STUDY_CONFIG, DEFAULT_STUDY_DIR, DEFAULT_JUDGE_CACHE_DIR, STUDY_CONFIG_FILE, type StudyConfig,
} from './config.js';
