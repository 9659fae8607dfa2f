/**
 * `executeDataset` on the bundled sample in a process of its own, so a test
 * can SIGKILL it in the middle. Settings from the environment (`childEnv`):
 * EXEC_OUT (the executions file), EXEC_LIMIT (records), EXEC_CONCURRENCY,
 * EXEC_TMP (where sandboxes are made). Prints the summary as JSON.
 */
import { openDataset } from '../../src/data/dataset.js';
import { executeDataset, localBackend } from '../../src/exec/index.js';

export function childEnv(o: { out: string; records: number; concurrency: number; sandboxes: string }): Record<string, string> {
  return { EXEC_OUT: o.out, EXEC_LIMIT: String(o.records), EXEC_CONCURRENCY: String(o.concurrency), EXEC_TMP: o.sandboxes };
}

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const env = process.env;
  const comparisons = await (await openDataset()).loadComparisons({ limit: Number(env.EXEC_LIMIT ?? 20) });
  const summary = await executeDataset({
    comparisons,
    backend: localBackend(env.EXEC_TMP ? { tmpDir: env.EXEC_TMP } : {}),
    out: env.EXEC_OUT!,
    concurrency: Number(env.EXEC_CONCURRENCY ?? 2),
  });
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}
