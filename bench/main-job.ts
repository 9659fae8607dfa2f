/**
 * The main job as a user meets it: wall time and peak memory of `npm start`
 * (`bcr run` on the bundled sample, from a fresh folder, so nothing resumes),
 * the rerun that resumes from its results, report generation (`bcr report`,
 * when the command exists), and every notebook executed headless with
 * Jupyter and the tslab kernel. Peak memory is the child's maximum resident
 * set, from `/usr/bin/time -v` (the whole process tree's largest process).
 * Targets: main job under 30 s, all notebooks under 5 minutes.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchOptions, BenchResult, BenchRow } from './harness.js';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'bcr.js');
const TIME = '/usr/bin/time';

interface Measured {
  ok: boolean;
  seconds: number;
  peakMiB: number | null;
  stderr: string;
}

/** Runs a command to its end; wall time from here, peak RSS from GNU time when it is installed. */
function measure(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Measured> {
  const timed = existsSync(TIME);
  const [file, argv] = timed ? [TIME, ['-v', command, ...args]] : [command, [...args]];
  const started = performance.now();
  return new Promise((done) => {
    execFile(file, argv, { cwd, env, maxBuffer: 256 << 20 }, (error, _stdout, stderr) => {
      const seconds = (performance.now() - started) / 1000;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      done({ ok: !error, seconds, peakMiB: rss ? Number(rss[1]) / 1024 : null, stderr });
    });
  });
}

const round = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));

function row(name: string, m: Measured, target: string, notes: string[]): BenchRow {
  if (!m.ok) notes.push(`${name} failed: ${m.stderr.trim().split('\n').filter((l) => !/^\s+\S.*: /.test(l)).slice(-3).join(' | ')}`);
  return { name, ok: m.ok ? 'yes' : 'NO', 'wall s': round(m.seconds, 1), 'peak MiB': round(m.peakMiB, 0), target };
}

/** True when `bcr` lists a subcommand of this name (the report command may not be built yet). */
async function hasCommand(name: string): Promise<boolean> {
  const help = await new Promise<string>((done) => execFile(process.execPath, [BIN, '--help'], (_e, out) => done(out)));
  return new RegExp(`^\\s+${name}\\b`, 'm').test(help);
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const cwd = mkdtempSync(join(tmpdir(), 'bcr-bench-main-'));
  try {
    // `npm start` is `node bin/bcr.js run`; run from a fresh folder so its results land there, not in the repository.
    const args = opts.quick ? ['run', '--limit', '60', '--bootstrap', '20', '--folds', '3'] : ['run'];
    const label = opts.quick ? 'bcr run --limit 60 (quick)' : 'npm start (bcr run, 300 records)';
    rows.push(row(label, await measure(process.execPath, [BIN, ...args], cwd), '< 30 s', notes));
    rows.push(row('rerun (resumes every verdict)', await measure(process.execPath, [BIN, ...args], cwd), '', notes));

    if (await hasCommand('report')) {
      rows.push(row('bcr report', await measure(process.execPath, [BIN, 'report'], cwd), '', notes));
    } else {
      notes.push('bcr report: the command is not in this build, so report generation was not measured (bcr run writes report.json and the charts, inside the times above)');
    }

    const notebooks = readdirSync(join(ROOT, 'notebooks')).filter((f) => /^\d+.*\.ipynb$/.test(f)).sort();
    const env = { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` };
    const outDir = join(cwd, 'notebooks');
    let total = 0;
    let allOk = true;
    let peak: number | null = null;
    for (const nb of opts.quick ? notebooks.slice(0, 1) : notebooks) {
      const m = await measure('jupyter', ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.kernel_name=tslab',
        '--ExecutePreprocessor.timeout=600', '--output-dir', outDir, join(ROOT, 'notebooks', nb)], join(ROOT, 'notebooks'), env);
      rows.push(row(`notebook ${nb}`, m, '', notes));
      total += m.seconds;
      allOk &&= m.ok;
      // GNU time reports the largest process of the tree (the kernel, usually).
      if (m.peakMiB !== null) peak = Math.max(peak ?? 0, m.peakMiB);
    }
    rows.push({ name: opts.quick ? 'notebooks (quick: the first only)' : `all ${notebooks.length} notebooks`, ok: allOk ? 'yes' : 'NO', 'wall s': round(total, 1), 'peak MiB': round(peak, 0), target: '< 300 s' });

    const report = join(cwd, 'runs', 'study', 'report.json');
    if (existsSync(report)) {
      const records = (JSON.parse(readFileSync(report, 'utf8')) as { summary: { records: number } }).summary.records;
      notes.push(`the main job judged ${records} records with the four baselines in both modes, plus the learned judge's cross-validation`);
    }
    notes.push(`load average at the end: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')} (2 shared cores: times scale with load)`);
    if (!existsSync(TIME)) notes.push(`${TIME} is missing: no peak memory (apt-get install time)`);
    return { title: 'Main job, report and notebooks (wall time, peak RSS)', rows, notes };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
