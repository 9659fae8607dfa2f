/**
 * One entry point for every command and notebook: `openDataset(spec)` turns
 * what the user typed into readable sources.
 *
 * - no spec: the bundled synthetic sample, `<package root>/data/bigcodereward-sample`;
 * - an existing path or a glob: local data (folder, parquet, JSONL; see local.ts);
 * - `owner/name` that is not an existing path: a hub dataset, through `./hub.js`
 *   (loaded only then, so local use never touches the network code).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import type { Comparison } from './comparison.js';
import type { OpenHubSourcesOptions } from './hub.js';
import { readJsonlComparisons, readJsonlRows, resolveLocalFiles, type LocalFormat } from './local.js';
import { localParquetSource, parquetFileInfo, readComparisons, readRows } from './parquet.js';
import type { RowColumn } from './row.js';
import type { ParquetSource } from './source.js';
import type { PartialRow } from './validate.js';

/** Where the bundled sample lives, relative to the package root. */
export const SAMPLE_RELATIVE_DIR = join('data', 'bigcodereward-sample');
/** A file in a dataset folder that marks the data as synthetic. */
export const SYNTHETIC_MARKER = 'SYNTHETIC.md';
/** Parquet key/value metadata keys that mark a file as synthetic (value "true"). */
export const SYNTHETIC_KEYS = ['bcr.synthetic', 'synthetic'] as const;

/**
 * The package root: two levels above this module, which holds for both
 * `src/data/dataset.ts` (vitest, tsx) and `dist/data/dataset.js` (built).
 */
export function packageRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}

export function bundledSampleDir(): string {
  return join(packageRoot(), SAMPLE_RELATIVE_DIR);
}

/** `owner/name` shaped, as the hub spells dataset ids. Callers check first that it is not a local path. */
export function looksLikeHubId(spec: string): boolean {
  return /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/.test(spec) && !spec.endsWith('.parquet') && !/\.jsonl$|\.ndjson$/.test(spec);
}

export interface OpenDatasetOptions extends Partial<Omit<OpenHubSourcesOptions, 'dataset'>> {
  /** Hub only: `download` (default) caches whole files; `remote` reads byte ranges over HTTP. */
  mode?: 'download' | 'remote';
}

export interface LoadOptions {
  /** Top-level columns to read (default all). Identity and vote columns are always read. */
  columns?: readonly RowColumn[];
  /** At most this many records, taken in file order. */
  limit?: number;
}

export interface Dataset {
  /** What was opened: the spec, or "bundled sample". */
  name: string;
  kind: 'sample' | 'local' | 'hub';
  format: LocalFormat;
  /** Parquet sources, in order (empty for JSONL). */
  sources: ParquetSource[];
  /** File names or URLs, in order. */
  files: string[];
  /** True when the data is marked synthetic (SYNTHETIC.md next to it, or `bcr.synthetic=true` in the parquet). */
  synthetic: boolean;
  /**
   * Validated raw rows. With parquet, requested screenshot columns are read in
   * full (bytes included): pass `columns` to avoid them.
   */
  loadRows(options?: LoadOptions): Promise<PartialRow[]>;
  /** Normalised comparisons; screenshots stay lazy (see parquet.ts). */
  loadComparisons(options?: LoadOptions): Promise<Comparison[]>;
}

export async function openDataset(spec?: string, options: OpenDatasetOptions = {}): Promise<Dataset> {
  if (spec === undefined || spec === '') {
    const dir = bundledSampleDir();
    if (!existsSync(dir)) {
      throw new InputError('the bundled sample is missing: generate it with `npm run sample`', { file: dir });
    }
    return openLocal(dir, 'bundled sample', 'sample');
  }
  if (!existsSync(spec) && looksLikeHubId(spec)) return openHub(spec, options);
  return openLocal(spec, spec, 'local');
}

async function openLocal(spec: string, name: string, kind: 'sample' | 'local'): Promise<Dataset> {
  const local = await resolveLocalFiles(spec);
  const folders = new Set<string>();
  if (local.folder) folders.add(local.folder);
  for (const f of local.files) {
    folders.add(dirname(f));
    folders.add(dirname(dirname(f))); // the hub layout keeps files in `data/` below the dataset folder
  }
  const marked = [...folders].some((d) => existsSync(join(d, SYNTHETIC_MARKER)));
  if (local.format === 'jsonl') {
    return {
      name,
      kind,
      format: 'jsonl',
      sources: [],
      files: local.files,
      synthetic: marked,
      loadRows: (o = {}) => eachJsonl(name, local.files, o, readJsonlRows, rowId),
      loadComparisons: (o = {}) => eachJsonl(name, local.files, o, readJsonlComparisons, comparisonId),
    };
  }
  const sources = await Promise.all(local.files.map(localParquetSource));
  return parquetDataset(name, kind, sources, marked);
}

async function openHub(dataset: string, options: OpenDatasetOptions): Promise<Dataset> {
  const hub = await import('./hub.js');
  const sources = await hub.openHubSources({ ...options, dataset, mode: options.mode ?? 'download' });
  if (sources.length === 0) throw new InputError('the hub dataset has no parquet files under data/', { file: dataset });
  return parquetDataset(dataset, 'hub', sources, false);
}

async function parquetDataset(
  name: string,
  kind: Dataset['kind'],
  sources: ParquetSource[],
  marked: boolean,
): Promise<Dataset> {
  const infos = await Promise.all(sources.map(parquetFileInfo));
  const kvSynthetic = infos.some((i) => SYNTHETIC_KEYS.some((k) => i.keyValue[k]?.toLowerCase() === 'true'));
  return {
    name,
    kind,
    format: 'parquet',
    sources,
    files: sources.map((s) => s.name),
    synthetic: marked || kvSynthetic,
    loadRows: (o = {}) => eachParquet(name, sources, infos.map((i) => i.rows), o, readRows, rowId),
    loadComparisons: (o = {}) => eachParquet(name, sources, infos.map((i) => i.rows), o, readComparisons, comparisonId),
  };
}

const rowId = (row: PartialRow) => row.chat_session_id;
const comparisonId = (c: Comparison) => c.id;

/**
 * Record ids seen so far and where each was read first. Why: a record read
 * twice (a file copied under another name, two exports merged) counts twice in
 * every metric and narrows every interval, and nothing else would notice.
 */
class RecordIds {
  private readonly seen = new Map<string, { file: string; row: number }>();

  check(id: string, file: string, row: number): void {
    const first = this.seen.get(id);
    if (first) {
      throw new InputError(`duplicate record id "${id}": the same id is at ${first.file}, row ${first.row}`, {
        file,
        row,
        field: 'chat_session_id',
      });
    }
    this.seen.set(id, { file, row });
  }
}

/** A dataset that yields no records where records are needed says so, naming its files. */
function requireRecords(count: number, options: LoadOptions, name: string, files: readonly string[]): void {
  if (count > 0 || options.limit === 0) return;
  const where = files.length === 1 ? files[0]! : `${name} (${files.length} files)`;
  throw new InputError('no records: the dataset has zero rows', { file: where });
}

/** Reads files in order until `limit` records are collected, checking that record ids are unique. */
async function eachParquet<T>(
  name: string,
  sources: readonly ParquetSource[],
  rowCounts: readonly number[],
  options: LoadOptions,
  read: (s: ParquetSource, o: { columns?: readonly RowColumn[]; rowStart: number; rowEnd: number }) => Promise<T[]>,
  idOf: (item: T) => string,
): Promise<T[]> {
  const out: T[] = [];
  const ids = new RecordIds();
  let remaining = options.limit ?? Infinity;
  for (const [i, source] of sources.entries()) {
    if (remaining <= 0) break;
    const rowEnd = Math.min(rowCounts[i]!, remaining);
    if (rowEnd === 0) continue;
    const part = await read(source, { columns: options.columns, rowStart: 0, rowEnd });
    part.forEach((item, row) => ids.check(idOf(item), source.name, row));
    for (const item of part) out.push(item);
    remaining -= part.length;
  }
  requireRecords(out.length, options, name, sources.map((s) => s.name));
  return out;
}

async function eachJsonl<T>(
  name: string,
  files: readonly string[],
  options: LoadOptions,
  read: (file: string, o: { columns?: readonly RowColumn[]; limit?: number }) => Promise<T[]>,
  idOf: (item: T) => string,
): Promise<T[]> {
  const out: T[] = [];
  const ids = new RecordIds();
  let remaining = options.limit ?? Infinity;
  for (const file of files) {
    if (remaining <= 0) break;
    const part = await read(file, { columns: options.columns, limit: remaining });
    part.forEach((item, row) => ids.check(idOf(item), file, row));
    for (const item of part) out.push(item);
    remaining -= part.length;
  }
  requireRecords(out.length, options, name, files);
  return out;
}
