/** Offline baseline judges and the per-side signals they use. */
export type { BaselineOptions } from './judges.js';
export { DEFAULT_TOLERANCE, randomJudge, alwaysAJudge, longerAnswerJudge, execAwareJudge } from './judges.js';
export type { SideSignals } from './signals.js';
export { sideSignals, compareWithTolerance } from './signals.js';
export type { ShownDecision, DecideFn } from './baseline.js';
export { baselineJudge } from './baseline.js';
