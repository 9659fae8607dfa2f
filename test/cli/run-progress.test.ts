/**
 * `bcr run`'s progress: in a terminal, a multibar with one bar per judge and a
 * line per finished stage (the library's renderer, on a stream that says it
 * is a TTY); piped, one plain line per stage (the real CLI as a child process).
 */
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createStudyProgress } from '../../src/cli/progress.js';
import { runStudy } from '../../src/study/run-study.js';
import { tempDir } from '../support/parquet-fixtures.js';

/** A writable that records what was written and reports itself as a 160-column terminal. */
function fakeTerminal(): Writable & { isTTY: true; columns: number; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return Object.assign(stream, { isTTY: true as const, columns: 160, text: () => chunks.join('') });
}

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

describe('study progress in a terminal', () => {
  it('draws one bar per stage and one per judge with its counts', async () => {
    const term = fakeTerminal();
    const lines: string[] = [];
    const progress = createStudyProgress({ interactive: true, stream: term, line: (t) => lines.push(t) });
    try {
      await runStudy({
        outDir: tempDir('bcr-progress-'), limit: 25, bootstrap: 3, learned: false,
        judges: ['baseline:always-a', 'baseline:exec-aware'],
        onStage: progress.onStage, onProgress: progress.onJudgeProgress,
      });
    } finally {
      progress.stop();
    }
    const raw = term.text();
    // Cursor movement and line clearing: drawn as a terminal expects, not as a log.
    expect(raw).toMatch(/\u001b\[/);
    const text = stripAnsi(raw);
    expect(text).toMatch(/judge baseline:always-a\s+\S+ 50\/50 \| [\d.]+\/s \| ETA 0s \| cached 0 \| failed 0 \(\d+\.\d s\)/);
    expect(text).toMatch(/judge baseline:exec-aware \S+ 50\/50/);
    expect(text).toMatch(/load\s+\S+ 25 records from bundled sample \(\d+\.\d s\)/);
    expect(text).toMatch(/ratings\s+\S+ human leaderboard of 8 models/);
    // Finished: every bar is full.
    expect(text).not.toMatch(/░[^\n]*$/);
    // The plain-line writer is not used in a terminal.
    expect(lines).toEqual([]);
  }, 60_000);

  it('piped, prints one plain line per finished stage and nothing else', () => {
    const lines: string[] = [];
    const progress = createStudyProgress({ interactive: false, line: (t) => lines.push(t) });
    progress.onStage({ stage: 'load', status: 'start' });
    progress.onJudgeProgress('j', { total: 2, done: 1, cached: 0, failed: 0, retried: 0, cost: 0, elapsedMs: 5 });
    progress.onStage({ stage: 'load', status: 'done', detail: '3 records from x', elapsedMs: 1234 });
    progress.stop();
    expect(lines).toEqual(['load: 3 records from x (1.2 s)']);
  });
});

describe('bcr run piped (bin/bcr.js; npm run build first)', () => {
  it('writes one line per stage to stderr, no bar and no escape codes, and the report to stdout', () => {
    const dir = tempDir('bcr-progress-');
    const child = spawnSync(process.execPath, ['bin/bcr.js', 'run', '--out-dir', dir, '--limit', '30', '--bootstrap', '3', '--folds', '2', '--judges', 'baseline:random,baseline:exec-aware'], { encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    const lines = child.stderr.trim().split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['load', 'judge baseline', 'judge baseline', 'ratings', 'learned']);
    expect(lines[0]).toMatch(/^load: 30 records from bundled sample \(\d+\.\d s\)$/);
    expect(lines[1]).toMatch(/^judge baseline:random: 60 tasks: 0 resumed, 60 judged, 0 cached, 0 failed \(\d+\.\d s\)$/);
    expect(lines[4]).toMatch(/^learned: 2-fold cross-validation on 30 records/);
    expect(child.stderr).not.toMatch(/\u001b|░|█/);
    expect(child.stdout).toMatch(/^\*\*\* SYNTHETIC sample/);
  }, 120_000);
});
