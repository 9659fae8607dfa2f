/**
 * The browser environments on the Docker backend: the bundle step runs in
 * the node image's container (its pinned toolchain at /opt/bcr-web), and the
 * confined host browser captures the built files from the workspace. Needs
 * a running engine and the images (`bash scripts/ci-docker.sh`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAssets } from '../../../src/exec/browser/pages.js';
import { WarmBrowser } from '../../../src/exec/browser/warm-browser.js';
import { dockerBackend, executeSide, type SideRan } from '../../../src/exec/index.js';
import { makeSide } from '../../support/comparisons.js';
import { keepScreenshot, pngSize } from './support.js';

let browser: WarmBrowser;
const backend = dockerBackend();

beforeAll(() => { browser = new WarmBrowser({ assets: browserAssets() }); });
afterAll(async () => { await browser.close(); });

const run = async (code: string, environment: string, language: string): Promise<SideRan> => {
  const r = await executeSide(makeSide({ code, answer: code, environment, language }), { backend, browser });
  expect(r.kind, r.kind === 'ran' ? '' : r.message).toBe('ran');
  return r as SideRan;
};

describe('browser environments on the Docker backend', () => {
  it('React and Vue are bundled in the container and captured; a missing package is named; HTML and Mermaid are captured', async () => {
    const react = await run(`import { useState } from 'react';\nexport default function App() { const [n] = useState(7); return <h1 style={{ fontSize: 60 }}>Docker React {n}</h1>; }`, 'React', 'JavaScript');
    expect(react.status, react.execution.error ?? '').toBe('succeeded');
    expect(react.run.compile?.argv[0]).toBe('/usr/bin/node');
    const png = await react.execution.screenshot!.load();
    keepScreenshot('docker-react', png);
    expect(pngSize(png).width).toBe(1024);

    const vue = await run('<template><h1 class="t">Docker Vue {{ n }}</h1></template>\n<script setup>\nconst n = 2 + 3;\n</script>\n<style scoped>.t { color: #b91c1c; font-size: 60px; }</style>\n', 'Vue', 'Vue');
    expect(vue.status, vue.execution.error ?? '').toBe('succeeded');
    keepScreenshot('docker-vue', await vue.execution.screenshot!.load());

    const missing = await run(`import confetti from 'canvas-confetti';\nexport default function App() { confetti(); return <div/>; }`, 'React', 'JavaScript');
    expect(missing).toMatchObject({ status: 'dependency-missing', missingDependencies: ['canvas-confetti'] });

    const html = await run('<h1>Docker HTML</h1>', 'HTML', 'HTML');
    expect(html.status).toBe('succeeded');
    const mermaid = await run('graph LR\n  A --> B\n', 'Mermaid', 'Mermaid');
    expect(mermaid.status, mermaid.execution.error ?? '').toBe('succeeded');
  }, 180_000);
});
