/**
 * Text that the judge must read but that nobody vouches for (the request,
 * the answers, their code, stdout and stderr) must not be able to reshape
 * the prompt around it. Two ways it could:
 *
 * - Forged section markers: an answer holding the line "[ASSISTANT B: CODE]"
 *   or "[END OF USER REQUEST]" could make the judge read the rest as another
 *   section (and a verdict after it as an instruction). `neutraliseMarkers`
 *   prefixes every line that looks like a marker with "(quoted) ", so it can
 *   no longer be mistaken for one. A line looks like a marker when, ignoring
 *   case, spaces and markdown decoration, it equals a line of the template's
 *   own text, or it is a bracketed label naming a section ("[assistant c:
 *   output]", "[end of answer]", "[system]").
 * - An early fence close: a value shown in a code fence could close that
 *   fence with a ``` line of its own. `fenceFor` returns a backtick fence
 *   longer than any backtick run in the value, so nothing inside can close it.
 */

export const NEUTRALISED_PREFIX = '(quoted) ';

/** Section words of bracketed marker lines, after normalising (lower case, no spaces). */
const SECTION_WORD = /assistant|userrequest|endof|answer|response|judge|verdict|system|instruction/;

/** Lower case, no whitespace, no markdown emphasis, heading or quote characters. */
function normaliseLine(line: string): string {
  return line.toLowerCase().replace(/[\s*_#>]+/g, '');
}

/** The normalised lines of a template's own text, for `neutraliseMarkers`. */
export function markerLines(staticText: readonly string[]): ReadonlySet<string> {
  const lines = new Set<string>();
  for (const text of staticText) {
    for (const line of text.split('\n')) {
      const normal = normaliseLine(line);
      if (normal.length >= 3) lines.add(normal);
    }
  }
  return lines;
}

function looksLikeMarker(line: string, markers: ReadonlySet<string>): boolean {
  const normal = normaliseLine(line);
  if (normal === '') return false;
  if (markers.has(normal)) return true;
  return normal.startsWith('[') && normal.endsWith(']') && SECTION_WORD.test(normal);
}

/** `text` with every line that looks like a section marker prefixed, so it reads as quoted text. */
export function neutraliseMarkers(text: string, markers: ReadonlySet<string> = new Set()): string {
  if (text === '') return text;
  return text
    .split('\n')
    .map((line) => (looksLikeMarker(line, markers) ? `${NEUTRALISED_PREFIX}${line}` : line))
    .join('\n');
}

/** A backtick fence longer than any run of backticks in `text` (at least three). */
export function fenceFor(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** `text` in a code fence it cannot close. */
export function fenced(text: string): string {
  const fence = fenceFor(text);
  return `${fence}\n${text}\n${fence}`;
}
