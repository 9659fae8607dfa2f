import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readResultsFile, ResultsWriter, resultKey } from '../../src/judge/runner/index.js';
import type { VerdictRecord } from '../../src/judge/types.js';

const rec = (id: string, verdict: VerdictRecord['verdict'], order: 'AB' | 'BA' = 'AB'): VerdictRecord => ({
  id, judge: 'j', mode: 'code-only', order, verdict,
});

describe('results file', () => {
  it('appends one line per record and reads them back; the last line per key wins', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bcr-res-')), 'sub', 'r.jsonl');
    const w = new ResultsWriter(file);
    w.append(rec('x', 'error'));
    w.append(rec('y', 'A'));
    w.append(rec('x', 'B'));
    w.close();
    const r = readResultsFile(file);
    expect(r.lines.map((l) => l.verdict)).toEqual(['error', 'A', 'B']);
    expect(r.latest.get(resultKey(rec('x', 'A')))!.verdict).toBe('B');
    expect(r.latest.size).toBe(2);
  });

  it('keys keep ids with separators apart', () => {
    expect(resultKey(rec('a|b', 'A'))).not.toBe(resultKey({ ...rec('b', 'A'), judge: 'j|a' }));
  });

  it('drops a cut-off last line and truncates the file back to the last newline (repair)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bcr-res-')), 'r.jsonl');
    const good = `${JSON.stringify(rec('x', 'A'))}\n`;
    writeFileSync(file, `${good}{"id":"y","judge":"j","mo`);
    const seen = readResultsFile(file);
    expect(seen.lines).toHaveLength(1);
    expect(seen.droppedBytes).toBeGreaterThan(0);
    // Without repair the file is untouched...
    expect(statSync(file).size).toBeGreaterThan(good.length);
    // ...with repair it ends at the last complete line, so appends stay clean.
    readResultsFile(file, { repair: true });
    expect(readFileSync(file, 'utf8')).toBe(good);
    appendFileSync(file, `${JSON.stringify(rec('y', 'B'))}\n`);
    expect(readResultsFile(file).lines.map((l) => l.id)).toEqual(['x', 'y']);
  });

  it('a damaged complete line is an InputError naming file, row and field', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bcr-res-')), 'r.jsonl');
    writeFileSync(file, `${JSON.stringify(rec('x', 'A'))}\n${JSON.stringify({ ...rec('y', 'A'), verdict: 'maybe' })}\n`);
    let err: unknown;
    try {
      readResultsFile(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect(err).toMatchObject({ file, row: 1, field: 'verdict' });
    writeFileSync(file, 'not json\n');
    expect(() => readResultsFile(file)).toThrow(/row 0.*not valid JSON/);
  });

  it('a missing file is an empty run', () => {
    expect(readResultsFile(join(tmpdir(), 'does-not-exist-bcr.jsonl')).lines).toEqual([]);
  });
});

describe('results file lock', () => {
  it('refuses a second live writer and takes over a lock left by a dead process', async () => {
    const { lockFile: lockResultsFile } = await import('../../src/jobs/index.js');
    const { ConfigError } = await import('../../src/errors.js');
    const { spawnSync } = await import('node:child_process');
    const file = join(mkdtempSync(join(tmpdir(), 'bcr-lock-')), 'r.jsonl');
    const first = lockResultsFile(file);
    // Another live process holds it: the parent of this test runner is alive.
    writeFileSync(`${file}.lock`, String(process.ppid));
    expect(() => lockResultsFile(file)).toThrow(ConfigError);
    // A pid that has exited: the lock is stale and taken over.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(`${file}.lock`, dead);
    const second = lockResultsFile(file);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(String(process.pid));
    second.release();
    first.release();
  });
});
