/**
 * Local data in the hub layout: a folder (its `data/*.parquet`, else any
 * `**\/*.parquet`, else any `**\/*.jsonl`), a glob, one parquet file, or JSONL
 * (one hub-schema row object per line; screenshots as `{bytes: base64, path}`
 * or null). Files are always taken in sorted path order, as the hub lists them,
 * and each real file once (symlinks to a file already listed are skipped).
 */
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { describeLocation, InputError } from '../errors.js';
import type { Comparison } from './comparison.js';
import { normaliseRow } from './normalise.js';
import { ROW_COLUMNS, type RowColumn } from './row.js';
import { jsonlObjects } from './utf8-blocks.js';
import { columnsWithIdentity, validateRow, type PartialRow, type RawRow } from './validate.js';

export type LocalFormat = 'parquet' | 'jsonl';

export interface LocalFiles {
  format: LocalFormat;
  /** Absolute paths, sorted. */
  files: string[];
  /** The folder the files were found in (for marker files such as SYNTHETIC.md), if the spec was a folder. */
  folder?: string;
}

const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson']);

export function formatOf(path: string): LocalFormat | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.parquet') return 'parquet';
  if (JSONL_EXTENSIONS.has(ext)) return 'jsonl';
  return null;
}

const sortPaths = (paths: string[]) => paths.map((p) => resolve(p)).sort();

/**
 * Sorted paths with each real file kept once (its first path in sort order).
 * Why: a symlinked folder inside a dataset folder makes a glob list the same
 * files twice, and reading them twice doubles the records and narrows every
 * bootstrap interval with no visible sign.
 */
async function uniqueFiles(paths: readonly string[]): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const path of sortPaths([...paths])) {
    const real = await realpath(path).catch(() => path);
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(path);
  }
  return out;
}

/** What files a local spec (folder, glob, file) stands for. Throws InputError when it names nothing readable. */
export async function resolveLocalFiles(spec: string): Promise<LocalFiles> {
  const info = await stat(spec).catch(() => null);
  if (info?.isDirectory()) {
    // Prefer the hub layout, then anything nested; parquet before JSONL.
    for (const pattern of ['data/*.parquet', '**/*.parquet', '**/*.jsonl', '**/*.ndjson']) {
      const found = await glob(pattern, { cwd: spec, absolute: true, onlyFiles: true });
      if (found.length > 0) return { format: formatOf(found[0]!)!, files: await uniqueFiles(found), folder: resolve(spec) };
    }
    throw new InputError('no .parquet or .jsonl files in this folder', { file: spec });
  }
  if (info?.isFile()) {
    const format = formatOf(spec);
    if (!format) throw new InputError('unknown file type: expected .parquet, .jsonl or .ndjson', { file: spec });
    return { format, files: [resolve(spec)] };
  }
  if (isDynamicPattern(spec)) {
    const found = await uniqueFiles(await glob(spec, { absolute: true, onlyFiles: true }));
    if (found.length === 0) throw new InputError('the pattern matches no files', { file: spec });
    const formats = new Set(found.map(formatOf));
    if (formats.size !== 1 || formats.has(null)) {
      throw new InputError('the pattern must match only .parquet files or only .jsonl files', { file: spec });
    }
    return { format: formatOf(found[0]!)!, files: found };
  }
  throw new InputError('no such file or folder', { file: spec });
}

export interface ReadJsonlOptions {
  columns?: readonly RowColumn[];
  /** Stop after this many rows. */
  limit?: number;
}

/** JSON screenshots carry bytes as base64: decode them so rows match the parquet ones. */
function decodeImage(raw: RawRow, column: string, loc: { file: string; row: number }): void {
  const img = raw[column];
  if (img === null || img === undefined || typeof img !== 'object') return; // the validator reports wrong types
  const bytes = (img as Record<string, unknown>).bytes;
  if (typeof bytes === 'string') {
    (img as Record<string, unknown>).bytes = new Uint8Array(Buffer.from(bytes, 'base64'));
  } else if (bytes !== null && bytes !== undefined) {
    throw new InputError(`wrong type: expected a base64 string or null, got ${typeof bytes}`, { ...loc, field: `${column}.bytes` });
  }
}

/**
 * Rows of a JSONL file, checked against the hub schema. `row` in errors is the
 * 0-based data row (blank lines skipped); the message also gives the 1-based line.
 */
export async function readJsonlRows(path: string, options: ReadJsonlOptions = {}): Promise<PartialRow[]> {
  const columns = columnsWithIdentity(options.columns);
  const limit = options.limit ?? Infinity;
  const rows: PartialRow[] = [];
  // Strict UTF-8, streamed: a byte that is not UTF-8 is an error naming the line, never a silent U+FFFD.
  if (limit > 0) {
    for await (const { value, line } of jsonlObjects(path, () => rows.length)) {
      const raw = value as RawRow;
      const loc = { file: path, row: rows.length };
      try {
        for (const c of ['execution_screenshot_A', 'execution_screenshot_B']) decodeImage(raw, c, loc);
        const row = validateRow(raw, columns, loc);
        rows.push(columns.length === ROW_COLUMNS.length ? row : pick(row, columns));
      } catch (err) {
        if (err instanceof InputError) {
          throw new InputError(`line ${line}: ${stripLocation(err)}`, { file: path, row: err.row, field: err.field }, { cause: err });
        }
        throw err;
      }
      if (rows.length >= limit) break;
    }
  }
  if (rows.length === 0 && limit > 0) throw new InputError('empty file: no rows', { file: path });
  return rows;
}

/** Keeps only the requested columns, so JSONL rows look like projected parquet rows. */
function pick(row: PartialRow, columns: readonly RowColumn[]): PartialRow {
  const out: Record<string, unknown> = {};
  for (const c of columns) out[c] = row[c];
  return out as PartialRow;
}

/** The problem part of an InputError's message, without the "file, row, field: " prefix. */
function stripLocation(err: InputError): string {
  const prefix = describeLocation({ file: err.file, row: err.row, field: err.field });
  return prefix && err.message.startsWith(`${prefix}: `) ? err.message.slice(prefix.length + 2) : err.message;
}

/** Comparisons from a JSONL file (screenshots were inline, so they are in memory already). */
export async function readJsonlComparisons(path: string, options: ReadJsonlOptions = {}): Promise<Comparison[]> {
  const rows = await readJsonlRows(path, options);
  return rows.map((row, i) => normaliseRow(row, { origin: `${path}#row ${i}` }));
}
