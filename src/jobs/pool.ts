/**
 * The worker pool: `concurrency` tasks at once (p-limit), fed from the list
 * lazily so a run of 100,000 tasks never holds 100,000 pending promises. The
 * first error thrown by `work` stops feeding; tasks under way finish; the
 * error is rethrown.
 */
import pLimit from 'p-limit';

export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
  stop?: AbortSignal,
): Promise<void> {
  const limit = pLimit(concurrency);
  // Keep the limiter's queue short: at most one waiting task per worker.
  const window = concurrency * 2;
  let open = 0;
  let wake: (() => void) | null = null;
  const failed: { err?: unknown; any: boolean } = { any: false };
  const done = () => {
    open--;
    const w = wake;
    wake = null;
    w?.();
  };
  const run = async (item: T) => {
    if (failed.any || stop?.aborted) return;
    try {
      await work(item);
    } catch (err) {
      if (!failed.any) Object.assign(failed, { err, any: true });
    }
  };
  for (const item of items) {
    if (failed.any || stop?.aborted) break;
    open++;
    void limit(run, item).finally(done);
    while (open >= window) await new Promise<void>((resolve) => (wake = resolve));
  }
  while (open > 0) await new Promise<void>((resolve) => (wake = resolve));
  if (failed.any) throw failed.err;
}
