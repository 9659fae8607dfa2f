import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressBar } from '../../src/jobs/index.js';
import { emptySummary, formatSummary } from '../../src/judge/runner/index.js';

describe('progress and summary', () => {
  it('draws rate, ETA, running cost and counts on a terminal stream', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 200, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    let text = '';
    stream.on('data', (d: Buffer) => (text += d.toString()));
    const bar = createProgressBar(stream);
    bar.onProgress({ total: 10, done: 2, cached: 1, failed: 0, retried: 0, cost: 0, elapsedMs: 0 });
    bar.onProgress({ total: 10, done: 6, cached: 1, failed: 1, retried: 3, cost: 0.0123, elapsedMs: 2000 });
    bar.stop();
    expect(text).toMatch(/6\/10/);
    expect(text).toMatch(/2\.0\/s/); // (6 - 2) done in 2 s: lines already on disk are not counted as speed
    expect(text).toMatch(/\$0\.0123/);
    expect(text).toMatch(/ETA/);
    expect(text).toMatch(/failed 1/);
    expect(text).toMatch(/retries 3/);
  });

  it('prints the summary with errors by kind and how to resume', () => {
    const s = { ...emptySummary('runs/x.jsonl'), total: 8, alreadyDone: 2, judged: 3, cached: 1, failed: 2, retried: 4,
      errorsByKind: { timeout: 1, parse: 1 }, promptTokens: 100, completionTokens: 20, cost: 0.5, aborted: true };
    const text = formatSummary(s);
    expect(text).toContain('tasks 8: already done 2, judged 3, cached 1, failed 2');
    expect(text).toContain('rerun the same command to resume');
    expect(text).toContain('errors by kind: timeout 1, parse 1');
    expect(text).toContain('cost $0.5000');
  });
});
