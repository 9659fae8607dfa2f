/**
 * Vote-file loading: a generated CSV of about 1 GiB (quick mode 64 MiB) with
 * five columns, of which the mapping uses three, loaded by `readVotesFile` in
 * a child process, against pandas `read_csv(usecols=...)` of the same file in
 * the same run. Each loader runs in its own process so its peak RSS is its
 * own (`maxRSS` / `ru_maxrss`). Target: bounded memory, i.e. peak RSS well
 * below the file's size, where the whole-string reader needed 14x it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeVoteCsv } from '../test/support/vote-file-gen.js';
import { PYTHON } from '../test/support/python.js';
import type { BenchOptions, BenchResult, BenchRow } from './harness.js';

const MiB = 2 ** 20;

interface Measured {
  rows: number;
  seconds: number;
  peakMiB: number;
}

function runChild(command: string, args: string[]): Measured {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 1_800_000, maxBuffer: 16 * MiB });
  if (r.status !== 0) throw new Error(`${command} failed (${r.status ?? r.signal}): ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Measured;
}

/** The built module (`npm run bench` builds first) as users run it; the source through tsx otherwise. */
function loadWithBcr(path: string): Measured {
  const built = new URL('../dist/data/votes-file.js', import.meta.url).pathname;
  const module = existsSync(built) ? built : new URL('../src/data/votes-file.ts', import.meta.url).pathname;
  const script = `
    import { readVotesFile, EVALICA_MAPPING } from ${JSON.stringify(module)};
    const start = performance.now();
    const battles = await readVotesFile(${JSON.stringify(path)}, EVALICA_MAPPING);
    const seconds = (performance.now() - start) / 1000;
    console.log(JSON.stringify({ rows: battles.length, seconds, peakMiB: process.resourceUsage().maxRSS / 1024 }));
  `;
  const loader = module === built ? [] : ['--import', 'tsx'];
  return runChild(process.execPath, [...loader, '--input-type=module', '-e', script]);
}

function loadWithPandas(path: string): Measured {
  const script = `
import json, resource, sys, time
import pandas as pd
start = time.perf_counter()
df = pd.read_csv(sys.argv[1], usecols=['left', 'right', 'winner'], dtype=str)
seconds = time.perf_counter() - start
print(json.dumps({'rows': len(df), 'seconds': seconds, 'peakMiB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;
  return runChild(PYTHON, ['-c', script, path]);
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bcr-bench-votes-'));
  try {
    const path = join(dir, 'votes.csv');
    const target = opts.quick ? 64 * MiB : 1024 * MiB;
    const made = writeVoteCsv(path, target, { promptChars: 60 });
    const fileMiB = made.bytes / MiB;
    const bcr = loadWithBcr(path);
    if (bcr.rows !== made.rows) throw new Error(`readVotesFile read ${bcr.rows} rows of ${made.rows}`);
    const pandas = loadWithPandas(path);
    const row = (name: string, m: Measured): BenchRow => ({
      name,
      file_mib: fileMiB,
      rows: m.rows,
      seconds: m.seconds,
      rows_per_s: Math.round(m.rows / m.seconds),
      peak_rss_mib: m.peakMiB,
      peak_rss_per_file_mib: m.peakMiB / fileMiB,
    });
    return {
      title: `Vote file loading (${fileMiB.toFixed(0)} MiB CSV, ${made.rows} rows, 3 of 5 columns used)`,
      rows: [row('bcr readVotesFile (csv-parse stream)', bcr), row('pandas read_csv(usecols)', pandas)],
      notes: [
        `speed ratio bcr / pandas: ${(pandas.seconds / bcr.seconds).toFixed(3)} (rows/s); peak RSS ratio bcr / pandas: ${(bcr.peakMiB / pandas.peakMiB).toFixed(2)}`,
        'each loader in its own process; peak RSS is that process\'s maxRSS',
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
