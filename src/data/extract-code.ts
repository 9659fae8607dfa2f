/**
 * From a model's answer (prose plus fenced code blocks) to the code it holds:
 * which block, which language, which sandbox environment. The data room uses it
 * when a record has no recorded `code_to_execute` and to put recorded names
 * into the canonical spelling of `LANGUAGES` / `ENVIRONMENTS`; the executor
 * (`src/exec/program`) builds runnable programs on top of it. One
 * implementation for both: the executor cannot be imported from here.
 *
 * It follows BigCodeArena's auto-selection (its `code_analyzer`), with these
 * deliberate differences:
 * - Fences: ``` and ~~~ at a line start, a longer fence is closed only by one
 *   as long, and an unclosed last fence still counts (truncated answers). The
 *   reference's regex matches closed ``` pairs anywhere, even inside a string
 *   literal of the program.
 * - Block choice: like the reference, the longest (trimmed) block whose tag is
 *   not shell-like or empty, the first on equal length. We also skip blocks
 *   that are output or config (`text`, `output`, `json`, `yaml`, ...): they are
 *   never the program. Without such a block we take the longest untagged
 *   block, and only then a shell or output block (the reference: the longest
 *   block of any kind).
 * - An answer that starts with code and a bare closing fence (its opening
 *   fence lost) has that code as a block (`findAnswerBlocks`); the reference
 *   pairs the fences wrongly and runs prose or nothing.
 * - Stylesheets (`css`, ...) are never picked; the reference may pick one and
 *   then finds no environment.
 * - Untagged or unknown tags: the reference gives no environment; we guess the
 *   language from unmistakable markers and decide the environment from it.
 * - Python frameworks are decided by imports only; the reference also takes
 *   any variable named `gr` or `st` as Gradio or Streamlit.
 * - An `html`-tagged fragment (no `<html>` or doctype) is HTML; the reference
 *   sends it through its JavaScript detector.
 * - TypeScript vs JavaScript uses textual markers (annotations, interfaces,
 *   `lang="ts"`), not a parser.
 */
import { ENVIRONMENTS, LANGUAGES } from './comparison.js';

export type KnownLanguage = (typeof LANGUAGES)[number];
export type KnownEnvironment = (typeof ENVIRONMENTS)[number];

export interface CodeBlock {
  /** The fence's info string's first word, lower-cased ('' when untagged). */
  tag: string;
  code: string;
  /** False when the answer ended before the closing fence (a truncated answer). */
  closed: boolean;
  /** The rest of the info string after the tag (e.g. `title="app.py"`), trimmed. */
  info: string;
  /** 0-based line of the opening fence in the answer. */
  line: number;
}

export interface ExtractedCode {
  code: string;
  /** Canonical language (from the fence tag, else guessed from the code), or null if unknown. */
  language: string | null;
  environment: string | null;
  tag: string;
}

/** Fence tags and recorded `code_language` spellings -> canonical language names. */
const LANGUAGE_ALIASES: Record<string, KnownLanguage> = {
  python: 'Python', py: 'Python', python3: 'Python', ipython: 'Python', gradio: 'Python', streamlit: 'Python', pygame: 'Python',
  javascript: 'JavaScript', js: 'JavaScript', jsx: 'JavaScript', mjs: 'JavaScript', cjs: 'JavaScript', node: 'JavaScript',
  nodejs: 'JavaScript', react: 'JavaScript', vue: 'JavaScript',
  typescript: 'TypeScript', ts: 'TypeScript', tsx: 'TypeScript',
  html: 'HTML', htm: 'HTML', xhtml: 'HTML', svg: 'HTML',
  c: 'C', h: 'C',
  cpp: 'C++', 'c++': 'C++', cc: 'C++', cxx: 'C++', hpp: 'C++',
  java: 'Java',
  go: 'Go', golang: 'Go',
  rust: 'Rust', rs: 'Rust',
  markdown: 'Markdown', md: 'Markdown', mermaid: 'Markdown', mmd: 'Markdown',
};

/** Recorded environment spellings (BigCodeArena's UI names and our canonical ones) -> canonical names. */
const ENVIRONMENT_ALIASES: Record<string, KnownEnvironment> = {
  ...Object.fromEntries(ENVIRONMENTS.map((e) => [e.toLowerCase(), e])),
  'golang runner': 'Go Runner',
  'javascript code interpreter': 'JavaScript Runner',
  'python code interpreter': 'Python Runner',
  'c++ code runner': 'C++ Runner',
  'c code runner': 'C Runner',
  'java code runner': 'Java Runner',
  'rust code runner': 'Rust Runner',
  'go code runner': 'Go Runner',
  'vanilla html': 'HTML',
};

/** Canonical language for a fence tag or recorded name; unknown non-empty names pass through unchanged. */
export function canonicalLanguage(name: string | null | undefined): string | null {
  const key = name?.trim();
  if (!key) return null;
  return LANGUAGE_ALIASES[key.toLowerCase()] ?? key;
}

/** Canonical environment for a recorded name; unknown non-empty names pass through unchanged. */
export function canonicalEnvironment(name: string | null | undefined): string | null {
  const key = name?.trim();
  if (!key) return null;
  return ENVIRONMENT_ALIASES[key.toLowerCase()] ?? key;
}

export function isKnownLanguage(name: string | null | undefined): name is KnownLanguage {
  return typeof name === 'string' && (LANGUAGES as readonly string[]).includes(name);
}

export function isKnownEnvironment(name: string | null | undefined): name is KnownEnvironment {
  return typeof name === 'string' && (ENVIRONMENTS as readonly string[]).includes(name);
}

/** Shell tags: commands for the reader (installs, runs), never the program. */
const SHELL_TAGS = new Set(['bash', 'sh', 'shell', 'console', 'zsh', 'powershell', 'pwsh', 'cmd', 'bat', 'terminal']);
/** Output and config tags: shown to the reader, never the program. */
const OUTPUT_TAGS = new Set(['text', 'txt', 'plaintext', 'output', 'json', 'yaml', 'yml', 'toml', 'ini', 'diff', 'log', 'csv', 'env']);

/** True for blocks that are shell commands (their install lines still give dependencies). */
export function isShellBlock(block: Pick<CodeBlock, 'tag'>): boolean {
  return SHELL_TAGS.has(block.tag);
}

/** True for blocks that are never the program: shell commands, sample output, configuration. */
export function isNonProgramBlock(block: Pick<CodeBlock, 'tag'>): boolean {
  return SHELL_TAGS.has(block.tag) || OUTPUT_TAGS.has(block.tag);
}

/**
 * All fenced blocks (``` or ~~~, 3 or more), in answer order. A fence left open
 * at the end of the answer yields a block running to the end (truncated answers
 * are common and their code is still the code). An info string like
 * `js:src/App.js` gives tag `js` and info `src/App.js`.
 */
export function findCodeBlocks(answer: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = answer.split(/\r?\n/);
  let open: { fence: string; tag: string; info: string; line: number; body: string[] } | null = null;
  lines.forEach((line, index) => {
    if (!open) {
      const m = /^\s{0,3}(`{3,}|~{3,})\s*([^\s`]*)(.*)$/.exec(line);
      if (!m) return;
      let tag = m[2]!.toLowerCase().replace(/^\{?\.?/, '').replace(/\}$/, '');
      let info = m[3]!.trim();
      const colon = /^([\w+#.-]+):(\S+)$/.exec(tag);
      if (colon) {
        tag = colon[1]!;
        info = `${m[2]!.slice(m[2]!.indexOf(':') + 1)} ${info}`.trim();
      }
      open = { fence: m[1]!, tag, info, line: index, body: [] };
      return;
    }
    const close = /^\s{0,3}(`{3,}|~{3,})\s*$/.exec(line);
    if (close && close[1]![0] === open.fence[0] && close[1]!.length >= open.fence.length) {
      blocks.push({ tag: open.tag, code: open.body.join('\n'), closed: true, info: open.info, line: open.line });
      open = null;
    } else {
      open.body.push(line);
    }
  });
  // TypeScript cannot see the assignment inside the callback: read it through a widened alias.
  const last = open as { tag: string; info: string; line: number; body: string[] } | null;
  if (last) blocks.push({ tag: last.tag, code: last.body.join('\n'), closed: false, info: last.info, line: last.line });
  return blocks;
}

/** Tag a headless block gets from its guessed language, so it competes with tagged blocks on length. */
const TAG_OF_LANGUAGE: Record<KnownLanguage, string> = {
  Python: 'python', JavaScript: 'javascript', TypeScript: 'typescript', HTML: 'html', C: 'c', 'C++': 'cpp',
  Java: 'java', Go: 'go', Rust: 'rust', Markdown: 'mermaid',
};

/**
 * `findCodeBlocks`, plus the block of an answer whose opening fence was lost:
 * when the answer starts with text that is unmistakably code and the first
 * fence is a bare one, that text is a block (tagged with its guessed
 * language) closed by that fence, and the rest is read after it. Models and
 * pipelines that strip the first fence produce such answers (for example some
 * of BigCodeArena's generated solutions). Otherwise the same as `findCodeBlocks`.
 */
export function findAnswerBlocks(answer: string): CodeBlock[] {
  const lines = answer.split(/\r?\n/);
  const first = lines.findIndex((l) => /^\s{0,3}(`{3,}|~{3,})/.test(l));
  if (first <= 0 || !/^\s{0,3}(`{3,}|~{3,})\s*$/.test(lines[first]!)) return findCodeBlocks(answer);
  const head = lines.slice(0, first).join('\n');
  const language = guessLanguage(head);
  if (language === null || head.trim().split(/\n/).length < 3) return findCodeBlocks(answer);
  // Read normally, the bare fence opens a block: if that block is code (and does not swallow a tagged
  // fence, the sign of fences read off by one), the fence was an opener after all.
  const normal = findCodeBlocks(answer);
  const swallowsFence = (b: CodeBlock) => /^\s{0,3}(`{3,}|~{3,})\s*[\w+#.-]+/m.test(b.code);
  if (normal[0] && guessLanguage(normal[0].code) !== null && !swallowsFence(normal[0])) return normal;
  const rest = findCodeBlocks(lines.slice(first + 1).join('\n')).map((b) => ({ ...b, line: b.line + first + 1 }));
  return [{ tag: TAG_OF_LANGUAGE[language], code: head, closed: true, info: 'headless', line: -1 }, ...rest];
}

/** Stylesheets travel with a program but are never the program. */
const STYLE_TAGS = new Set(['css', 'scss', 'sass', 'less']);

/**
 * The block that holds the program: the longest (trimmed) block with a
 * program-like tag, the first on equal length (as the reference); else the
 * longest untagged block; else the longest of any kind (a shell-only answer).
 * Null when there is no non-empty block.
 */
export function pickProgramBlock(blocks: readonly CodeBlock[]): CodeBlock | null {
  const nonEmpty = blocks.filter((b) => b.code.trim() !== '');
  const longest = (pool: CodeBlock[]): CodeBlock | null => {
    let best: CodeBlock | null = null;
    for (const b of pool) if (!best || b.code.trim().length > best.code.trim().length) best = b;
    return best;
  };
  return (
    longest(nonEmpty.filter((b) => b.tag !== '' && !isNonProgramBlock(b) && !STYLE_TAGS.has(b.tag))) ??
    longest(nonEmpty.filter((b) => b.tag === '')) ??
    longest(nonEmpty)
  );
}

/**
 * The program in an answer: the block `pickProgramBlock` takes among `findAnswerBlocks`, with its
 * language and environment (`detectCode`). No non-empty fenced block: null.
 */
export function extractCode(answer: string | null | undefined): ExtractedCode | null {
  if (!answer) return null;
  const best = pickProgramBlock(findAnswerBlocks(answer));
  if (!best) return null;
  const { language, environment } = detectCode(best.tag, best.code);
  return { code: best.code, language, environment, tag: best.tag };
}

const tagIs = (tag: string, ...names: string[]): boolean => names.includes(tag);
const PY_TAGS = ['python', 'py', 'python3', 'ipython', 'pygame', 'gradio', 'streamlit'];
const JS_TAGS = ['javascript', 'js', 'jsx', 'mjs', 'cjs', 'node', 'nodejs'];
const TS_TAGS = ['typescript', 'ts', 'tsx'];

/** A full HTML page (or a bare SVG), whatever the fence says, except code tagged as JS/TS/React/Vue. */
function looksLikeHtmlPage(tag: string, code: string): boolean {
  const doctype = /<!DOCTYPE html/i.test(code);
  if (doctype && /<(head|body)[\s>]/i.test(code)) return true;
  if (/^\s*<svg[\s>]/i.test(code)) return true;
  const scriptTag = tagIs(tag, ...JS_TAGS, ...TS_TAGS, 'react', 'vue');
  return !scriptTag && (doctype || /<html[\s>]/i.test(code));
}

/**
 * Language and environment of a block, by the reference's order: Python tags
 * (frameworks by imports), Vue and React tags, a full HTML page, JS/TS tags
 * (frameworks by imports and patterns), HTML, Mermaid, compiled languages by
 * tag; an untagged or unknown tag falls back to markers in the code.
 */
export function detectCode(tag: string, code: string): { language: string | null; environment: KnownEnvironment | null } {
  const jsOrTs = (): KnownLanguage => (looksLikeTypeScript(code) ? 'TypeScript' : 'JavaScript');
  if (tagIs(tag, ...PY_TAGS)) return { language: 'Python', environment: guessEnvironment(tag, 'Python', code) };
  if (tag === 'vue') return { language: jsOrTs(), environment: 'Vue' };
  if (tagIs(tag, 'react', 'next', 'nextjs')) return { language: jsOrTs(), environment: 'React' };
  if (looksLikeHtmlPage(tag, code)) return { language: 'HTML', environment: 'HTML' };
  if (tagIs(tag, ...JS_TAGS)) return { language: 'JavaScript', environment: guessEnvironment(tag, 'JavaScript', code) };
  if (tagIs(tag, ...TS_TAGS)) return { language: 'TypeScript', environment: guessEnvironment(tag, 'TypeScript', code) };
  if (tagIs(tag, 'html', 'htm', 'xhtml')) {
    // A fragment that is really a Vue single-file component stays Vue.
    return isVueSfc(code) ? { language: jsOrTs(), environment: 'Vue' } : { language: 'HTML', environment: 'HTML' };
  }
  const tagged = canonicalLanguage(tag);
  // A tag naming another language is believed: C# must not be guessed into Java.
  if (OTHER_LANGUAGE_TAGS.has(tag)) return { language: tagged, environment: null };
  const language = isKnownLanguage(tagged) ? tagged : (guessLanguage(code) ?? tagged);
  const refined = language === 'JavaScript' && looksLikeTypeScript(code) ? 'TypeScript' : language;
  return { language: refined, environment: guessEnvironment(tag, refined, code) };
}

/** Tags of languages no environment runs. */
const OTHER_LANGUAGE_TAGS = new Set([
  'cs', 'csharp', 'c#', 'kotlin', 'kt', 'swift', 'php', 'ruby', 'rb', 'scala', 'perl', 'lua', 'r', 'dart', 'elixir',
  'haskell', 'hs', 'ocaml', 'fsharp', 'f#', 'vb', 'vbnet', 'objective-c', 'objc', 'sql', 'julia', 'clojure', 'erlang',
  'groovy', 'zig', 'nim', 'matlab', 'fortran', 'cobol', 'solidity', 'assembly', 'asm', 'wasm', 'graphql', 'latex', 'tex',
]);

const MERMAID_START = /^\s*(graph|flowchart|sequenceDiagram|classDiagram|stateDiagram(-v2)?|erDiagram|gantt|pie|journey|gitGraph|mindmap|timeline|quadrantChart|xychart-beta|sankey-beta|requirementDiagram|C4Context)\b/;

/** Language of untagged code from unmistakable markers; null when nothing matches. */
export function guessLanguage(code: string): KnownLanguage | null {
  if (MERMAID_START.test(code)) return 'Markdown';
  if (/^\s*(<!DOCTYPE html|<html[\s>])/i.test(code)) return 'HTML';
  if (isVueSfc(code)) return looksLikeTypeScript(code) ? 'TypeScript' : 'JavaScript';
  if (/^\s*#include\s*[<"]/m.test(code)) {
    return /\bstd::|#include\s*<(iostream|vector|string|map|set|unordered_map|memory|algorithm|thread|atomic|cstdint|cstdio|cstdlib|cmath|queue|sstream|fstream|chrono|mutex|functional|array|bitset|iomanip|numeric|random|optional)>|\bclass\s+\w+\s*[:{]|\btemplate\s*<|\bnamespace\s+\w+|\busing\s+namespace\b/.test(code) ? 'C++' : 'C';
  }
  if (/^\s*package\s+main\b/m.test(code) && /\bfunc\s+\w*\s*\(/.test(code)) return 'Go';
  if (/\bfn\s+main\s*\(\s*\)|^\s*use\s+std::|^\s*(pub\s+)?(fn|struct|enum|impl|mod)\s+\w+.*[{;]?\s*$/m.test(code) && /\bfn\s+\w+|\bimpl\b|\blet\s+mut\b/.test(code)) return 'Rust';
  if (/\bpublic\s+(static\s+void\s+main|(final\s+|abstract\s+)*class\s+\w+)|^\s*import\s+java\./m.test(code)) return 'Java';
  if (/^\s*(import\s+React\b|import\s+.*\s+from\s+['"]|export\s+default\b|const\s+\w+\s*=|let\s+\w+\s*=|function\s+\w+\s*\(|console\.log\()/m.test(code)
    && !/^\s*(def\s+\w+\s*\(|from\s+[\w.]+\s+import\b)/m.test(code)) {
    return looksLikeTypeScript(code) ? 'TypeScript' : 'JavaScript';
  }
  if (/^\s*(def\s+\w+\s*\(|import\s+\w+|from\s+[\w.]+\s+import\b|class\s+\w+(\(.*\))?\s*:|if\s+__name__\s*==|print\()/m.test(code)) return 'Python';
  return null;
}

/** A Vue single-file component: a `<template>` section next to a `<script>` one, or `<script setup>`. */
export function isVueSfc(code: string): boolean {
  return (/^\s*<template[\s>]/m.test(code) && /<script[\s>]/.test(code)) || /<script\s+setup[\s>]/.test(code);
}

/** TypeScript-only syntax: type annotations, interfaces, type aliases, enums, generics on hooks, `lang="ts"`. */
export function looksLikeTypeScript(code: string): boolean {
  return (
    /<script[^>]*\blang=["'](ts|typescript|tsx)["']/.test(code) ||
    /^\s*(export\s+)?(interface\s+\w+(\s*<[^>]*>)?\s*(extends\s+[\w.<>, ]+)?\s*\{|type\s+\w+(\s*<[^>]*>)?\s*=|(const\s+)?enum\s+\w+\s*\{|declare\s+(module|const|function|global)\b)/m.test(code) ||
    /(\b(?:let|const|var)\s+\w+|[(,]\s*\w+\??)\s*:\s*(string|number|boolean|void|any|unknown|never|React\.\w+|[A-Z]\w*(\[\]|<))/.test(code) ||
    /\(\s*\w+\??\s*:\s*[A-Z]\w*\s*[,)]/.test(code) ||
    /\)\s*:\s*(string|number|boolean|void|any|Promise<|JSX\.Element|React\.\w+)/.test(code) ||
    /\b(useState|useRef|useReducer|useContext|createContext|ref|reactive|computed|defineProps|defineEmits)<[\w[\]{}|:;, '"<>.]+>\s*\(/.test(code) ||
    /\bas\s+(const|string|number|any|unknown|HTML\w+Element)\b/.test(code) ||
    /^\s*(private|protected|public|readonly)\s+\w+\s*[:(]/m.test(code)
  );
}

/** Top-level modules a Python program imports (`import a.b`, `from a.b import c`), in order, without relative imports. */
export function pythonImports(code: string): string[] {
  const found = new Set<string>();
  for (const m of code.matchAll(/^[ \t]*import[ \t]+([\w., \t]+?)[ \t]*(?:#.*)?$/gm)) {
    for (const part of m[1]!.split(',')) {
      const name = part.trim().split(/\s+as\s+/)[0]!.split('.')[0]!.trim();
      if (/^[A-Za-z_]\w*$/.test(name)) found.add(name);
    }
  }
  for (const m of code.matchAll(/^[ \t]*from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b/gm)) found.add(m[1]!.split('.')[0]!);
  return [...found];
}

/**
 * Packages a JavaScript/TypeScript program imports (ES `import ... from`,
 * side-effect `import '...'`, `require`, dynamic `import()`, `export ... from`),
 * as package names (`lodash/fp` -> `lodash`, `@scope/a/b` -> `@scope/a`);
 * relative, absolute, alias (`@/`), URL and `node:` specifiers are left out.
 */
export function jsImports(code: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[\w*{}\s,$]*?\s*from\s*['"]([^'"]+)['"]/g,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) {
    for (const m of code.matchAll(re)) {
      const name = packageOfSpecifier(m[1]!);
      if (name) found.add(name);
    }
  }
  return [...found];
}

function packageOfSpecifier(spec: string): string | null {
  if (/^(\.|\/|@\/|~\/|node:|[a-z]+:\/\/|data:)/.test(spec)) return null;
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return /^(@[\w.-]+\/)?[\w.-]+$/.test(name) ? name : null;
}

const imports = (code: string, module: string): boolean => pythonImports(code).includes(module);

const REACT_PACKAGES = new Set(['react', 'react-dom', 'next', 'preact']);
const VUE_PACKAGES = new Set(['vue', 'nuxt', 'pinia', 'vue-router']);
/** JSX: an element or fragment where an expression starts (after return, =>, (, =, or at a line start). */
const JSX = /(?:return|=>|[(=?:,]|^)\s*(?:<>|<[A-Za-z][\w.]*(?:\s+[\w-]+(?:=\{|=["'])|\s*\/?>))/m;
const VUE_PATTERNS = /\bcreateApp\s*\(|\bdefineComponent\s*\(|\bVue\.extend\s*\(|\bdefine(Props|Emits)\s*\(|export\s+default\s*\{[\s\S]*?\b(data|methods|computed|props|components)\s*[:(]/;

/**
 * Sandbox environment for a program, as BigCodeArena's auto-selection would
 * pick it: UI frameworks by their imports (Gradio, Streamlit, PyGame for
 * Python; React, Vue for JS/TS, then JSX and Vue patterns), Mermaid by its
 * diagram keywords, a plain HTML page as HTML, and otherwise the language's
 * runner. TypeScript without a UI framework goes to the JavaScript runner
 * (there is no TypeScript environment). Null when the language is unknown.
 */
export function guessEnvironment(tag: string, language: string | null, code: string): KnownEnvironment | null {
  if (tag === 'mermaid' || tag === 'mmd' || (language === 'Markdown' && MERMAID_START.test(code))) return 'Mermaid';
  // Markup in a Python or C string is not a Vue component: the SFC shape counts for web languages only.
  if (tag === 'vue' || (isVueSfc(code) && (language === null || ['JavaScript', 'TypeScript', 'HTML'].includes(language)))) return 'Vue';
  switch (language) {
    case 'Python':
      if (imports(code, 'gradio')) return 'Gradio';
      if (imports(code, 'streamlit')) return 'Streamlit';
      if (imports(code, 'pygame')) return 'PyGame';
      return 'Python Runner';
    case 'JavaScript':
    case 'TypeScript': {
      const packages = jsImports(code);
      if (packages.some((p) => REACT_PACKAGES.has(p) || p.startsWith('@react'))) return 'React';
      if (packages.some((p) => VUE_PACKAGES.has(p) || p.startsWith('@vue/'))) return 'Vue';
      if (tag === 'jsx' || tag === 'tsx' || /^\s*import\s+React\b/m.test(code) || JSX.test(stripStringsAndComments(code))) return 'React';
      if (VUE_PATTERNS.test(code)) return 'Vue';
      return 'JavaScript Runner';
    }
    case 'HTML':
      return 'HTML';
    case 'C': return 'C Runner';
    case 'C++': return 'C++ Runner';
    case 'Java': return 'Java Runner';
    case 'Go': return 'Go Runner';
    case 'Rust': return 'Rust Runner';
    default:
      return null;
  }
}

/** Code with string literals and comments blanked, so markup inside strings (innerHTML templates) is not taken for JSX. */
function stripStringsAndComments(code: string): string {
  return code
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/(^|[^:])\/\/.*$/gm, '$1')
    .replace(/`(?:\\[\s\S]|[^`\\])*`|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g, '""');
}
