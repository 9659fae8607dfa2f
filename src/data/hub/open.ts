/**
 * The hub entry points: `fetchHubDataset` fills the local cache with a
 * dataset's parquet files; `openHubSources` gives the parquet readers one
 * `ParquetSource` per file, either from that cache (`download`) or read
 * remotely over HTTP range requests (`remote`).
 */
import { asyncBufferFromFile } from 'hyparquet';
import type { ParquetSource } from '../source.js';
import {
  resolveHubCacheRoot,
  resolveHubLocation,
  revisionCacheDir,
  type HubLocation,
  type HubLocationOptions,
} from './config.js';
import { ensureCached, type CachedFile, type FileProgress } from './download.js';
import { DEFAULT_RETRIES, DEFAULT_RETRY_DELAY_MS, DEFAULT_TIMEOUT_MS, type TransferPolicy } from './http.js';
import { listDataParquetFiles, type HubFile } from './listing.js';
import { HttpRangeBuffer, type TransferStats } from './remote-buffer.js';

export interface HubProgress extends FileProgress {
  /** 0-based position of this file in the sorted listing. */
  fileIndex: number;
  fileCount: number;
}

export interface HubTransferOptions extends HubLocationOptions {
  /** Root of the hub cache; files go to `<cacheDir>/<owner>/<name>/<revision>/data/...`. See `resolveHubCacheRoot`. */
  cacheDir?: string;
  /** Told as bytes arrive, per file. */
  onProgress?: (progress: HubProgress) => void;
  /** Stand-in for global fetch (proxies, tests). */
  fetch?: typeof fetch;
  /** Abort a request that sends nothing for this long; default 60 s. */
  timeoutMs?: number;
  /** Extra attempts after a transient failure (network, 5xx, cut-off); default 2. Downloads resume. */
  retries?: number;
  /** Wait before retry n is n * retryDelayMs; default 1 s. */
  retryDelayMs?: number;
  signal?: AbortSignal;
  /** Where HF_TOKEN, HF_ENDPOINT and BCR_CACHE_DIR are read; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Re-hash every cached file against the listing, downloading again any that fail (download mode). */
  verify?: boolean;
}

export interface OpenHubSourcesOptions extends HubTransferOptions {
  /** `download`: cache whole files locally, then read them. `remote`: read byte ranges over HTTP. */
  mode: 'download' | 'remote';
  /** Remote mode: the repository folder holding the parquet files (default `data`). */
  folder?: string;
}

/** A `ParquetSource` that also says where it came from and what it cost. */
export interface HubSource extends ParquetSource {
  /** Path in the repository, e.g. `data/train-00000-of-00004.parquet`. */
  path: string;
  size: number;
  url: string;
  sha256?: string;
  /** The cached copy (download mode only). */
  localPath?: string;
  /** Download mode: true when the file was already cached. */
  cached?: boolean;
  /** Bytes and requests fetched from the hub for this file by this process. */
  transfer: TransferStats;
}

export interface FetchedDataset {
  dataset: string;
  revision: string;
  hubUrl: string;
  /** The folder holding this revision's files. */
  directory: string;
  files: CachedFile[];
}

/** Lists `data/*.parquet` and makes sure each is complete and verified in the local cache. */
export async function fetchHubDataset(options: HubTransferOptions): Promise<FetchedDataset> {
  const { location, policy } = prepare(options);
  const directory = revisionCacheDir(resolveHubCacheRoot(options.cacheDir, options.env), location);
  const listed = await listDataParquetFiles(location, policy);
  const files: CachedFile[] = [];
  // One file at a time: the bottleneck is the link, and progress stays readable.
  for (const [fileIndex, file] of listed.entries()) {
    const report = options.onProgress
      ? (p: FileProgress) => options.onProgress!({ ...p, fileIndex, fileCount: listed.length })
      : undefined;
    files.push(await ensureCached(file, directory, location, policy, report, { verify: options.verify ?? false }));
  }
  return { dataset: location.dataset, revision: location.revision, hubUrl: location.hubUrl, directory, files };
}

/** One source per parquet file under `data/`, sorted by path. */
export async function openHubSources(options: OpenHubSourcesOptions): Promise<HubSource[]> {
  if (options.mode === 'download') {
    const fetched = await fetchHubDataset(options);
    return Promise.all(fetched.files.map(async (c) => localSource(c)));
  }
  const { location, policy } = prepare(options);
  const listed = await listDataParquetFiles(location, policy, options.folder);
  return listed.map((file) => remoteSource(file, location, policy));
}

/** Bytes and requests summed over sources (e.g. to compare a projection with a full read). */
export function totalTransfer(sources: readonly HubSource[]): TransferStats {
  return sources.reduce(
    (sum, s) => ({ bytesRead: sum.bytesRead + s.transfer.bytesRead, requests: sum.requests + s.transfer.requests }),
    { bytesRead: 0, requests: 0 },
  );
}

function prepare(options: HubTransferOptions): { location: HubLocation; policy: TransferPolicy } {
  const location = resolveHubLocation(options, options.env);
  const policy: TransferPolicy = {
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: options.retries ?? DEFAULT_RETRIES,
    retryDelayMs: options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return { location, policy };
}

async function localSource(c: CachedFile): Promise<HubSource> {
  return {
    name: c.localPath,
    file: await asyncBufferFromFile(c.localPath),
    path: c.file.path,
    size: c.file.size,
    url: c.file.url,
    ...(c.file.sha256 ? { sha256: c.file.sha256 } : {}),
    localPath: c.localPath,
    cached: c.cached,
    transfer: { bytesRead: c.bytesDownloaded, requests: c.requests },
  };
}

function remoteSource(file: HubFile, location: HubLocation, policy: TransferPolicy): HubSource {
  const buffer = new HttpRangeBuffer(file, location, policy);
  return {
    name: file.url,
    file: buffer,
    path: file.path,
    size: file.size,
    url: file.url,
    ...(file.sha256 ? { sha256: file.sha256 } : {}),
    transfer: buffer.stats,
  };
}
