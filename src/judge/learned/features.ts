/**
 * The learned judge's features: one table of per-side features in two groups.
 *
 * | feature                | group       | value                                                              |
 * | ---------------------- | ----------- | ------------------------------------------------------------------ |
 * | answer_chars_log       | code-only   | ln(1 + characters of the answer judged, `answerJudged`)            |
 * | prose_chars_log        | code-only   | ln(1 + answer characters outside fenced code blocks)               |
 * | code_chars_log         | code-only   | ln(1 + characters of the code, `codeOf`)                           |
 * | code_lines_log         | code-only   | ln(1 + lines of code)                                              |
 * | code_blocks            | code-only   | number of fenced blocks in the answer                              |
 * | has_code               | code-only   | 1 when there is any code                                           |
 * | comment_ratio          | code-only   | comment lines / non-blank code lines                               |
 * | has_entry_point        | code-only   | 1 when the code has a main / script guard / mount / launch call    |
 * | turns                  | code-only   | user turns in the conversation                                     |
 * | rounds                 | code-only   | sandbox rounds recorded                                            |
 * | lang=<L>               | code-only   | one-hot over LANGUAGES, plus lang=other (all 0 when unknown)       |
 * | env=<E>                | code-only   | one-hot over ENVIRONMENTS, plus env=other (all 0 when unknown)     |
 * | exec_success           | with-output | 1 when the run succeeded (`runStatus` ok)                          |
 * | exec_unknown           | with-output | 1 when nothing says whether it ran (`runStatus` unknown)           |
 * | error_present          | with-output | 1 when there is an error text (`hasError`)                         |
 * | error=<kind>           | with-output | one-hot over syntax, import, timeout, no_code, runtime             |
 * | output_chars_log       | with-output | ln(1 + characters of the output, 0 unless `hasOutput`)             |
 * | has_output             | with-output | 1 when `hasOutput` (an error is not output)                        |
 * | has_screenshot         | with-output | 1 when `hasScreenshot`                                             |
 *
 * What a side's code, answer and run are is decided in `data/execution.ts`,
 * shared with the baselines, the prompt builder and the data summary.
 *
 * `code-only` mode uses the first group; `with-output` uses both (the judge
 * then sees everything a code-only judge sees, plus what the code did), so the
 * difference between the two modes measures what execution adds.
 *
 * Pair features are built from the two (standardised) side vectors in
 * `model.ts`: d = A - B, which flips sign when the sides are swapped, and
 * g = [A + B, |A - B|], which does not. Only d decides between A and B, so
 * the model is antisymmetric by construction (no augmentation needed).
 */
import { ENVIRONMENTS, LANGUAGES, type SideView } from '../../data/comparison.js';
import type { JudgeMode } from '../types.js';
import { EXECUTION_ERROR_KINDS } from './error-kind.js';
import { sideFacts, type SideFacts } from './side-facts.js';

export type FeatureGroup = 'code-only' | 'with-output';

export interface FeatureDefinition {
  name: string;
  group: FeatureGroup;
  description: string;
  value(facts: SideFacts): number;
}

const bool = (b: boolean): number => (b ? 1 : 0);
const log1p = (n: number): number => Math.log1p(n);

function oneHot(
  prefix: string,
  known: readonly string[],
  pick: (f: SideFacts) => string | null,
  group: FeatureGroup,
  what: string,
): FeatureDefinition[] {
  const isKnown = (v: string | null) => v !== null && known.includes(v);
  return [
    ...known.map((k) => ({
      name: `${prefix}=${k}`,
      group,
      description: `1 when the ${what} is ${k}`,
      value: (f: SideFacts) => bool(pick(f) === k),
    })),
    {
      name: `${prefix}=other`,
      group,
      description: `1 when the ${what} is recorded but not one of the known ones`,
      value: (f: SideFacts) => bool(pick(f) !== null && !isKnown(pick(f))),
    },
  ];
}

export const FEATURES: readonly FeatureDefinition[] = [
  { name: 'answer_chars_log', group: 'code-only', description: 'ln(1 + characters of the answer judged)', value: (f) => log1p(f.answerChars) },
  { name: 'prose_chars_log', group: 'code-only', description: 'ln(1 + answer characters outside fenced code blocks)', value: (f) => log1p(f.proseChars) },
  { name: 'code_chars_log', group: 'code-only', description: 'ln(1 + characters of the code)', value: (f) => log1p(f.code.length) },
  { name: 'code_lines_log', group: 'code-only', description: 'ln(1 + lines of code)', value: (f) => log1p(f.codeLines) },
  { name: 'code_blocks', group: 'code-only', description: 'number of fenced blocks in the answer', value: (f) => f.codeBlocks },
  { name: 'has_code', group: 'code-only', description: '1 when there is any code', value: (f) => bool(f.code.trim() !== '') },
  { name: 'comment_ratio', group: 'code-only', description: 'comment lines / non-blank code lines', value: (f) => f.commentRatio },
  { name: 'has_entry_point', group: 'code-only', description: '1 when the code has a main, script guard, mount or launch call', value: (f) => bool(f.hasEntryPoint) },
  { name: 'turns', group: 'code-only', description: 'user turns in the conversation', value: (f) => f.turns },
  { name: 'rounds', group: 'code-only', description: 'sandbox rounds recorded', value: (f) => f.rounds },
  ...oneHot('lang', LANGUAGES, (f) => f.language, 'code-only', 'language'),
  ...oneHot('env', ENVIRONMENTS, (f) => f.environment, 'code-only', 'sandbox environment'),
  { name: 'exec_success', group: 'with-output', description: '1 when the run succeeded (success flag, else no error and some output or screenshot)', value: (f) => bool(f.success === true) },
  { name: 'exec_unknown', group: 'with-output', description: '1 when nothing says whether the code ran', value: (f) => bool(f.success === null) },
  { name: 'error_present', group: 'with-output', description: '1 when there is an error text', value: (f) => bool(f.errorKind !== 'none') },
  ...EXECUTION_ERROR_KINDS.filter((k) => k !== 'none').map(
    (kind): FeatureDefinition => ({
      name: `error=${kind}`,
      group: 'with-output',
      description: `1 when the recorded error is of kind ${kind}`,
      value: (f) => bool(f.errorKind === kind),
    }),
  ),
  { name: 'output_chars_log', group: 'with-output', description: 'ln(1 + characters of the output)', value: (f) => log1p(f.outputChars) },
  { name: 'has_output', group: 'with-output', description: '1 when the program printed output (an error is not output)', value: (f) => bool(f.outputChars > 0) },
  { name: 'has_screenshot', group: 'with-output', description: '1 when there is a screenshot', value: (f) => bool(f.hasScreenshot) },
];

/** The feature groups a judge mode sees. */
export function groupsFor(mode: JudgeMode): readonly FeatureGroup[] {
  return mode === 'code-only' ? ['code-only'] : ['code-only', 'with-output'];
}

/** The features of a mode, in table order. */
export function featuresFor(mode: JudgeMode): readonly FeatureDefinition[] {
  const groups = groupsFor(mode);
  return FEATURES.filter((f) => groups.includes(f.group));
}

export function featureNames(mode: JudgeMode): string[] {
  return featuresFor(mode).map((f) => f.name);
}

/** One side's feature vector for a mode (raw, not standardised). */
export function sideVector(side: SideView, mode: JudgeMode): number[] {
  const facts = sideFacts(side);
  return featuresFor(mode).map((f) => f.value(facts));
}

/** A side's vector for several modes at once, its facts derived once. */
export function sideVectorsByMode(side: SideView, modes: readonly JudgeMode[]): Map<JudgeMode, number[]> {
  const facts = sideFacts(side);
  return new Map(modes.map((m) => [m, featuresFor(m).map((f) => f.value(facts))]));
}

/** The feature table as rows, for notebooks and the README. */
export function featureTable(): { name: string; group: FeatureGroup; description: string }[] {
  return FEATURES.map(({ name, group, description }) => ({ name, group, description }));
}
