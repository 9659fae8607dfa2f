/**
 * The browser environments on the local backend, with real Chromium under
 * bubblewrap: HTML, Mermaid, React and Vue captured; build errors, missing
 * packages and syntax errors typed; the network policy (external and
 * loopback refused, a real local server sees nothing); a page that hangs
 * is stopped by the wall limit and the browser recovers; no stray browser
 * process after close or after a kill.
 */
import { chmodSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WarmBrowser } from '../../../src/exec/browser/warm-browser.js';
import { browserAssets } from '../../../src/exec/browser/pages.js';
import { closeSharedBrowsers } from '../../../src/exec/browser/shared-browser.js';
import { executeSide, localBackend, type SideExecution, type SideRan } from '../../../src/exec/index.js';
import { makeSide } from '../../support/comparisons.js';
import { aliveAfter, keepScreenshot, pngSize, processTree } from './support.js';

let browser: WarmBrowser;
let sandboxes: string;
let backend: ReturnType<typeof localBackend>;
let server: Server;
let hits = 0;
let port = 0;

beforeAll(async () => {
  browser = new WarmBrowser({ assets: browserAssets() });
  sandboxes = mkdtempSync(join(tmpdir(), 'bcr-browser-test-'));
  chmodSync(sandboxes, 0o711); // bubblewrap runs as nobody and binds from here
  backend = localBackend({ tmpDir: sandboxes });
  server = createServer((_req, res) => { hits++; res.end('secret'); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await browser.close();
  await closeSharedBrowsers();
  server.close();
  rmSync(sandboxes, { recursive: true, force: true });
});

const run = (code: string, environment: string, language: string, limits?: { wallMs: number }): Promise<SideExecution> =>
  executeSide(makeSide({ code, answer: code, environment, language }), { backend, browser, ...(limits ? { limits } : {}) });

function ran(result: SideExecution): SideRan {
  expect(result.kind, result.kind === 'ran' ? '' : result.message).toBe('ran');
  return result as SideRan;
}

async function shot(result: SideRan, name: string): Promise<Uint8Array> {
  expect(result.execution.screenshot, result.execution.error ?? '').not.toBeNull();
  const png = await result.execution.screenshot!.load();
  keepScreenshot(name, png);
  expect(pngSize(png).width).toBe(1024);
  expect(pngSize(png).height).toBeGreaterThanOrEqual(1024);
  return png;
}

/** The standard deviation of the image's pixels: 0 for a blank page. */
async function contrast(png: Uint8Array): Promise<number> {
  const stats = await sharp(Buffer.from(png)).stats();
  return Math.max(...stats.channels.map((c) => c.stdev));
}

describe('browser environments (local backend, confined Chromium)', () => {
  it('HTML: the answer is index.html, captured full-page at 1024 px; console output and errors are recorded', async () => {
    const html = '<!doctype html><html><body style="background:#fde68a"><h1 style="font-size:64px">Hello from the sandbox</h1>'
      + '<div style="height:1500px;background:linear-gradient(#60a5fa,#f472b6)"></div>'
      + '<script>console.log("page says hi"); console.error("a console error");</script></body></html>';
    const r = ran(await run(html, 'HTML', 'HTML'));
    expect(r.status).toBe('succeeded');
    const png = await shot(r, 'html');
    expect(pngSize(png).height).toBeGreaterThan(1500); // full page, not the viewport
    expect(await contrast(png)).toBeGreaterThan(10);
    expect(r.execution.output).toBe('page says hi');
    expect(r.execution.error).toContain('a console error');
    expect(readdirSync(sandboxes)).toEqual([]);

    // An uncaught error fails the page (it still gets its screenshot).
    const thrown = ran(await run('<h1>half a page</h1><script>setTimeout(() => { throw new Error("late failure") }, 0);</script>', 'HTML', 'HTML'));
    expect(thrown.status).toBe('failed');
    expect(thrown.execution.error).toContain('late failure');
    expect(thrown.execution.screenshot).not.toBeNull();
  }, 60_000);

  it('HTML: external URLs, loopback and a Tailwind CDN tag are refused and listed; a real local server sees nothing', async () => {
    const html = `<html><head><script src="https://cdn.tailwindcss.com"></script></head><body><h1 class="text-3xl">Net</h1>
      <img src="https://example.com/logo.png">
      <script>
        fetch("http://127.0.0.1:${port}/steal").then(() => console.log("LEAK loopback")).catch(() => console.log("loopback refused"));
        fetch("https://example.com/api").then(() => console.log("LEAK external")).catch(() => console.log("external refused"));
        try { const ws = new WebSocket("ws://127.0.0.1:${port}/ws"); ws.onopen = () => console.log("LEAK ws"); } catch (e) {}
        fetch("file:///etc/passwd").then(() => console.log("LEAK file")).catch(() => console.log("file refused"));
      </script></body></html>`;
    const r = ran(await run(html, 'HTML', 'HTML'));
    expect(r.status).toBe('succeeded');
    await shot(r, 'html-network');
    const blocked = (r.run as { screenshot: { blocked: string[] } }).screenshot.blocked;
    expect(blocked).toEqual(expect.arrayContaining(['https://cdn.tailwindcss.com/', 'https://example.com/logo.png', `http://127.0.0.1:${port}/steal`, 'https://example.com/api']));
    expect(r.execution.output).toContain('loopback refused');
    expect(r.execution.output).toContain('external refused');
    expect(r.execution.output).toContain('file refused');
    expect(r.execution.output ?? '').not.toContain('LEAK');
    expect(hits).toBe(0);
  }, 60_000);

  it('Mermaid: a diagram renders; a syntax error fails the side with mermaid\'s message', async () => {
    const ok = ran(await run('graph TD\n  A[Answer] --> B{Runs?}\n  B -->|yes| C[Screenshot]\n  B -->|no| D[Error]\n', 'Mermaid', 'Mermaid'));
    expect(ok.status, ok.execution.error ?? '').toBe('succeeded');
    expect(await contrast(await shot(ok, 'mermaid'))).toBeGreaterThan(10);

    const bad = ran(await run('graph TD\n  A -->\n  ))((\n', 'Mermaid', 'Mermaid'));
    expect(bad.status).toBe('failed');
    expect(bad.execution.success).toBe(false);
    expect(bad.execution.error).toMatch(/^Mermaid error: .*(Parse error|Syntax error|Lexical error|Expecting)/s);
  }, 60_000);

  it('React: built with esbuild inside the sandbox and captured; a missing package is named; a compile error fails the build', async () => {
    const app = `import React, { useState, useEffect } from 'react';
export default function App() {
  const [n] = useState(3);
  useEffect(() => { console.log('rendered ' + n); }, [n]);
  return <div style={{ padding: 40, background: '#0f172a', color: '#f8fafc', fontSize: 48 }}><h1>React counter {n}</h1></div>;
}`;
    const ok = ran(await run(app, 'React', 'JavaScript'));
    expect(ok.status, ok.execution.error ?? '').toBe('succeeded');
    expect(ok.execution.output).toBe('rendered 3');
    expect(await contrast(await shot(ok, 'react'))).toBeGreaterThan(10);
    expect(ok.timings.compileMs).toBeGreaterThan(0);

    const missing = ran(await run(`import * as THREE from 'three';\nimport axios from 'axios/dist/axios';\nexport default function App() { return <div>{String(THREE)}{String(axios)}</div>; }`, 'React', 'JavaScript'));
    expect(missing).toMatchObject({ status: 'dependency-missing', missingDependencies: ['three', 'axios'] });
    expect(missing.execution).toMatchObject({ success: false, screenshot: null });
    expect(missing.execution.error).toContain('could not resolve "three", "axios"');

    const broken = ran(await run('export default function App() {\n  return <div>unclosed\n}\n', 'React', 'TypeScript'));
    expect(broken.status).toBe('failed');
    expect(broken.run.phase).toBe('compile');
    expect(broken.execution.error).toMatch(/^Build failed:\n.*src\/App\.tsx:\d+:\d+: ERROR: /s);
  }, 90_000);

  it('Vue: a single-file component (script setup, template, scoped style) is compiled, bundled and captured', async () => {
    const sfc = `<template>
  <div class="box"><h1>{{ title }}</h1><p v-for="i in items" :key="i">item {{ i }}</p></div>
</template>
<script setup lang="ts">
import { ref, onMounted } from 'vue';
const title = ref<string>('Vue works');
const items = [1, 2, 3];
onMounted(() => console.log('mounted ' + title.value));
</script>
<style scoped>
.box { background: #14532d; color: #dcfce7; padding: 40px; font-size: 32px; }
</style>`;
    const r = ran(await run(sfc, 'Vue', 'Vue'));
    expect(r.status, r.execution.error ?? '').toBe('succeeded');
    expect(r.execution.output).toBe('mounted Vue works');
    expect(await contrast(await shot(r, 'vue'))).toBeGreaterThan(10);
  }, 90_000);

  it('a page that never stops is stopped by the wall limit; the browser recovers; Streamlit and Gradio say "use e2b"', async () => {
    const loop = ran(await run('<h1>spin</h1><script>while (true) {}</script>', 'HTML', 'HTML', { wallMs: 3000 }));
    expect(loop).toMatchObject({ status: 'stopped', limit: 'wall' });
    expect(loop.execution.screenshot).toBeNull();
    expect(loop.execution.error).toContain('wall time limit');
    const after = ran(await run('<h1>after the loop</h1>', 'HTML', 'HTML'));
    expect(after.status).toBe('succeeded');
    await shot(after, 'html-after-loop');

    for (const environment of ['Streamlit', 'Gradio']) {
      const app = environment === 'Streamlit' ? 'import streamlit as st\nst.title("hi")\n' : 'import gradio as gr\ngr.Interface(fn=str, inputs="text", outputs="text").launch()\n';
      const r = await run(app, environment, 'Python');
      expect(r).toMatchObject({ kind: 'unavailable', status: 'unavailable', environment });
      expect((r as { message: string }).message).toMatch(/^environment not available here: use e2b/);
    }
  }, 90_000);

  it('gives every capture fresh storage, though its page was made ahead: nothing one page stores reaches the next', async () => {
    const pages: Record<string, string> = {
      'write.html': '<!doctype html><script>localStorage.setItem("k", "left"); sessionStorage.setItem("k", "left"); document.cookie = "k=left; path=/"; console.log("wrote")</script>',
      'read.html': '<!doctype html><script>console.log("seen:" + localStorage.getItem("k") + "," + sessionStorage.getItem("k") + "," + (document.cookie || "none"))</script>',
    };
    const source = async (file: string) => (pages[file] === undefined ? null : new TextEncoder().encode(pages[file]));
    const first = await browser.screenshot(source, 'write.html');
    expect(first.console.map((c) => c.text)).toContain('wrote');
    // Back to back and after a pause (the next page is then made ahead): both start empty.
    const next = await browser.screenshot(source, 'read.html');
    await new Promise((r) => setTimeout(r, 1500));
    const later = await browser.screenshot(source, 'read.html');
    for (const s of [next, later]) {
      expect(s.png).not.toBeNull();
      expect(s.console.map((c) => c.text)).toContain('seen:null,null,none');
    }
  });

  it('leaves no browser process behind after close, nor after a browser that had to be killed', async () => {
    const own = new WarmBrowser();
    const source = async (file: string) => (file === 'index.html' ? new TextEncoder().encode('<p>x</p>') : null);
    expect((await own.screenshot(source, 'index.html')).png).not.toBeNull();
    const pid = (await own.pid())!;
    const tree = processTree(pid);
    expect(tree.length).toBeGreaterThan(2); // bubblewrap, Chromium and its helpers
    // Confined: everything under bubblewrap is in other network and pid namespaces than this process.
    const ns = (p: number | 'self', kind: string) => readlinkSync(`/proc/${p}/ns/${kind}`);
    for (const p of tree.filter((p) => p !== pid)) {
      expect(ns(p, 'net')).not.toBe(ns('self', 'net'));
      expect(ns(p, 'pid')).not.toBe(ns('self', 'pid'));
    }
    await own.close();
    expect(await aliveAfter(tree)).toEqual([]);

    // A browser killed from outside (a crash): the next capture starts a new one; close still leaves nothing.
    const again = new WarmBrowser();
    await again.screenshot(source, 'index.html');
    const first = (await again.pid())!;
    const firstTree = processTree(first);
    process.kill(first, 'SIGKILL');
    expect(await aliveAfter(firstTree)).toEqual([]);
    const recovered = await again.screenshot(source, 'index.html');
    expect(recovered.png).not.toBeNull();
    expect(again.launches).toBe(2);
    const secondTree = processTree((await again.pid())!);
    await again.close();
    expect(await aliveAfter(secondTree)).toEqual([]);
  }, 90_000);
});
