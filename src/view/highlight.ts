/**
 * Syntax highlighting on the server, handed to the page as tokens
 * (`[class, text]` runs), so the page builds spans with text nodes and never
 * parses model-written code as HTML. highlight.js escapes the code it emits;
 * its output is read back here as spans and text only.
 */
import { createRequire } from 'node:module';

/** The part of highlight.js used here. Its own typings pull the DOM lib into the whole program, so they are not imported. */
interface HighlightJs {
  highlight(code: string, options: { language: string; ignoreIllegals: boolean }): { value: string; language?: string };
  highlightAuto(code: string): { value: string; language?: string };
  getLanguage(name: string): unknown;
}
const require = createRequire(import.meta.url);
const hljs = require('highlight.js/lib/common') as HighlightJs;

/** A run of code text and the highlight.js class of its innermost span ('' for plain text). */
export type CodeToken = [cls: string, text: string];

/** The dataset's language names, as highlight.js calls them. */
const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  python: 'python', javascript: 'javascript', typescript: 'typescript', html: 'xml', c: 'c', 'c++': 'cpp', cpp: 'cpp',
  java: 'java', go: 'go', rust: 'rust', markdown: 'markdown', vue: 'xml', react: 'javascript', jsx: 'javascript', tsx: 'typescript',
  mermaid: 'plaintext', css: 'css', bash: 'bash', shell: 'bash', json: 'json',
};

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'" };
const unescape = (text: string) => text.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (e) => ENTITIES[e] ?? e);

/** Code longer than this is shown plain: highlighting megabytes would stall the server for one click. */
const MAX_HIGHLIGHT_CHARS = 200_000;

export function highlightCode(code: string, language: string | null): { language: string; tokens: CodeToken[] } {
  const wanted = language ? LANGUAGE_ALIASES[language.toLowerCase()] ?? language.toLowerCase() : undefined;
  if (code.length > MAX_HIGHLIGHT_CHARS || wanted === 'plaintext') return { language: wanted ?? 'plaintext', tokens: [['', code]] };
  const result = wanted && hljs.getLanguage(wanted) ? hljs.highlight(code, { language: wanted, ignoreIllegals: true }) : hljs.highlightAuto(code);
  return { language: result.language ?? 'plaintext', tokens: tokensOf(result.value) };
}

/** highlight.js markup (only `<span class="...">`, `</span>` and escaped text) as flat runs. */
function tokensOf(markup: string): CodeToken[] {
  const tokens: CodeToken[] = [];
  const stack: string[] = [];
  for (const m of markup.matchAll(/<span class="([^"]*)">|<\/span>|[^<]+/g)) {
    if (m[1] !== undefined) stack.push(m[1]);
    else if (m[0] === '</span>') stack.pop();
    else {
      const cls = stack[stack.length - 1] ?? '';
      const text = unescape(m[0]);
      const last = tokens[tokens.length - 1];
      if (last && last[0] === cls) last[1] += text;
      else tokens.push([cls, text]);
    }
  }
  return tokens;
}
