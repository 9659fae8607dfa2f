/**
 * A sandbox given the screenshot capability: its pages are served from its
 * own workspace (read through `readFile`, which refuses symlinks and `..`)
 * into the warm, confined host browser. That is how both backends get
 * screenshots: under Docker the build runs in the container and the
 * confined host browser captures the built files.
 */
import type { Sandbox } from '../sandbox/types.js';
import type { ScreenshotSandbox } from './screenshot.js';
import type { FileSource, WarmBrowser } from './warm-browser.js';

/** Largest file a page may load from its workspace. */
const MAX_FILE = 32 * 1024 * 1024;

export function withScreenshots(sandbox: Sandbox, browser: WarmBrowser): ScreenshotSandbox {
  const source: FileSource = (file) => sandbox.readFile(file, { maxBytes: MAX_FILE }).catch(() => null);
  return {
    backend: sandbox.backend,
    workdir: sandbox.workdir,
    isolated: sandbox.isolated,
    writeFiles: (files) => sandbox.writeFiles(files),
    exec: (argv, options) => sandbox.exec(argv, options),
    readFile: (file, options) => sandbox.readFile(file, options),
    listFiles: (dir) => sandbox.listFiles(dir),
    destroy: () => sandbox.destroy(),
    screenshot: (entry, options) => browser.screenshot(source, entry, options),
  };
}
