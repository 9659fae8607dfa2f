/**
 * The arena's model stages through the provider's Batch API, on the same
 * batch session as the judge (`src/llm/batch.ts`: state beside the ledger,
 * a killed poller resumes polling, nothing submitted twice). Each round
 * submits the tasks without a line, polls, and writes one line per answer;
 * a task the reader wants asked again (an answer without code) goes into
 * the next round, up to `rounds`.
 */
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { Ledger, type LedgerFormat } from '../jobs/index.js';
import { BatchSession, errorKindForStatus, unansweredReason } from '../llm/batch.js';
import { checkCompletion, type ChatClient } from '../llm/client.js';
import { emptyStageSummary, type StageSummary } from './stage.js';

export interface BatchStageOptions {
  /** First wait between polls (default 10 s). */
  pollMs?: number;
  pollMaxMs?: number;
  signal?: AbortSignal;
  retryErrors?: boolean;
  onPoll?: (status: string) => void;
}

export interface BatchTask {
  key: string;
  /** Unique within its session. */
  customId: string;
}

export interface BatchStageSpec<T extends BatchTask, L> extends BatchStageOptions {
  stage: string;
  out: string;
  format: LedgerFormat<L>;
  /** One session per client (state file `<out>.<name>.batch.json`). */
  groups: ReadonlyArray<{ name: string; chat: ChatClient; tasks: readonly T[] }>;
  isError: (line: L) => boolean;
  body: (task: T) => Promise<ChatCompletionCreateParamsNonStreaming>;
  /** The line for an answer, or `again` to ask once more in the next round (while rounds remain). */
  read: (task: T, completion: ChatCompletion, round: number, last: boolean) => L | 'again';
  errorLine: (task: T, message: string) => L;
  /** Rounds in all (default 1). */
  rounds?: number;
}

const baseId = (customId: string) => customId.replace(/#\d+$/, '');
const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '_');

export async function runBatchStage<T extends BatchTask, L>(spec: BatchStageSpec<T, L>): Promise<StageSummary> {
  const startedAt = Date.now();
  const summary = emptyStageSummary(spec.stage, spec.out);
  const ledger = Ledger.open(spec.out, spec.format);
  try {
    for (const group of spec.groups) {
      summary.total += group.tasks.length;
      const session = new BatchSession({
        client: group.chat.client, out: `${spec.out}.${safe(group.name)}`, owner: group.name,
        ...(spec.pollMs !== undefined ? { pollMs: spec.pollMs } : {}),
        ...(spec.pollMaxMs !== undefined ? { pollMaxMs: spec.pollMaxMs } : {}),
        ...(spec.signal ? { signal: spec.signal } : {}),
        ...(spec.onPoll ? { onPoll: (b) => spec.onPoll!(`${group.name}: batch ${b.id} ${b.status}`) } : {}),
      });
      const byId = new Map(group.tasks.map((t) => [t.customId, t]));
      const isPending = (t: T) => {
        const last = ledger.latest.get(t.key);
        return !last || (spec.retryErrors === true && spec.isError(last));
      };
      const firstPending = group.tasks.filter(isPending);
      summary.alreadyDone += group.tasks.length - firstPending.length;
      const rounds = spec.rounds ?? 1;
      const written = new Set<string>();
      const write = (t: T, line: L) => {
        if (written.has(t.key)) return; // a merge interrupted half-way, then rerun
        written.add(t.key);
        ledger.append(line);
        summary.written++;
        if (spec.isError(line)) summary.failed++;
      };
      for (let round = 0; round < rounds; round++) {
        const last = round === rounds - 1;
        const again: T[] = [];
        // A regeneration's id is `<id>#<round>`: the same task.
        const inFlight = new Set([...session.inFlight()].map(baseId));
        const toSubmit = (round === 0 ? firstPending : []).filter((t) => !inFlight.has(t.customId));
        const requests = [];
        for (const t of toSubmit) requests.push({ customId: t.customId, body: await spec.body(t) });
        await session.submit(requests, 50_000, `${spec.stage}-batch.jsonl`);
        const done = await session.drain((_entry, batch, lines) => {
          const seen = new Set<string>();
          for (const line of lines) {
            const t = byId.get(baseId(line.custom_id));
            if (!t || !isPending(t) || written.has(t.key)) continue;
            seen.add(baseId(line.custom_id));
            const status = line.response?.status_code;
            if (status === 200 && line.response) {
              let completion: ChatCompletion;
              try {
                completion = checkCompletion(line.response.body);
              } catch (err) {
                write(t, spec.errorLine(t, `malformed_response: ${(err as Error).message}`));
                continue;
              }
              const read = spec.read(t, completion, round, last);
              if (read === 'again') again.push(t);
              else write(t, read);
            } else {
              const message = line.error?.message ?? (line.response?.body as { error?: { message?: string } } | undefined)?.error?.message ?? 'no answer';
              write(t, spec.errorLine(t, `${status !== undefined ? errorKindForStatus(status) : 'batch'}: ${status ?? 'batch'}: ${message}`));
            }
          }
          for (const t of group.tasks) {
            if (!seen.has(t.customId) && _entry.customIds.some((c) => baseId(c) === t.customId) && isPending(t) && !written.has(t.key)) {
              write(t, spec.errorLine(t, `batch: ${batch.id} ${batch.status}: ${unansweredReason(batch)}`));
            }
          }
        });
        if (!done) {
          summary.aborted = true;
          break;
        }
        if (again.length === 0) break;
        // The next round asks again for the answers the reader turned down.
        const next = [];
        for (const t of again) next.push({ customId: `${t.customId}#${round + 1}`, body: await spec.body(t) });
        await session.submit(next, 50_000, `${spec.stage}-batch.jsonl`);
      }
    }
    summary.unfinished = summary.total - summary.alreadyDone - summary.written;
    if (summary.aborted) summary.stopped = { reason: 'interrupted', message: 'interrupted', resume: 'rerun the same command to resume: submitted batches are polled, not submitted again' };
    summary.elapsedMs = Date.now() - startedAt;
    return summary;
  } finally {
    ledger.close();
  }
}
