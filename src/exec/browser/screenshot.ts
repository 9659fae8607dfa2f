/**
 * The screenshot capability: what a backend with a browser adds to a
 * sandbox. It is a separate interface (not a method every sandbox pretends
 * to have), so callers test for it with `canScreenshot`. The value is kept
 * general, a PNG plus what the page said, so a PyGame frame capture can
 * give the same shape.
 */
import type { Sandbox } from '../sandbox/types.js';

export interface ConsoleEntry {
  /** The console method (`log`, `warning`, `error`, ...) or `pageerror` for an uncaught exception. */
  type: string;
  text: string;
}

export interface Screenshot {
  /** The full-page PNG, or null when the page never got far enough to be captured. */
  png: Uint8Array | null;
  /** Console messages and uncaught page errors, in order (capped). */
  console: ConsoleEntry[];
  /** URLs the page tried to reach outside its own files: every one was refused. */
  blocked: string[];
  /** Files the page asked for that its workspace does not have. */
  missing: string[];
  /** True when the wall limit stopped the capture (the page hung: a busy loop, an endless load). */
  timedOut: boolean;
  /** How the page was judged settled: all its requests done, or the settle cap reached. */
  settled: 'idle' | 'capped' | null;
  /** The value of `resultOf`, read from the page after it settled (untrusted: the page can set it). */
  result?: unknown;
  timings: { startedAt: string; wallMs: number };
}

export interface ScreenshotOptions {
  /** Wall limit of the whole capture, ms (default 15 s): past it the page is torn down. */
  wallMs?: number;
  /** Longest wait, after `load`, for the page's requests to finish (default 2 s). */
  settleMs?: number;
  /** Viewport (default the reference's 1024x1024); the capture is full-page. */
  viewport?: { width: number; height: number };
  /** A JavaScript expression the page must make truthy before the capture (waited for within the wall limit). */
  readyWhen?: string;
  /** A JavaScript expression read from the page just before the capture (e.g. a template's own status). */
  resultOf?: string;
}

export interface ScreenshotCapability {
  /** Loads `entry` (a workspace path, e.g. `dist/index.html`) in the browser and captures it. */
  screenshot(entry: string, options?: ScreenshotOptions): Promise<Screenshot>;
}

export type ScreenshotSandbox = Sandbox & ScreenshotCapability;

export function canScreenshot(sandbox: Sandbox): sandbox is ScreenshotSandbox {
  return typeof (sandbox as Partial<ScreenshotCapability>).screenshot === 'function';
}
