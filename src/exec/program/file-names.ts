/**
 * File names an answer gives its blocks, where it is obvious: the fence's info
 * string (`title="app.py"`, `js:src/App.js`, `python app.py`), a first-line
 * comment that is only a file name (`# app.py`, `// File: src/App.jsx`,
 * `<!-- index.html -->`), or a line just before the fence that is only a file
 * name (`**app.py**`, `` `main.go`: ``, `### src/App.vue`).
 */
import type { CodeBlock } from '../../data/extract-code.js';

const EXTENSIONS = 'py|pyw|js|jsx|mjs|cjs|ts|tsx|html|htm|css|scss|vue|java|go|rs|c|h|cpp|cc|cxx|hpp|mmd|json|txt|csv|toml|yaml|yml|svg|sh';
const PATH = String.raw`(?:[\w.-]+\/)*[\w-][\w.-]*\.(?:${EXTENSIONS})`;
/** Library names that look like file names (`Node.js`, `Three.js`), never the block's file. */
const PRODUCT_NAMES = /^(node|vue|three|chart|next|nuxt|react|express|p5|d3|anime|socket\.io|phaser|matter|tone|paper|fabric|babylon|pixi)\.js$/i;
const BARE = new RegExp(`^${PATH}$`, 'i');
const INFO = new RegExp(`(?:^|\\s)(?:title|file|filename|name)=["']?(${PATH})["']?|^(${PATH})$`);
const FIRST_LINE = new RegExp(`^\\s*(?:#|\\/\\/|<!--|\\/\\*|--)\\s*(?:file(?:name)?\\s*:\\s*)?(${PATH})\\s*(?:-->|\\*\\/)?\\s*$`, 'i');
const HEADING = new RegExp(`^\\s*(?:#{1,6}\\s*)?(?:[*_]{1,2})?\\s*(?:file(?:name)?\\s*:\\s*)?(?:[*_]{1,2})?\\s*\`?(${PATH})\`?\\s*(?:[*_]{1,2})?\\s*:?\\s*(?:[*_]{1,2})?\\s*$`, 'i');

/** The name given to a block, or null when none is obvious. `answerLines` are the answer's lines. */
export function fileNameOf(block: CodeBlock, answerLines: readonly string[]): string | null {
  const info = INFO.exec(block.info);
  if (info) return clean(info[1] ?? info[2]!);
  const first = block.code.split(/\r?\n/, 1)[0] ?? '';
  const comment = FIRST_LINE.exec(first);
  if (comment) return clean(comment[1]!);
  for (let i = block.line - 1; i >= 0 && i >= block.line - 2; i--) {
    const line = answerLines[i]!;
    if (line.trim() === '') continue;
    const heading = HEADING.exec(line);
    return heading ? clean(heading[1]!) : null;
  }
  return null;
}

/** A relative path inside the workspace, or null (absolute paths and `..` are never trusted). */
function clean(name: string): string | null {
  const path = name.replace(/^\.\//, '');
  if (!BARE.test(path) || PRODUCT_NAMES.test(path) || path.split('/').some((p) => p === '..' || p === '.')) return null;
  return path;
}
