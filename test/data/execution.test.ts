import { describe, expect, it } from 'vitest';
import type { Execution, SideView } from '../../src/data/comparison.js';
import {
  answerJudged,
  codeOf,
  executionFingerprint,
  executionOf,
  hasCode,
  hasError,
  hasOutput,
  hasScreenshot,
  hasVisibleResult,
  ranSuccessfully,
  recordedExecution,
  runStatus,
  withExecution,
} from '../../src/data/execution.js';
import { makeComparison, makeSide, memoryImage } from '../support/comparisons.js';

const shot = memoryImage(new Uint8Array([1, 2, 3]), 'shot.png');

interface Row {
  name: string;
  side: Partial<SideView>;
  output: boolean;
  error: boolean;
  screenshot: boolean;
  visible: boolean;
  status: 'ok' | 'failed' | 'unknown';
}

/* One row per kind of side: what each question answers. */
const TABLE: Row[] = [
  { name: 'output only', side: { output: 'hi\n', error: null, success: null, screenshot: null }, output: true, error: false, screenshot: false, visible: true, status: 'ok' },
  { name: 'error only', side: { output: null, error: 'Traceback\nValueError', success: null, screenshot: null }, output: false, error: true, screenshot: false, visible: false, status: 'failed' },
  { name: 'screenshot only', side: { output: null, error: null, success: null, screenshot: shot }, output: false, error: false, screenshot: true, visible: true, status: 'ok' },
  { name: 'empty', side: { output: null, error: null, success: null, screenshot: null }, output: false, error: false, screenshot: false, visible: false, status: 'unknown' },
  { name: 'blank text is absent', side: { output: '  \n', error: '\t', success: null, screenshot: null }, output: false, error: false, screenshot: false, visible: false, status: 'unknown' },
  { name: 'success flag alone', side: { output: null, error: null, success: false, screenshot: null }, output: false, error: false, screenshot: false, visible: false, status: 'failed' },
  { name: 'flag beats a warning', side: { output: 'ok', error: 'DeprecationWarning', success: true, screenshot: null }, output: true, error: true, screenshot: false, visible: true, status: 'ok' },
];

describe('execution of a side', () => {
  for (const row of TABLE) {
    it(`answers every question for: ${row.name}`, () => {
      const e = executionOf(makeSide(row.side));
      expect(e.source).toBe('recorded');
      expect({
        output: hasOutput(e), error: hasError(e), screenshot: hasScreenshot(e),
        visible: hasVisibleResult(e), status: runStatus(e),
      }).toEqual({ output: row.output, error: row.error, screenshot: row.screenshot, visible: row.visible, status: row.status });
      expect(ranSuccessfully(e)).toBe(row.status === 'unknown' ? null : row.status === 'ok');
    });
  }

  it('an executed execution replaces the recorded one, and the input is left alone', () => {
    const c = makeComparison({ b: { output: 'recorded out', error: null, success: true } });
    const executed: Execution = { source: 'executed', output: null, error: 'SyntaxError', success: false, screenshot: null };
    const next = withExecution(c, 'b', executed);
    expect(executionOf(next.b)).toBe(executed);
    expect(runStatus(executionOf(next.b))).toBe('failed');
    // Flat fields follow, for readers not yet on executionOf; code, answer and the other side do not move.
    expect(next.b).toMatchObject({ output: null, error: 'SyntaxError', success: false, code: c.b.code, answer: c.b.answer });
    expect(next.a).toBe(c.a);
    expect(executionOf(c.b)).toEqual(recordedExecution(c.b));
    expect(c.b.output).toBe('recorded out');
  });

  it('fingerprints the execution and its source', () => {
    const c = makeComparison();
    const same = recordedExecution(c.a);
    const asExecuted = withExecution(c, 'a', { ...same, source: 'executed' });
    const asRecorded = withExecution(c, 'a', same);
    // The same text from a re-run is a different fact from the recorded one.
    expect(executionFingerprint(asExecuted)).not.toBe(executionFingerprint(c));
    expect(executionFingerprint(asRecorded)).toBe(executionFingerprint(c));
    expect(executionFingerprint(withExecution(c, 'a', { ...same, output: 'other' }))).not.toBe(executionFingerprint(c));
    // Side matters: the same execution on B is not the same pair.
    const swapped = makeComparison({ a: c.b, b: c.a });
    expect(executionFingerprint(makeComparison({ a: { output: 'x' } }))).not.toBe(executionFingerprint(makeComparison({ b: { output: 'x' } })));
    expect(executionFingerprint(swapped)).toBe(executionFingerprint(c)); // identical executions on both sides
  });
});

describe('code and answer of a side', () => {
  it('code: recorded code, else the program extracted from the answer, else empty', () => {
    expect(codeOf(makeSide({ code: 'print(1)' }))).toBe('print(1)');
    const answer = 'Install:\n```bash\npip install x\n```\nThen:\n```python\nimport x\nprint(x.run())\n```';
    expect(codeOf(makeSide({ code: null, answer }))).toBe('import x\nprint(x.run())');
    expect(codeOf(makeSide({ code: '  ', answer }))).toBe('import x\nprint(x.run())');
    expect(codeOf(makeSide({ code: null, answer: 'no fences here' }))).toBe('');
    expect(hasCode(makeSide({ code: null, answer: 'no fences here' }))).toBe(false);
  });

  it('answer judged: the final message, or the code when the message is blank', () => {
    expect(answerJudged(makeSide({ answer: 'final', code: 'x' }))).toBe('final');
    expect(answerJudged(makeSide({ answer: ' \n', code: 'x = 1' }))).toBe('x = 1');
    expect(answerJudged(makeSide({ answer: '', code: null }))).toBe('');
  });
});
