/**
 * Writes BigCodeReward rows to a parquet file in the hub schema, one row group
 * per `writeRows` batch, so a caller can stream millions of bytes of
 * screenshots through bounded memory.
 */
import type { KeyValue } from 'hyparquet';
import { ParquetWriter } from 'hyparquet-writer';
import { fileWriter } from 'hyparquet-writer';
import type { BigCodeRewardRow } from '../../src/data/row.js';
import { HUB_FIELDS, hubFeatures, hubParquetSchema, toParquetValue } from './hubSchema.js';

export interface HubFileOptions {
  /** Extra key-value metadata (the `huggingface` features entry is always added). */
  kvMetadata?: KeyValue[];
  createdBy?: string;
  /**
   * 'always' dictionary-encodes every column, as pyarrow does by default (the
   * sample's repeated screenshots and code shrink a lot); 'auto' lets
   * hyparquet-writer decide per column chunk (cheaper for unique blobs).
   */
  dictionary?: 'always' | 'auto';
}

/** The `huggingface` key-value entry that `datasets` writes (features of the hub schema). */
export function huggingfaceMetadata(): KeyValue {
  return { key: 'huggingface', value: JSON.stringify({ info: { features: hubFeatures() } }) };
}

export class HubParquetWriter {
  private readonly writer: ParquetWriter;
  private rows = 0;
  private readonly encoding: 'RLE_DICTIONARY' | undefined;

  constructor(readonly path: string, options: HubFileOptions = {}) {
    this.writer = new ParquetWriter({
      writer: fileWriter(path),
      schema: hubParquetSchema(),
      kvMetadata: [huggingfaceMetadata(), ...(options.kvMetadata ?? [])],
      createdBy: options.createdBy,
    });
    this.encoding = options.dictionary === 'always' ? 'RLE_DICTIONARY' : undefined;
  }

  /** Appends `rows` as one row group. */
  writeRows(rows: readonly BigCodeRewardRow[]): void {
    if (rows.length === 0) return;
    const columnData = HUB_FIELDS.map((field) => ({
      name: field.name,
      data: rows.map((row) => toParquetValue(field, (row as unknown as Record<string, unknown>)[field.name])),
      encoding: this.encoding,
    }));
    const pending = this.writer.write({ columnData, rowGroupSize: rows.length });
    if (pending) throw new Error('hyparquet-writer returned a promise for a synchronous file writer');
    this.rows += rows.length;
  }

  get rowCount(): number {
    return this.rows;
  }

  /** Writes the footer and closes the file. */
  finish(): void {
    const done = this.writer.finish();
    if (done) throw new Error('hyparquet-writer returned a promise for a synchronous file writer');
  }
}
