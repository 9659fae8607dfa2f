/**
 * `bcr data fetch`: download a hub dataset's parquet files into the local
 * cache (resumable, size- and hash-checked) and print where they are.
 * Argument parsing and printing only; the work is `fetchHubDataset`.
 */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { DEFAULT_DATASET, DEFAULT_REVISION, fetchHubDataset, type FetchedDataset, type HubProgress } from '../data/hub.js';
import { dataGroup } from './data-info.js';
import { printJson, type CliIO } from './output.js';

interface FetchOptions {
  dataset: string;
  revision: string;
  hubUrl?: string;
  cacheDir?: string;
  verify?: boolean;
  json?: boolean;
}

export function register(program: Command, io: CliIO): void {
  dataGroup(program)
    .command('fetch')
    .description('Download a dataset\'s parquet files (data/*.parquet) from the Hugging Face hub into the local cache')
    .option('--dataset <id>', 'hub dataset id', DEFAULT_DATASET)
    .option('--revision <rev>', 'branch, tag or commit', DEFAULT_REVISION)
    .option('--hub-url <url>', 'hub endpoint (default: $HF_ENDPOINT or https://huggingface.co)')
    .option('--cache-dir <dir>', 'cache root (default: $BCR_CACHE_DIR/hub or ~/.cache/bcr/hub)')
    .option('--verify', 're-hash every cached file against the hub\'s checksum and size; download again any that fail')
    .option('--json', 'print {dataset, revision, files: [{path, size, cached, rehashed, repaired}]} as JSON')
    .addHelpText('after', '\nA token for gated or private datasets is read from HF_TOKEN (or HUGGING_FACE_HUB_TOKEN).')
    .action(async (opts: FetchOptions) => {
      const progress = io.interactive ? barProgress() : lineProgress(io);
      let fetched: FetchedDataset;
      try {
        fetched = await fetchHubDataset({
          dataset: opts.dataset,
          revision: opts.revision,
          ...(opts.hubUrl ? { hubUrl: opts.hubUrl } : {}),
          ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
          ...(opts.verify ? { verify: true } : {}),
          onProgress: progress.update,
        });
      } finally {
        progress.stop();
      }
      const files = fetched.files.map((f) => ({
        path: f.localPath,
        size: f.file.size,
        cached: f.cached,
        rehashed: f.rehashed,
        repaired: f.repaired,
      }));
      const repaired = fetched.files.filter((f) => f.repaired);
      if (opts.json) {
        printJson(io, { dataset: fetched.dataset, revision: fetched.revision, files });
        return;
      }
      for (const f of repaired) {
        io.err(`${f.file.path}: the cached copy did not match the hub's checksum; downloaded it again`);
      }
      if (opts.verify) {
        const ok = files.filter((f) => f.rehashed && !f.repaired).length;
        io.err(`verified: ${ok} cached file(s) match, ${repaired.length} repaired`);
      }
      const total = files.reduce((n, f) => n + f.size, 0);
      const fromCache = files.filter((f) => f.cached).length;
      io.err(
        `${fetched.dataset}@${fetched.revision}: ${files.length} files, ${formatBytes(total)} in ${fetched.directory} ` +
          `(${files.length - fromCache} downloaded, ${fromCache} already cached)`,
      );
      // stdout holds only the paths, one per line, so it can be piped.
      io.out(files.map((f) => f.path).join('\n'));
    });
}

interface ProgressView {
  update(p: HubProgress): void;
  stop(): void;
}

/** A terminal bar per file on stderr. */
function barProgress(): ProgressView {
  const bars = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      format: '{file} [{bar}] {percentage}% | {done} / {size} | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const open = new Map<string, cliProgress.SingleBar>();
  return {
    update(p) {
      const label = `[${p.fileIndex + 1}/${p.fileCount}] ${p.path}`;
      const payload = { file: label, done: formatBytes(p.bytesDone), size: formatBytes(p.bytesTotal) };
      let bar = open.get(p.path);
      if (!bar && (p.state === 'downloading' || p.state === 'done')) {
        bar = bars.create(Math.max(p.bytesTotal, 1), p.bytesDone, payload);
        open.set(p.path, bar);
      }
      bar?.update(p.bytesTotal === 0 ? 1 : p.bytesDone, payload);
      if (p.state === 'done') bar?.stop();
    },
    stop: () => bars.stop(),
  };
}

/** Plain lines for logs and CI: start, every 10%, and the end of each file. */
function lineProgress(io: CliIO): ProgressView {
  const lastDecile = new Map<string, number>();
  return {
    update(p) {
      const where = `[${p.fileIndex + 1}/${p.fileCount}] ${p.path}`;
      if (p.state === 'done') {
        io.err(`${where}: ${p.cached ? 'already cached' : 'downloaded and verified'} (${formatBytes(p.bytesTotal)})`);
        return;
      }
      if (p.state !== 'downloading') return;
      const decile = p.bytesTotal === 0 ? 10 : Math.floor((10 * p.bytesDone) / p.bytesTotal);
      const last = lastDecile.get(p.path);
      if (last === undefined) {
        const resume = p.bytesDone > 0 ? `, resuming at ${formatBytes(p.bytesDone)}` : '';
        io.err(`${where}: downloading ${formatBytes(p.bytesTotal)}${resume}`);
      } else if (decile > last && decile < 10) {
        io.err(`${where}: ${decile * 10}% (${formatBytes(p.bytesDone)})`);
      }
      if (last === undefined || decile > last) lastDecile.set(p.path, decile);
    },
    stop: () => {},
  };
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
