/**
 * From a model's answer to a `Program`: pick the block (the data room's
 * `pickProgramBlock`, which follows the reference), decide language and
 * environment (`detectCode`), lay out files, collect dependencies; or say why
 * there is nothing to run.
 */
import {
  canonicalEnvironment,
  canonicalLanguage,
  detectCode,
  findAnswerBlocks,
  isKnownEnvironment,
  isKnownLanguage,
  isNonProgramBlock,
  isShellBlock,
  pickProgramBlock,
  type CodeBlock,
  type KnownEnvironment,
  type KnownLanguage,
} from '../../data/extract-code.js';
import type { SideView } from '../../data/comparison.js';
import { cdnPackages, importedPackages, installedPackages, manifestPackages, mergeDependencies } from './dependencies.js';
import { fileNameOf } from './file-names.js';
import { entryPath, extensionOf } from './layout.js';
import type { Dependencies, NoCode, NoCodeReason, Program, ProgramResult } from './types.js';

export interface ExtractProgramOptions {
  /**
   * An answer without any fence: `no-code` (default) reports it; `code` takes
   * the whole text as the program (for sources that store bare code, such as
   * generated solutions).
   */
  unfenced?: 'no-code' | 'code';
}

const noCode = (reason: NoCodeReason, message: string, dependencies: Dependencies = { pip: [], npm: [] }): NoCode => ({
  kind: 'no-code',
  reason,
  message,
  dependencies,
});

/** Environments whose app template owns the workspace root: extra files go next to the entry, under `src/`. */
const TEMPLATE_SRC: ReadonlySet<KnownEnvironment> = new Set(['React', 'Vue']);

export function extractProgram(answer: string | null | undefined, options: ExtractProgramOptions = {}): ProgramResult {
  if (!answer || answer.trim() === '') return noCode('empty-answer', 'the answer is empty');
  let blocks = findAnswerBlocks(answer);
  const notes: string[] = [];
  if (!blocks.some((b) => b.code.trim() !== '')) {
    if (options.unfenced !== 'code') {
      const named = installedPackages(answer, [], null);
      return noCode('no-code-block', blocks.length > 0 ? 'the answer has only empty code blocks' : 'the answer has no fenced code block', named);
    }
    blocks = [{ tag: '', code: answer, closed: true, info: '', line: -1 }];
    notes.push('no fence: the whole text is the program');
  }
  const chosen = pickProgramBlock(blocks)!;
  // A shell block that was picked is not the program: all its lines may install things.
  const installs = installedPackages(answer, blocks, isNonProgramBlock(chosen) ? null : chosen);
  if (isNonProgramBlock(chosen)) {
    const kind = isShellBlock(chosen) ? 'shell commands' : 'output or configuration';
    return noCode('shell-only', `the answer's code blocks are only ${kind} (\`${chosen.tag}\`)`, installs);
  }
  const { language, environment } = detectCode(chosen.tag, chosen.code);
  if (!isKnownLanguage(language) || environment === null) {
    const what = chosen.tag ? `tagged \`${chosen.tag}\`` : 'untagged';
    return noCode('unknown-language', `the program block is ${what} and its language is not one the executor runs`, installs);
  }
  const nonEmpty = blocks.filter((b) => b.code.trim() !== '');
  if (nonEmpty.length > 1) {
    const index = nonEmpty.indexOf(chosen) + 1;
    notes.push(`${nonEmpty.length} code blocks: took block ${index} (${chosen.tag || 'untagged'}, ${chosen.code.trim().length} chars), the longest program block`);
  }
  if (chosen.info === 'headless') notes.push(`the answer starts with ${language} code whose opening fence is missing: took the text before the first fence`);
  if (!chosen.closed) notes.push('the last code fence is not closed: the answer may be truncated');
  return {
    kind: 'program',
    program: assemble({ answer, blocks, chosen, language, environment, installs, notes }),
  };
}

interface Assembly {
  answer: string;
  blocks: CodeBlock[];
  chosen: CodeBlock;
  language: KnownLanguage;
  environment: KnownEnvironment;
  installs: Dependencies;
  notes: string[];
}

function assemble({ answer, blocks, chosen, language, environment, installs, notes }: Assembly): Program {
  const lines = answer.split(/\r?\n/);
  const given = chosen.line >= 0 ? fileNameOf(chosen, lines) : firstLineName(chosen);
  const entry = entryPath(environment, language, chosen.code, given);
  if (given !== null) notes.push(given === entry ? `file name from the answer: ${given}` : `the answer names the file ${given}; the ${environment} environment runs it as ${entry}`);
  const files: Record<string, string> = { [entry]: runnable(language, chosen.code, notes) };

  // Other blocks the answer names as files (a stylesheet, a helper module) travel with the program.
  const dir = TEMPLATE_SRC.has(environment) ? 'src/' : '';
  const extras: string[] = [];
  for (const b of blocks) {
    if (b === chosen || b.code.trim() === '' || isNonProgramBlock(b)) continue;
    const name = fileNameOf(b, lines);
    if (name === null || name === given || baseName(name) === baseName(entry)) continue;
    const path = dir && !name.startsWith(dir) ? dir + name : name;
    if (path in files) continue;
    files[path] = b.code;
    extras.push(path);
  }
  if (extras.length > 0) notes.push(`extra files from the answer: ${extras.join(', ')}`);

  const localModules = Object.keys(files).map((p) => baseName(p).replace(/\.[^.]+$/, ''));
  const sameLanguage = Object.entries(files)
    .filter(([p]) => p === entry || extensionOf(p) === extensionOf(entry))
    .map(([, code]) => code)
    .join('\n');
  // Only web code loads from CDNs; a URL inside a Python string is not something we serve.
  const fromCdn = ['HTML', 'JavaScript', 'TypeScript'].includes(language) ? cdnPackages(Object.values(files).join('\n')) : [];
  if (fromCdn.length > 0) notes.push(`loads ${fromCdn.join(', ')} from a CDN: offline the executor must serve them locally`);
  const dependencies = mergeDependencies(
    installs,
    manifestPackages(blocks, lines),
    importedPackages(language, sameLanguage, localModules),
    { pip: [], npm: fromCdn },
  );
  return { language, environment, files, entry, dependencies, notes };
}

/** Notebook install lines (`!pip install x`) are not Python: drop them (their packages are already dependencies). */
function runnable(language: KnownLanguage, code: string, notes: string[]): string {
  if (language !== 'Python') return code;
  const kept = code.split(/\r?\n/).filter((l) => !/^\s*[!%]\s*pip3?\s+install\b/.test(l));
  const dropped = code.split(/\r?\n/).length - kept.length;
  if (dropped > 0) notes.push(`removed ${dropped} notebook install line(s) (!pip install)`);
  return dropped > 0 ? kept.join('\n') : code;
}

function firstLineName(block: CodeBlock): string | null {
  return fileNameOf({ ...block, line: 0 }, ['']);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export interface RecordedHints {
  /** The recorded `code_language`, any spelling. */
  language?: string | null;
  /** The recorded `sandbox_environment`, any spelling. */
  environment?: string | null;
  /** The recorded `code_dependencies`. */
  dependencies?: Dependencies;
}

/**
 * A program from code that is already extracted (a recorded
 * `code_to_execute`): recorded language and environment win when they are
 * names we know; otherwise they are detected from the code.
 */
export function programFromCode(code: string, hints: RecordedHints = {}): ProgramResult {
  if (code.trim() === '') return noCode('empty-answer', 'the code is empty');
  const detected = detectCode('', code);
  const hintedLanguage = canonicalLanguage(hints.language);
  const hintedEnvironment = canonicalEnvironment(hints.environment);
  const language = isKnownLanguage(hintedLanguage) ? hintedLanguage : detected.language;
  const environment = isKnownEnvironment(hintedEnvironment) ? hintedEnvironment : detected.environment;
  if (!isKnownLanguage(language) || environment === null) {
    return noCode('unknown-language', 'the code\'s language is not recorded and not one the executor recognises');
  }
  const notes: string[] = [];
  if (hintedLanguage !== null && hintedLanguage !== language) notes.push(`recorded language "${hints.language}" is unknown: detected ${language}`);
  if (hintedEnvironment !== null && hintedEnvironment !== environment) notes.push(`recorded environment "${hints.environment}" is unknown: detected ${environment}`);
  const block: CodeBlock = { tag: '', code, closed: true, info: '', line: -1 };
  return {
    kind: 'program',
    program: assemble({ answer: code, blocks: [block], chosen: block, language, environment, installs: hints.dependencies ?? { pip: [], npm: [] }, notes }),
  };
}

/**
 * Dependencies from a recorded `code_dependencies` value. The arena records
 * `[pip, npm]` (two lists of names); its dependency editor also stores rows
 * of `[type, name, version]`. Anything else gives no dependencies.
 */
export function recordedDependencies(value: readonly (readonly string[] | null | undefined)[] | null | undefined): Dependencies {
  const out: Dependencies = { pip: [], npm: [] };
  if (!value) return out;
  const rows = value.filter((v): v is readonly string[] => Array.isArray(v));
  const triples = rows.length > 0 && rows.every((r) => r.length === 3 && /^(python|pip|npm)$/i.test(r[0] ?? ''));
  if (triples) {
    for (const [type, name, version] of rows) {
      if (!name?.trim()) continue;
      const v = version?.trim() ?? '';
      const list = /^npm$/i.test(type!) ? out.npm : out.pip;
      list.push(v === '' || v.toLowerCase() === 'latest' ? name.trim() : `${name.trim()}${v}`);
    }
    return out;
  }
  out.pip.push(...(value[0] ?? []).filter((s) => s.trim() !== ''));
  out.npm.push(...(value[1] ?? []).filter((s) => s.trim() !== ''));
  return mergeDependencies(out);
}

/**
 * The program of one side of a comparison: its recorded code with the
 * recorded names when it has some, else the program in its answer.
 */
export function programOfSide(side: Pick<SideView, 'code' | 'language' | 'environment' | 'answer'>, recorded?: Dependencies): ProgramResult {
  if (side.code !== null && side.code.trim() !== '') {
    return programFromCode(side.code, { language: side.language, environment: side.environment, dependencies: recorded });
  }
  return extractProgram(side.answer);
}
