/**
 * Data loading: how long, how much memory, and how many bytes.
 *
 * (a) the bundled sample (`data/bigcodereward-sample`), read locally:
 *     metrics-only projection vs comparisons vs every column;
 * (b) a generated dataset at BigCodeReward size (4,731 rows, 4 files, about
 *     1.4 GB; quick mode 300 rows, about 90 MB), written under os.tmpdir() and
 *     served by the stand-in hub in its own process (so its CPU and memory are
 *     not counted here): remote range reads of the metrics-only columns against
 *     a full remote load, plus a full download into the cache and a local
 *     metrics-only read from it. The reference for bytes is the files' total
 *     size; target: metrics-only reads <= 10% of it.
 *
 * Steps run lightest first, because peak RSS is the process's, including what
 * earlier steps left for the garbage collector (run with --expose-gc to reset).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataset, type Dataset } from '../src/data/dataset.js';
import { fetchHubDataset, listDataParquetFiles, resolveHubLocation, totalTransfer, type HubSource } from '../src/data/hub.js';
import { METRICS_COLUMNS } from '../src/data/row.js';
import { generateDataset } from '../scripts/sample/generate.js';
import { peakRss, timeIt, type BenchOptions, type BenchResult, type BenchRow } from './harness.js';

const BENCH_DATASET = 'bench/bigcodereward';
const MiB = 2 ** 20;

type Load = 'metrics-only rows' | 'comparisons' | 'all columns';

interface Measured {
  seconds: number;
  peakMiB: number;
  rows: number;
}

/** Every row has every column (the table takes its columns from the first row). */
function benchRow(
  name: string,
  m: Measured | { seconds: number; peakMiB: number; rows: null },
  io: { bytesRead?: number; totalBytes?: number; requests?: number } = {},
): BenchRow {
  const known = io.bytesRead !== undefined && io.totalBytes !== undefined;
  return {
    name,
    seconds: m.seconds,
    peak_rss_mib: m.peakMiB,
    rows: m.rows,
    mib_read: io.bytesRead === undefined ? null : io.bytesRead / MiB,
    read_ratio: known ? io.bytesRead! / io.totalBytes! : null,
    requests: io.requests ?? null,
    mib_per_s: io.bytesRead === undefined || io.bytesRead === 0 ? null : io.bytesRead / MiB / m.seconds,
  };
}

async function measure(fn: () => Promise<number>): Promise<Measured> {
  (globalThis as { gc?: () => void }).gc?.();
  const { peakMiB, value } = await peakRss(() => timeIt(fn));
  return { seconds: value.ms / 1000, peakMiB, rows: value.value };
}

function load(dataset: Dataset, what: Load): Promise<number> {
  if (what === 'metrics-only rows') return dataset.loadRows({ columns: METRICS_COLUMNS }).then((r) => r.length);
  if (what === 'comparisons') return dataset.loadComparisons().then((r) => r.length);
  return dataset.loadRows().then((r) => r.length);
}

/** The stand-in hub as a child process; resolves with its URL. */
async function startHubProcess(repoDir: string): Promise<{ url: string; stop(): void }> {
  const script = join(import.meta.dirname, '..', 'test', 'support', 'hub-server.ts');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script, `${BENCH_DATASET}=${repoDir}`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (d: Buffer) => {
      text += d.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    child.on('exit', (code) => reject(new Error(`hub server exited (${code})`)));
  });
  return { url, stop: () => void child.kill('SIGTERM') };
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const rows: BenchRow[] = [];
  const notes: string[] = [
    `load average at start: ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (1/5/15 min) on 2 shared cores`,
  ];

  // (a) The bundled sample, local.
  const sampleDir = join(import.meta.dirname, '..', 'data', 'bigcodereward-sample');
  if (existsSync(join(sampleDir, 'data'))) {
    const sample = await openDataset(sampleDir);
    for (const what of ['metrics-only rows', 'comparisons', 'all columns'] as const) {
      const m = await measure(() => load(sample, what));
      rows.push(benchRow(`sample (local): ${what}`, m));
    }
  } else {
    notes.push(`bundled sample missing at ${sampleDir}: part (a) skipped`);
  }

  // (b) Generated full-size data behind the stand-in hub.
  const rowsWanted = opts.quick ? 300 : 4731;
  const work = mkdtempSync(join(tmpdir(), 'bcr-bench-data-'));
  let hub: { url: string; stop(): void } | undefined;
  try {
    const repoDir = join(work, 'repo');
    const generated = await timeIt(() =>
      generateDataset({ rows: rowsWanted, files: 4, screenshotBytes: 'realistic', outDir: repoDir }),
    );
    const totalBytes = generated.value.bytes;
    notes.push(
      `generated ${rowsWanted} rows in 4 files, ${(totalBytes / MiB).toFixed(1)} MiB, in ${(generated.ms / 1000).toFixed(1)} s (not timed below)`,
    );
    hub = await startHubProcess(repoDir);
    const env = {}; // no token or mirror from this machine
    // The server hashes the files on its first listing: keep that out of the timings.
    await listDataParquetFiles(resolveHubLocation({ dataset: BENCH_DATASET, hubUrl: hub.url }, env));

    const remoteRow = async (what: Load) => {
      let sources: HubSource[] = [];
      const m = await measure(async () => {
        const dataset = await openDataset(BENCH_DATASET, { hubUrl: hub!.url, mode: 'remote', env });
        sources = dataset.sources as HubSource[];
        return load(dataset, what);
      });
      const read = totalTransfer(sources);
      rows.push(benchRow(`hub remote: ${what}`, m, { ...read, totalBytes }));
      return { ...m, bytesRead: read.bytesRead };
    };
    const metrics = await remoteRow('metrics-only rows');
    await remoteRow('comparisons');
    const full = await remoteRow('all columns');

    const cacheDir = join(work, 'cache');
    let downloaded = 0;
    const download = await measure(async () => {
      const fetched = await fetchHubDataset({ dataset: BENCH_DATASET, hubUrl: hub!.url, cacheDir, env });
      downloaded = fetched.files.reduce((n, f) => n + f.bytesDownloaded, 0);
      return fetched.files.length;
    });
    rows.push(
      benchRow('hub download: fetch all files (verified)', { ...download, rows: null }, { bytesRead: downloaded, totalBytes }),
    );
    const cachedMetrics = await measure(async () => {
      const dataset = await openDataset(BENCH_DATASET, { hubUrl: hub!.url, mode: 'download', cacheDir, env });
      return load(dataset, 'metrics-only rows');
    });
    rows.push(benchRow('hub download (cached): metrics-only rows', cachedMetrics, { bytesRead: 0, totalBytes }));

    const ratio = metrics.bytesRead / totalBytes;
    notes.push(
      `remote metrics-only read ${(100 * ratio).toFixed(2)}% of the ${(totalBytes / MiB).toFixed(1)} MiB ` +
        `(target <= 10%: ${ratio <= 0.1 ? 'met' : 'NOT met'}); ${(full.bytesRead / metrics.bytesRead).toFixed(0)}x fewer bytes ` +
        `and ${(full.seconds / metrics.seconds).toFixed(1)}x faster than the full remote load`,
      'read_ratio = bytes fetched / total size of the parquet files; remote bytes are counted by the range-read buffer',
      'hyparquet fetches the last 512 KiB of each file for its footer, so a projection costs at least 4 x 512 KiB here',
    );
  } finally {
    hub?.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return { title: `Data loading (${opts.quick ? 'quick: 300 rows' : '4,731 rows, ~1.4 GB'})`, rows, notes };
}
