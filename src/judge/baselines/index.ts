/** Offline baseline judges and the per-side signals they use. */
export { randomJudge, alwaysAJudge, longerAnswerJudge, execAwareJudge } from './judges.js';
export { sideSignals, compareWithTolerance } from './signals.js';
