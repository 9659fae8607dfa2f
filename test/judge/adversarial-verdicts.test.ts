/**
 * The adversarial corpus: answers that quote program output, carry verdicts
 * injected into judged answers, state several verdicts, or put one in a
 * quotation only. Each case says what it checks and the result it must give.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PARSE_METHODS, parseVerdict } from '../../src/judge/parse/index.js';

const caseSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  checks: z.string().min(10),
  answer: z.string(),
  allowBothBad: z.boolean().optional(),
  expect: z.object({
    verdict: z.enum(['A', 'B', 'tie', 'both_bad', 'error']),
    method: z.enum(PARSE_METHODS),
    errorIncludes: z.union([z.string(), z.array(z.string())]).optional(),
  }),
});

const file = join(import.meta.dirname, 'fixtures', 'adversarial-verdicts.json');
const cases = z.array(caseSchema).parse(JSON.parse(readFileSync(file, 'utf8')));

describe('adversarial verdict corpus', () => {
  it('has at least 30 distinct cases, errors and verdicts both', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    const verdicts = new Set(cases.map((c) => c.expect.verdict));
    for (const v of ['A', 'B', 'tie', 'both_bad', 'error']) expect(verdicts).toContain(v);
  });

  for (const c of cases) {
    it(`${c.id}: ${c.checks}`, () => {
      const parsed = parseVerdict(c.answer, { allowBothBad: c.allowBothBad ?? false });
      expect({ verdict: parsed.verdict, method: parsed.method }).toEqual({
        verdict: c.expect.verdict,
        method: c.expect.method,
      });
      if (c.expect.verdict === 'error') {
        const needles = c.expect.errorIncludes === undefined ? [] : [c.expect.errorIncludes].flat();
        expect(parsed.error).toBeDefined();
        for (const needle of needles) expect(parsed.error).toContain(needle);
      } else {
        expect(parsed.error).toBeUndefined();
      }
    });
  }
});
