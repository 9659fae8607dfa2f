/**
 * `bcr execute --backend docker` on the bundled sample, through the real
 * `bin/bcr.js` (run `npm run build` first) and a real engine: every side gets
 * the same outcome as under the local backend. Without an engine the test
 * fails saying how to start one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readExecutions } from '../../src/exec/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'bcr.js');
const RECORDS = 6;

function bcr(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('bcr execute --backend docker', () => {
  it('gives every side the outcome the local backend gives it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bcr-docker-execute-'));
    const outcomes = async (backend: string) => {
      const out = join(dir, `${backend}.jsonl`);
      const r = await bcr(['execute', '--backend', backend, '--limit', String(RECORDS), '--out', out, '--json']);
      expect(r.code, `${backend}: ${r.err}`).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ backend, total: RECORDS * 2, unfinished: 0 });
      const read = await readExecutions(out);
      return new Map([...read.lines.values()].map((l) => [`${l.id}/${l.side}`, `${l.status} ${l.execution?.output?.trim() ?? ''}`]));
    };
    const docker = await outcomes('docker');
    const local = await outcomes('local');
    expect(docker.size).toBe(RECORDS * 2);
    expect(docker).toEqual(local);
  }, 300_000);

  it('refuses --unsafe-no-sandbox with docker', async () => {
    const r = await bcr(['execute', '--backend', 'docker', '--unsafe-no-sandbox', '--limit', '1']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--unsafe-no-sandbox applies to --backend local only');
  });
});
