/**
 * Generates synthetic BigCodeReward parquet files in the hub layout
 * (`<outDir>/data/train-XXXXX-of-YYYYY.parquet`) plus `<outDir>/truth.json`.
 *
 * - The committed sample: `generateDataset({ rows: 300, outDir: 'data/bigcodereward-sample' })`
 *   with rendered screenshots (small real PNGs).
 * - The benchmark dataset: `generateDataset({ rows: 4731, files: 4, screenshotBytes: 'realistic', outDir })`,
 *   about 1.4 GB like the real dataset, streamed row group by row group.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../src/errors.js';
import { HUMAN_VOTE_LABELS, type HumanVoteLabel } from '../../src/data/row.js';
import { seedFromString } from '../../src/util/rng.js';
import { HubParquetWriter } from './hubWriter.js';
import { noisePng, noisePngSize } from './noisePng.js';
import { buildRecord, type ScreenshotMaker } from './record.js';
import { ScreenshotCache } from './screenshot.js';
import { SAMPLE_GENERATOR_NAME, SAMPLE_GENERATOR_VERSION, SAMPLE_ROWS, SAMPLE_SEED, SAMPLE_TRUTH } from './truth.js';

/**
 * Bytes of one noise PNG in 'realistic' mode. Chosen so that 4,731 rows give
 * about 1.4 GB in all, like the hub files: a screenshot is stored both as the
 * top-level image and base64 in its sandbox round, and about half the sides
 * are visual, so this is smaller than a real ~150 KB screenshot.
 */
export const REALISTIC_SCREENSHOT_BYTES = 87_000;

export interface GenerateOptions {
  outDir: string;
  /** Number of rows in all (default 300). */
  rows?: number;
  /** Number of parquet files to split the rows into (default 1). */
  files?: number;
  seed?: number;
  /**
   * 'rendered': small real PNGs drawn from each program's scene (the committed sample);
   * 'realistic': incompressible noise PNGs of REALISTIC_SCREENSHOT_BYTES (benchmarks);
   * a number: noise PNGs of about that many bytes.
   */
  screenshotBytes?: 'rendered' | 'realistic' | number;
  /** Rows per row group (default 150). */
  rowGroupSize?: number;
  /** Called after each row group with the rows written so far. */
  onProgress?: (written: number, total: number) => void;
}

export interface GenerateResult {
  files: string[];
  truthPath: string;
  rows: number;
  bytes: number;
  votes: Record<HumanVoteLabel, number>;
}

export function datasetFileName(index: number, files: number): string {
  const pad = (n: number) => String(n).padStart(5, '0');
  return `train-${pad(index)}-of-${pad(files)}.parquet`;
}

function screenshotMaker(mode: GenerateOptions['screenshotBytes'], seed: number): ScreenshotMaker {
  if (mode === undefined || mode === 'rendered') {
    const cache = new ScreenshotCache();
    return (screen, accent) => cache.render(screen, accent);
  }
  const bytes = mode === 'realistic' ? REALISTIC_SCREENSHOT_BYTES : mode;
  if (!Number.isFinite(bytes) || bytes < 64) throw new ConfigError(`screenshotBytes must be 'rendered', 'realistic' or a number >= 64, got ${String(mode)}`);
  const { width, height } = noisePngSize(bytes);
  // Seeded per image slot, so every file is reproducible and independent of batch sizes.
  return (_screen, _accent, key) => noisePng(width, height, seedFromString(key, seed));
}

/** Deletes other `train-*-of-*.parquet` files, so a reader globbing the folder never mixes two generations. */
function removeOtherShards(dataDir: string, keep: readonly string[]): void {
  for (const name of readdirSync(dataDir)) {
    const path = join(dataDir, name);
    if (/^train-\d{5}-of-\d{5}\.parquet(\.partial)?$/.test(name) && !keep.includes(path)) rmSync(path);
  }
}

/** Rows of file `f` when `rows` are split as evenly as possible over `files`. */
function fileRange(rows: number, files: number, f: number): [number, number] {
  const base = Math.floor(rows / files);
  const extra = rows % files;
  const start = f * base + Math.min(f, extra);
  return [start, start + base + (f < extra ? 1 : 0)];
}

export async function generateDataset(options: GenerateOptions): Promise<GenerateResult> {
  const rows = options.rows ?? SAMPLE_ROWS;
  const files = options.files ?? 1;
  const seed = options.seed ?? SAMPLE_SEED;
  const rowGroupSize = options.rowGroupSize ?? 150;
  if (!Number.isInteger(rows) || rows < 1) throw new ConfigError(`rows must be a positive integer, got ${rows}`);
  if (!Number.isInteger(files) || files < 1 || files > rows) throw new ConfigError(`files must be between 1 and rows (${rows}), got ${files}`);
  if (!Number.isInteger(rowGroupSize) || rowGroupSize < 1) throw new ConfigError(`rowGroupSize must be a positive integer, got ${rowGroupSize}`);

  const dataDir = join(options.outDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const screenshot = screenshotMaker(options.screenshotBytes, seed);
  const rendered = options.screenshotBytes === undefined || options.screenshotBytes === 'rendered';
  const truth = { ...SAMPLE_TRUTH, seed, rows };
  const kvMetadata = [
    { key: 'bcr.synthetic', value: 'true' },
    { key: 'bcr.generator', value: JSON.stringify({ name: SAMPLE_GENERATOR_NAME, version: SAMPLE_GENERATOR_VERSION, seed }) },
  ];
  const createdBy = `${SAMPLE_GENERATOR_NAME} version ${SAMPLE_GENERATOR_VERSION} (hyparquet-writer)`;

  const votes = Object.fromEntries(HUMAN_VOTE_LABELS.map((l) => [l, 0])) as Record<HumanVoteLabel, number>;
  const written: string[] = [];
  let bytes = 0;
  let done = 0;
  for (let f = 0; f < files; f++) {
    const path = join(dataDir, datasetFileName(f, files));
    const dictionary = rendered ? 'always' : 'auto';
    // Written under a temporary name and renamed when complete: nobody ever sees a truncated file.
    const partial = `${path}.partial`;
    const writer = new HubParquetWriter(partial, { kvMetadata, createdBy, dictionary });
    const [start, end] = fileRange(rows, files, f);
    for (let at = start; at < end; at += rowGroupSize) {
      const batch = [];
      for (let i = at; i < Math.min(end, at + rowGroupSize); i++) {
        const { row } = buildRecord(i, { seed, truth, screenshot });
        votes[row.human_vote]++;
        batch.push(row);
      }
      writer.writeRows(batch);
      done += batch.length;
      options.onProgress?.(done, rows);
      // Let other work (progress bars, timers) run between row groups.
      await new Promise((resolve) => setImmediate(resolve));
    }
    writer.finish();
    renameSync(partial, path);
    bytes += statSync(path).size;
    written.push(path);
  }

  removeOtherShards(dataDir, written);
  const truthPath = join(options.outDir, 'truth.json');
  writeFileSync(truthPath, JSON.stringify(truth, null, 2) + '\n');
  return { files: written, truthPath, rows, bytes, votes };
}
