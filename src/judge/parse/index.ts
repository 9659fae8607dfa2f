/** Reading verdicts from judges' answers. */
export { PARSE_METHODS, parseVerdict, stripThinking, followUpMessage, followUpTurn } from './parser.js';
export { normaliseWinner } from './normalise.js';
export { parseLenientJson } from './json.js';
