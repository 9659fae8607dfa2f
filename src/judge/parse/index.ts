/** Reading verdicts from judges' answers. */
export type { ParsedVerdict, ParseMethod, ParseOptions } from './parser.js';
export { PARSE_METHODS, parseVerdict, stripThinking, followUpMessage, followUpTurn } from './parser.js';
export { normaliseWinner } from './normalise.js';
export { parseLenientJson, findBraceSpans, verdictFromJson, scanWinnerFields } from './json.js';
export type { BraceSpan, ObjectVerdict } from './json.js';
export { findLabels, findKeywords, looksLikeRefusal } from './keywords.js';
export type { KeywordFinding } from './keywords.js';
