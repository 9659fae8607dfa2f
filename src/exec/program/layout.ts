/**
 * Where a program's main file goes in the workspace, per environment: the
 * names the runners and app templates expect (as the reference lays them
 * out: `index.html`, `src/App.tsx`, `src/App.vue`, `main.<ext>`, Java's file
 * named after its public class).
 */
import type { KnownEnvironment, KnownLanguage } from '../../data/extract-code.js';

/**
 * The file name javac needs: the public top-level class's name; without one,
 * the class that declares `main` (a non-public class may sit in any file, and
 * naming the file after it lets the runner call `java <name>`); else `Main`.
 */
export function javaFileName(code: string): string {
  const stripped = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '').replace(/"(?:\\.|[^"\\\n])*"/g, '""');
  const publicClass = /^\s*public\s+(?:(?:final|abstract|sealed|strictfp)\s+)*(?:class|interface|enum|record)\s+([A-Za-z_$][\w$]*)/m.exec(stripped);
  if (publicClass) return `${publicClass[1]}.java`;
  const withMain = /\b(?:class|enum|record)\s+([A-Za-z_$][\w$]*)[^{]*\{(?:(?!\b(?:class|enum|record)\s)[\s\S])*?\bstatic\s+void\s+main\s*\(/.exec(stripped);
  return `${withMain?.[1] ?? 'Main'}.java`;
}

const RUNNER_EXTENSION: Partial<Record<KnownLanguage, string>> = {
  Python: 'py', JavaScript: 'js', TypeScript: 'ts', C: 'c', 'C++': 'cpp', Go: 'go', Rust: 'rs',
};

/** Extensions a given file name may have for the language (a named `app.py` is kept, `app.txt` is not). */
export const EXTENSIONS_OF: Partial<Record<KnownLanguage, readonly string[]>> = {
  Python: ['py', 'pyw'],
  JavaScript: ['js', 'mjs', 'cjs', 'jsx'],
  TypeScript: ['ts', 'mts', 'cts', 'tsx'],
  C: ['c'],
  'C++': ['cpp', 'cc', 'cxx'],
  Go: ['go'],
  Rust: ['rs'],
};

/**
 * The entry path, given the environment, the language, the code and a name
 * the answer gave (or null). Templates fix their entry (HTML, React, Vue,
 * Mermaid); runners and Python apps keep a given name when its extension fits.
 */
export function entryPath(environment: KnownEnvironment, language: KnownLanguage, code: string, given: string | null): string {
  switch (environment) {
    case 'HTML':
      return 'index.html';
    case 'React':
      return language === 'TypeScript' ? 'src/App.tsx' : 'src/App.jsx';
    case 'Vue':
      return 'src/App.vue';
    case 'Mermaid':
      return 'diagram.mmd';
    case 'Java Runner':
      return javaFileName(code);
    default: {
      const fits = given !== null && (EXTENSIONS_OF[language] ?? []).includes(extensionOf(given));
      if (fits) return given!;
      return `main.${RUNNER_EXTENSION[language] ?? 'txt'}`;
    }
  }
}

export function extensionOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? '' : path.slice(dot + 1).toLowerCase();
}
