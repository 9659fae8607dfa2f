/**
 * `bcr execute`, `bcr executions compare` and `--executions` seen from the
 * shell: real `bin/bcr.js` runs (run `npm run build` first) on the bundled
 * sample, the local bubblewrap backend, and a local OpenAI-compatible server
 * that records the prompts it is sent.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExecutions, type ExecutionLine } from '../../src/exec/index.js';
import { startJudgeServer, type JudgeServer } from '../support/judge-server.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'bcr.js');
const KEY = 'sk-test-execute-0123456789abcdef';
const RECORDS = 8;

function bcr(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('exit', (code) => resolve({ code, out, err }));
  });
}

const MARKER = 'FRESH-MARKER-42';

describe('bcr execute and --executions, end to end', () => {
  let dir: string;
  let file: string;
  let server: JudgeServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bcr-execute-cli-'));
    file = join(dir, 'executions.jsonl');
    server = await startJudgeServer({ apiKey: KEY });
  });
  afterAll(async () => server.close());

  it('bcr execute runs the sample, prints a per-environment summary and the recorded-vs-fresh comparison', async () => {
    const r = await bcr(['execute', '--limit', String(RECORDS), '--out', file, '--json', '--compare']);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ total: RECORDS * 2, written: RECORDS * 2, backend: 'local', unfinished: 0 });
    expect(json.comparison.total.sides).toBeGreaterThan(0);
    expect(json.comparison.total.successAgreement).toBeGreaterThanOrEqual(0.9);
    // Browser environments execute too (src/exec/browser/); Streamlit, Gradio and PyGame are the unavailable ones.
    const browserCounts = json.byEnvironment['HTML'] ?? json.byEnvironment['Mermaid'] ?? json.byEnvironment['React'] ?? json.byEnvironment['Vue'];
    expect(browserCounts).toMatchObject({ unavailable: 0, ran: browserCounts.sides });

    const again = await bcr(['execute', '--limit', String(RECORDS), '--out', file]);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/already done 16, run now 0/);
    expect(again.out).toMatch(/environment\s+sides\s+ran\s+succeeded/);

    const cmp = await bcr(['executions', 'compare', file]);
    expect(cmp.code, cmp.err).toBe(0);
    expect(cmp.out).toMatch(/Recorded vs fresh executions/);
    expect(cmp.out).toMatch(/JavaScript Runner\s+2\s+2\s+100/);
  }, 120_000);

  it('a judge run with --executions does not reuse cache entries made from the recorded outputs', async () => {
    const cache = join(dir, 'cache');
    const judge = (out: string, extra: string[] = []) =>
      bcr(['judge', '--judge', 'baseline:exec-aware', '--mode', 'with-output', '--limit', String(RECORDS), '--cache-dir', cache, '--out', join(dir, out), '--json', ...extra]);
    const recorded = await judge('r1.jsonl');
    expect(recorded.code, recorded.err).toBe(0);
    expect(JSON.parse(recorded.out)).toMatchObject({ judged: RECORDS, cached: 0 });

    const fresh = readExecutions(file);
    const ids = [...new Set([...fresh.lines.values()].map((l) => l.id))];
    const withFresh = ids.filter((id) => fresh.executions.has(JSON.stringify([id, 'a'])) || fresh.executions.has(JSON.stringify([id, 'b']))).length;
    expect(withFresh).toBeGreaterThan(0);
    expect(withFresh).toBeLessThan(RECORDS);

    const first = await judge('r2.jsonl', ['--executions', file]);
    expect(first.code, first.err).toBe(0);
    // Only records none of whose sides ran here (no fresh output) may come from the cache.
    expect(JSON.parse(first.out)).toMatchObject({ judged: withFresh, cached: RECORDS - withFresh });
    const second = await judge('r3.jsonl', ['--executions', file]);
    expect(JSON.parse(second.out)).toMatchObject({ judged: 0, cached: RECORDS });
  }, 120_000);

  it('the judge is shown the fresh output, and bcr run counts the fresh errors', async () => {
    // A superseding line (the last line per side wins) whose output and error differ from the recording.
    const edited = join(dir, 'edited.jsonl');
    // Only the runner sides' lines: their fresh outputs equal the recorded ones, so the edit below is the one difference
    // (a browser side's fresh console errors need not match the recorded error text).
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ExecutionLine);
    writeFileSync(edited, lines.filter((l) => l.environment?.endsWith(' Runner')).map((l) => `${JSON.stringify(l)}\n`).join(''));
    const target = lines.find((l) => l.status === 'succeeded' && l.environment?.endsWith(' Runner'))!;
    appendFileSync(edited, `${JSON.stringify({ ...target, status: 'failed', execution: { output: `${MARKER}\n`, error: 'FRESH-ERROR', success: false, screenshot: null } })}\n`);

    const args = ['judge', '--model', 'm', '--base-url', server.baseURL, '--api-key-env', 'JUDGE_KEY', '--mode', 'with-output',
      '--limit', String(RECORDS), '--no-cache', '--json'];
    const before = server.chats.length;
    const plain = await bcr([...args, '--out', join(dir, 'm1.jsonl')], { JUDGE_KEY: KEY });
    expect(plain.code, plain.err).toBe(0);
    expect(server.chats.slice(before).some((c) => c.text.includes(MARKER))).toBe(false);
    const mid = server.chats.length;
    const withFresh = await bcr([...args, '--out', join(dir, 'm2.jsonl'), '--executions', edited], { JUDGE_KEY: KEY });
    expect(withFresh.code, withFresh.err).toBe(0);
    expect(server.chats.slice(mid).filter((c) => c.text.includes(MARKER))).toHaveLength(1);

    const study = (out: string, extra: string[] = []) =>
      bcr(['run', '--judges', 'baseline:exec-aware', '--mode', 'with-output', '--no-learned', '--bootstrap', '0', '--limit', String(RECORDS), '--out-dir', join(dir, out), '--json', ...extra]);
    // The same folder: verdicts on fresh outputs must not resume from the ones on recorded outputs.
    const a = await study('study');
    const b = await study('study', ['--executions', edited]);
    expect(a.code, a.err).toBe(0);
    expect(b.code, b.err).toBe(0);
    const [ra, rb] = [JSON.parse(a.out), JSON.parse(b.out)];
    expect(rb.summary.sidesWithError).toBe(ra.summary.sidesWithError + 1);
    expect(rb.runs[0]).toMatchObject({ alreadyDone: 0, written: RECORDS });
    expect(rb.runs[0].out).not.toBe(ra.runs[0].out);
    expect(rb.executions).toMatchObject({ file: edited, replaced: readExecutions(edited).executions.size });
    expect(rb.executions.replaced).toBeGreaterThan(0);
    expect(rb.executions.replaced + rb.executions.missing).toBe(RECORDS * 2);
    expect(ra.executions).toBeNull();
  }, 180_000);

  it('Ctrl-C: exit 130, no half-written line, no error line; a rerun finishes with every side once', async () => {
    const out = join(dir, 'interrupted.jsonl');
    const args = [BIN, 'execute', '--limit', '20', '--concurrency', '1', '--out', out];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const count = () => (existsSync(out) ? readFileSync(out, 'utf8').split('\n').length - 1 : 0);
    const code = await new Promise<number | null>((resolve) => {
      const timer = setInterval(() => {
        if (count() >= 6) {
          clearInterval(timer);
          child.kill('SIGINT');
        }
      }, 5);
      child.on('exit', (c) => {
        clearInterval(timer);
        resolve(c);
      });
    });
    expect(code, err).toBe(130);
    expect(err).toMatch(/interrupted: \d+ side\(s\) left; rerun the same command to resume/);
    const partial = readExecutions(out);
    expect(partial.droppedBytes).toBe(0);
    expect(partial.lines.size).toBeLessThan(40);
    expect([...partial.lines.values()].filter((l) => l.status === 'error')).toEqual([]);
    const rerun = await bcr(['execute', '--limit', '20', '--out', out, '--json']);
    expect(rerun.code, rerun.err).toBe(0);
    expect(JSON.parse(rerun.out)).toMatchObject({ alreadyDone: partial.lines.size, written: 40 - partial.lines.size });
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(40);
  }, 180_000);

  it('bcr judge with --executions and no --out writes its own results file, not the recorded run\'s', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'bcr-execute-cwd-'));
    const judge = (extra: string[]) => new Promise<{ code: number | null; out: string }>((resolve) => {
      const p = spawn(process.execPath, [BIN, 'judge', '--judge', 'baseline:exec-aware', '--mode', 'with-output', '--limit', '4', '--no-cache', '--json', ...extra], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.on('exit', (code) => resolve({ code, out }));
    });
    const recorded = await judge([]);
    expect(recorded.code).toBe(0);
    const fresh = await judge(['--executions', file]);
    expect(fresh.code).toBe(0);
    expect(JSON.parse(fresh.out)).toMatchObject({ alreadyDone: 0, written: 4, out: 'runs/baseline_exec-aware.executed.jsonl' });
    expect(JSON.parse(recorded.out).out).toBe('runs/baseline_exec-aware.jsonl');
  }, 60_000);

  it('a missing executions file is an input error naming it', async () => {
    const missing = join(dir, 'nope.jsonl');
    const r = await bcr(['judge', '--judge', 'baseline:always-a', '--mode', 'code-only', '--limit', '2', '--no-cache', '--out', join(dir, 'x.jsonl'), '--executions', missing]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${missing}: no such executions file`);
  });

  it('without bubblewrap the run is refused with the install hint; --unsafe-no-sandbox runs with a loud warning', async () => {
    const bin = join(dir, 'bin-no-bwrap');
    mkdirSync(bin);
    symlinkSync('/usr/bin/prlimit', join(bin, 'prlimit'));
    const out = join(dir, 'unsafe.jsonl');
    const refused = await bcr(['execute', '--limit', '2', '--out', out], { PATH: bin });
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/apt-get install bubblewrap/);
    const unsafe = await bcr(['execute', '--limit', '2', '--out', out, '--unsafe-no-sandbox', '--json'], { PATH: bin });
    expect(unsafe.code, unsafe.err).toBe(0);
    expect(unsafe.err).toMatch(/WARNING: --unsafe-no-sandbox: model-written code runs WITHOUT ISOLATION/);
    expect(JSON.parse(unsafe.out)).toMatchObject({ backend: 'local-unsafe', written: 4 });
  }, 60_000);
});
