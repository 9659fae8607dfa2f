/**
 * `executeDataset` killed with SIGKILL in the middle, then rerun: every side
 * of the sample ends with exactly one line, none lost, none written twice,
 * and the cut-off line the kill may leave is repaired.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXECUTIONS_FORMAT, type ExecuteSummary } from '../../src/exec/index.js';
import { readLedger } from '../../src/jobs/index.js';
import { childEnv } from './execute-dataset-child.js';

const RECORDS = 20;

function child(out: string, sandboxes: string) {
  return spawn(process.execPath, ['--import', 'tsx', 'test/exec/execute-dataset-child.ts'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, ...childEnv({ out, records: RECORDS, concurrency: 2, sandboxes }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const lineCount = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);

function killAfter(out: string, sandboxes: string, lines: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = child(out, sandboxes);
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setInterval(() => {
      if (lineCount(out) >= lines) {
        clearInterval(timer);
        p.kill('SIGKILL');
      }
    }, 2);
    p.on('exit', (_code, signal) => {
      clearInterval(timer);
      if (signal === 'SIGKILL') resolve(lineCount(out));
      else reject(new Error(`the child finished before it could be killed: ${stderr}`));
    });
  });
}

function runToEnd(out: string, sandboxes: string): Promise<ExecuteSummary> {
  return new Promise((resolve, reject) => {
    const p = child(out, sandboxes);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout) as ExecuteSummary) : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
}

describe('re-execution survives SIGKILL', () => {
  it('killed mid-run and rerun: every side has exactly one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bcr-execute-resume-'));
    const sandboxes = join(dir, 'sandboxes');
    // bubblewrap runs as nobody and binds from the sandbox folder: the path must be traversable.
    chmodSync(dir, 0o711);
    mkdirSync(sandboxes, { mode: 0o711 });
    const out = join(dir, 'executions.jsonl');
    const killedAt = await killAfter(out, sandboxes, 12);
    expect(killedAt).toBeGreaterThanOrEqual(12);
    expect(killedAt).toBeLessThan(RECORDS * 2);
    appendFileSync(out, '{"v":1,"id":"cut-off","side":"a","sta');

    const second = await runToEnd(out, sandboxes);
    expect(second.repairedBytes).toBeGreaterThan(0);
    expect(second.alreadyDone).toBe(killedAt);
    expect(second.alreadyDone + second.written).toBe(RECORDS * 2);
    expect(second.unfinished).toBe(0);

    const ledger = readLedger(out, EXECUTIONS_FORMAT);
    expect(ledger.droppedBytes).toBe(0);
    expect(ledger.lines).toHaveLength(RECORDS * 2);
    expect(ledger.latest.size).toBe(RECORDS * 2);
    expect(ledger.lines.filter((l) => l.status === 'error')).toEqual([]);

    const third = await runToEnd(out, sandboxes);
    expect(third).toMatchObject({ alreadyDone: RECORDS * 2, written: 0 });
  }, 120_000);
});
