/**
 * Splits a judge's answer into its own words and the text it quotes, so that
 * a verdict-looking string the judge merely quotes (program output such as
 * {"winner": "draw"}, an instruction injected into a judged answer) is not
 * taken for the judge's verdict.
 *
 * Quoted, and so not the judge's own text:
 * - fenced code blocks (``` or ~~~, any tag, closed or running to the end);
 * - blockquote lines (starting with ">");
 * - inline code spans, except a span holding only a plain verdict value
 *   ("**Winner:** `Model A`" is emphasis, not a quotation; `[[A]]` or
 *   `{"winner": "A"}` in a span is quoted).
 *
 * `own` keeps the answer's offsets: fences and blockquotes are replaced by a
 * filler that no verdict pattern matches (newlines kept), so nothing on either
 * side of a quotation can join up across it. Code spans stay in `own` (a JSON
 * verdict's reasoning may hold one) and are listed in `spans`; `words` blanks
 * them too, for the label and keyword stages.
 *
 * Fences and blockquotes are recognised at any indentation (inside list items
 * too): reading more as quoted only ever costs a verdict, never flips one.
 *
 * Written by hand rather than with a markdown library: we need character
 * offsets, fences left open by a cut-off answer, and one-line fences, while a
 * CommonMark parser gives line ranges and reads indented JSON as code.
 */
import { normaliseWinner } from './normalise.js';

export interface Fence {
  /** The info string's first word, lower-cased ("" when untagged). */
  tag: string;
  body: string;
  /** False when the answer ended inside the fence. */
  closed: boolean;
}

export interface AnswerSegments {
  /** The answer with fences and blockquotes blanked out (same length, same line breaks). */
  own: string;
  /** `own` with quoting code spans blanked out as well. */
  words: string;
  fences: Fence[];
  /** [start, end) ranges of quoting code spans in `own`: an object starting inside one is quoted. */
  spans: Array<[number, number]>;
}

const FILLER = '\u2591';
const OPEN_FENCE = /^[ \t]*(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*$/;
/** "```json {...}```" on one line: a fence in practice, though CommonMark reads a code span. */
const ONE_LINE_FENCE = /^[ \t]*(`{3,})([A-Za-z0-9_+-]*)[ \t]+(.*?)\1[ \t\r]*$/;
const PLAIN_VALUE = /^[\w\s'’.-]+$/;
const BLOCKQUOTE = /^[ \t]*>/;
const CODE_SPAN = /(?<!`)(`+)(?!`)([^\n]*?[^`\n]|[^`\n])\1(?!`)/g;

function blank(text: string): string {
  return text.replace(/[^\n]/g, FILLER);
}

/** `text` with the [start, end) ranges blanked out, offsets kept. */
export function blankRanges(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  let out = text;
  for (const [from, to] of ranges) out = out.slice(0, from) + blank(out.slice(from, to)) + out.slice(to);
  return out;
}

export function splitAnswer(text: string): AnswerSegments {
  const lines = text.split('\n');
  const fences: Fence[] = [];
  const out: string[] = [];
  let open: { close: RegExp; tag: string; body: string[] } | null = null;
  for (const line of lines) {
    if (open) {
      if (open.close.test(line)) {
        fences.push({ tag: open.tag, body: open.body.join('\n'), closed: true });
        open = null;
      } else {
        open.body.push(line);
      }
      out.push(blank(line));
      continue;
    }
    const oneLine = ONE_LINE_FENCE.exec(line);
    if (oneLine) {
      fences.push({ tag: oneLine[2]!.toLowerCase(), body: oneLine[3]!, closed: true });
      out.push(blank(line));
      continue;
    }
    const opening = OPEN_FENCE.exec(line);
    if (opening && !(opening[1]![0] === '`' && line.slice(line.indexOf(opening[1]!) + opening[1]!.length).includes('`'))) {
      const marker = opening[1]!;
      const close = new RegExp(`^[ \\t]*${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t\\r]*$`);
      open = { close, tag: opening[2]!.toLowerCase(), body: [] };
      out.push(blank(line));
      continue;
    }
    out.push(BLOCKQUOTE.test(line) ? blank(line) : line);
  }
  if (open) fences.push({ tag: open.tag, body: open.body.join('\n'), closed: false });

  const own = out.join('\n');
  const spans: Array<[number, number]> = [];
  const words = own.replace(CODE_SPAN, (match: string, _ticks: string, content: string, offset: number) => {
    if (PLAIN_VALUE.test(content) && normaliseWinner(content, true) !== null) return match;
    spans.push([offset, offset + match.length]);
    return blank(match);
  });
  return { own, words, fences, spans };
}

/** Tags of fences that may hold the judge's own JSON verdict (see parser.ts for when they count). */
export function isJsonTag(tag: string): boolean {
  return tag === 'json' || tag === 'jsonc' || tag === 'json5';
}
