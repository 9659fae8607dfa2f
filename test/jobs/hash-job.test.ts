import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLedger } from '../../src/jobs/index.js';
import { hashLine, input, keyOf } from './hash-job-child.js';

const INPUTS = 200;

function child(out: string) {
  return spawn(process.execPath, ['--import', 'tsx', 'test/jobs/hash-job-child.ts'], {
    cwd: join(import.meta.dirname, '..', '..'),
    env: { ...process.env, HASH_OUT: out, HASH_INPUTS: String(INPUTS), HASH_DELAY_MS: '10', HASH_CONCURRENCY: '4' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const lineCount = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);

function killAfter(out: string, lines: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = child(out);
    const timer = setInterval(() => {
      if (lineCount(out) >= lines) {
        clearInterval(timer);
        p.kill('SIGKILL');
      }
    }, 5);
    p.on('exit', (_code, signal) => {
      clearInterval(timer);
      if (signal === 'SIGKILL') resolve(lineCount(out));
      else reject(new Error('the child finished before it could be killed'));
    });
  });
}

function runToEnd(out: string): Promise<{ resumedFrom: number; written: number; stop: unknown }> {
  return new Promise((resolve, reject) => {
    const p = child(out);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
}

describe('a non-judge job built from the job room', () => {
  it('killed with SIGKILL mid-run and rerun: every input hashed exactly once, nothing lost or doubled', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bcr-hash-job-')), 'hashes.jsonl');
    const killedAt = await killAfter(out, 40);
    expect(killedAt).toBeGreaterThanOrEqual(40);
    expect(killedAt).toBeLessThan(INPUTS);
    // A write cut by the kill: the next run must drop it and append on a clean line.
    appendFileSync(out, '{"key":"in-9999","sha":"ab');
    const second = await runToEnd(out);
    expect(second.stop).toBeNull();
    expect(second.resumedFrom).toBe(killedAt);
    expect(second.resumedFrom + second.written).toBe(INPUTS);

    const ledger = readLedger(out, { schema: hashLine, key: (l) => l.key });
    expect(ledger.droppedBytes).toBe(0);
    expect(ledger.lines).toHaveLength(INPUTS);
    expect(ledger.latest.size).toBe(INPUTS);
    for (let i = 0; i < INPUTS; i++) {
      expect(ledger.latest.get(keyOf(i))?.sha).toBe(createHash('sha256').update(input(i)).digest('hex'));
    }
    // Two processes wrote it: the killed one and the one that finished.
    expect(new Set(ledger.lines.map((l) => l.pid)).size).toBe(2);
    const third = await runToEnd(out);
    expect(third).toMatchObject({ resumedFrom: INPUTS, written: 0 });
  }, 60_000);
});
