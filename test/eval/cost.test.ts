import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerdictRecord } from '../../src/data/verdict.js';
import { InputError } from '../../src/errors.js';
import { costByJudge, DEFAULT_PRICES_FILE, latencySummary, priceFor, readPriceTable } from '../../src/eval/cost.js';
import { createRng } from '../../src/util/rng.js';
import { runPython } from '../support/python.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bcr-cost-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rec = (extra: Partial<VerdictRecord>): VerdictRecord => ({ id: 'x', judge: 'openai:gpt-4o', mode: 'with-output', order: 'AB', verdict: 'A', ...extra });

describe('price tables', () => {
  it('ships a dated default table with a note that prices change', () => {
    const table = readPriceTable();
    expect(table.file).toBe(DEFAULT_PRICES_FILE);
    expect(table.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(table.note).toMatch(/change/);
    expect(table.models.get('gpt-4o')).toEqual({ input: 2.5, output: 10 });
  });

  it('reads a CSV table and finds a judge by model name', () => {
    const file = join(dir, 'prices.csv');
    writeFileSync(file, 'model,input,output\nclaude-sonnet-4,3,15\nmy-local,0,0\n');
    const table = readPriceTable(file);
    expect(priceFor(table, 'openai:anthropic/claude-sonnet-4')).toEqual({ model: 'claude-sonnet-4', price: { input: 3, output: 15 } });
    expect(priceFor(table, 'my-local')).toEqual({ model: 'my-local', price: { input: 0, output: 0 } });
    expect(priceFor(table, 'baseline:random')).toBeNull();
  });

  it('names file, row and field of a bad entry', () => {
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'model,input,output\na,1,2\nb,cheap,2\n');
    expect(() => readPriceTable(csv)).toThrow(new InputError('must be a non-negative number of dollars per 1M tokens; got "cheap"', { file: csv, row: 2, field: 'input' }));
    const json = join(dir, 'bad.json');
    writeFileSync(json, JSON.stringify({ models: { 'gpt-4o': { input: 2.5, output: -1 } } }));
    expect(() => readPriceTable(json)).toThrow(`${json}, field "models.gpt-4o.output": not a price table: must not be negative`);
    writeFileSync(json, '{"models": ');
    expect(() => readPriceTable(json)).toThrow(InputError);
    expect(() => readPriceTable(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read the price table/);
  });
});

describe('costByJudge', () => {
  it('sums tokens, prices them, counts errors, cache hits and retries per judge and mode', () => {
    const table = readPriceTable();
    const rows = costByJudge([
      rec({ id: '1', usage: { promptTokens: 1000, completionTokens: 200 }, latencyMs: 100, attempts: 1 }),
      rec({ id: '1', order: 'BA', usage: { promptTokens: 3000, completionTokens: 800 }, latencyMs: 300, attempts: 3 }),
      rec({ id: '2', verdict: 'error', latencyMs: 200, attempts: 2 }),
      rec({ id: '3', cached: true, usage: { promptTokens: 5000, completionTokens: 5000 }, latencyMs: 1 }),
      rec({ id: '1', mode: 'code-only', judge: 'baseline:random', usage: { cost: 0.25 } }),
    ], table);
    expect(rows).toEqual([
      {
        judge: 'openai:gpt-4o', mode: 'with-output', verdicts: 4, errors: 1, cached: 1, retried: 2, retries: 3,
        promptTokens: 4000, completionTokens: 1000, pricedAs: 'gpt-4o', cost: (4000 * 2.5 + 1000 * 10) / 1e6, recordedCost: null,
        latencyMs: { n: 3, p50: 200, p90: 280, p99: 298, max: 300 },
      },
      {
        judge: 'baseline:random', mode: 'code-only', verdicts: 1, errors: 0, cached: 0, retried: 0, retries: 0,
        promptTokens: 0, completionTokens: 0, pricedAs: null, cost: null, recordedCost: 0.25, latencyMs: null,
      },
    ]);
  });

  it('gives the latency percentiles numpy gives', async () => {
    const rng = createRng(5);
    const samples = Array.from({ length: 6 }, () => Array.from({ length: rng.int(1, 300) }, () => Math.round(50 + 5000 * rng.next() ** 3)));
    const ref = (await runPython(
      'import json, sys\nimport numpy as np\nprint(json.dumps([[float(np.percentile(s, q)) for q in (50, 90, 99)] for s in json.load(sys.stdin)]))',
      samples,
    )) as number[][];
    samples.forEach((s, k) => {
      const ours = latencySummary(s)!;
      [ours.p50, ours.p90, ours.p99].forEach((v, i) => expect(Math.abs(v - ref[k]![i]!)).toBeLessThan(1e-9));
    });
  }, 60_000);
});
