/**
 * The executor, timed:
 * - per environment, wall time on the 58 programs of
 *   ../shared/data/generated-solutions/ against the times BigCodeArena's own
 *   Docker sandbox recorded for them (`execution_time` in
 *   reference_execution_results.jsonl), with the speed-up and how often our
 *   success/failure verdict matches theirs where both ran. Environments this
 *   build cannot run here (status `unavailable`) are listed as such, so the
 *   browser environments appear as soon as they exist;
 * - an isolated Python hello world (sandbox made, run, removed) on local and
 *   Docker (warm containers, and cold: a container per command), and the
 *   same without isolation (the loud opt-out) for the isolation's overhead;
 * - a warm-browser HTML screenshot, and a React and a Vue build plus
 *   screenshot, on each backend;
 * - throughput of `executeDataset` on the bundled sample at concurrency 1
 *   and 2, local and Docker.
 * A backend that cannot start here (no bubblewrap, no engine) is a row that
 * says so. Times are wall seconds on a shared 2-core machine.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SideView } from '../src/data/comparison.js';
import { openDataset } from '../src/data/dataset.js';
import { executeDataset } from '../src/exec/execute-dataset.js';
import { executeSide, type SideExecution } from '../src/exec/execute-side.js';
import { browserAssets, WarmBrowser } from '../src/exec/browser/index.js';
import { dockerBackend, extractProgram, localBackend, type SandboxBackend } from '../src/exec/index.js';
import type { BenchOptions, BenchResult, BenchRow } from './harness.js';

const DATA = join(import.meta.dirname, '..', '..', 'shared', 'data', 'generated-solutions');

interface Solution { uid: string; category: string; solution: string }
interface Recorded { uid: string; environment: string; success: boolean; execution_time: number }

const readJsonl = <T>(file: string): T[] =>
  readFileSync(join(DATA, file), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);

/** uids repeat across categories and results are in completion order: a result is the first untaken solution with its uid (as in test/exec/program-reference.test.ts). */
function pairs(): Array<[Solution, Recorded]> {
  const solutions = readJsonl<Solution>('solutions_and_tests.jsonl');
  const taken = new Set<number>();
  return readJsonl<Recorded>('reference_execution_results.jsonl').map((r) => {
    const i = solutions.findIndex((s, k) => !taken.has(k) && s.uid === r.uid);
    if (i < 0) throw new Error(`no solution for result ${r.uid}`);
    taken.add(i);
    return [solutions[i]!, r];
  });
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (x: number | null, d = 3): number | null => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

/** The side a generated solution would be in a dataset: its code, with the language and environment we detect. */
function sideOf(solution: string): SideView | null {
  const got = extractProgram(solution, { unfenced: 'code' });
  if (got.kind !== 'program') return null;
  return {
    model: 'generated', answer: solution, code: got.program.files[got.program.entry] ?? solution,
    language: got.program.language, environment: got.program.environment,
    output: null, error: null, success: null, screenshot: null, rounds: [], turns: 1,
  };
}

async function available(backend: SandboxBackend): Promise<string | null> {
  try {
    await (await backend.create()).destroy();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message.split(':')[0]! : String(err);
  }
}

const row = (name: string, cells: Partial<BenchRow>): BenchRow => ({
  name, n: null, 'ours median s': null, 'reference median s': null, 'speed-up x': null, 'verdicts agree': null, note: '', ...cells,
});

async function generatedPrograms(backend: SandboxBackend, label: string): Promise<BenchRow[]> {
  const byEnv = new Map<string, Array<{ ref: Recorded; got: SideExecution | null }>>();
  for (const [s, r] of pairs()) {
    const side = sideOf(s.solution);
    const got = side ? await executeSide(side, { backend }) : null;
    const list = byEnv.get(r.environment) ?? [];
    list.push({ ref: r, got });
    byEnv.set(r.environment, list);
  }
  const rows: BenchRow[] = [];
  for (const [env, list] of [...byEnv].sort(([a], [b]) => a.localeCompare(b))) {
    const ran = list.filter((x) => x.got?.kind === 'ran');
    const unavailable = list.filter((x) => x.got?.kind === 'unavailable').length;
    const ours = median(ran.map((x) => x.got!.timings.wallMs / 1000));
    // The program's own step (its run, or its capture), without making and removing the sandbox or compiling: what the
    // reference's time counts. Over the sides that have one (a failed build has none), with the reference over the same sides.
    const stepped = ran.filter((x) => x.got!.timings.runMs !== null);
    const step = median(stepped.map((x) => x.got!.timings.runMs! / 1000));
    const stepTheirs = median(stepped.map((x) => x.ref.execution_time));
    const theirs = median(ran.map((x) => x.ref.execution_time));
    const agree = ran.filter((x) => x.got!.kind === 'ran' && (x.got as Extract<SideExecution, { kind: 'ran' }>).execution.success === x.ref.success).length;
    const detected = [...new Set(list.map((x) => x.got?.environment ?? 'no code'))].join(', ');
    const notes = [`ours ran as ${detected}`];
    if (step !== null && stepTheirs !== null && step > 0) {
      notes.push(`run step alone ${round(step)} s vs ${round(stepTheirs, 2)} s (${round(stepTheirs / step, 1)}x${stepped.length < ran.length ? `, ${stepped.length} of ${ran.length} sides` : ''})`);
    }
    if (unavailable > 0) notes.push(`${unavailable} unavailable here`);
    rows.push(row(`generated: ${env} (${label})`, {
      n: list.length,
      'ours median s': round(ours),
      'reference median s': round(theirs ?? median(list.map((x) => x.ref.execution_time)), 2),
      'speed-up x': ours !== null && theirs !== null && ours > 0 ? round(theirs / ours, 1) : null,
      'verdicts agree': ran.length > 0 ? `${agree}/${ran.length}` : 'unavailable',
      note: notes.join('; '),
    }));
  }
  return rows;
}

const WEB_SIDES: Record<'HTML' | 'React' | 'Vue', { answer: string; language: string }> = {
  HTML: { language: 'HTML', answer: '```html\n<!doctype html><html><body><h1>Counter</h1><button id="b">0</button><script>let n = 0; document.getElementById("b").onclick = () => { b.textContent = ++n; };</script></body></html>\n```' },
  React: { language: 'JavaScript', answer: '```jsx\nimport React, { useState } from "react";\nexport default function App() {\n  const [n, setN] = useState(0);\n  return <div><h1>Counter</h1><button onClick={() => setN(n + 1)}>{n}</button></div>;\n}\n```' },
  Vue: { language: 'Vue', answer: '```vue\n<template>\n  <div><h1>Counter</h1><button @click="n++">{{ n }}</button></div>\n</template>\n<script setup>\nimport { ref } from "vue";\nconst n = ref(0);\n</script>\n```' },
};

/**
 * Median wall time of one web side (after a warm-up run), with the browser
 * kept warm across runs. `gapMs` between runs lets the browser make the next
 * capture's page ahead, as it does while a pipeline does other work; 0 runs
 * them back to back, so that page is made inside the next run.
 */
async function webSide(backend: SandboxBackend, label: string, environment: keyof typeof WEB_SIDES, repeats: number, gapMs = 1000): Promise<BenchRow> {
  const { answer, language } = WEB_SIDES[environment];
  const code = answer.replace(/^```\w*\n|\n```$/g, '');
  const side: SideView = { model: 'bench', answer, code, language, environment, output: null, error: null, success: null, screenshot: null, rounds: [], turns: 1 };
  const browser = new WarmBrowser({ assets: browserAssets() });
  try {
    const once = async () => {
      const r = await executeSide(side, { backend, browser });
      if (r.kind !== 'ran' || r.status !== 'succeeded') throw new Error(`${environment} side failed on ${label}: ${r.status} ${r.kind === 'ran' ? r.execution.error ?? '' : r.message}`);
      return r.timings.wallMs / 1000;
    };
    await once();
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      await new Promise((r) => setTimeout(r, gapMs));
      times.push(await once());
    }
    const m = median(times);
    const target = environment === 'HTML' ? 'warm-browser screenshot; target < 0.5 s' : 'build and screenshot; target < 5 s';
    const theirs = environment === 'React' ? 71.6 : 44.7;
    const what = `${environment === 'HTML' ? 'screenshot' : 'build + screenshot'}${gapMs === 0 ? ', back to back' : ''}`;
    return row(`${environment} page, ${what} (${label})`, {
      n: repeats, 'ours median s': round(m), 'reference median s': theirs, 'speed-up x': m ? round(theirs / m, 1) : null, note: `${target}; reference: BigCodeArena's ${environment === 'Vue' ? 'HTML/Vite' : environment} median`,
    });
  } finally {
    await browser.close();
  }
}

async function helloWorld(backend: SandboxBackend, label: string, repeats: number): Promise<{ row: BenchRow; median: number | null }> {
  const side: SideView = {
    model: 'bench', answer: '```python\nprint("hello")\n```', code: 'print("hello")', language: 'Python', environment: 'Python Runner',
    output: null, error: null, success: null, screenshot: null, rounds: [], turns: 1,
  };
  await executeSide(side, { backend }); // warm: the backend's probe and first-use costs are not the per-run cost
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const r = await executeSide(side, { backend });
    if (r.kind !== 'ran' || r.execution.output !== 'hello\n') throw new Error(`hello world failed on ${label}: ${r.status}`);
    times.push(r.timings.wallMs / 1000);
  }
  const m = median(times);
  return { median: m, row: row(`hello world, Python (${label})`, { n: repeats, 'ours median s': round(m), 'reference median s': 0.46, 'speed-up x': m ? round(0.46 / m, 1) : null, note: 'sandbox made, run, removed; target < 0.3 s' }) };
}

async function throughput(backend: SandboxBackend, label: string, records: number, concurrency: number): Promise<BenchRow> {
  const comparisons = (await (await openDataset()).loadComparisons()).slice(0, records);
  const dir = mkdtempSync(join(tmpdir(), 'bcr-bench-executor-'));
  try {
    const t0 = performance.now();
    const summary = await executeDataset({ comparisons, backend, out: join(dir, 'executions.jsonl'), concurrency });
    const s = (performance.now() - t0) / 1000;
    const ran = Object.values(summary.byEnvironment).reduce((n, c) => n + c.ran, 0);
    return row(`bundled sample, ${records} records, concurrency ${concurrency} (${label})`, {
      n: summary.total, 'ours median s': round(s / summary.total), note: `${round(summary.total / s, 2)} sides/s; ${ran} ran, ${summary.total - ran} unavailable or no code; total ${round(s, 1)} s`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const backends: Array<[string, SandboxBackend]> = [['local', localBackend()], ['docker', dockerBackend()]];
  const rows: BenchRow[] = [];
  const notes: string[] = [
    'reference: BigCodeArena\'s own Docker sandbox on the same 58 programs (execution_time); its PyGame time is a pygbag WebAssembly build, ours a headless run to a captured frame',
    '"verdicts agree": our success/failure equals theirs, over the programs that ran here; speed-up = reference median / our median over the same programs',
  ];
  const hello: Record<string, number | null> = {};
  const repeats = opts.quick ? 3 : 10;
  for (const [label, backend] of backends) {
    const missing = await available(backend);
    if (missing) {
      rows.push(row(`${label} backend`, { note: `not available here: ${missing}` }));
      continue;
    }
    rows.push(...(await generatedPrograms(backend, label)));
    const h = await helloWorld(backend, label, repeats);
    hello[label] = h.median;
    rows.push(h.row);
    if (label === 'docker') {
      const cold = dockerBackend({ warm: 0 });
      rows.push({ ...(await helloWorld(cold, 'docker, cold: a container per command', repeats)).row });
    }
    for (const env of ['HTML', 'React', 'Vue'] as const) rows.push(await webSide(backend, label, env, opts.quick ? 3 : 5));
    rows.push(await webSide(backend, label, 'HTML', opts.quick ? 3 : 5, 0));
    const records = opts.quick ? 5 : 30;
    for (const c of [1, 2]) rows.push(await throughput(backend, label, records, c));
    await backend.close?.();
  }
  // Isolated and not isolated, interleaved run by run, so both see the same machine load.
  if (hello.local != null) {
    const isolated = localBackend();
    const unsafe = localBackend({ unsafeNoIsolation: true });
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < (opts.quick ? 3 : 10); i++) {
      a.push((await helloWorld(isolated, 'local', 1)).median!);
      b.push((await helloWorld(unsafe, 'local, NOT isolated', 1)).median!);
    }
    const [mi, mu] = [median(a)!, median(b)!];
    rows.push(row('hello world, Python (local, NOT isolated: the opt-out)', { n: b.length, 'ours median s': round(mu), 'reference median s': 0.46, 'speed-up x': round(0.46 / mu, 1), note: 'prlimit only, no bubblewrap' }));
    rows.push(row('isolation overhead (bubblewrap vs not isolated, interleaved)', {
      n: a.length, 'ours median s': round(mi - mu), note: `isolated ${round(mi)} s vs ${round(mu)} s: ${round(mi / mu, 2)}x`,
    }));
  }
  return { title: 'Executor: generated programs vs BigCodeArena\'s recorded times, hello world, throughput', rows, notes };
}
