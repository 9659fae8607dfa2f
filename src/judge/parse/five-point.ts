/**
 * The five-point label space of AutoCodeArena's judge: [[A>>B]] (A much
 * better), [[A>B]], [[A=B]], [[B>A]], [[B>>A]].
 *
 * Read with the hardened parser's rules: thinking is dropped, and only the
 * judge's own words count (a label inside a code fence, a blockquote or a
 * code span is a quotation: program output, or text injected into a judged
 * answer). Spacing and case do not matter, and the mirrored spellings
 * ([[B<A]], [[A<<B]], [[B=A]]) mean what they say. Two different labels in
 * the judge's own words (a restated list of choices, or a change of mind)
 * are an error naming both, never "the last one wins"; no label is an error
 * too. Nothing is guessed from prose: strength cannot be read reliably from
 * "A is better".
 */
import { stripThinking } from './parser.js';
import { splitAnswer } from './segments.js';

export const FIVE_POINT_LABELS = ['A>>B', 'A>B', 'A=B', 'B>A', 'B>>A'] as const;
export type FivePointLabel = (typeof FIVE_POINT_LABELS)[number];

export type ParsedFivePoint =
  | { label: FivePointLabel; source: string }
  | { label: 'error'; error: string };

const LABEL = /\[\[\s*([AaBb])\s*(>>|>|=|<<|<)\s*([AaBb])\s*\]\]/g;

function labelOf(left: string, op: string, right: string): FivePointLabel | null {
  const l = left.toUpperCase();
  const r = right.toUpperCase();
  if (l === r) return null;
  if (op === '=') return 'A=B';
  // Normalise to "winner op loser" with > / >>.
  const strong = op.length === 2;
  const winner = op.startsWith('>') ? l : r;
  return winner === 'A' ? (strong ? 'A>>B' : 'A>B') : strong ? 'B>>A' : 'B>A';
}

export function parseFivePoint(text: string | null | undefined): ParsedFivePoint {
  if (text == null || text.trim() === '') return { label: 'error', error: 'empty answer' };
  const answer = stripThinking(text);
  if (answer === null) return { label: 'error', error: 'the answer ended inside a <think> block, before any verdict' };
  const { words } = splitAnswer(answer);
  const found = new Map<FivePointLabel, string>();
  for (const m of words.matchAll(LABEL)) {
    const label = labelOf(m[1]!, m[2]!, m[3]!);
    if (label && !found.has(label)) found.set(label, m[0]);
  }
  if (found.size === 0) return { label: 'error', error: 'no five-point verdict label ([[A>>B]], [[A>B]], [[A=B]], [[B>A]], [[B>>A]]) in the answer' };
  if (found.size > 1) {
    return { label: 'error', error: `conflicting verdict labels: ${[...found.values()].join(' vs ')}` };
  }
  const [[label, source]] = [...found.entries()] as [[FivePointLabel, string]];
  return { label, source };
}

/** The same verdict with the sides swapped: what [[A>B]] about (x, y) says about (y, x). */
export function swapFivePoint(label: FivePointLabel): FivePointLabel {
  const mirror: Record<FivePointLabel, FivePointLabel> = { 'A>>B': 'B>>A', 'A>B': 'B>A', 'A=B': 'A=B', 'B>A': 'A>B', 'B>>A': 'A>>B' };
  return mirror[label];
}

/** What the parser's follow-up asks for after an answer without a readable label. */
export const FIVE_POINT_FOLLOW_UP =
  'Please finish your evaluation now: end your answer with exactly one of these labels on its own line: [[A>>B]], [[A>B]], [[A=B]], [[B>A]], [[B>>A]].';
