/**
 * Parquet reader choice, by measurement: hyparquet (pure JS, what
 * `src/data/parquet.ts` uses) against parquet-wasm 0.8 (Rust parquet/arrow
 * crates in WebAssembly, returning Arrow that apache-arrow reads).
 *
 * Files: (a) the bundled sample (300 rows, nested `states`, ~2.7 MB);
 * (b) one generated file at full size (1,200 rows with realistic screenshots,
 * ~350 MB; quick mode 300 rows). Loads: the metrics-only projection
 * (`METRICS_COLUMNS`), every top-level column but the two screenshot columns,
 * and everything.
 *
 * Readers:
 *  - `hyparquet`: `parquetReadObjects` over `asyncBufferFromFile`, options as
 *    in `src/data/parquet.ts` (utf8: false). Yields row objects.
 *  - `hyparquet readRows`: the project's reader (adds int64 -> number and the
 *    schema check of every row).
 *  - `parquet-wasm ParquetFile`: `ParquetFile.fromFile(openAsBlob(path)).read({ columns })`,
 *    its async reader: range reads through Blob slices, honours `columns`.
 *  - `parquet-wasm readParquet`: the sync API over the whole file's bytes.
 *    Version 0.8.0 ignores `columns` there (src/reader.rs never applies it), so
 *    it always decodes every column; measured for metrics and everything only.
 * parquet-wasm yields an Arrow table; `seconds` is the time to that table in JS
 * memory and `objects_s` adds turning it into row objects like hyparquet's,
 * which is what the project's validation and normalisation consume.
 *
 * Every measurement runs in a fresh child process: WebAssembly memory never
 * shrinks and V8 returns memory lazily, so a shared process would charge one
 * reader's peak to the next. `base_rss_mib` is the child's RSS after its imports
 * and `peak_rss_mib` the peak while reading; ratios use the growth above base.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, openAsBlob, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { peakRss, timeIt, type BenchOptions, type BenchResult, type BenchRow } from './harness.js';

const MiB = 2 ** 20;
const REPO_ROOT = join(import.meta.dirname, '..');
const SAMPLE_FILE = join(REPO_ROOT, 'data', 'bigcodereward-sample', 'data', 'train-00000-of-00001.parquet');

export const READERS = ['hyparquet', 'hyparquet readRows', 'parquet-wasm ParquetFile', 'parquet-wasm readParquet'] as const;
export type ReaderName = (typeof READERS)[number];
export const LOADS = ['metrics-only', 'all but screenshots', 'everything'] as const;
export type LoadName = (typeof LOADS)[number];

/** Checked by value: the columns the analyses count on. */
const METRIC_FIELDS = ['chat_session_id', 'human_vote', 'model_A', 'model_B', 'category_id', 'category_name'] as const;

// Imported lazily so that the parent process (and a hyparquet-only child) never loads the WebAssembly module.
type ParquetWasm = typeof import('parquet-wasm/node');
type ArrowTable = import('apache-arrow').Table;

/** Top-level columns for a load; the lists come from src/data/row.ts. */
export async function columnsFor(load: LoadName): Promise<string[]> {
  const { METRICS_COLUMNS, ROW_COLUMNS } = await import('../src/data/row.js');
  if (load === 'metrics-only') return [...METRICS_COLUMNS];
  if (load === 'all but screenshots') return ROW_COLUMNS.filter((c) => !c.startsWith('execution_screenshot_'));
  return [...ROW_COLUMNS];
}

/** A value as plain JS: Arrow rows and vectors become objects and arrays, int64 becomes number. */
export function plainValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map(plainValue);
  // apache-arrow Vector (lists) is iterable; StructRow (structs) has toJSON.
  if (Symbol.iterator in value) return Array.from(value as Iterable<unknown>, plainValue);
  const obj = typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON(): object }).toJSON() : value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = plainValue(v);
  return out;
}

/** Arrow table -> row objects shaped like hyparquet's. */
export function arrowRows(table: ArrowTable): Record<string, unknown>[] {
  const columns = table.schema.fields.map((f) => [f.name, table.getChild(f.name)!] as const);
  const rows: Record<string, unknown>[] = new Array(table.numRows);
  for (let i = 0; i < table.numRows; i++) {
    const row: Record<string, unknown> = {};
    for (const [name, vector] of columns) row[name] = plainValue(vector.get(i));
    rows[i] = row;
  }
  return rows;
}

/**
 * A reader-independent form for comparing values: nulls and absent keys are
 * the same (hyparquet leaves a null nested struct undefined, Arrow fills every
 * field), keys sorted, int64 as number, bytes as hex.
 */
export function canonical(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => canonical(v) ?? null);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = canonical((value as Record<string, unknown>)[key]);
    if (v !== undefined) out[key] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** What the parent compares between readers: metric values per row, and a hash of each other column. */
export interface ReadDigest {
  rows: number;
  metrics: string[];
  /** sha256 of the canonical values of a non-metric column over all rows. */
  columnHashes: Record<string, string>;
}

export function digestRows(rows: readonly Record<string, unknown>[], columns: readonly string[]): ReadDigest {
  const metrics = rows.map((r) => JSON.stringify(METRIC_FIELDS.map((f) => canonical(r[f]) ?? null)));
  const columnHashes: Record<string, string> = {};
  for (const column of columns) {
    if ((METRIC_FIELDS as readonly string[]).includes(column)) continue;
    const hash = createHash('sha256');
    for (const r of rows) hash.update(JSON.stringify(canonical(r[column]) ?? null)).update('\n');
    columnHashes[column] = hash.digest('hex');
  }
  return { rows: rows.length, metrics, columnHashes };
}

async function loadWasm(): Promise<ParquetWasm> {
  return import('parquet-wasm/node');
}

async function toArrow(wasmTable: { intoIPCStream(): Uint8Array }): Promise<ArrowTable> {
  const { tableFromIPC } = await import('apache-arrow');
  return tableFromIPC(wasmTable.intoIPCStream());
}

/** One read of `file`: to the reader's native result (`read`), then to row objects (`toObjects`). */
export function readerFor(
  reader: ReaderName,
  file: string,
  columns: readonly string[],
): { read(): Promise<unknown>; toObjects(result: unknown): Record<string, unknown>[] } {
  switch (reader) {
    case 'hyparquet':
      return {
        async read() {
          const { asyncBufferFromFile, parquetReadObjects } = await import('hyparquet');
          return parquetReadObjects({ file: await asyncBufferFromFile(file), columns: [...columns], utf8: false });
        },
        toObjects: (rows) => rows as Record<string, unknown>[],
      };
    case 'hyparquet readRows':
      return {
        async read() {
          const { localParquetSource, readRows } = await import('../src/data/parquet.js');
          const { ROW_COLUMNS } = await import('../src/data/row.js');
          const rowColumns = ROW_COLUMNS.filter((c) => columns.includes(c));
          return readRows(await localParquetSource(file), { columns: rowColumns });
        },
        toObjects: (rows) => rows as Record<string, unknown>[],
      };
    case 'parquet-wasm ParquetFile':
      return {
        async read() {
          const { ParquetFile } = await loadWasm();
          const parquet = await ParquetFile.fromFile(await openAsBlob(file));
          try {
            return await toArrow(await parquet.read({ columns: [...columns] }));
          } finally {
            parquet.free();
          }
        },
        toObjects: (table) => arrowRows(table as ArrowTable),
      };
    case 'parquet-wasm readParquet':
      return {
        async read() {
          const { readParquet } = await loadWasm();
          // `columns` is passed as documented; 0.8.0 ignores it in the sync reader.
          return toArrow(readParquet(new Uint8Array(readFileSync(file)), { columns: [...columns] }));
        },
        toObjects: (table) => arrowRows(table as ArrowTable),
      };
  }
}

interface CaseSpec {
  reader: ReaderName;
  load: LoadName;
  file: string;
}

interface CaseResult {
  importSeconds: number;
  baseMiB: number;
  peakMiB: number;
  readSeconds: number;
  objectsSeconds: number;
  /** Top-level columns the reader returned (parquet-wasm's readParquet returns all of them whatever was asked). */
  columnsReturned: number;
  digest: ReadDigest;
}

/** Runs in the child: imports, then one read and its conversion under the RSS sampler, then the digest (untimed). */
async function measureCase(spec: CaseSpec): Promise<CaseResult> {
  const columns = await columnsFor(spec.load);
  const imported = await timeIt(async () => {
    if (spec.reader.startsWith('parquet-wasm')) {
      await loadWasm();
      await import('apache-arrow');
    } else {
      await import('hyparquet');
      if (spec.reader === 'hyparquet readRows') await import('../src/data/parquet.js');
    }
  });
  const baseMiB = process.memoryUsage.rss() / MiB;
  const reader = readerFor(spec.reader, spec.file, columns);
  const { peakMiB, value } = await peakRss(async () => {
    const read = await timeIt(() => reader.read());
    const objects = await timeIt(() => reader.toObjects(read.value));
    return { read, objects };
  });
  const rows = value.objects.value;
  return {
    importSeconds: imported.ms / 1000,
    baseMiB,
    peakMiB,
    readSeconds: value.read.ms / 1000,
    objectsSeconds: (value.read.ms + value.objects.ms) / 1000,
    columnsReturned: rows[0] ? Object.keys(rows[0]).length : 0,
    digest: digestRows(rows, columns),
  };
}

const run_ = promisify(execFile);

/** One case in a fresh Node process (see the header for why). */
async function runCase(spec: CaseSpec): Promise<CaseResult | { error: string }> {
  try {
    const { stdout } = await run_(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'parquet-readers.ts'), '--case', JSON.stringify(spec)],
      { cwd: REPO_ROOT, maxBuffer: 256 * MiB, timeout: 15 * 60_000 },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as CaseResult;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    const lines = (e.stderr ?? e.message).trim().split('\n').filter((l) => l.trim() !== '');
    // The first line that names an error, not the stack below it.
    return { error: lines.find((l) => /Error|unreachable/.test(l)) ?? lines[0] ?? e.message };
  }
}

/** Which readers run for a load: the sync parquet-wasm reader cannot project, so its three loads would be one. */
function readersFor(load: LoadName): ReaderName[] {
  return READERS.filter((r) => r !== 'parquet-wasm readParquet' || load !== 'all but screenshots');
}

/** Where a reader's values differ from the reference's, in words ('' when they agree). */
export function compareDigests(reference: ReadDigest, other: ReadDigest): string {
  if (reference.rows !== other.rows) return `row count ${other.rows} vs ${reference.rows}`;
  const badRow = reference.metrics.findIndex((m, i) => m !== other.metrics[i]);
  const problems: string[] = [];
  if (badRow >= 0) problems.push(`metric values differ from row ${badRow}`);
  for (const [column, hash] of Object.entries(reference.columnHashes)) {
    if (other.columnHashes[column] !== undefined && other.columnHashes[column] !== hash) problems.push(`${column} values differ`);
  }
  return problems.join('; ');
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

async function benchFile(label: string, file: string, rows: BenchRow[], notes: string[]): Promise<void> {
  for (const load of LOADS) {
    let reference: CaseResult | undefined;
    for (const reader of readersFor(load)) {
      console.error(`  ${label}: ${load} with ${reader}...`);
      const result = await runCase({ reader, load, file });
      const name = `${label}: ${load}, ${reader}`;
      if ('error' in result) {
        rows.push({ name, rows: null, seconds: null, objects_s: null, peak_rss_mib: null, base_rss_mib: null, time_ratio: null, objects_ratio: null, rss_ratio: null, columns: null, values: `FAILED: ${result.error}` });
        notes.push(`${name} failed: ${result.error}`);
        continue;
      }
      reference ??= reader === 'hyparquet' ? result : undefined;
      const growth = (r: CaseResult) => Math.max(r.peakMiB - r.baseMiB, 1);
      const mismatch = reference && reader !== 'hyparquet' ? compareDigests(reference.digest, result.digest) : '';
      rows.push({
        name,
        rows: result.digest.rows,
        seconds: round(result.readSeconds),
        objects_s: round(result.objectsSeconds),
        peak_rss_mib: round(result.peakMiB, 0),
        base_rss_mib: round(result.baseMiB, 0),
        time_ratio: reference ? round(result.readSeconds / reference.readSeconds, 2) : null,
        objects_ratio: reference ? round(result.objectsSeconds / reference.objectsSeconds, 2) : null,
        rss_ratio: reference ? round(growth(result) / growth(reference), 2) : null,
        columns: result.columnsReturned,
        values: reader === 'hyparquet' ? 'reference' : !reference ? 'no reference' : mismatch === '' ? 'equal' : `DIFFER: ${mismatch}`,
      });
      if (reader === 'parquet-wasm readParquet') {
        notes.push(`${label}: parquet-wasm import (compiles the 4.7 MiB .wasm) took ${round(result.importSeconds, 2)} s, RSS after imports ${round(result.baseMiB, 0)} MiB`);
      }
    }
  }
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const rows: BenchRow[] = [];
  const notes: string[] = [
    `load average at start: ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (1/5/15 min) on 2 shared cores`,
    'ratios are parquet-wasm (or readRows) / hyparquet for the same file and load; rss_ratio compares growth above the child\'s base RSS',
    'one measurement per cell (no repeats: the full-size file takes minutes); expect +-30% noise on a loaded machine',
    'seconds: to the reader\'s native result (hyparquet: row objects; parquet-wasm: Arrow table in JS); objects_s: until row objects',
    "values: metric columns compared row by row, every other column by a hash of canonical values (nulls = absent keys), against hyparquet's",
  ];
  if (existsSync(SAMPLE_FILE)) await benchFile('sample', SAMPLE_FILE, rows, notes);
  else notes.push(`bundled sample missing at ${SAMPLE_FILE}: part (a) skipped`);

  const generatedRows = opts.quick ? 300 : 1200;
  const work = mkdtempSync(join(tmpdir(), 'bcr-bench-readers-'));
  try {
    const { generateDataset } = await import('../scripts/sample/index.js');
    const generated = await timeIt(() => generateDataset({ outDir: work, rows: generatedRows, files: 1, screenshotBytes: 'realistic' }));
    const file = generated.value.files[0]!;
    notes.push(`generated ${generatedRows} rows, one file of ${(statSync(file).size / MiB).toFixed(1)} MiB, in ${(generated.ms / 1000).toFixed(1)} s (not timed)`);
    await benchFile(`generated ${generatedRows}`, file, rows, notes);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { title: `Parquet readers: hyparquet vs parquet-wasm (${opts.quick ? 'quick: 300 generated rows' : '1,200 generated rows, ~350 MB'})`, rows, notes };
}

// Child mode: `tsx bench/parquet-readers.ts --case '<json>'` prints one CaseResult as JSON.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--case');
  if (at < 0) {
    console.error('usage: tsx bench/parquet-readers.ts --case \'{"reader":...,"load":...,"file":...}\' (or run through bench/run.ts)');
    process.exit(2);
  }
  const result = await measureCase(JSON.parse(process.argv[at + 1]!) as CaseSpec);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
