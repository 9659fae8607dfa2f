/**
 * `bcr execute --backend e2b` from the shell (real `bin/bcr.js`; run `npm
 * run build` first): without E2B_API_KEY it stops before reading any data,
 * with exit code 2 and a message naming the variable; nothing is written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'bcr.js');
const dir = mkdtempSync(join(tmpdir(), 'bcr-e2b-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bcr execute --backend e2b', () => {
  it('without an API key: a clear error naming E2B_API_KEY, exit code 2, no file', () => {
    const env: Record<string, string> = { ...process.env } as Record<string, string>;
    delete env.E2B_API_KEY;
    const out = join(dir, 'executions.jsonl');
    const r = spawnSync(process.execPath, [BIN, 'execute', '--backend', 'e2b', '--limit', '2', '--out', out], { cwd: ROOT, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--backend e2b needs an API key: set E2B_API_KEY/);
    expect(existsSync(out)).toBe(false);
  });

  it('does not accept the unsafe opt-out, which is for the local backend only', () => {
    const r = spawnSync(process.execPath, [BIN, 'execute', '--backend', 'e2b', '--unsafe-no-sandbox', '--limit', '1', '--out', join(dir, 'x.jsonl')], { cwd: ROOT, env: { ...process.env, E2B_API_KEY: 'e2b_cli_test_key' }, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--unsafe-no-sandbox applies to --backend local only/);
    expect(r.stderr + r.stdout).not.toContain('e2b_cli_test_key');
  });
});
