/**
 * The bundle step's script, run by node INSIDE the sandbox (it reads
 * untrusted source; nothing of that source is executed, but esbuild's and
 * Vue's parsers are big attack surfaces, so they are confined too). It is
 * the offline stand-in for the reference's Vite templates:
 *
 *   node .bcr/web/bundle.mjs <react|vue> <entry> <outdir>
 *
 * - React: a tiny entry imports the answer's `src/App.[jt]sx`, renders its
 *   default export (or its first exported component) into `#root` with
 *   react-dom 19's `createRoot`; JSX is compiled with the automatic runtime.
 * - Vue: `.vue` files are compiled with `@vue/compiler-sfc` (script, script
 *   setup, template, scoped styles) in an esbuild plugin; the entry mounts
 *   the answer's `src/App.vue` on `#app`.
 * - A bare import that resolves to nothing in the workspace or the toolchain
 *   (e.g. `three`, `axios`, a URL) is recorded as missing, marked external
 *   so every missing one is found in one pass, and the build fails naming
 *   them all.
 *
 * It prints one JSON line: `{ ok, missing, errors: [{ text, file, line,
 * column }] }`, and writes `<outdir>/index.html`, `app.js` (and `app.css`).
 */
export const BUNDLE_SCRIPT = String.raw`
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const modules = process.env.BCR_WEB_MODULES || '/opt/bcr-web/node_modules';
const require = createRequire(path.join(modules, 'noop.js'));
process.env.ESBUILD_BINARY_PATH ||= path.join(modules, '@esbuild/linux-x64/bin/esbuild');
const esbuild = require('esbuild');
const [kind, entry, outdir] = process.argv.slice(2);
const missing = new Set();
const packageOf = (spec) => spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];

const missingPlugin = {
  name: 'bcr-missing',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData && args.pluginData.bcr) return undefined;
      if (path.isAbsolute(args.path)) return undefined;
      const r = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { bcr: true } });
      if (r.errors.length === 0) return r;
      missing.add(/^[a-z]+:/i.test(args.path) ? args.path : packageOf(args.path));
      return { path: args.path, external: true };
    });
  },
};

let sfcId = 0;
const vuePlugin = {
  name: 'bcr-vue',
  setup(build) {
    build.onLoad({ filter: /\.vue$/ }, async (args) => {
      const sfc = require('@vue/compiler-sfc');
      const { readFileSync } = await import('node:fs');
      const source = readFileSync(args.path, 'utf8');
      const { descriptor, errors } = sfc.parse(source, { filename: args.path });
      if (errors.length > 0) return { errors: errors.map((e) => ({ text: String(e.message || e), location: e.loc ? { file: args.path, line: e.loc.start.line, column: e.loc.start.column - 1 } : null })) };
      const id = 'bcr' + (++sfcId).toString(16);
      const scoped = descriptor.styles.some((s) => s.scoped);
      let code = '';
      let bindings;
      let lang = 'js';
      if (descriptor.script || descriptor.scriptSetup) {
        const script = sfc.compileScript(descriptor, { id, inlineTemplate: !!descriptor.scriptSetup, genDefaultAs: '_sfc_main' });
        code = script.content;
        bindings = script.bindings;
        lang = (descriptor.scriptSetup || descriptor.script).lang || 'js';
      } else {
        code = 'const _sfc_main = {};';
      }
      if (descriptor.template && !descriptor.scriptSetup) {
        const t = sfc.compileTemplate({ source: descriptor.template.content, filename: args.path, id, scoped, compilerOptions: { bindingMetadata: bindings, scopeId: scoped ? 'data-v-' + id : undefined } });
        if (t.errors.length > 0) return { errors: t.errors.map((e) => ({ text: String(e.message || e) })) };
        code += '\n' + t.code.replace(/\nexport function render/, '\nfunction _sfc_render') + '\n_sfc_main.render = _sfc_render;';
      }
      if (scoped) code += '\n_sfc_main.__scopeId = ' + JSON.stringify('data-v-' + id) + ';';
      let css = '';
      for (const style of descriptor.styles) {
        const out = sfc.compileStyle({ source: style.content, filename: args.path, id: 'data-v-' + id, scoped: style.scoped });
        if (out.errors.length > 0) return { errors: out.errors.map((e) => ({ text: String(e.message || e) })) };
        css += out.code + '\n';
      }
      if (css) code += '\n{ const s = document.createElement("style"); s.textContent = ' + JSON.stringify(css) + '; document.head.appendChild(s); }';
      code += '\nexport default _sfc_main;';
      return { contents: code, loader: lang === 'ts' || lang === 'tsx' ? 'ts' : 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

const rel = './' + path.relative(path.join(process.cwd(), '.bcr/web'), path.resolve(entry)).split(path.sep).join('/');
const main = kind === 'vue'
  ? 'import { createApp } from "vue";\nimport App from ' + JSON.stringify(rel) + ';\ncreateApp(App).mount("#app");\n'
  : 'import * as M from ' + JSON.stringify(rel) + ';\nimport { createElement } from "react";\nimport { createRoot } from "react-dom/client";\n' +
    'const C = M.default ?? M.App ?? Object.values(M).find((v) => typeof v === "function" && /^[A-Z]/.test(v.name || ""));\n' +
    'if (C) createRoot(document.getElementById("root")).render(createElement(C));\n';
const mainFile = path.join('.bcr/web', kind === 'vue' ? 'main.js' : 'main.jsx');
writeFileSync(mainFile, main);

const report = { ok: false, missing: [], errors: [] };
try {
  const result = await esbuild.build({
    entryPoints: [mainFile], bundle: true, outfile: path.join(outdir, 'app.js'), format: 'iife', platform: 'browser', target: 'es2022',
    jsx: 'automatic', jsxImportSource: 'react', nodePaths: [modules], write: true, logLevel: 'silent', minify: false,
    define: { 'process.env.NODE_ENV': '"production"', __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
    loader: { '.js': 'jsx', '.png': 'dataurl', '.jpg': 'dataurl', '.jpeg': 'dataurl', '.gif': 'dataurl', '.svg': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl' },
    plugins: [missingPlugin, ...(kind === 'vue' ? [vuePlugin] : [])],
  });
  report.ok = missing.size === 0 && result.errors.length === 0;
} catch (err) {
  for (const e of err.errors || [{ text: String(err && err.message || err) }]) {
    report.errors.push({ text: e.text, file: e.location ? e.location.file : null, line: e.location ? e.location.line : null, column: e.location ? e.location.column : null, lineText: e.location ? e.location.lineText : null });
  }
}
report.missing = [...missing];
if (report.ok) {
  mkdirSync(outdir, { recursive: true });
  const css = existsSync(path.join(outdir, 'app.css')) ? '<link rel="stylesheet" href="app.css">' : '';
  const root = kind === 'vue' ? '<div id="app"></div>' : '<div id="root"></div>';
  writeFileSync(path.join(outdir, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>App</title>' + css + '</head><body>' + root + '<script src="app.js"></script></body></html>');
}
process.stdout.write(JSON.stringify(report) + '\n');
process.exitCode = report.ok ? 0 : 1;
`;
