/**
 * The verdict cache: the jobs room's content cache, one file per judge
 * identity (`<dir>/<judgeHash>.jsonl`), so a run never reads other judges'
 * entries. Errors are never cached (a retry may succeed).
 */
import { join } from 'node:path';
import { ContentCache } from '../../jobs/index.js';
import type { Judge, JudgeResult } from '../types.js';
import { judgeHash } from './keys.js';

export class VerdictCache extends ContentCache<JudgeResult> {
  constructor(dir: string, judge: Pick<Judge, 'name' | 'config'>) {
    super(join(dir, `${judgeHash(judge).slice(0, 32)}.jsonl`), {
      accept: (r) => r.verdict !== 'error',
      store: (r) => {
        const stored: JudgeResult = { ...r };
        // Latency belongs to the original call, not to the cached answer.
        delete stored.latencyMs;
        return stored;
      },
    });
  }
}
