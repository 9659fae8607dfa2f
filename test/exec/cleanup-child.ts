/**
 * A supervisor in a process of its own, so a test can SIGKILL it while a
 * program runs: it makes a sandbox (CLEANUP_BACKEND local|docker, workspaces
 * in CLEANUP_TMP; CLEANUP_WARM=1 for a warm container), starts CLEANUP_MARKER-named sleepers (one detached), and
 * prints `started` once the run is under way.
 */
import { dockerBackend, localBackend } from '../../src/exec/index.js';

/** Shell that leaves a detached sleeper and runs another in the foreground; both carry `marker` in their command line. */
export function sleepers(marker: string): string[] {
  return ['/bin/sh', '-c', `cp /bin/sleep ./${marker} && (setsid ./${marker} 301 > /dev/null 2>&1 &) && ./${marker} 300`];
}

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const env = process.env;
  const warm = env.CLEANUP_WARM === '1';
  const backend = env.CLEANUP_BACKEND === 'docker' ? dockerBackend({ tmpDir: env.CLEANUP_TMP!, warm: warm ? 2 : 0 }) : localBackend({ tmpDir: env.CLEANUP_TMP! });
  // Naming the program puts the run in a warm container (CLEANUP_WARM=1).
  const sandbox = await backend.create({ limits: { wallMs: 120_000 }, ...(warm ? { program: '/bin/sh' } : {}) });
  const run = sandbox.exec(sleepers(env.CLEANUP_MARKER!));
  process.stdout.write('started\n');
  await run;
}
