/**
 * Recorded vs fresh, one row per re-executed side: what the dataset says the
 * code did beside what the sandbox saw, for a notebook table. The summary
 * per environment is `compareExecutions`; this is the per-side view.
 */
import type { Comparison } from '../data/comparison.js';
import { executionOf } from '../data/execution.js';
import { normaliseOutput, outputSimilarity } from '../exec/executions-compare.js';
import type { ExecutionsRead } from '../exec/executions-file.js';

export interface SideExecutionRow {
  id: string;
  side: 'a' | 'b';
  environment: string | null;
  status: string;
  'recorded success': boolean | null;
  'fresh success': boolean | null;
  'recorded output': string;
  'fresh output': string;
  /** Normalised outputs equal. */
  'same output': boolean;
  /** Levenshtein ratio of the normalised outputs (1 = identical). */
  similarity: number;
  /** Why it did not run, or the limit that stopped it. */
  note: string | null;
}

export function sideExecutionRows(comparisons: readonly Comparison[], fresh: ExecutionsRead): SideExecutionRow[] {
  const byId = new Map(comparisons.map((c) => [c.id, c] as const));
  const rows: SideExecutionRow[] = [];
  for (const line of fresh.lines.values()) {
    const comparison = byId.get(line.id);
    if (!comparison) continue;
    const recorded = executionOf(comparison[line.side]);
    const recordedOut = recorded.output ?? recorded.error ?? '';
    const freshOut = line.execution?.output ?? line.execution?.error ?? '';
    rows.push({
      id: line.id,
      side: line.side,
      environment: line.environment,
      status: line.status,
      'recorded success': recorded.success,
      'fresh success': line.execution?.success ?? null,
      'recorded output': recordedOut,
      'fresh output': freshOut,
      'same output': normaliseOutput(recordedOut) === normaliseOutput(freshOut),
      similarity: outputSimilarity(recordedOut, freshOut),
      note: line.limit ? `stopped by ${line.limit}` : line.message,
    });
  }
  return rows;
}
