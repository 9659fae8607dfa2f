/**
 * Reads a verdict from a judge's raw answer.
 *
 * Reasoning-model blocks (<think>...</think>) are removed first: a verdict
 * considered while thinking is not the answer. The rest is split into the
 * judge's own text and what it quotes (fences, blockquotes, code spans: see
 * segments.ts). Candidate verdicts are then gathered in levels; the first
 * level with any candidate decides, and candidates within it that disagree
 * are an error naming both, never "the last one wins":
 *
 *   1. JSON in the requested format (winner under "Overall") in the judge's
 *      own text. Method `json` when it is the whole answer, else `embedded-json`.
 *   2. The judge's other explicit statements, weighed together: the
 *      requested format filling a ```json (or jsonc, json5) or untagged fence
 *      on its own (the body is exactly that one object, `fenced-json`);
 *      winner fields of JSON in its own text too broken to read
 *      (`partial-json`, typically cut off by the token limit); labels
 *      ([[A>B]], `label`) and declarations ("Winner: A", `keyword`). A fence
 *      counts only when level 1 has nothing, so a fence that quotes a
 *      program's output never outvotes the judge's own JSON, and a fence
 *      that disagrees with a declaration is a conflict.
 *   3. JSON in its own text with a winner elsewhere than "Overall"
 *      ({"winner": "B"}): the shape of quoted program output as much as of a
 *      verdict, so it yields to any explicit statement.
 *   4. Comparisons in its own text ("Model B is better", `keyword`).
 *   5. Last resort, for a judge that put only a looser object in a fence: the
 *      body of a ```json-tagged fence that is exactly one object with a
 *      winner (`fenced-json`), or the winner fields of a broken object that
 *      fills a json-tagged or untagged fence (`partial-json`).
 *
 * Fences tagged with any other language (```python, ```html, ```text...) and
 * every other quotation never yield a verdict. Within a level, an object
 * whose reasoning is a placeholder ("...", "<a short paragraph>") is a
 * restated format, not a vote: it counts only when no level holds a real one.
 * Words inside a JSON object that was read are its reasoning, not statements
 * of their own for the label and keyword stages.
 * No stage guesses: an answer without a recognisable verdict is `error` with
 * the reason (method `none`), and is counted as such.
 *
 * The verdict is about the pair *as shown*: map it to stored terms with
 * `toStoredVerdict(verdict, order)`.
 */
import type { Outcome } from '../../data/comparison.js';
import type { VerdictLabel } from '../types.js';
import { answerFormat } from '../prompt/templates.js';
import type { ChatMessage } from '../../llm/messages.js';
import { findBraceSpans, parseLenientJson, scanWinnerFields, tryParseJson, verdictFromJson } from './json.js';
import { findKeywords, findLabels, looksLikeRefusal, type KeywordFinding } from './keywords.js';
import { blankRanges, isJsonTag, splitAnswer, type Fence } from './segments.js';

export const PARSE_METHODS = [
  'json', 'fenced-json', 'embedded-json', 'partial-json', 'label', 'keyword', 'none',
] as const;
export type ParseMethod = (typeof PARSE_METHODS)[number];

export interface ParsedVerdict {
  verdict: VerdictLabel;
  reasoning?: string;
  method: ParseMethod;
  /** Why the verdict is `error`. */
  error?: string;
}

export interface ParseOptions {
  /** Accept "both_bad" as a verdict (the `bcr-4way` template). Otherwise "both bad"/"neither" read as a tie. */
  allowBothBad?: boolean;
}

const THINK_BLOCK = /<(think|thinking|reasoning)>[\s\S]*?<\/\1>/gi;
const THINK_CLOSE = /<\/(?:think|thinking|reasoning)>/gi;
const THINK_OPEN = /<(?:think|thinking|reasoning)>/i;

/** The answer without its thinking; `null` when nothing but unfinished thinking is left. */
export function stripThinking(text: string): string | null {
  let out = text.replace(THINK_BLOCK, '');
  // Some servers drop the opening tag: everything up to a stray closing tag is thinking.
  const closes = [...out.matchAll(THINK_CLOSE)];
  const lastClose = closes[closes.length - 1];
  if (lastClose) out = out.slice((lastClose.index ?? 0) + lastClose[0].length);
  const open = THINK_OPEN.exec(out);
  if (open) {
    out = out.slice(0, open.index);
    if (out.trim() === '') return null;
  }
  return out;
}

interface Candidate {
  verdict: Outcome;
  method: Exclude<ParseMethod, 'none'>;
  /** The words that carry the verdict, quoted in conflict errors. */
  source: string;
  reasoning?: string;
  /** A restated answer format rather than a vote. */
  placeholder?: boolean;
}

interface JsonFindings {
  requested: Candidate[];
  loose: Candidate[];
  /** Winner fields of objects that never closed or could not be read even after repair. */
  partial: Candidate[];
  unrecognised: string[];
  /** [start, end) of the objects that yielded a candidate: their text is not read again for keywords. */
  used: Array<[number, number]>;
}

const MAY_HOLD_VERDICT = /overall|winner|verdict|decision|result|prefer|better|choice|judge?ment|vote/i;
const PLACEHOLDER = /^\s*(?:\.{2,}|…|<[^<>]*>|\[[^[\]]*\]|[-_ ]*)\s*$/;
/** When several candidates agree, the method reported is the strongest of theirs, in this order. */
const METHOD_RANK: readonly ParseMethod[] = ['json', 'fenced-json', 'embedded-json', 'partial-json', 'label', 'keyword'];

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}

function partialCandidates(text: string, allowBothBad: boolean, method: Candidate['method']): Candidate[] {
  const scan = scanWinnerFields(text, allowBothBad);
  return scan.verdicts.map((verdict) => ({
    verdict,
    method,
    source: snippet(text),
    ...(scan.reasoning !== undefined ? { reasoning: scan.reasoning } : {}),
  }));
}

/**
 * Every JSON verdict in `text`, outermost objects first; an object without a
 * verdict is searched for nested ones (prose in braces may hold one).
 * Objects starting inside `quoted` ranges are skipped.
 */
function searchJson(
  text: string,
  allowBothBad: boolean,
  options: { quoted?: ReadonlyArray<readonly [number, number]>; whole?: string } = {},
): JsonFindings {
  const found: JsonFindings = { requested: [], loose: [], partial: [], unrecognised: [], used: [] };
  const isQuoted = (at: number) => (options.quoted ?? []).some(([from, to]) => at >= from && at < to);
  const visit = (from: number, to: number, depth: number): void => {
    for (const span of findBraceSpans(text, from, to)) {
      const raw = text.slice(span.start, span.end);
      // Objects (and everything nested in them) without a verdict-like key cannot yield a verdict.
      if (isQuoted(span.start) || !MAY_HOLD_VERDICT.test(raw)) continue;
      const parsed = span.closed ? parseLenientJson(raw) : undefined;
      if (parsed === undefined && depth === 0) {
        found.partial.push(...partialCandidates(raw, allowBothBad, 'partial-json'));
        found.used.push([span.start, span.end]);
      }
      const verdict = parsed !== undefined ? verdictFromJson(parsed, allowBothBad) : null;
      if (verdict && 'verdict' in verdict) {
        const whole = options.whole !== undefined && raw === options.whole && tryParseJson(raw) !== undefined;
        const candidate: Candidate = {
          verdict: verdict.verdict,
          method: whole ? 'json' : 'embedded-json',
          source: snippet(raw),
          ...(verdict.reasoning !== undefined ? { reasoning: verdict.reasoning } : {}),
          ...(verdict.reasoning !== undefined && PLACEHOLDER.test(verdict.reasoning) ? { placeholder: true } : {}),
        };
        (verdict.requested ? found.requested : found.loose).push(candidate);
        found.used.push([span.start, span.end]);
      } else {
        if (verdict) found.unrecognised.push(verdict.unrecognised);
        if (depth < 3 && span.end - span.start > 2) visit(span.start + 1, span.end - (span.closed ? 1 : 0), depth + 1);
      }
    }
  };
  visit(0, text.length, 0);
  return found;
}

/** What a fence holding exactly one object (nothing else but whitespace) says. */
function fenceFindings(fence: Fence, allowBothBad: boolean): JsonFindings | null {
  if (fence.tag !== '' && !isJsonTag(fence.tag)) return null;
  const body = fence.body.trim();
  const spans = findBraceSpans(body);
  if (spans.length !== 1 || spans[0]!.start !== 0 || spans[0]!.end !== body.length) return null;
  const found = searchJson(body, allowBothBad);
  for (const c of [...found.requested, ...found.loose]) c.method = 'fenced-json';
  return found;
}

function decide(level: Candidate[], withPlaceholders: boolean): ParsedVerdict | null {
  const votes = withPlaceholders && level.every((c) => c.placeholder) ? level : level.filter((c) => !c.placeholder);
  if (votes.length === 0) return null;
  const verdicts = [...new Set(votes.map((c) => c.verdict))];
  if (verdicts.length > 1) {
    const named = verdicts.map((v) => {
      const c = votes.find((x) => x.verdict === v)!;
      return `${v} (${c.method} ${JSON.stringify(c.source)})`;
    });
    const methods = new Set(votes.map((c) => c.method));
    const what =
      methods.size === 1 && methods.has('label') ? 'verdict labels'
        : methods.size === 1 && methods.has('keyword') ? 'verdict statements'
          : methods.size === 1 && methods.has('partial-json') ? 'winner fields'
            : 'verdicts';
    return { verdict: 'error', method: 'none', error: `conflicting ${what}: ${named.join(' vs ')}` };
  }
  const best = [...votes].sort((x, y) => METHOD_RANK.indexOf(x.method) - METHOD_RANK.indexOf(y.method))[0]!;
  const reasoning = best.reasoning ?? votes.find((c) => c.reasoning !== undefined)?.reasoning;
  return reasoning !== undefined
    ? { verdict: best.verdict, reasoning, method: best.method }
    : { verdict: best.verdict, method: best.method };
}

function fromWords(found: KeywordFinding[], method: 'label' | 'keyword'): Candidate[] {
  return found.map((f) => ({ verdict: f.verdict, method, source: snippet(f.text) }));
}

export function parseVerdict(text: string | null | undefined, options: ParseOptions = {}): ParsedVerdict {
  const allowBothBad = options.allowBothBad ?? false;
  if (text == null || text.trim() === '') return { verdict: 'error', method: 'none', error: 'empty answer' };
  const answer = stripThinking(text);
  if (answer === null) {
    return { verdict: 'error', method: 'none', error: 'the answer ended inside a <think> block, before any verdict' };
  }

  const { own, words, fences, spans } = splitAnswer(answer);
  const prose = searchJson(own, allowBothBad, { quoted: spans, whole: answer.trim() });
  const fenced = fences.map((f) => ({ fence: f, found: fenceFindings(f, allowBothBad) }));
  // Words inside a JSON object that was read are that object's reasoning, not separate statements.
  const statements = blankRanges(words, prose.used);
  const labels = findLabels(statements, allowBothBad);
  const keywords = findKeywords(statements, allowBothBad);

  const levels: Candidate[][] = [
    prose.requested,
    [
      ...fenced.flatMap(({ found }) => found?.requested ?? []),
      ...prose.partial,
      ...fromWords(labels, 'label'),
      ...fromWords(keywords.declarations, 'keyword'),
    ],
    prose.loose,
    fromWords(keywords.comparisons, 'keyword'),
    fenced.flatMap(({ fence, found }) => [
      ...(found && isJsonTag(fence.tag) ? found.loose : []),
      ...(found?.partial ?? []),
    ]),
  ];
  // A restated format counts only when no level holds a real vote.
  for (const withPlaceholders of [false, true]) {
    for (const level of levels) {
      const decided = decide(level, withPlaceholders);
      if (decided) return decided;
    }
  }

  const unrecognised = [...prose.unrecognised, ...fenced.flatMap(({ found }) => found?.unrecognised ?? [])][0];
  if (unrecognised !== undefined) {
    return { verdict: 'error', method: 'none', error: `unrecognised winner value ${JSON.stringify(unrecognised)}` };
  }
  if (looksLikeRefusal(words)) return { verdict: 'error', method: 'none', error: 'the judge declined to give a verdict' };
  return { verdict: 'error', method: 'none', error: 'no verdict found in the answer' };
}

/** What the runner sends (when enabled) after an answer without a parseable verdict. */
export function followUpMessage(options: ParseOptions = {}): string {
  return `Please finish your evaluation now. ${answerFormat(options.allowBothBad ?? false)}`;
}

/** The two messages to append to the conversation for a follow-up: the judge's answer, then the request. */
export function followUpTurn(previousAnswer: string, options: ParseOptions = {}): ChatMessage[] {
  return [
    { role: 'assistant', content: previousAnswer },
    { role: 'user', content: followUpMessage(options) },
  ];
}
