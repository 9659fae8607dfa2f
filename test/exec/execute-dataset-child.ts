/**
 * `executeDataset` on the bundled sample in a process of its own, so a test
 * can SIGKILL it in the middle. Settings from the environment: EXEC_OUT (the
 * executions file), EXEC_LIMIT (records), EXEC_CONCURRENCY, EXEC_TMP (where
 * sandboxes are made). Prints the summary as JSON.
 */
import { openDataset } from '../../src/data/dataset.js';
import { executeDataset, localBackend } from '../../src/exec/index.js';

const env = process.env;
const comparisons = await (await openDataset()).loadComparisons({ limit: Number(env.EXEC_LIMIT ?? 20) });
const summary = await executeDataset({
  comparisons,
  backend: localBackend(env.EXEC_TMP ? { tmpDir: env.EXEC_TMP } : {}),
  out: env.EXEC_OUT!,
  concurrency: Number(env.EXEC_CONCURRENCY ?? 2),
});
process.stdout.write(`${JSON.stringify(summary)}\n`);
