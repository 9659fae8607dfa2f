/**
 * Results that cannot be written give one named error line and exit 4, never
 * a stack trace: real `bin/bcr.js` runs (needs `npm run build`) against a file
 * where a folder should be, a folder where a file should be, a file inside the
 * path, and /dev/full for a real ENOSPC.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputError, toOutputError } from '../../src/errors.js';

const BIN = new URL('../../bin/bcr.js', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'bcr-output-paths-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function bcr(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, err: r.stderr };
}

function expectNamedError(r: { code: number | null; err: string }, path: string, code: string) {
  expect(r.code).toBe(4);
  expect(r.err).toContain(`error: cannot write ${path}`);
  expect(r.err).toContain(`(${code})`);
  expect(r.err).not.toMatch(/\n\s+at /); // no stack frames
}

describe('output paths in the way', () => {
  it('bcr run --out-dir naming an existing file', () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const r = bcr(['run', '--out-dir', file, '--limit', '10', '--no-learned', '--bootstrap', '0']);
    expectNamedError(r, file, 'EEXIST');
    expect(r.err).toContain('a file is in the way');
  });

  it('bcr run --out-dir below a file (a parent path component is a file)', () => {
    const file = join(tmp, 'parent-file');
    writeFileSync(file, 'x');
    const r = bcr(['run', '--out-dir', join(file, 'out'), '--limit', '10', '--no-learned', '--bootstrap', '0']);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(/ENOTDIR|EEXIST/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('bcr learn --save naming an existing folder', () => {
    const dir = join(tmp, 'a-dir');
    mkdirSync(dir);
    const r = bcr(['learn', '--save', dir, '--limit', '40']);
    expectNamedError(r, dir, 'EISDIR');
    expect(existsSync(dir)).toBe(true);
  });

  it('bcr learn --save to a full disk (/dev/full)', () => {
    const r = bcr(['learn', '--save', '/dev/full', '--limit', '40']);
    expect(r.code).toBe(4);
    expect(r.err).toContain('no space left on the device (ENOSPC)');
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('toOutputError', () => {
  it('translates fs codes found on the error or its causes, and nothing else', () => {
    const fsErr = Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS', path: '/ro/x', syscall: 'open' });
    const wrapped = new Error('saving failed', { cause: fsErr });
    const out = toOutputError(wrapped);
    expect(out).toBeInstanceOf(OutputError);
    expect(out!.message).toBe('cannot write /ro/x: the file system is read-only (EROFS)');
    expect(out!.path).toBe('/ro/x');
    expect(toOutputError(new Error('plain'))).toBeUndefined();
    expect(toOutputError(Object.assign(new Error('gone'), { code: 'ENOENT' }))).toBeUndefined();
  });
});

describe('standard output on a full disk', () => {
  it('bcr ratings --json > /dev/full exits 4 with a named error, not a crash', () => {
    const votes = join(tmp, 'votes.csv');
    writeFileSync(votes, 'left,right,winner\na,b,left\nb,c,right\nc,a,tie\n');
    const full = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [BIN, 'ratings', votes, '--left', 'left', '--right', 'right', '--winner', 'winner', '--json'], {
        cwd: tmp,
        encoding: 'utf8',
        stdio: ['ignore', full, 'pipe'],
        timeout: 60_000,
      });
      expect(r.status).toBe(4);
      expect(r.stderr).toContain('error: cannot write standard output: no space left on the device (ENOSPC)');
      expect(r.stderr).not.toContain('Unhandled');
    } finally {
      closeSync(full);
    }
  });
});
