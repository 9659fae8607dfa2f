/** Runs become `Execution` values that the rest of the pipeline reads like recorded ones. */
import { afterEach, describe, expect, it } from 'vitest';
import { executionFingerprint, executionOf, hasError, hasOutput, hasScreenshot, runStatus, withExecution } from '../../src/data/index.js';
import { localBackend, runProgram, UnsupportedLanguageError, type Sandbox } from '../../src/exec/index.js';
import { makeComparison, makeSide } from '../support/comparisons.js';

describe('runProgram results as executions', () => {
  const backend = localBackend();
  const made: Sandbox[] = [];
  const sandbox = async () => {
    const sb = await backend.create();
    made.push(sb);
    return sb;
  };
  afterEach(async () => { await Promise.all(made.splice(0).map((sb) => sb.destroy())); });

  it('answers the data room\'s questions about a run', async () => {
    const ok = await runProgram(await sandbox(), { language: 'python', entry: 'a.py', files: [{ path: 'a.py', contents: 'print("fine")' }] });
    expect(runStatus(ok.execution)).toBe('ok');
    expect(hasOutput(ok.execution)).toBe(true);
    expect(hasError(ok.execution)).toBe(false);
    const bad = await runProgram(await sandbox(), { language: 'Python Runner', entry: 'b.py', files: [{ path: 'b.py', contents: 'raise SystemExit(3)' }] });
    expect(bad.run?.exitCode).toBe(3);
    expect(runStatus(bad.execution)).toBe('failed');
    const stopped = await runProgram(await sandbox(), { language: 'Python', entry: 'c.py', files: [{ path: 'c.py', contents: 'import time\nprint("start", flush=True)\ntime.sleep(30)' }] }, { limits: { wallMs: 500 } });
    expect(stopped.execution).toMatchObject({ output: 'start\n', success: false });
    expect(stopped.execution.error).toContain('stopped by the wall time limit (500 ms)');
    const plot = await runProgram(await sandbox(), { language: 'Python', entry: 'p.py', files: [{ path: 'p.py', contents: 'import matplotlib.pyplot as plt\nplt.plot([1, 2])\n' }] });
    expect(hasScreenshot(plot.execution)).toBe(true);
  });

  it('replaces a recorded execution, and the judge cache key sees the difference', async () => {
    const recorded = makeComparison({ a: makeSide({ output: 'fine\n', error: null, success: true }) });
    const run = await runProgram(await sandbox(), { language: 'Python', entry: 'a.py', files: [{ path: 'a.py', contents: 'print("fine")' }] });
    const fresh = withExecution(recorded, 'a', run.execution);
    expect(executionOf(fresh.a)).toMatchObject({ source: 'executed', output: 'fine\n', success: true });
    expect(executionFingerprint(fresh)).not.toBe(executionFingerprint(recorded));
  });

  it('refuses a language without a runner, naming it and the runners', async () => {
    const sb = await sandbox();
    await expect(runProgram(sb, { language: 'Haskell', entry: 'm.hs', files: [{ path: 'm.hs', contents: 'main = print 1' }] }))
      .rejects.toThrow(UnsupportedLanguageError);
    await expect(runProgram(sb, { language: 'Haskell', entry: 'm.hs', files: [] })).rejects.toThrow(/"Haskell".*Python, JavaScript/);
    await expect(runProgram(sb, { language: 'Python', entry: 'missing.py', files: [{ path: 'a.py', contents: '' }] })).rejects.toThrow(/"missing\.py" is not among/);
  });

  it('reports a TypeScript syntax error as a compile error', async () => {
    const run = await runProgram(await sandbox(), { language: 'TypeScript', entry: 'main.ts', files: [{ path: 'main.ts', contents: 'const x: number = ;\n' }] });
    expect(run).toMatchObject({ phase: 'compile', compileFailed: true, run: null });
    expect(run.execution.error).toMatch(/main\.ts\(1,19\): error TS\d+/);
  });
});
