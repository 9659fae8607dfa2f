/**
 * `verdictRecordSchema` (data/verdict.ts) describes the lines the runner
 * really writes, and rejects what the results reader rejects, naming the field.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JUDGE_MODES, verdictRecordSchema } from '../../src/data/verdict.js';
import { InputError } from '../../src/errors.js';
import { createJudge } from '../../src/judge/registry.js';
import { parseVerdictLine } from '../../src/judge/runner/results.js';
import { runJudge } from '../../src/judge/runner/run.js';
import { makeComparison } from '../support/comparisons.js';

const dir = mkdtempSync(join(tmpdir(), 'bcr-verdict-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('verdictRecordSchema', () => {
  it('accepts every line a real run writes, extra bookkeeping included', async () => {
    const out = join(dir, 'run.jsonl');
    const comparisons = ['c1', 'c2', 'c3'].map((id) => makeComparison({ id }));
    await runJudge({ comparisons, judge: createJudge({ name: 'baseline:random', seed: 0 }), modes: JUDGE_MODES, orders: 'both', out, seed: 0 });
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(lines).toHaveLength(12);
    for (const line of lines) {
      const parsed = verdictRecordSchema.parse(line);
      expect(parsed).toEqual(line); // nothing dropped: unknown fields pass through
    }
  });

  it.each([
    ['verdict', { verdict: 'left' }],
    ['mode', { mode: 'screenshots' }],
    ['order', { order: 'ab' }],
    ['id', { id: 7 }],
  ] as const)('rejects a bad %s, as the results reader does', (field, patch) => {
    const line = { id: 'r1', judge: 'j', mode: 'code-only', order: 'AB', verdict: 'A', ...patch };
    const result = verdictRecordSchema.safeParse(line);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
    expect(() => parseVerdictLine(JSON.stringify(line), 'f.jsonl', 0)).toThrow(InputError);
  });
});
