/**
 * Dependencies of a program: packages named by install commands in the answer
 * (shell blocks, code comments, `!pip` notebook lines, inline code in prose)
 * and manifests (`requirements.txt`, `package.json` blocks), and packages the program imports. Install commands keep their version
 * specifiers; imports of the standard library, Node built-ins and the
 * program's own files are left out.
 */
import { builtinModules } from 'node:module';
import { jsImports, pythonImports, type CodeBlock } from '../../data/extract-code.js';
import { fileNameOf } from './file-names.js';
import type { Dependencies } from './types.js';
import { PIP_NAME_OF_IMPORT, PYTHON_STDLIB } from './python-stdlib.js';

const PIP = /(?:^|[\s;&|(`!%$])(?:python3?\s+-m\s+pip|pip3?|uv\s+pip|poetry\s+add)\s+(?:install\s+)?(.*)$/;
const NPM = /(?:^|[\s;&|(`$])(?:npm\s+(?:install|i|add)|yarn\s+add|pnpm\s+(?:add|install|i)|bun\s+add)(?=\s|$)(.*)$/;

/** Packages named on one shell line; a line that installs nothing gives nothing. */
export function parseInstallLine(line: string): Dependencies {
  const out: Dependencies = { pip: [], npm: [] };
  // A command ends at a shell operator, a comment or the end of an inline code span.
  const command = (rest: string): string[] => rest.split(/&&|\|\||[;|`#]/)[0]!.trim().split(/\s+/).filter(Boolean);
  const pip = PIP.exec(line);
  if (pip && /\b(install|add)\b/.test(line)) {
    const words = command(pip[1]!);
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!.replace(/^['"]|['"]$/g, '');
      if (w === '-r' || w === '--requirement' || w === '-e' || w === '-c' || w === '--index-url' || w === '-i') { i++; continue; }
      if (w.startsWith('-') || w === 'install' || w === 'pip' || w === '.' || w.includes('/') || w === '') continue;
      if (/^[A-Za-z0-9][\w.-]*(\[[\w,.-]+\])?([<>=!~]=?[\w.*,<>=!~-]+)?$/.test(w)) out.pip.push(w);
    }
  }
  const npm = NPM.exec(line);
  if (npm) {
    for (const raw of command(npm[1]!)) {
      const w = raw.replace(/^['"]|['"]$/g, '');
      if (w.startsWith('-') || w === '') continue;
      if (/^(@[\w.-]+\/)?[\w.-]+(@[\w.^~<>=*-]+)?$/.test(w)) out.npm.push(w);
    }
  }
  return out;
}

/** Name without version specifier or extras, normalised for comparison (`Pandas==2` ~ `pandas`). */
function pipKey(spec: string): string {
  return spec.replace(/\[.*$|[<>=!~].*$/, '').toLowerCase().replace(/_/g, '-');
}
function npmKey(spec: string): string {
  const at = spec.indexOf('@', 1);
  return (at > 0 ? spec.slice(0, at) : spec).toLowerCase();
}

function addAll(into: string[], items: readonly string[], key: (s: string) => string): void {
  const seen = new Set(into.map(key));
  for (const item of items) {
    const k = key(item);
    if (!seen.has(k)) {
      seen.add(k);
      into.push(item);
    }
  }
}

/** Lines of an answer that may be install commands, without reading the program's own statements. */
function installCandidateLines(answer: string, blocks: readonly CodeBlock[], program: CodeBlock | null): string[] {
  const lines = answer.split(/\r?\n/);
  const inBlock = new Array<CodeBlock | null>(lines.length).fill(null);
  for (const b of blocks) {
    const end = b.line + b.code.split(/\r?\n/).length + 1;
    for (let i = b.line; i <= end && i < lines.length; i++) inBlock[i] = b;
  }
  const out: string[] = [];
  lines.forEach((line, i) => {
    const block = inBlock[i];
    if (block === null) {
      // Prose: only inline code spans and command-looking lines.
      for (const m of line.matchAll(/`([^`]+)`/g)) out.push(m[1]!);
      if (/^\s*(\$\s*)?(pip3?|python3?\s+-m\s+pip|npm|yarn|pnpm)\s/.test(line)) out.push(line);
    } else if (block !== program) {
      out.push(line);
    } else if (/^\s*(#|\/\/|!|%|<!--|--|\/\*|\*)/.test(line)) {
      // In the program itself, only comments and notebook magics (a string that prints "pip install x" is not one).
      out.push(line);
    }
  });
  return out;
}

/** Packages named by install commands anywhere an answer puts them. */
export function installedPackages(answer: string, blocks: readonly CodeBlock[], program: CodeBlock | null): Dependencies {
  const out: Dependencies = { pip: [], npm: [] };
  for (const line of installCandidateLines(answer, blocks, program)) {
    const found = parseInstallLine(line);
    addAll(out.pip, found.pip, pipKey);
    addAll(out.npm, found.npm, npmKey);
  }
  return out;
}

const NODE_BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, '').split('/')[0]!));

/** Packages a program imports, without the standard library and the program's own modules (`localModules`). */
export function importedPackages(language: string, code: string, localModules: readonly string[] = []): Dependencies {
  const local = new Set(localModules);
  if (language === 'Python') {
    const pip = pythonImports(code)
      .filter((m) => !PYTHON_STDLIB.has(m) && !local.has(m))
      .map((m) => PIP_NAME_OF_IMPORT[m] ?? m);
    return { pip, npm: [] };
  }
  if (language === 'JavaScript' || language === 'TypeScript') {
    return { pip: [], npm: jsImports(code).filter((p) => !NODE_BUILTINS.has(p) && !local.has(p)) };
  }
  return { pip: [], npm: [] };
}

/** Install commands first (they carry versions), then imports not already named. */
export function mergeDependencies(...parts: Dependencies[]): Dependencies {
  const out: Dependencies = { pip: [], npm: [] };
  for (const p of parts) {
    addAll(out.pip, p.pip, pipKey);
    addAll(out.npm, p.npm, npmKey);
  }
  return out;
}

/**
 * Packages listed by manifests the answer shows: a `requirements.txt` block
 * (named so, or tagged `requirements`) and a `package.json` block
 * (`dependencies` and `devDependencies`, as `name@range`).
 */
export function manifestPackages(blocks: readonly CodeBlock[], answerLines: readonly string[]): Dependencies {
  const out: Dependencies = { pip: [], npm: [] };
  for (const b of blocks) {
    const name = fileNameOf(b, answerLines);
    const base = name?.slice(name.lastIndexOf('/') + 1) ?? '';
    if (base === 'requirements.txt' || b.tag === 'requirements' || b.tag === 'pip-requirements') {
      const specs = b.code.split(/\r?\n/).map((l) => l.replace(/#.*$/, '').trim()).filter((l) => /^[A-Za-z0-9][\w.-]*(\[[\w,.-]+\])?\s*([<>=!~]=?\s*[\w.*,<>=!~-]+)?$/.test(l));
      addAll(out.pip, specs.map((s) => s.replace(/\s+/g, '')), pipKey);
    } else if (base === 'package.json' || (b.tag === 'json' && /"(dev)?[dD]ependencies"\s*:/.test(b.code))) {
      let manifest: unknown;
      try {
        manifest = JSON.parse(b.code);
      } catch {
        continue; // a sketch of a manifest, not JSON: nothing reliable to read
      }
      for (const field of ['dependencies', 'devDependencies'] as const) {
        const deps = (manifest as Record<string, unknown> | null)?.[field];
        if (deps && typeof deps === 'object') {
          addAll(out.npm, Object.entries(deps as Record<string, unknown>).map(([n, v]) => (typeof v === 'string' && v !== '' && v !== '*' && v !== 'latest' ? `${n}@${v}` : n)), npmKey);
        }
      }
    }
  }
  return out;
}

/**
 * npm packages a page loads from a CDN (`<script src>`, `<link href>`, ES
 * imports of URLs), read from the URL's path: `/npm/name@1.2/...`,
 * `/name@1.2/...`, `/ajax/libs/name/1.2/...`. Offline these URLs do not load,
 * so the executor needs the packages locally. Returned as `name@version`
 * when the URL pins one.
 */
export function cdnPackages(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/\b(?:src|href)\s*=\s*["'](https?:\/\/[^"']+)["']|\bfrom\s*["'](https?:\/\/[^"']+)["']|\bimport\s*\(\s*["'](https?:\/\/[^"']+)["']/g)) {
    const url = m[1] ?? m[2] ?? m[3]!;
    const path = url.replace(/^https?:\/\/[^/]+/, '').split(/[?#]/)[0]!;
    const libs = /^\/ajax\/libs\/([\w.-]+)\/(\d[\w.-]*)\//.exec(path);
    const npm = /^\/(?:npm\/)?((?:@[\w.-]+\/)?[\w.-]+)@(\d[\w.-]*|latest|next)(?:\/|$)/.exec(path) ?? /^\/npm\/((?:@[\w.-]+\/)?[\w.-]+)(?:\/|$)()/.exec(path);
    const hit = libs ?? npm;
    if (!hit) continue;
    const name = hit[1]!;
    const version = hit[2] && hit[2] !== 'latest' ? `@${hit[2]}` : '';
    if (!/^(@[\w.-]+\/)?[a-z0-9][\w.-]*$/i.test(name)) continue;
    found.push(`${name.toLowerCase()}${version}`);
  }
  const out: string[] = [];
  addAll(out, found, npmKey);
  return out;
}
