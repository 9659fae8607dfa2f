import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, InputError } from '../../src/errors.js';
import { ContentCache, Ledger, latestByKey, readLedger } from '../../src/jobs/index.js';

const schema = z.object({ key: z.string(), n: z.number().int() });
const format = { schema, key: (l: z.infer<typeof schema>) => l.key };
const tmp = () => join(mkdtempSync(join(tmpdir(), 'bcr-ledger-')), 'l.jsonl');

describe('ledger', () => {
  it('appends, keeps the last line per key, and reopens with what it wrote', () => {
    const file = tmp();
    const a = Ledger.open(file, format);
    a.append({ key: 'x', n: 1 });
    a.append({ key: 'y', n: 2 });
    a.append({ key: 'x', n: 3 });
    expect(a.latest.get('x')).toEqual({ key: 'x', n: 3 });
    a.close();
    const b = readLedger(file, format);
    expect(b.lines).toHaveLength(3);
    expect([...b.latest.values()]).toEqual([{ key: 'x', n: 3 }, { key: 'y', n: 2 }]);
    expect(latestByKey([{ key: 'k', n: 1 }, { key: 'k', n: 2 }], (l) => l.key).get('k')!.n).toBe(2);
  });

  it('an invalid line is an InputError naming the file, the row and the field', () => {
    const file = tmp();
    writeFileSync(file, `${JSON.stringify({ key: 'x', n: 1 })}\n\n${JSON.stringify({ key: 'y', n: 'two' })}\n`);
    let err: unknown;
    try {
      readLedger(file, format);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect(err).toMatchObject({ file, row: 2, field: 'n' });
    expect((err as Error).message).toContain(file);
    writeFileSync(file, '{"key": \n');
    expect(() => readLedger(file, format)).toThrow(/row 0: not valid JSON/);
  });

  it('drops a cut-off last line on open, so appends start on a clean line', () => {
    const file = tmp();
    writeFileSync(file, `${JSON.stringify({ key: 'x', n: 1 })}\n{"key":"y","n`);
    expect(readLedger(file, format).droppedBytes).toBeGreaterThan(0);
    const l = Ledger.open(file, format);
    expect(l.droppedBytes).toBeGreaterThan(0);
    l.append({ key: 'y', n: 2 });
    l.close();
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify({ key: 'x', n: 1 })}\n${JSON.stringify({ key: 'y', n: 2 })}\n`);
  });

  it('one writer at a time: a live lock holder refuses a second writer; the lock is released on close', () => {
    const file = tmp();
    const a = Ledger.open(file, format);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(String(process.pid));
    a.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
    // Another live process holds it (the test runner's parent).
    writeFileSync(`${file}.lock`, String(process.ppid));
    expect(() => Ledger.open(file, format)).toThrow(ConfigError);
  });

  it('a bad line found on open releases the lock', () => {
    const file = tmp();
    writeFileSync(file, 'nope\n');
    expect(() => Ledger.open(file, format)).toThrow(InputError);
    writeFileSync(file, '');
    Ledger.open(file, format).close();
  });
});

describe('content cache', () => {
  it('serves what it stored after a reopen, refuses what it may not keep, and treats a damaged line as a miss', () => {
    const file = tmp();
    const c = new ContentCache<{ ok: boolean; t?: number }>(file, { accept: (v) => v.ok, store: ({ t: _t, ...rest }) => rest });
    expect(c.put('a', { ok: true, t: 5 })).toBe(true);
    expect(c.put('a', { ok: true })).toBe(false);
    expect(c.put('b', { ok: false })).toBe(false);
    c.close();
    appendFileSync(file, 'garbage\n{"k":"c","r":{"ok":true}}\n{"k":"d"');
    const again = new ContentCache<{ ok: boolean }>(file, { accept: (v) => v.ok });
    expect(again.get('a')).toEqual({ ok: true });
    expect(again.get('b')).toBeUndefined();
    expect(again.get('c')).toEqual({ ok: true });
    expect(again.size).toBe(2);
  });
});
