/**
 * One warm, confined Chromium (playwright-core over pipes, see `confine.ts`)
 * reused for many screenshots: each capture gets a fresh browser context
 * (its own storage), and the page's files are served from a file source
 * (a sandbox's workspace) through request interception on a fake origin:
 * no socket is opened. Every other request (an external URL, loopback, a
 * CDN script tag, a WebSocket) is refused and counted as a blocked network
 * attempt; the browser's own network namespace has no route out either.
 *
 * Each capture gets a context and page made ahead of it (once the previous
 * capture is done, so the two do not compete for the CPU: a new page starts
 * a renderer process, about 0.3 s here). Its request handlers point at the
 * capture's files only once the capture takes it.
 *
 * Settling: the reference waits a fixed 5 s. Here a capture waits for
 * `load`, then until none of the page's requests is in flight (or the
 * settle cap), then for an optional readiness expression, then two
 * animation frames. A capture past its wall limit tears its context down;
 * if the browser does not answer, its process tree is killed, and the next
 * capture starts a new browser. `close()` always leaves no process behind.
 */
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page, type Route, type WebSocketRoute } from 'playwright-core';
import { SandboxStateError } from '../sandbox/errors.js';
import { writeLauncher, type Launcher } from './confine.js';
import type { ConsoleEntry, Screenshot, ScreenshotOptions } from './screenshot.js';

/** The page's own origin: intercepted, never resolved. */
export const PAGE_ORIGIN = 'http://bcr.sandbox';
/** Where trusted assets (e.g. mermaid.js) are served, under the page's origin. */
export const ASSET_PREFIX = '/.bcr-assets/';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--disable-extensions', '--mute-audio',
  // Every capture is one origin in a context (a renderer process) of its own, so per-site processes add only start-up time.
  '--disable-site-isolation-trials', '--disable-features=site-per-process,IsolateOrigins',
];
/** The widest and tallest capture, px (Chromium's texture limit): a larger page is cut there. */
const MAX_CAPTURE_PX = 16_384;
const MAX_CONSOLE = 200;
const MAX_TEXT = 2000;
const MAX_LISTED = 100;

/** Reads a workspace file, or null when it is not there (or refused). */
export type FileSource = (file: string) => Promise<Uint8Array | null>;

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8', htm: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8', json: 'application/json', svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg',
  gif: 'image/gif', webp: 'image/webp', ico: 'image/x-icon', wasm: 'application/wasm', txt: 'text/plain; charset=utf-8', woff2: 'font/woff2',
};

function contentType(file: string): string {
  return TYPES[path.extname(file).slice(1).toLowerCase()] ?? 'application/octet-stream';
}

export interface WarmBrowserOptions {
  /** Chromium binary (default Debian's). */
  chromium?: string;
  /** Runs Chromium without bubblewrap: only for trusted pages. */
  unsafeNoIsolation?: boolean;
  /** Trusted host files served at `ASSET_PREFIX + name` (e.g. `mermaid.min.js`). */
  assets?: Readonly<Record<string, string>>;
}

/**
 * Browsers still open when the process exits: bubblewrap's
 * `--die-with-parent` ends their processes; this removes their folders
 * (and kills what is left, should the kernel not have yet).
 */
const openBrowsers = new Set<{ dir: string | null; pidFile: string | null }>();
let exitHook = false;
function onExit(): void {
  for (const b of openBrowsers) {
    if (b.pidFile) {
      try { process.kill(Number(readFileSync(b.pidFile, 'utf8').trim()), 'SIGKILL'); } catch { /* gone */ }
    }
    if (b.dir) rmSync(b.dir, { recursive: true, force: true });
  }
}

const withCap = <T>(p: Promise<T>, ms: number): Promise<T | 'cap'> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve('cap'), ms);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e); });
  });

const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/** Where a prepared context's requests go: nowhere until a capture takes it. */
interface Slot {
  serve: ((route: Route) => Promise<void>) | null;
  socket: ((ws: WebSocketRoute) => void) | null;
}

interface Prepared {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  slot: Slot;
}

const DEFAULT_VIEWPORT = { width: 1024, height: 1024 };
const BLANK_PAGE = `${PAGE_ORIGIN}${ASSET_PREFIX}blank.html`;

export class WarmBrowser {
  private spare: Promise<Prepared> | null = null;
  /** Contexts of finished captures still closing (`close` waits for them). */
  private readonly closing = new Set<Promise<unknown>>();
  private dir: Promise<string> | null = null;
  private launcher: Launcher | null = null;
  private browser: Promise<Browser> | null = null;
  private closed = false;
  private readonly assets = new Map<string, Promise<Buffer>>();
  private readonly exitEntry: { dir: string | null; pidFile: string | null } = { dir: null, pidFile: null };
  /** Browsers started so far (a restart after a hang counts). */
  launches = 0;

  constructor(private readonly options: WarmBrowserOptions = {}) {}

  /** Bubblewrap's pid of the running browser (for tests that look for strays), or null. */
  async pid(): Promise<number | null> {
    if (!this.launcher || !this.browser) return null;
    const text = await readFile(this.launcher.pidFile, 'utf8').catch(() => '');
    const pid = Number(text.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  }

  private async start(): Promise<Browser> {
    if (this.closed) throw new SandboxStateError('the browser was closed');
    this.dir ??= mkdtemp(path.join(tmpdir(), 'bcr-browser-'));
    const dir = await this.dir;
    this.launcher ??= await writeLauncher(dir, this.options);
    this.exitEntry.dir = dir;
    this.exitEntry.pidFile = this.launcher.pidFile;
    openBrowsers.add(this.exitEntry);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', onExit);
    }
    this.launches++;
    const browser = await chromium.launch({ executablePath: this.launcher.script, args: CHROMIUM_ARGS, headless: true, timeout: 30_000, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    browser.on('disconnected', () => {
      if (this.browser && this.current === browser) this.browser = null;
    });
    this.current = browser;
    return browser;
  }

  private current: Browser | null = null;

  private get(): Promise<Browser> {
    if (!this.browser) {
      const starting = this.start();
      starting.catch(() => { if (this.browser === starting) this.browser = null; });
      this.browser = starting;
    }
    return this.browser;
  }

  /** Kills the browser's whole process tree (it did not answer) and forgets it. */
  private async kill(): Promise<void> {
    const pid = await this.pid();
    const browser = this.current;
    this.browser = null;
    this.current = null;
    this.spare = null;
    if (pid !== null) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    if (browser) await withCap(browser.close().catch(() => undefined), 5_000);
  }

  private asset(name: string): Promise<Buffer> | null {
    const file = this.options.assets?.[name];
    if (!file) return null;
    let bytes = this.assets.get(name);
    if (!bytes) {
      bytes = readFile(file);
      this.assets.set(name, bytes);
    }
    return bytes;
  }

  /** A fresh context and page (own storage, requests refused until a capture points them at its files). */
  private async prepare(browser: Browser): Promise<Prepared> {
    const slot: Slot = { serve: null, socket: null };
    const context = await browser.newContext({ viewport: DEFAULT_VIEWPORT, serviceWorkers: 'block', acceptDownloads: false });
    await context.route('**/*', (route) => {
      if (slot.serve) return slot.serve(route);
      if (route.request().url() === BLANK_PAGE) return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html>' }).catch(() => undefined);
      return route.abort('blockedbyclient').catch(() => undefined);
    });
    await context.routeWebSocket(/.*/, (ws) => { if (slot.socket) slot.socket(ws); else void ws.close({ code: 1008, reason: 'blocked' }).catch(() => undefined); });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    // An empty page of the capture's origin: its renderer is running before the capture navigates.
    await page.goto(BLANK_PAGE, { waitUntil: 'load', timeout: 30_000 });
    return { browser, context, page, cdp, slot };
  }

  /** Starts making the next capture's page (after a capture, so it does not compete with one). */
  private prepareNext(): void {
    const browser = this.current;
    if (this.closed || this.spare || !browser?.isConnected()) return;
    const next = this.prepare(browser);
    next.catch(() => undefined);
    this.spare = next;
  }

  /** The page made ahead, or a new one. */
  private async take(): Promise<Prepared> {
    const browser = await this.get();
    const ahead = this.spare;
    this.spare = null;
    let got = ahead ? await ahead.catch(() => null) : null;
    if (got && (got.browser !== browser || !browser.isConnected() || got.page.isClosed())) {
      void got.context.close().catch(() => undefined);
      got = null;
    }
    return got ?? this.prepare(browser);
  }

  /** Loads `entry` from `source` at the fake origin and captures the full page. */
  async screenshot(source: FileSource, entry: string, options: ScreenshotOptions = {}): Promise<Screenshot> {
    const wallMs = options.wallMs ?? 15_000;
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    const state: Omit<Screenshot, 'timings'> = { png: null, console: [], blocked: [], missing: [], timedOut: false, settled: null };
    const { context, page, cdp, slot } = await this.take();
    if (options.viewport && (options.viewport.width !== DEFAULT_VIEWPORT.width || options.viewport.height !== DEFAULT_VIEWPORT.height)) await page.setViewportSize(options.viewport);
    let blockedCount = 0;
    const note = (list: string[], url: string): void => { if (list.length < MAX_LISTED) list.push(clip(url)); };
    slot.serve = (route) => this.serve(route, source, state, () => { blockedCount++; });
    slot.socket = (ws) => { blockedCount++; note(state.blocked, ws.url()); void ws.close({ code: 1008, reason: 'blocked' }).catch(() => undefined); };
    this.listen(page, state.console);
    const capture = this.capture(page, cdp, entry, options, state);
    const outcome = await withCap(capture.catch((err: unknown) => err), wallMs);
    if (outcome === 'cap') {
      state.timedOut = true;
      state.png = null;
      // A hung renderer: dropping its context kills it; a browser that does not answer is killed whole.
      const closed = await withCap(context.close().then(() => true, () => false), 3_000);
      if (closed !== true) await this.kill();
    } else {
      // The result is complete: the context closes in the background (close() waits for it).
      const closing = withCap(context.close().catch(() => undefined), 3_000);
      this.closing.add(closing);
      void closing.finally(() => this.closing.delete(closing));
      if (outcome instanceof Error) {
        // Not the page's fault: the browser crashed or went away. The next capture starts a new one.
        const browser = this.current;
        if (!browser?.isConnected()) { this.browser = null; this.current = null; }
        state.console.push({ type: 'pageerror', text: clip(`[bcr] capture failed: ${outcome.message.split('\n')[0]}`) });
      }
    }
    void capture.catch(() => undefined);
    this.prepareNext();
    if (blockedCount > state.blocked.length) state.console.push({ type: 'warning', text: `[bcr] ${blockedCount} network requests blocked` });
    return { ...state, timings: { startedAt, wallMs: Math.round(performance.now() - t0) } };
  }

  private async serve(route: Route, source: FileSource, state: Omit<Screenshot, 'timings'>, countBlocked: () => void): Promise<void> {
    const url = new URL(route.request().url());
    if (url.origin !== PAGE_ORIGIN) {
      countBlocked();
      if (state.blocked.length < MAX_LISTED) state.blocked.push(clip(route.request().url()));
      return route.abort('blockedbyclient').catch(() => undefined);
    }
    let file: string;
    try {
      file = decodeURIComponent(url.pathname);
    } catch {
      file = url.pathname; // a malformed escape: looked up as written, which finds nothing
    }
    if (file.endsWith('/')) file += 'index.html';
    const asset = file.startsWith(ASSET_PREFIX) ? this.asset(file.slice(ASSET_PREFIX.length)) : null;
    const body = asset ? await asset.catch(() => null) : await source(file.replace(/^\/+/, '')).catch(() => null);
    if (body === null) {
      if (state.missing.length < MAX_LISTED) state.missing.push(clip(file));
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }).catch(() => undefined);
    }
    return route.fulfill({ status: 200, contentType: contentType(file), body: Buffer.from(body) }).catch(() => undefined);
  }

  private listen(page: Page, log: ConsoleEntry[]): void {
    const push = (entry: ConsoleEntry): void => { if (log.length < MAX_CONSOLE) log.push({ type: entry.type, text: clip(entry.text) }); };
    page.on('console', (m) => push({ type: m.type(), text: m.text() }));
    page.on('pageerror', (e) => push({ type: 'pageerror', text: e.stack ?? e.message }));
    page.on('crash', () => push({ type: 'pageerror', text: '[bcr] the page crashed' }));
    page.on('dialog', (d) => void d.dismiss().catch(() => undefined));
  }

  private async capture(page: Page, cdp: CDPSession, entry: string, options: ScreenshotOptions, state: Omit<Screenshot, 'timings'>): Promise<void> {
    const settleMs = options.settleMs ?? 2_000;
    let inFlight = 0;
    let lastChange = performance.now();
    const change = (d: number) => { inFlight += d; lastChange = performance.now(); };
    page.on('request', () => change(1));
    page.on('requestfinished', () => change(-1));
    page.on('requestfailed', () => change(-1));
    const target = `${PAGE_ORIGIN}/${entry.split('/').map(encodeURIComponent).join('/')}`;
    await page.goto(target, { waitUntil: 'load', timeout: 0 });
    const settleStart = performance.now();
    state.settled = 'capped';
    while (performance.now() - settleStart < settleMs) {
      if (inFlight <= 0 && performance.now() - lastChange >= 50) { state.settled = 'idle'; break; }
      await new Promise((r) => setTimeout(r, 25));
    }
    // The readiness expression is the page's own "done" (mermaid's render): only the wall limit bounds it.
    if (options.readyWhen) await page.waitForFunction(options.readyWhen, undefined, { timeout: 0, polling: 25 });
    if (options.resultOf) state.result = await page.evaluate(options.resultOf).catch(() => undefined);
    // Two animation frames: what the last script did is painted (a string: this file is not typed for the DOM).
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))');
    // The full page, through CDP: half the time of Playwright's full-page path (measured here, 80 vs 200 ms).
    const viewport = page.viewportSize() ?? DEFAULT_VIEWPORT;
    const { cssContentSize } = await cdp.send('Page.getLayoutMetrics');
    const width = Math.min(MAX_CAPTURE_PX, Math.max(viewport.width, Math.ceil(cssContentSize.width)));
    const height = Math.min(MAX_CAPTURE_PX, Math.max(viewport.height, Math.ceil(cssContentSize.height)));
    const shot = await cdp.send('Page.captureScreenshot', { format: 'png', clip: { x: 0, y: 0, width, height, scale: 1 }, captureBeyondViewport: true });
    state.png = new Uint8Array(Buffer.from(shot.data, 'base64'));
  }

  /** Closes the browser (killing it if it does not answer) and removes its folder. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.closing]);
    this.spare = null;
    const starting = this.browser;
    if (starting) {
      const browser = await starting.catch(() => null);
      const done = browser ? await withCap(browser.close().then(() => true, () => false), 5_000) : true;
      if (done !== true) await this.kill();
    }
    this.browser = null;
    this.current = null;
    openBrowsers.delete(this.exitEntry);
    if (this.dir) await rm(await this.dir, { recursive: true, force: true });
  }
}
