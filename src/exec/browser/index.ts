/**
 * The browser environments: a warm Chromium confined by bubblewrap
 * (`WarmBrowser`), the screenshot capability it gives a sandboxed workspace
 * (`withScreenshots`, `canScreenshot`), and `runBrowserProgram` for HTML,
 * Mermaid, React and Vue (bundled with esbuild inside the sandbox).
 */
export { WarmBrowser, PAGE_ORIGIN, type FileSource, type WarmBrowserOptions } from './warm-browser.js';
export { canScreenshot, type ConsoleEntry, type Screenshot, type ScreenshotCapability, type ScreenshotOptions, type ScreenshotSandbox } from './screenshot.js';
export { withScreenshots } from './browser-sandbox.js';
export { BROWSER_ENVIRONMENTS, BUNDLE_LIMITS, isBrowserEnvironment, runBrowserProgram, type BrowserEnvironment, type BrowserProgramInput, type BrowserRun, type BundleReport, type RunBrowserOptions } from './run-browser.js';
export { browserAssets } from './pages.js';
export { closeSharedBrowsers } from './shared-browser.js';
export { WEB_MODULES, webMounts, webPackages } from './toolchain.js';
