/**
 * Finding and reading the JSON verdict object in a judge's answer: strict
 * parsing, a repair pass for the usual near-misses, balanced-brace
 * extraction from prose, and a field scan for JSON cut off mid-way.
 */
import { jsonrepair } from 'jsonrepair';
import type { Outcome } from '../../data/comparison.js';
import { normaliseWinner } from './normalise.js';

export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Strict parse, then the text as repaired by `jsonrepair` (smart and single
 * quotes, unescaped quotes and raw newlines in strings, comments, trailing
 * commas, unquoted keys and bare-word values, Python constants). Repair can
 * change a reasoning string (an apostrophe in a single-quoted string becomes
 * a double quote, an invalid escape loses its backslash); it never invents a
 * winner. Callers only pass closed objects: an object cut off mid-way is read
 * field by field (`scanWinnerFields`) instead of being completed by repair.
 */
export function parseLenientJson(text: string): unknown {
  const strict = tryParseJson(text);
  if (strict !== undefined) return strict;
  try {
    return tryParseJson(jsonrepair(text));
  } catch {
    return undefined;
  }
}

export interface BraceSpan {
  start: number;
  /** Index just after the closing brace, or the text length when the object never closes. */
  end: number;
  closed: boolean;
}

/**
 * Outermost `{...}` spans in order, skipping braces inside double-quoted
 * strings. An object still open at the end of the text (a truncated answer)
 * is returned with `closed: false`.
 */
export function findBraceSpans(text: string, from = 0, to = text.length): BraceSpan[] {
  const spans: BraceSpan[] = [];
  let i = from;
  while (i < to) {
    if (text[i] !== '{') {
      i++;
      continue;
    }
    let depth = 0;
    let inString = false;
    let j = i;
    let end = -1;
    for (; j < to; j++) {
      const c = text[j]!;
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"' || c === '”') inString = false;
      } else if (c === '"' || c === '“') {
        inString = true;
      } else if (c === '{') {
        depth++;
      } else if (c === '}') {
        depth--;
        if (depth === 0) {
          end = j + 1;
          break;
        }
      }
    }
    if (end === -1) {
      spans.push({ start: i, end: to, closed: false });
      break;
    }
    spans.push({ start: i, end, closed: true });
    i = end;
  }
  return spans;
}

const WINNER_KEYS = new Set([
  'winner', 'overallwinner', 'verdict', 'finalverdict', 'decision', 'finaldecision', 'result', 'preferred',
  'preference', 'better', 'betterresponse', 'bettermodel', 'choice', 'judgment', 'judgement', 'vote',
]);
const REASONING_KEYS = new Set(['reasoning', 'reason', 'explanation', 'rationale', 'justification', 'analysis']);

function keyOf(key: string): string {
  return key.toLowerCase().replace(/[^a-z]/g, '');
}

export type ObjectVerdict =
  /** `requested`: the winner sits where the requested format puts it, under a top-level "Overall". */
  | { verdict: Outcome; reasoning?: string; requested: boolean }
  | { unrecognised: string }
  | null;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reasoningIn(obj: Record<string, unknown>): string | undefined {
  for (const [key, value] of Object.entries(obj)) {
    if (REASONING_KEYS.has(keyOf(key)) && typeof value === 'string') return value;
  }
  return undefined;
}

/** The winner named directly in `obj` (not nested), with its sibling reasoning. */
function directVerdict(obj: Record<string, unknown>, allowBothBad: boolean): ObjectVerdict {
  for (const [key, value] of Object.entries(obj)) {
    if (!WINNER_KEYS.has(keyOf(key))) continue;
    if (isRecord(value)) continue;
    const verdict = normaliseWinner(value, allowBothBad);
    if (verdict === null) return { unrecognised: typeof value === 'string' ? value : JSON.stringify(value) };
    const reasoning = reasoningIn(obj);
    return reasoning !== undefined ? { verdict, reasoning, requested: false } : { verdict, requested: false };
  }
  return null;
}

/**
 * Reads a verdict from a parsed JSON value. Looks first under an "Overall"
 * key (any case; an object holding the winner, or the winner itself), then
 * for a winner key at the top, then in nested objects (breadth first, a few
 * levels). Keys are matched without case or punctuation ("Winner", "final_verdict").
 * Only a winner found under "Overall" is `requested`: a quoted program output
 * such as {"winner": "draw"} or {"data": {"Overall": ...}} is a looser match.
 */
export function verdictFromJson(value: unknown, allowBothBad: boolean): ObjectVerdict {
  if (!isRecord(value)) return null;
  let unrecognised: ObjectVerdict = null;
  for (const [key, inner] of Object.entries(value)) {
    if (keyOf(key) !== 'overall') continue;
    if (isRecord(inner)) {
      const found = directVerdict(inner, allowBothBad);
      if (found && 'verdict' in found) return { ...found, requested: true };
      unrecognised ??= found;
    } else {
      const verdict = normaliseWinner(inner, allowBothBad);
      if (verdict !== null) {
        const reasoning = reasoningIn(value);
        return reasoning !== undefined ? { verdict, reasoning, requested: true } : { verdict, requested: true };
      }
      if (typeof inner === 'string') unrecognised ??= { unrecognised: inner };
    }
  }
  let level: Array<Record<string, unknown>> = [value];
  for (let depth = 0; depth < 4 && level.length > 0; depth++) {
    const next: Array<Record<string, unknown>> = [];
    for (const obj of level) {
      const found = directVerdict(obj, allowBothBad);
      if (found && 'verdict' in found) return found;
      unrecognised ??= found;
      for (const inner of Object.values(obj)) if (isRecord(inner)) next.push(inner);
    }
    level = next;
  }
  return unrecognised;
}

const PARTIAL_WINNER =
  /["'“”‘’]?(?:overall[ _]?)?(?:winner|verdict|decision)["'“”‘’]?\s*:\s*["'“”‘’]([^"'“”‘’\n]{1,40})["'“”‘’]/gi;
const PARTIAL_OVERALL = /["'“”‘’]overall["'“”‘’]\s*:\s*["'“”‘’]([^"'“”‘’\n]{1,40})["'“”‘’]/gi;
const PARTIAL_REASONING = /["'“”‘’]?(?:reasoning|reason|explanation)["'“”‘’]?\s*:\s*["“]((?:[^"\\”]|\\.)*)/i;

/**
 * For JSON that cannot be completed (typically cut off by a token limit after
 * the winner but inside the reasoning): the winner fields written in the
 * text. Returns every recognised value, so the caller can spot conflicts.
 */
export function scanWinnerFields(text: string, allowBothBad: boolean): { verdicts: Outcome[]; reasoning?: string } {
  const verdicts: Outcome[] = [];
  for (const pattern of [PARTIAL_WINNER, PARTIAL_OVERALL]) {
    for (const match of text.matchAll(pattern)) {
      const verdict = normaliseWinner(match[1]!, allowBothBad);
      if (verdict !== null) verdicts.push(verdict);
    }
  }
  const reasoning = PARTIAL_REASONING.exec(text)?.[1];
  return reasoning !== undefined ? { verdicts, reasoning } : { verdicts };
}
