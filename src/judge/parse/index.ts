/** Reading verdicts from judges' answers. */
export { PARSE_METHODS, parseVerdict, stripThinking, followUpMessage, followUpTurn } from './parser.js';
export { normaliseWinner } from './normalise.js';
export { parseLenientJson } from './json.js';
export { FIVE_POINT_LABELS, FIVE_POINT_FOLLOW_UP, parseFivePoint, swapFivePoint, type FivePointLabel } from './five-point.js';
