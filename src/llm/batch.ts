/**
 * The provider's Batch API for any producer of chat requests (the judge's
 * verdicts, the arena's answers): upload a JSONL of requests, create the
 * batch, poll with backoff, download its output and error files. The batch
 * ids live in `<ledger>.batch.json`, written before and after each provider
 * call, so a killed poller resumes polling instead of submitting (and paying
 * for) the same requests again. What a line means is the caller's business.
 */
import { toFile } from 'openai';
import type OpenAI from 'openai';
import type { Batch } from 'openai/resources/batches';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { ConfigError } from '../errors.js';
import { classifyFailure, DEFAULT_RETRY, sleep, withRetry, type FailureKind, type RetryPolicy } from '../jobs/index.js';
import { parseOutputFile, type BatchInputLine, type BatchOutputLine } from './batch-files.js';
import { readBatchState, writeBatchState, type BatchEntry, type BatchState } from './batch-state.js';

export interface BatchRequest {
  customId: string;
  body: ChatCompletionCreateParamsNonStreaming;
}

export interface BatchSessionOptions {
  client: OpenAI;
  /** The ledger the answers go to; the state file sits beside it. */
  out: string;
  /** Who submits (a judge's or a model's name): a state file of another owner is refused. */
  owner: string;
  /** First wait between polls (default 10 s); grows 1.5x per poll up to `pollMaxMs` (default 5 min). */
  pollMs?: number;
  pollMaxMs?: number;
  /** Stop polling after this long (default 25 h: past the 24 h window, the provider has decided). */
  maxWaitMs?: number;
  signal?: AbortSignal;
  /** Called after each poll, e.g. to print the status. */
  onPoll?: (batch: Batch) => void;
  /** Retries of the provider calls (upload, poll, download); creating a batch is never retried (it would pay twice). */
  retry?: Partial<RetryPolicy>;
}

const TERMINAL = new Set(['completed', 'failed', 'expired', 'cancelled']);

/** The failure kind of a batch line's HTTP status. */
export function errorKindForStatus(status: number): FailureKind {
  if (status === 429) return 'rate_limit';
  if (status >= 500 || status === 408 || status === 409) return 'server';
  return 'client';
}

export class BatchSession {
  private readonly state: BatchState;
  private readonly policy: RetryPolicy;

  constructor(private readonly opts: BatchSessionOptions) {
    this.state = readBatchState(opts.out, opts.owner);
    this.policy = { ...DEFAULT_RETRY, maxAttempts: 4, ...opts.retry };
  }

  /** Requests inside a batch not merged yet: waited for, never submitted twice. */
  inFlight(): Set<string> {
    return new Set(this.state.batches.filter((b) => !b.merged).flatMap((b) => b.customIds));
  }

  private retrying<T>(call: () => Promise<T>): Promise<T> {
    return withRetry(call, {
      policy: this.policy,
      // A rejected key or an empty account will not change between polls: fail at once.
      classify: (err) => {
        const f = classifyFailure(err);
        return f.kind === 'auth' || f.kind === 'quota' ? { ...f, retryable: false } : f;
      },
      ...(this.opts.signal ? { signal: this.opts.signal } : {}),
    });
  }

  private save(): void {
    writeBatchState(this.opts.out, this.state);
  }

  /** Uploads and creates batches of at most `size` requests each. */
  async submit(requests: readonly BatchRequest[], size = 50_000, fileName = 'batch.jsonl'): Promise<void> {
    const client = this.opts.client;
    for (let i = 0; i < requests.length; i += size) {
      const chunk = requests.slice(i, i + size);
      const lines = chunk.map((r) => {
        const line: BatchInputLine = { custom_id: r.customId, method: 'POST', url: '/v1/chat/completions', body: r.body };
        return JSON.stringify(line);
      });
      const file = await this.retrying(async () => client.files.create({
        file: await toFile(Buffer.from(`${lines.join('\n')}\n`), fileName, { type: 'application/jsonl' }),
        purpose: 'batch',
      }));
      const entry: BatchEntry = { inputFileId: file.id, customIds: chunk.map((r) => r.customId), merged: false };
      this.state.batches.push(entry);
      this.save();
      await this.create(entry);
    }
    // Entries uploaded but never created (killed in between) are created now.
    for (const entry of this.state.batches) if (!entry.merged && !entry.batchId) await this.create(entry);
  }

  private async create(entry: BatchEntry): Promise<void> {
    const batch = await this.opts.client.batches.create({ input_file_id: entry.inputFileId, endpoint: '/v1/chat/completions', completion_window: '24h' });
    entry.batchId = batch.id;
    entry.status = batch.status;
    this.save();
  }

  /**
   * Polls every unmerged batch to its end, hands its lines to `merge`, then
   * marks it merged. Returns false when the signal stopped it (the state
   * keeps the batch for the next run).
   */
  async drain(merge: (entry: BatchEntry, batch: Batch, lines: BatchOutputLine[]) => void | Promise<void>): Promise<boolean> {
    for (const entry of this.state.batches) {
      if (entry.merged || !entry.batchId) continue;
      const batch = await this.pollUntilDone(entry);
      if (!batch) return false;
      const lines = [...(await this.download(batch.output_file_id)), ...(await this.download(batch.error_file_id))];
      await merge(entry, batch, lines);
      entry.merged = true;
      entry.status = batch.status;
      this.save();
    }
    return true;
  }

  private async pollUntilDone(entry: BatchEntry): Promise<Batch | null> {
    const { client, signal } = this.opts;
    const first = Date.now();
    let wait = this.opts.pollMs ?? 10_000;
    for (;;) {
      if (signal?.aborted) return null;
      const batch = await this.retrying(() => client.batches.retrieve(entry.batchId!, signal ? { signal } : {}));
      this.opts.onPoll?.(batch);
      if (entry.status !== batch.status) {
        entry.status = batch.status;
        this.save();
      }
      if (TERMINAL.has(batch.status)) return batch;
      if (Date.now() - first > (this.opts.maxWaitMs ?? 25 * 3_600_000)) {
        throw new ConfigError(`batch ${batch.id} still "${batch.status}" after the wait limit; rerun later to resume polling`);
      }
      try {
        await sleep(wait, signal);
      } catch {
        return null;
      }
      wait = Math.min(wait * 1.5, this.opts.pollMaxMs ?? 300_000);
    }
  }

  private async download(fileId: string | undefined): Promise<BatchOutputLine[]> {
    if (!fileId) return [];
    const text = await this.retrying(async () => (await this.opts.client.files.content(fileId)).text());
    return parseOutputFile(text, `batch file ${fileId}`);
  }
}

/** Why a batch left some requests unanswered, for their error lines. */
export function unansweredReason(batch: Batch): string {
  return batch.errors?.data?.map((e) => e.message).filter(Boolean).join('; ') || `batch ${batch.status}`;
}
