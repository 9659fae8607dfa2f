/**
 * Re-execution of a dataset on the local (bubblewrap) backend: the bundled
 * sample's runner programs against their recorded outputs (which are real:
 * scripts/sample/ ran them), the typed results of sides that cannot run
 * here, images stored beside the ledger, resume, and the reader's errors.
 */
import { appendFileSync, chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/data/comparison.js';
import { openDataset } from '../../src/data/dataset.js';
import { executionFingerprint } from '../../src/data/execution.js';
import { InputError } from '../../src/errors.js';
import {
  applyExecutions, compareExecutions, executeDataset, executeSide, executionKey, localBackend, missingDependencies,
  outputSimilarity, readExecutions, type ExecutionLine,
} from '../../src/exec/index.js';
import { makeComparison, makeSide } from '../support/comparisons.js';

const backend = localBackend();
const tmp = () => mkdtempSync(join(tmpdir(), 'bcr-execute-'));
const linesOf = (file: string): ExecutionLine[] => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ExecutionLine);
const RUNNERS = new Set(['PyGame', 'Python Runner', 'JavaScript Runner', 'C Runner', 'C++ Runner', 'Java Runner', 'Go Runner', 'Rust Runner']);
/** Captured in the browser (src/exec/browser/); checked against the sample in test/exec/browser/reference.test.ts. */
const BROWSER = new Set(['HTML', 'React', 'Vue', 'Mermaid']);

describe('executing the bundled sample', () => {
  let sample: Comparison[];
  let out: string;
  beforeAll(async () => {
    sample = (await (await openDataset()).loadComparisons()).slice(0, 40);
    out = join(tmp(), 'executions.jsonl');
  }, 60_000);

  it('runs every side once; runner environments agree with the recorded outcomes; the others are typed as unavailable', async () => {
    const events: number[] = [];
    const summary = await executeDataset({ comparisons: sample, backend, out, concurrency: 2, onProgress: (e) => events.push(e.done) });
    expect(summary).toMatchObject({ total: 80, alreadyDone: 0, written: 80, unfinished: 0, failed: 0, aborted: false, backend: 'local' });
    expect(events[0]).toBe(0);
    expect(events.at(-1)).toBe(80);

    const lines = linesOf(out);
    expect(lines).toHaveLength(80);
    for (const line of lines) {
      if (RUNNERS.has(line.environment!) || BROWSER.has(line.environment!)) {
        expect(['succeeded', 'failed'], `${line.id}/${line.side}: ${line.message ?? line.execution?.error}`).toContain(line.status);
        expect(line.execution).not.toBeNull();
      } else {
        expect(line.status).toBe('unavailable');
        expect(line.execution).toBeNull();
        expect(line.message).toMatch(/^environment not available here: /);
        expect(line.message).toContain(line.environment!);
      }
    }
    const runnerSides = lines.filter((l) => RUNNERS.has(l.environment!)).length;
    expect(runnerSides).toBeGreaterThanOrEqual(30);
    // The sample's failing variants are real failures (compile errors, exceptions): some sides must fail.
    expect(lines.some((l) => l.status === 'failed')).toBe(true);

    const counts = Object.entries(summary.byEnvironment);
    expect(counts.reduce((n, [, c]) => n + c.sides, 0)).toBe(80);
    for (const [env, c] of counts) {
      if (RUNNERS.has(env) || BROWSER.has(env)) expect(c.ran).toBe(c.sides);
      else expect(c.unavailable).toBe(c.sides);
    }

    const fresh = readExecutions(out);
    const cmp = compareExecutions(sample, fresh);
    const executed = lines.filter((l) => RUNNERS.has(l.environment!) || BROWSER.has(l.environment!)).length;
    expect(cmp.total.sides).toBe(executed);
    expect(cmp.total.successKnown).toBe(executed);
    for (const row of cmp.rows) {
      expect(RUNNERS.has(row.environment) || BROWSER.has(row.environment)).toBe(true);
      // Browser sides: the sample's explained mismatches (a TypeScript type error, an older mermaid's grammar) are in so few sides that a row can dip.
      expect(row.successAgreement, row.environment).toBeGreaterThanOrEqual(RUNNERS.has(row.environment) ? 0.9 : 0.6);
    }
    expect(cmp.total.successAgreement).toBeGreaterThanOrEqual(0.9);
    expect(cmp.total.outputSimilarity).toBeGreaterThan(0.9);
    expect(cmp.notExecuted).toBe(80 - executed);
  }, 300_000);

  it('resumes: a rerun runs nothing; a side whose program changed, and only it, runs again', async () => {
    const again = await executeDataset({ comparisons: sample, backend, out });
    expect(again).toMatchObject({ alreadyDone: 80, written: 0 });
    const target = sample.findIndex((c) => c.a.environment === 'Python Runner');
    const changed = sample.map((c, i) => (i === target ? { ...c, a: { ...c.a, code: 'print("changed")\n' } } : c));
    const third = await executeDataset({ comparisons: changed, backend, out });
    expect(third).toMatchObject({ alreadyDone: 79, written: 1 });
    const latest = readExecutions(out).lines.get(executionKey(sample[target]!.id, 'a'))!;
    expect(latest.execution?.output).toBe('changed\n');
    expect(linesOf(out)).toHaveLength(81);
  }, 60_000);

  it('applyExecutions puts fresh executions on the sides that ran, and changes their fingerprint', () => {
    const fresh = readExecutions(out);
    const applied = applyExecutions(sample, fresh);
    expect(applied.replaced).toBe(fresh.executions.size);
    expect(applied.replaced + applied.missing).toBe(80);
    const i = applied.comparisons.findIndex((c) => c.a.execution !== undefined);
    expect(applied.comparisons[i]!.a.execution!.source).toBe('executed');
    expect(applied.comparisons[i]!.a.output).toBe(applied.comparisons[i]!.a.execution!.output);
    expect(executionFingerprint(applied.comparisons[i]!)).not.toBe(executionFingerprint(sample[i]!));
    // A record none of whose sides ran is the same object, so its cache key is the recorded one.
    const j = applied.comparisons.findIndex((c) => c.a.execution === undefined && c.b.execution === undefined);
    expect(applied.comparisons[j]).toBe(sample[j]);
  });
});

describe('one side', () => {
  it('no code, a missing dependency and a limit are typed results; the sandbox is always removed', async () => {
    // Its own folder for sandboxes: other test files make theirs in the OS temp folder at the same time.
    const sandboxes = tmp();
    chmodSync(sandboxes, 0o711); // bubblewrap runs as nobody and binds from here
    const backend = localBackend({ tmpDir: sandboxes });
    const none = await executeSide(makeSide({ code: null, answer: 'I cannot write that program.' }), { backend });
    expect(none).toMatchObject({ kind: 'no-code', status: 'no-code', reason: 'no-code-block' });

    const dep = await executeSide(makeSide({ code: 'import notarealpackage_xyz\nprint(1)\n' }), { backend });
    expect(dep).toMatchObject({ kind: 'ran', status: 'dependency-missing', missingDependencies: ['notarealpackage_xyz'] });

    const loop = await executeSide(makeSide({ code: 'while True:\n    pass\n' }), { backend, limits: { wallMs: 1500 } });
    expect(loop).toMatchObject({ kind: 'ran', status: 'stopped', limit: 'wall' });

    const app = await executeSide(makeSide({ code: 'import streamlit as st\nst.title("hi")\n', language: 'Python', environment: 'Streamlit' }), { backend });
    expect(app).toMatchObject({ kind: 'unavailable', environment: 'Streamlit' });
    expect(readdirSync(sandboxes)).toEqual([]);
  }, 60_000);

  it('names missing modules in each runtime\'s words, but not relative or JDK ones', () => {
    expect(missingDependencies("ModuleNotFoundError: No module named 'pygame'")).toEqual(['pygame']);
    expect(missingDependencies("Error: Cannot find module 'lodash'\nError: Cannot find module './util'")).toEqual(['lodash']);
    expect(missingDependencies('main.go:3:8: cannot find package "github.com/x/y" in any of')).toEqual(['github.com/x/y']);
    expect(missingDependencies('error[E0463]: can\'t find crate for `rand`')).toEqual(['rand']);
    expect(missingDependencies('Main.java:1: error: package org.json does not exist\nMain.java:2: error: package java.foo does not exist')).toEqual(['org.json']);
    expect(missingDependencies(null)).toEqual([]);
  });

  it('a plot comes back as a PNG file beside the ledger, content-addressed, not base64 in the JSONL', async () => {
    const code = 'import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [3, 1, 2])\nplt.show()\nprint("plotted")\n';
    const dir = tmp();
    const out = join(dir, 'plots.jsonl');
    const comparisons = [makeComparison({ id: 'plot-1', a: { code }, b: { code } })];
    const summary = await executeDataset({ comparisons, backend, out });
    expect(summary.byEnvironment['Python Runner']).toMatchObject({ succeeded: 2 });
    const lines = linesOf(out);
    const shot = lines[0]!.execution!.screenshot!;
    expect(shot.file).toMatch(/^plots\.images\/[0-9a-f]{64}\.png$/);
    // Both sides drew the same plot: one file.
    expect(lines[1]!.execution!.screenshot!.sha256).toBe(shot.sha256);
    expect(readdirSync(join(dir, 'plots.images'))).toEqual([`${shot.sha256}.png`]);
    expect(readFileSync(out, 'utf8').length).toBeLessThan(4000);
    const image = readExecutions(out).executions.get(executionKey('plot-1', 'a'))!.screenshot!;
    const bytes = await image.load();
    expect(bytes.byteLength).toBe(shot.size);
    expect(Buffer.from(bytes.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');

    // A missing image is bad input naming the file, the row and the field.
    rmSync(join(dir, shot.file));
    expect(() => readExecutions(out)).toThrowError(InputError);
    expect(() => readExecutions(out)).toThrowError(/plots\.jsonl, row 0, field "images\[0\]"/);
  }, 60_000);
});

describe('reading executions files', () => {
  it('a missing file and a bad line are InputErrors naming the file, row and field; a cut-off last line is ignored', () => {
    const dir = tmp();
    expect(() => readExecutions(join(dir, 'nope.jsonl'))).toThrowError(/nope\.jsonl: no such executions file/);
    const file = join(dir, 'bad.jsonl');
    const good: ExecutionLine = {
      v: 1, id: 'r1', side: 'a', status: 'succeeded', language: 'Python', environment: 'Python Runner',
      execution: { output: 'hi\n', error: null, success: true, screenshot: null }, images: [], limit: null, phase: 'run',
      missingDependencies: [], message: null, program: 'p', backend: 'local',
      timings: { startedAt: '2026-12-01T00:00:00Z', wallMs: 5, compileMs: null, runMs: 4 }, attempts: 1,
    };
    writeFileSync(file, `${JSON.stringify(good)}\n${JSON.stringify({ ...good, side: 'c' })}\n`);
    expect(() => readExecutions(file)).toThrowError(/bad\.jsonl.*row 1.*side/);
    writeFileSync(file, `${JSON.stringify(good)}\n`);
    appendFileSync(file, '{"v":1,"id":"r2","si');
    const read = readExecutions(file);
    expect(read.executions.size).toBe(1);
    expect(read.droppedBytes).toBeGreaterThan(0);
    expect(existsSync(file)).toBe(true);
  });

  it('output similarity: normalised text, 1 for equal, lower for different', () => {
    expect(outputSimilarity('a\r\nb  \n\n', 'a\nb')).toBe(1);
    expect(outputSimilarity('', '')).toBe(1);
    expect(outputSimilarity('abcd', 'abce')).toBeCloseTo(0.75);
    expect(outputSimilarity('hello', '')).toBe(0);
  });
});
