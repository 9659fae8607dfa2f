/**
 * AutoCodeArena end to end: the 600 real prompts (../shared) x (2
 * candidates + baseline) against the local arena server (its own process,
 * every answer after 100 ms), execution included (bubblewrap sandboxes, 2 at
 * once), then the judge in both orders and the scores. Reports wall time
 * per stage and where the execute stage's time goes (sandbox wall time per
 * environment). `--quick`: the first 60 prompts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_MODELS, loadPrompts, readAnswerExecutions, runArena } from '../src/arena/index.js';
import { localBackend } from '../src/exec/index.js';
import { ChatClient } from '../src/llm/client.js';
import type { BenchOptions, BenchResult } from './harness.js';

const LATENCY_MS = 100;
const PROMPTS_DIR = join(import.meta.dirname, '..', '..', 'shared', 'data', 'autocodearena-v0');

async function serverProcess(): Promise<{ baseURL: string; stop(): void }> {
  const code = `import { startDemoServer } from ${JSON.stringify(join(import.meta.dirname, '..', 'src', 'arena', 'demo.ts'))};
const s = await startDemoServer({ latencyMs: ${LATENCY_MS} }); console.log(s.baseURL);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const baseURL = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    child.on('exit', (c) => reject(new Error(`arena server exited (${c})`)));
  });
  return { baseURL, stop: () => void child.kill('SIGTERM') };
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const all = await loadPrompts(PROMPTS_DIR);
  const prompts = opts.quick ? all.prompts.slice(0, 60) : all.prompts;
  const server = await serverProcess();
  const dir = mkdtempSync(join(tmpdir(), 'bcr-bench-arena-'));
  try {
    const chat = (model: string) => new ChatClient({ model, baseURL: server.baseURL, apiKey: 'bench-key-0123456789' });
    const started = performance.now();
    const r = await runArena({
      prompts,
      generators: [DEMO_MODELS.strong, DEMO_MODELS.weak, DEMO_MODELS.baseline].map((m) => ({ name: m, chat: chat(m) })),
      candidates: [DEMO_MODELS.strong, DEMO_MODELS.weak], baseline: DEMO_MODELS.baseline,
      judge: { name: 'demo-judge', chat: chat(DEMO_MODELS.judge) },
      backend: localBackend(), dir, concurrency: 16, executeConcurrency: 2,
    });
    const total = performance.now() - started;
    const s = (ms: number) => Math.round(ms / 100) / 10;
    const rows = [
      { name: 'generate', tasks: r.generate.total, requests: r.generate.requests, 'wall s': s(r.timings.generate), 'per task ms': Math.round(r.timings.generate / r.generate.total) },
      { name: 'execute', tasks: r.execute.total, requests: null, 'wall s': s(r.timings.execute), 'per task ms': Math.round(r.timings.execute / r.execute.total) },
      { name: 'judge', tasks: r.judge.total, requests: r.judge.requests, 'wall s': s(r.timings.judge), 'per task ms': Math.round(r.timings.judge / r.judge.total) },
      { name: 'score', tasks: null, requests: null, 'wall s': s(r.timings.score), 'per task ms': null },
      { name: 'total', tasks: null, requests: null, 'wall s': s(total), 'per task ms': null },
    ];
    // Where the execute stage's time goes: sandbox wall time summed per environment and outcome.
    const byEnv = new Map<string, { n: number; ms: number }>();
    for (const { line } of readAnswerExecutions(join(dir, 'executions.jsonl')).values()) {
      const k = `${line.environment ?? 'none'} (${line.status})`;
      const e = byEnv.get(k) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += line.timings.wallMs;
      byEnv.set(k, e);
    }
    for (const [k, e] of [...byEnv.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
      rows.push({ name: `  execute: ${k}`, tasks: e.n, requests: null, 'wall s': s(e.ms), 'per task ms': Math.round(e.ms / e.n) });
    }
    return {
      title: `AutoCodeArena pipeline: ${prompts.length} prompts x 3 models, server latency ${LATENCY_MS} ms, 16 requests / 2 sandboxes at once`,
      rows,
      notes: [
        'execute rows by environment sum sandbox wall time over 2 parallel sandboxes, so they add up to about twice the stage time',
        `scores: ${r.scores.overall.map((x) => `${x.model} ${x.score.toFixed(1)}`).join(', ')}`,
      ],
    };
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
