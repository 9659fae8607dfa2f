/**
 * Scale-out mode: the same tasks as `runJudge`, sent through the provider's
 * Batch API (cheaper, slower). Writes the same results lines with the same
 * resume rules; the batch ids live in `<out>.batch.json` so a killed poller
 * resumes polling instead of submitting again.
 *
 * Steps: plan tasks -> skip those done (results file) or cached -> write a
 * JSONL of /v1/chat/completions requests -> upload (purpose "batch") ->
 * create the batch -> poll with backoff -> download output and error files
 * -> parse each answer with the verdict parser -> append to the results.
 */
import type { Batch } from 'openai/resources/batches';
import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { Comparison } from '../../data/comparison.js';
import type { FailureKind, ProgressEvent, RetryPolicy } from '../../jobs/index.js';
import { BatchSession, errorKindForStatus, unansweredReason } from '../../llm/batch.js';
import type { BatchEntry } from '../../llm/batch-state.js';
import type { BatchOutputLine } from '../../llm/batch-files.js';
import { checkCompletion } from '../../llm/client.js';
import { assertServesModes, type BatchCapable } from '../capabilities.js';
import type { OrderPolicy } from '../orders.js';
import { VerdictCache } from '../runner/cache.js';
import { cacheKey } from '../runner/keys.js';
import { Recorder } from '../runner/recorder.js';
import { openResultsLedger } from '../runner/results.js';
import { planTasks, selectPending, type JudgeTask } from '../runner/run.js';
import { emptySummary, type RunSummary } from '../runner/summary.js';
import type { JudgeMode } from '../types.js';
import { customId, parseCustomId } from './requests.js';

export interface RunBatchOptions {
  comparisons: readonly Comparison[];
  judge: BatchCapable;
  modes: readonly JudgeMode[];
  orders?: OrderPolicy;
  seed?: number;
  out: string;
  cacheDir?: string;
  limit?: number;
  retryErrors?: boolean;
  /** Requests per batch (the provider's limit is 50,000). */
  maxRequestsPerBatch?: number;
  /** First wait between polls (default 10 s); grows 1.5x per poll up to `pollMaxMs` (default 5 min). */
  pollMs?: number;
  pollMaxMs?: number;
  /** Stop polling after this long (default 25 h: past the 24 h window, the provider has decided). */
  maxWaitMs?: number;
  /** Fraction of the live price a batch costs (default 0.5, OpenAI's batch discount). */
  priceFactor?: number;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Called after each poll, e.g. to print the status. */
  onPoll?: (batch: Batch) => void;
  /** Retries of the provider calls (upload, poll, download); creating a batch is never retried (it would pay twice). */
  retry?: Partial<RetryPolicy>;
}

export async function runBatch(opts: RunBatchOptions): Promise<RunSummary> {
  const startedAt = Date.now();
  const judge = opts.judge;
  assertServesModes(judge, opts.modes);
  const client = judge.client;
  const comparisons = opts.limit !== undefined ? opts.comparisons.slice(0, opts.limit) : opts.comparisons;
  const tasks = planTasks(comparisons, judge.name, opts.modes, opts.orders ?? 'AB', opts.seed ?? 0);
  const byCustomId = new Map<string, JudgeTask>(tasks.map((t) => [customId(t.mode, t.order, t.comparison.id), t]));

  const ledger = openResultsLedger(opts.out, judge);
  const summary = emptySummary(opts.out);
  summary.total = tasks.length;
  summary.repairedBytes = ledger.droppedBytes;
  // Keys answered before this run started: a merge interrupted half-way then rerun must not answer them twice.
  const answeredBefore = new Map(ledger.latest);
  const answeredNow = new Set<string>();
  const pending = selectPending(tasks, ledger.latest, opts.retryErrors ?? false);
  summary.alreadyDone = tasks.length - pending.length;
  if (!opts.retryErrors) summary.earlierErrors = tasks.filter((t) => ledger.latest.get(t.key)?.verdict === 'error').length;

  let session: BatchSession;
  try {
    session = new BatchSession({
      client, out: opts.out, owner: judge.name,
      ...(opts.pollMs !== undefined ? { pollMs: opts.pollMs } : {}),
      ...(opts.pollMaxMs !== undefined ? { pollMaxMs: opts.pollMaxMs } : {}),
      ...(opts.maxWaitMs !== undefined ? { maxWaitMs: opts.maxWaitMs } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onPoll ? { onPoll: opts.onPoll } : {}),
      ...(opts.retry ? { retry: opts.retry } : {}),
    });
  } catch (err) {
    ledger.close();
    throw err;
  }
  const cache = opts.cacheDir ? new VerdictCache(opts.cacheDir, judge) : null;
  const recorder = new Recorder(ledger, summary, judge.name, judge.secretsToRedact, opts.onProgress, judge.endpoint);
  const priceFactor = opts.priceFactor ?? 0.5;

  /** Appends a line unless this key already has its answer (a merge interrupted half-way, then rerun). */
  const writeOnce = (task: JudgeTask, write: () => void): void => {
    if (answeredNow.has(task.key)) return;
    const last = answeredBefore.get(task.key);
    if (last && !(opts.retryErrors && last.verdict === 'error')) return;
    write();
    answeredNow.add(task.key);
  };

  try {
    recorder.progress();
    // Requests already inside an unmerged batch are waited for, never submitted twice.
    const inFlight = session.inFlight();
    const toSubmit: JudgeTask[] = [];
    for (const task of pending) {
      const cid = customId(task.mode, task.order, task.comparison.id);
      if (inFlight.has(cid)) continue;
      const hit = cache?.get(cacheKey(judge, task.comparison, task.mode, task.order));
      if (hit) recorder.write({ id: task.comparison.id, mode: task.mode, order: task.order }, hit, { cached: true });
      else toSubmit.push(task);
    }
    const requests = [];
    for (const task of toSubmit) {
      requests.push({
        customId: customId(task.mode, task.order, task.comparison.id),
        body: await judge.requestBody({ comparison: task.comparison, mode: task.mode, order: task.order }),
      });
    }
    await session.submit(requests, opts.maxRequestsPerBatch ?? 50_000, 'judge-batch.jsonl');
    await session.drain(merge);
  } finally {
    ledger.close();
    cache?.close();
  }
  summary.aborted = opts.signal?.aborted ?? false;
  summary.unfinished = Math.max(0, pending.length - summary.written);
  if (summary.aborted) {
    summary.stopped = {
      reason: 'interrupted', message: 'interrupted',
      resume: 'rerun the same command to resume: submitted batches are polled, not submitted again',
    };
  }
  summary.elapsedMs = Date.now() - startedAt;
  return summary;

  function merge(entry: BatchEntry, batch: Batch, lines: BatchOutputLine[]): void {
    const seen = new Set<string>();
    for (const line of lines) {
      const task = byCustomId.get(line.custom_id);
      if (!task) {
        parseCustomId(line.custom_id, `batch ${batch.id}`); // a malformed id is reported; a foreign one skipped
        continue;
      }
      seen.add(line.custom_id);
      const target = { id: task.comparison.id, mode: task.mode, order: task.order };
      const status = line.response?.status_code;
      let completion: ChatCompletion | undefined;
      let malformed: string | undefined;
      if (status === 200 && line.response) {
        try {
          completion = checkCompletion(line.response.body);
        } catch (err) {
          malformed = (err as Error).message;
        }
      }
      if (malformed !== undefined) {
        writeOnce(task, () =>
          recorder.write(target, { verdict: 'error', error: `malformed_response: ${malformed}` }, { attempts: 1, kind: 'malformed_response' }),
        );
      } else if (completion) {
        const { result } = judge.interpret(completion, task.order);
        const usage = completion.usage
          ? { promptTokens: completion.usage.prompt_tokens, completionTokens: completion.usage.completion_tokens }
          : undefined;
        const cost = usage ? judge.cost(usage) : undefined;
        const full = {
          ...result,
          ...(usage ? { usage: { ...usage, ...(cost !== undefined ? { cost: cost * priceFactor } : {}) } } : {}),
        };
        writeOnce(task, () => {
          recorder.write(target, full, { attempts: 1, kind: 'parse' });
          if (full.verdict !== 'error') cache?.put(cacheKey(judge, task.comparison, task.mode, task.order), full);
        });
      } else {
        const message =
          line.error?.message ??
          (line.response?.body as { error?: { message?: string } } | undefined)?.error?.message ??
          'no answer';
        const kind: FailureKind = status !== undefined ? errorKindForStatus(status) : 'batch';
        const code = line.error?.code ? ` (${line.error.code})` : '';
        writeOnce(task, () =>
          recorder.write(target, { verdict: 'error', error: `${kind}: ${status ?? 'batch'}${code}: ${message}` }, { attempts: 1, kind }),
        );
      }
    }
    // Requests the provider never answered (failed/expired/cancelled batch) still end with one line each.
    const reason = unansweredReason(batch);
    for (const cid of entry.customIds) {
      if (seen.has(cid)) continue;
      const task = byCustomId.get(cid);
      if (!task) continue; // planned by an earlier run with other records; not this run's business
      writeOnce(task, () =>
        recorder.write(
          { id: task.comparison.id, mode: task.mode, order: task.order },
          { verdict: 'error', error: `batch: ${batch.id} ${batch.status}: ${reason}` },
          { attempts: 1, kind: 'batch' },
        ),
      );
    }
  }
}
