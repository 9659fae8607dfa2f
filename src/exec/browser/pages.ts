/**
 * The pages and files bcr adds to a browser program's workspace (trusted
 * templates; the answer's own text is only ever data to them).
 */
import { createRequire } from 'node:module';
import { BUNDLE_SCRIPT } from './bundle-script.js';
import { ASSET_PREFIX } from './warm-browser.js';

/** bcr's own files in the workspace. */
export const WEB_DIR = '.bcr/web';
export const BUNDLE_FILE = `${WEB_DIR}/bundle.mjs`;
export const BUNDLE_OUT = `${WEB_DIR}/dist`;
export const MERMAID_PAGE = `${WEB_DIR}/mermaid.html`;

/** The trusted host files the browser serves under `ASSET_PREFIX`. */
export function browserAssets(): Record<string, string> {
  const require = createRequire(import.meta.url);
  return { 'mermaid.min.js': require.resolve('mermaid/dist/mermaid.min.js') };
}

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * A page that renders the diagram file with mermaid.js: parsed first, so a
 * syntax error is reported (in `window.__bcrResult`) instead of drawn.
 * `securityLevel: 'strict'` keeps the diagram's labels from running script.
 */
export function mermaidPage(diagram: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Diagram</title>
<style>body{margin:0;padding:16px;background:#fff;font-family:sans-serif}</style>
<script src="${ASSET_PREFIX}mermaid.min.js"></script></head>
<body><div id="diagram"></div>
<script>
(async () => {
  try {
    const response = await fetch(${scriptJson(`/${diagram}`)});
    const text = await response.text();
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
    await mermaid.parse(text);
    const { svg } = await mermaid.render('bcr-diagram', text);
    document.getElementById('diagram').innerHTML = svg;
    window.__bcrResult = { ok: true };
  } catch (err) {
    window.__bcrResult = { ok: false, error: String((err && (err.message || err.str)) || err) };
  }
})();
</script></body></html>
`;
}

export const bundleScriptFile = { path: BUNDLE_FILE, contents: BUNDLE_SCRIPT };
