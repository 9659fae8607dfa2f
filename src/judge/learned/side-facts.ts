/**
 * The raw facts about one side of a comparison that the learned judge's
 * features are computed from, each derived once per side (code extraction and
 * regexes are the expensive part). The side's code, answer and run are read
 * through `data/execution.ts`, as the baselines, the prompt builder and the
 * data summary read them.
 */
import type { SideView } from '../../data/comparison.js';
import { answerJudged, codeOf, executionOf, hasScreenshot, outputText, ranSuccessfully } from '../../data/execution.js';
import { canonicalEnvironment, canonicalLanguage, extractCode, findCodeBlocks } from '../../data/extract-code.js';
import { classifyExecutionError, type ExecutionErrorKind } from './error-kind.js';

export interface SideFacts {
  /** Characters of `answerJudged(side)`. */
  answerChars: number;
  /** Characters of the final message outside fenced blocks: the explanation. */
  proseChars: number;
  /** `codeOf(side)`: the executed code, else the program extracted from the answer, else ''. */
  code: string;
  codeBlocks: number;
  codeLines: number;
  /** Comment lines / non-blank lines of `code` (0 when there is no code). */
  commentRatio: number;
  hasEntryPoint: boolean;
  language: string | null;
  environment: string | null;
  turns: number;
  rounds: number;
  /** `ranSuccessfully`: the success flag, else inferred from error / output / screenshot; null when nothing says. */
  success: boolean | null;
  errorKind: ExecutionErrorKind;
  /** Characters of the output when it `hasOutput`, else 0. */
  outputChars: number;
  hasScreenshot: boolean;
}

/*
 * Line-comment starts across the arena's languages. '#' lines count only when
 * they are not C preprocessor directives or a shebang.
 */
const COMMENT_LINE = /^(\/\/|\/\*|\*|<!--|--\s|%%|#(?!include\b|define\b|if|endif\b|else\b|pragma\b|!|undef\b))/;

/**
 * A heuristic "this is a complete runnable program" marker per ecosystem:
 * a main function, a script guard, a UI framework's launch call or mount, a
 * default-exported component, a full HTML page, a Mermaid diagram header.
 */
const ENTRY_POINT =
  /if\s+__name__\s*==\s*['"]__main__['"]|\b(int|void)\s+main\s*\(|\bfunc\s+main\s*\(|\bfn\s+main\s*\(|static\s+void\s+main\s*\(|createRoot\s*\(|ReactDOM\.render|createApp\s*\(|export\s+default\b|<html[\s>]|\.launch\s*\(|\bst\.\w+\s*\(|pygame\.init\s*\(|asyncio\.run\s*\(|^\s*(graph|flowchart|sequenceDiagram|classDiagram|stateDiagram|erDiagram|gantt|pie)\b/m;

export function commentRatio(code: string): number {
  const lines = code.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) return 0;
  return lines.filter((l) => COMMENT_LINE.test(l)).length / lines.length;
}

export function hasEntryPoint(code: string): boolean {
  return ENTRY_POINT.test(code);
}

export function sideFacts(side: SideView): SideFacts {
  const message = side.answer;
  const blocks = findCodeBlocks(message);
  const code = codeOf(side);
  // Without recorded code, language and environment come from the program extracted from the answer.
  const extracted = (side.code ?? '').trim() !== '' ? null : extractCode(message);
  const execution = executionOf(side);
  const blockChars = blocks.reduce((sum, b) => sum + b.code.length, 0);
  return {
    answerChars: answerJudged(side).length,
    proseChars: Math.max(0, message.length - blockChars),
    code,
    codeBlocks: blocks.length,
    codeLines: code === '' ? 0 : code.split(/\r?\n/).length,
    commentRatio: commentRatio(code),
    hasEntryPoint: hasEntryPoint(code),
    language: canonicalLanguage(side.language ?? extracted?.language),
    environment: canonicalEnvironment(side.environment ?? extracted?.environment),
    turns: side.turns,
    rounds: side.rounds.length,
    success: ranSuccessfully(execution),
    errorKind: classifyExecutionError(execution.error),
    outputChars: outputText(execution).length,
    hasScreenshot: hasScreenshot(execution),
  };
}
