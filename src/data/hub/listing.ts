/**
 * Lists a dataset's parquet files under `data/` with @huggingface/hub's
 * `listFiles` (it pages through the tree API for us), sorted by path.
 */
import { listFiles, type ListFileEntry } from '@huggingface/hub';
import { InputError, RemoteError } from '../../errors.js';
import { resolveUrl, type HubLocation } from './config.js';
import { hubHttpError, isHubApiError, networkError } from './errors.js';

export const DATA_FOLDER = 'data';

/** One file of a hub dataset, as the listing describes it. */
export interface HubFile {
  /** Path inside the repository, e.g. `data/train-00000-of-00004.parquet`. */
  path: string;
  size: number;
  /** SHA-256 of the content, for files stored with LFS (the listing's `lfs.oid`). */
  sha256?: string;
  /** Git blob id (SHA-1 of "blob <size>\0" + content), for files stored in git itself. */
  gitOid?: string;
  /** Where its bytes are served. */
  url: string;
}

export interface ListingOptions {
  fetch?: typeof fetch;
  /** Abort a listing request after this long. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** The parquet files under `folder` (default `data/`; the experiment-results dataset keeps its splits under `default/`). */
export async function listDataParquetFiles(location: HubLocation, options: ListingOptions = {}, folder: string = DATA_FOLDER): Promise<HubFile[]> {
  const entries: ListFileEntry[] = [];
  const listingUrl = `${location.hubUrl}/api/datasets/${location.dataset}/tree/${location.revision}/${folder}`;
  try {
    for await (const entry of listFiles({
      repo: { type: 'dataset', name: location.dataset },
      revision: location.revision,
      hubUrl: location.hubUrl,
      path: folder,
      recursive: true,
      ...(location.token ? { accessToken: location.token } : {}),
      fetch: limitedFetch(options),
    })) {
      entries.push(entry);
    }
  } catch (err) {
    if (isHubApiError(err)) {
      throw hubHttpError({ status: err.statusCode, url: err.url, detail: err.message }, location, { kind: 'listing' });
    }
    throw networkError(`listing ${location.dataset}@${location.revision}`, listingUrl, err);
  }
  const files = entries
    .filter((e) => e.type === 'file' && e.path.endsWith('.parquet'))
    .map((e) => toHubFile(e, location, folder))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (files.length === 0) {
    throw new InputError(`no parquet files under ${folder}/`, {
      file: `${location.hubUrl}/datasets/${location.dataset} (revision ${location.revision})`,
    });
  }
  return files;
}

function toHubFile(entry: ListFileEntry, location: HubLocation, folder: string): HubFile {
  // The path becomes a local file name: never let a listing escape the cache folder.
  const segments = entry.path.split('/');
  if (segments[0] !== folder || segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) {
    throw new RemoteError(`the hub listed an unsafe path "${entry.path}" in dataset ${location.dataset}`);
  }
  const size = entry.lfs?.size ?? entry.size;
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new RemoteError(`the hub listed an invalid size for ${entry.path} in dataset ${location.dataset}`);
  }
  return {
    path: entry.path,
    size,
    ...(entry.lfs ? { sha256: entry.lfs.oid.toLowerCase() } : entry.oid ? { gitOid: entry.oid.toLowerCase() } : {}),
    url: resolveUrl(location, entry.path),
  };
}

/** The library's fetch, with our timeout and abort signal added to each request. */
function limitedFetch(options: ListingOptions): typeof fetch {
  const base = options.fetch ?? globalThis.fetch;
  return (input, init) => {
    const signals = [init?.signal, options.signal, options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined];
    const active = signals.filter((s): s is AbortSignal => !!s);
    return base(input, active.length ? { ...init, signal: AbortSignal.any(active) } : init);
  };
}
