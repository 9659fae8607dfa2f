/**
 * Turns a judge's answer into a results line: scrubs secrets, appends it,
 * and keeps the run's counts. Shared by the live runner and the Batch API mode,
 * so both write the same lines and count them the same way.
 */
import type { FailureKind, Ledger, ProgressEvent } from '../../jobs/index.js';
import type { JudgeMode, JudgeResult, Order, VerdictRecord } from '../types.js';
import { redact } from '../../llm/redact.js';
import type { RunSummary } from './summary.js';

export interface RecordTarget {
  id: string;
  mode: JudgeMode;
  order: Order;
}

export interface RecordExtra {
  cached?: boolean;
  attempts?: number;
  /** Kind counted in the summary when the verdict is an error (default `parse`). */
  kind?: FailureKind;
}

export class Recorder {
  private readonly startedAt = Date.now();

  constructor(
    private readonly writer: Pick<Ledger<VerdictRecord>, 'append'>,
    readonly summary: RunSummary,
    private readonly judgeName: string,
    private readonly secrets: readonly string[],
    private readonly onProgress?: (event: ProgressEvent) => void,
    private readonly endpoint?: string,
  ) {}

  clean(text: string): string {
    return redact(text, this.secrets);
  }

  write(target: RecordTarget, result: JudgeResult, extra: RecordExtra = {}): VerdictRecord {
    const record: VerdictRecord = {
      id: target.id,
      judge: this.judgeName,
      ...(this.endpoint !== undefined ? { endpoint: this.clean(this.endpoint) } : {}),
      mode: target.mode,
      order: target.order,
      verdict: result.verdict,
      ...(result.reasoning !== undefined ? { reasoning: this.clean(result.reasoning) } : {}),
      ...(result.raw !== undefined ? { raw: this.clean(result.raw) } : {}),
      ...(result.error !== undefined ? { error: this.clean(result.error) } : {}),
      ...(result.latencyMs !== undefined ? { latencyMs: Math.round(result.latencyMs) } : {}),
      ...(result.usage !== undefined ? { usage: result.usage } : {}),
      ...(extra.cached ? { cached: true } : {}),
      ...(extra.attempts !== undefined ? { attempts: extra.attempts } : {}),
    };
    this.writer.append(record);
    const s = this.summary;
    s.written++;
    if (result.verdict === 'error') {
      s.failed++;
      const kind = extra.kind ?? 'parse';
      s.errorsByKind[kind] = (s.errorsByKind[kind] ?? 0) + 1;
    } else if (extra.cached) {
      s.cached++;
    } else {
      s.judged++;
    }
    // Cached answers cost nothing now; their usage line records what they once cost.
    if (!extra.cached && result.usage) {
      s.promptTokens += result.usage.promptTokens ?? 0;
      s.completionTokens += result.usage.completionTokens ?? 0;
      s.cost += result.usage.cost ?? 0;
    }
    this.progress();
    return record;
  }

  progress(): void {
    const s = this.summary;
    this.onProgress?.({
      total: s.total,
      done: s.alreadyDone + s.written,
      cached: s.cached,
      failed: s.failed,
      retried: s.retried,
      cost: s.cost,
      elapsedMs: Date.now() - this.startedAt,
    });
  }
}
