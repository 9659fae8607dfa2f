/**
 * Where a program's main file goes in the workspace, per environment: the
 * names the runners and app templates expect (as the reference lays them
 * out: `index.html`, `src/App.tsx`, `src/App.vue`, `main.<ext>`, Java's file
 * named after its public class). Where we differ: React code that is
 * JavaScript goes to `src/App.jsx` (the reference writes every React answer
 * to `src/App.tsx`, where the template's type check may reject untyped code),
 * and a Java file without a public class is named after its `main` class.
 */
import type { KnownEnvironment, KnownLanguage } from '../../data/extract-code.js';

/**
 * The file name javac needs: the public top-level class's name; without one,
 * the class that declares `main` (a non-public class may sit in any file, and
 * naming the file after it lets the runner call `java <name>`); else `Main`.
 */
export function javaFileName(code: string): string {
  const stripped = code
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/"(?:\\.|[^"\\\n])*"/g, '""')
    .replace(/'(?:\\.|[^'\\\n])'/g, "''");
  // Top-level types only: a nested `public enum State` does not name the file.
  const topLevel: { name: string; isPublic: boolean; at: number }[] = [];
  let depth = 0;
  let last = 0;
  const decl = /\b((?:(?:public|final|abstract|sealed|strictfp|non-sealed)\s+)*)(?:class|interface|enum|record)\s+([A-Za-z_$][\w$]*)/g;
  for (let m = decl.exec(stripped); m !== null; m = decl.exec(stripped)) {
    depth += braceBalance(stripped.slice(last, m.index));
    last = m.index;
    if (depth === 0) topLevel.push({ name: m[2]!, isPublic: /\bpublic\b/.test(m[1]!), at: m.index });
  }
  const publicType = topLevel.find((t) => t.isPublic);
  if (publicType) return `${publicType.name}.java`;
  // The type whose own text (up to the next top-level type) declares main.
  for (let i = 0; i < topLevel.length; i++) {
    const text = stripped.slice(topLevel[i]!.at, topLevel[i + 1]?.at);
    if (/\bstatic\s+void\s+main\s*\(/.test(text)) return `${topLevel[i]!.name}.java`;
  }
  return 'Main.java';
}

function braceBalance(text: string): number {
  let n = 0;
  for (const ch of text) {
    if (ch === '{') n++;
    else if (ch === '}') n--;
  }
  return n;
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
