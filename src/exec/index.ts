/**
 * The executor room: from a model's answer to a program (`program/`), the
 * sandbox interface, its backends and the language runners.
 *
 *   const sandbox = await localBackend().create({ limits: { wallMs: 10_000 } });
 *   try {
 *     const run = await runProgram(sandbox, { language: 'Python', entry: 'main.py', files: [{ path: 'main.py', contents: code }] });
 *     comparison = withExecution(comparison, 'a', run.execution); // source: 'executed'
 *   } finally {
 *     await sandbox.destroy();
 *   }
 *
 * The local backend needs Debian's `bubblewrap` (and util-linux's `prlimit`,
 * `setpriv`); the browser environments need Debian's `chromium`; the runners use Debian's toolchains under /usr: python3 (plots
 * need python3-matplotlib), nodejs, gcc, g++, default-jdk-headless,
 * golang-go and rustc-web. TypeScript is transpiled on the host with the
 * `typescript` package.
 */
export * from './sandbox/index.js';
export * from './backends/index.js';
export * from './runners/index.js';
export * from './program/index.js';
export * from './executions.js';
export * from './browser/index.js';
export { runPygame, type RunPygameOptions } from './pygame/run-pygame.js';
