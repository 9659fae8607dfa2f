/**
 * The generator itself: byte-for-byte reproducible (and the committed sample
 * is what it produces today), and the full-size benchmark mode writes the hub
 * layout with large noise screenshots.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import {
  REALISTIC_SCREENSHOT_BYTES, SAMPLE_SEED, buildRecord, datasetFileName, generateDataset,
} from '../../scripts/sample/index.js';

const COMMITTED = fileURLToPath(new URL('../../data/bigcodereward-sample/', import.meta.url));
const SAMPLE_FILE = join('data', datasetFileName(0, 1));
const temps: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'bcr-sample-'));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

const arrayBuffer = (path: string) => {
  const buf = readFileSync(path);
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
};

describe('generateDataset (committed sample settings)', () => {
  it('reproduces the files byte for byte, and the committed sample is current', async () => {
    const [a, b] = [tempDir(), tempDir()];
    const first = await generateDataset({ outDir: a });
    await generateDataset({ outDir: b });
    expect(first.files).toEqual([join(a, SAMPLE_FILE)]);
    const bytesA = readFileSync(join(a, SAMPLE_FILE));
    expect(bytesA.equals(readFileSync(join(b, SAMPLE_FILE)))).toBe(true);
    expect(bytesA.length).toBeLessThan(3_000_000);
    // If this fails, the generator changed: run `npm run sample` and commit the new files.
    expect(bytesA.equals(readFileSync(join(COMMITTED, SAMPLE_FILE)))).toBe(true);
    expect(readFileSync(join(a, 'truth.json'), 'utf8')).toBe(readFileSync(join(COMMITTED, 'truth.json'), 'utf8'));
  });

  it('changes with the seed', async () => {
    const dir = tempDir();
    await generateDataset({ outDir: dir, rows: 12, seed: SAMPLE_SEED + 1 });
    const rows = await parquetReadObjects({ file: arrayBuffer(join(dir, SAMPLE_FILE)), columns: ['chat_session_id'] });
    const same = buildRecord(0, { seed: SAMPLE_SEED, screenshot: () => new Uint8Array(0) }).row.chat_session_id;
    expect(rows[0]!.chat_session_id).not.toBe(same);
  });

  it('rejects impossible sizes', async () => {
    const dir = tempDir();
    await expect(generateDataset({ outDir: dir, rows: 0 })).rejects.toThrow(ConfigError);
    await expect(generateDataset({ outDir: dir, rows: 3, files: 4 })).rejects.toThrow(/files/);
    await expect(generateDataset({ outDir: dir, rows: 3, screenshotBytes: 10 })).rejects.toThrow(/screenshotBytes/);
  });
});

describe('generateDataset (full-size mode, tiny)', () => {
  it('splits rows over hub-named files with modest row groups and large noise screenshots', async () => {
    const dir = tempDir();
    await generateDataset({ outDir: dir, rows: 3, files: 3 }); // an older generation: must not be left behind
    const result = await generateDataset({ outDir: dir, rows: 20, files: 2, screenshotBytes: 'realistic', rowGroupSize: 4 });
    expect(readdirSync(join(dir, 'data')).sort()).toEqual(['train-00000-of-00002.parquet', 'train-00001-of-00002.parquet']);
    expect(result.rows).toBe(20);
    expect(result.bytes).toBe(result.files.reduce((s, f) => s + statSync(f).size, 0));

    const ids: string[] = [];
    let images = 0;
    for (const file of result.files) {
      const buffer = arrayBuffer(file);
      const meta = parquetMetadata(buffer);
      expect(Number(meta.num_rows)).toBe(10);
      expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([4, 4, 2]);
      const rows = await parquetReadObjects({
        file: buffer, columns: ['chat_session_id', 'human_vote', 'execution_screenshot_A'], utf8: false,
      });
      for (const row of rows) {
        ids.push(row.chat_session_id);
        const png: Uint8Array | undefined = row.execution_screenshot_A?.bytes;
        if (!png) continue;
        images++;
        expect(Math.abs(png.length - REALISTIC_SCREENSHOT_BYTES) / REALISTIC_SCREENSHOT_BYTES).toBeLessThan(0.02);
        const info = await sharp(png).metadata();
        expect(info.format).toBe('png');
      }
    }
    expect(images).toBeGreaterThan(0);
    // Only the screenshots depend on the mode: the records are those of the sample with the same seed.
    const expected = Array.from({ length: 20 }, (_, i) => buildRecord(i, { seed: SAMPLE_SEED, screenshot: () => new Uint8Array(0) }).row.chat_session_id);
    expect(ids).toEqual(expected);
  });
});
