/**
 * Verdicts written as labels or plain words, for answers that hold no JSON.
 *
 * Labels (MT-Bench style): [[A>B]], [[A>>B]], [[B>A]], [[A=B]], [[A]], [[B]],
 * [[C]] (tie), [[Tie]], [[Both bad]].
 *
 * Keywords, in two tiers (the parser lets a declaration outrank a comparison):
 *   1. declarations: "Winner: A", "Overall winner: **Model B**", "Final
 *      verdict: Tie", "Final answer: B", "The winner is Assistant A", "I choose B".
 *   2. comparisons: "Model A is better", "Assistant B is clearly superior",
 *      "B wins", "It's a tie", "Both are equally good", "Neither answer is
 *      acceptable" / "Both are bad".
 * A bare letter counts only in upper case and not followed by a letter or an
 * apostrophe ("a", "A's"); with a side word before it ("model a") any case
 * counts. So the article "a" is never a vote, and "a tie" is a tie.
 * Every match is returned with the text it matched, so the parser can weigh
 * it against other candidates and name both sides of a conflict: we never
 * pick one of two stated winners.
 */
import type { Outcome } from '../../data/comparison.js';

/** One verdict stated in the text, with the words that state it. */
export interface KeywordFinding {
  verdict: Outcome;
  text: string;
}

const LABEL = /\[\[\s*([^\]\n]{1,20}?)\s*\]\]/g;

function labelVerdict(inner: string, allowBothBad: boolean): Outcome | null {
  const text = inner.toLowerCase().replace(/\s+/g, ' ').trim();
  if (/^a ?>>? ?b$|^a$/.test(text)) return 'A';
  if (/^b ?>>? ?a$|^b$/.test(text)) return 'B';
  if (/^(?:a ?= ?b|b ?= ?a|c|tie)$/.test(text)) return 'tie';
  if (/^(?:both[ _]bad|neither|d)$/.test(text)) return allowBothBad ? 'both_bad' : 'tie';
  return null;
}

export function findLabels(text: string, allowBothBad: boolean): KeywordFinding[] {
  const found: KeywordFinding[] = [];
  for (const match of text.matchAll(LABEL)) {
    const verdict = labelVerdict(match[1]!, allowBothBad);
    if (verdict !== null) found.push({ verdict, text: match[0] });
  }
  return found;
}

const SIDE_WORD = '(?:model|assistant|response|answer|option|solution|candidate)';
/** Groups: 1 = tie word, 2 = both-bad phrase, 3 = side word (optional), 4 = letter. */
const VALUE =
  `(?:(?:a\\s+)?(tie|draw)\\b|(both\\s+(?:are\\s+)?bad|both_bad|neither)\\b|(?:the\\s+)?(${SIDE_WORD}\\s*)?([AB])(?![\\w'’]))`;

const DECLARATIONS: RegExp[] = [
  new RegExp(
    `\\b(?:overall\\s+|final\\s+)?(?:winner|verdict|decision|judge?ment|preference|choice|final\\s+answer|better\\s+(?:response|answer|solution|model))\\s*(?:is|:|=|-|–|—|→)\\s*(?:that\\s+)?${VALUE}`,
    'gi',
  ),
  new RegExp(`\\bI\\s+(?:would\\s+|will\\s+)?(?:choose|pick|prefer|select|vote\\s+for)\\s+${VALUE}`, 'gi'),
];

const COMPARISONS: Array<{ pattern: RegExp; verdict?: Outcome }> = [
  {
    pattern: new RegExp(
      `(?:\\b(${SIDE_WORD})\\s*([AB])|(?<![\\w'’])([AB]))(?![\\w'’])\\s+(?:is|was|performs|does)\\s+(?:clearly\\s+|slightly\\s+|much\\s+|significantly\\s+|definitely\\s+|overall\\s+|far\\s+|the\\s+)?(?:better|superior|stronger|preferred|preferable|winner|more\\s+(?:correct|complete|effective))`,
      'gi',
    ),
  },
  { pattern: new RegExp(`(?:\\b(${SIDE_WORD})\\s*([AB])|(?<![\\w'’])([AB]))(?![\\w'’])\\s+wins\\b`, 'gi') },
  { pattern: /\b(?:it'?s|it\s+is|this\s+is|that'?s|result\s+is)\s+a\s+(?:tie|draw)\b/gi, verdict: 'tie' },
  {
    pattern:
      /\bboth\s+(?:answers\s+|responses\s+|solutions\s+|models\s+|assistants\s+)?(?:are\s+)?(?:equally\s+good|equivalent|tied)\b/gi,
    verdict: 'tie',
  },
  {
    pattern:
      /\bboth\s+(?:answers\s+|responses\s+|solutions\s+|models\s+|assistants\s+)?(?:are\s+)?(?:equally\s+)?(?:bad|poor|wrong|incorrect|broken|unacceptable)\b/gi,
    verdict: 'both_bad',
  },
  {
    pattern:
      /\bneither\s+(?:answer\s+|response\s+|solution\s+|model\s+|assistant\s+|one\s+)?(?:is\s+)?(?:acceptable|correct|adequate|works)\b/gi,
    verdict: 'both_bad',
  },
];

function letterVerdict(sideWord: string | undefined, letter: string | undefined): Outcome | null {
  if (letter === undefined) return null;
  // Without a side word, only a capital letter names a side ("a" is an article).
  if (!sideWord && letter !== 'A' && letter !== 'B') return null;
  return letter.toUpperCase() === 'A' ? 'A' : 'B';
}

function bothBad(allowBothBad: boolean): Outcome {
  return allowBothBad ? 'both_bad' : 'tie';
}

/** Removes markdown emphasis and headings so "**Winner:** *A*" reads as "Winner: A". */
function plain(text: string): string {
  return text.replace(/[*#`]+/g, '');
}

/** Declarations ("Winner: A") and comparisons ("Model B is better"), kept apart: a declaration outranks a comparison. */
export function findKeywords(
  text: string,
  allowBothBad: boolean,
): { declarations: KeywordFinding[]; comparisons: KeywordFinding[] } {
  const body = plain(text);
  const declarations: KeywordFinding[] = [];
  for (const pattern of DECLARATIONS) {
    for (const m of body.matchAll(pattern)) {
      const verdict = m[1] ? 'tie' : m[2] ? bothBad(allowBothBad) : letterVerdict(m[3], m[4]);
      if (verdict) declarations.push({ verdict, text: m[0] });
    }
  }
  const comparisons: KeywordFinding[] = [];
  for (const { pattern, verdict } of COMPARISONS) {
    for (const m of body.matchAll(pattern)) {
      const found = verdict ? (verdict === 'both_bad' ? bothBad(allowBothBad) : verdict) : letterVerdict(m[1], m[2] ?? m[3]);
      if (found) comparisons.push({ verdict: found, text: m[0] });
    }
  }
  return { declarations, comparisons };
}

const REFUSAL =
  /\b(?:I\s+(?:can(?:no|')t|cannot|won'?t|am\s+(?:not\s+able|unable)\s+to|'m\s+(?:not\s+able|unable)\s+to)\s+(?:help|assist|comply|evaluate|judge|compare|provide|do\s+that)|I'?m\s+sorry,?\s+but\s+I)/i;

export function looksLikeRefusal(text: string): boolean {
  return REFUSAL.test(text);
}
