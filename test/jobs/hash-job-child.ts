/**
 * A stage that has nothing to do with judging, built from the job room alone:
 * it hashes inputs (slowly, so it can be killed in the middle) into a ledger.
 * Settings from the environment: HASH_OUT (ledger), HASH_INPUTS (count),
 * HASH_DELAY_MS (per task), HASH_CONCURRENCY.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { Ledger, runJob, sleep } from '../../src/jobs/index.js';

export const hashLine = z.object({ key: z.string(), sha: z.string().length(64), pid: z.number().int() });
export const input = (i: number) => `input number ${i}`;
export const keyOf = (i: number) => `in-${String(i).padStart(4, '0')}`;

if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const env = process.env;
  const ledger = Ledger.open(env.HASH_OUT!, { schema: hashLine, key: (l) => l.key });
  const count = Number(env.HASH_INPUTS ?? 200);
  const delay = Number(env.HASH_DELAY_MS ?? 5);
  const tasks = Array.from({ length: count }, (_, i) => ({ key: keyOf(i), text: input(i) })).filter((t) => !ledger.latest.has(t.key));
  try {
    const outcome = await runJob({
      tasks,
      concurrency: Number(env.HASH_CONCURRENCY ?? 4),
      attempt: async (t, signal) => {
        await sleep(delay, signal);
        return createHash('sha256').update(t.text).digest('hex');
      },
      onResult: (t, sha) => ledger.append({ key: t.key, sha, pid: process.pid }),
      onGiveUp: (_t, failure) => {
        throw new Error(`a hash cannot fail: ${failure.message}`);
      },
    });
    process.stdout.write(`${JSON.stringify({ resumedFrom: count - tasks.length, written: ledger.appended, stop: outcome.stop ?? null })}\n`);
  } finally {
    ledger.close();
  }
}
