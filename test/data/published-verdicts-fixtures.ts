/**
 * Small parquet files in the experiment-results layout
 * (`default/<judge>_<with|without>_execution/0000.parquet`), written with
 * hyparquet-writer, for the published-verdicts reader and `bcr reproduce`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ByteWriter, parquetWrite, type SchemaElement } from 'hyparquet-writer';

export interface FlatVerdictRow {
  chat_session_id: string;
  /** null = a failed judgment. */
  judgment: string | null;
  model_A?: string;
  model_B?: string;
  /** A large column the reader must not fetch unless asked. */
  prompt?: string;
}

const str = (name: string): SchemaElement => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' });

function write(path: string, schema: SchemaElement[], columnData: { name: string; data: unknown[] }[]): string {
  mkdirSync(dirname(path), { recursive: true });
  const writer = new ByteWriter();
  parquetWrite({ writer, schema, columnData, rowGroupSize: 1000 });
  writeFileSync(path, new Uint8Array(writer.getBuffer()));
  return path;
}

/** One split with a top-level `judgment` column (and `model_A`, `model_B`, `prompt`). */
export function writeFlatSplit(root: string, split: string, rows: readonly FlatVerdictRow[]): string {
  const names = ['chat_session_id', 'model_A', 'model_B', 'judgment', 'prompt'] as const;
  const schema: SchemaElement[] = [{ name: 'root', num_children: names.length }, ...names.map(str)];
  const columnData = names.map((name) => ({ name, data: rows.map((r) => r[name] ?? null) }));
  return write(join(root, 'default', split, '0000.parquet'), schema, columnData);
}

export interface NestedVerdictRow {
  chat_session_id: string;
  /** judge -> judgment, per nested key; a judge missing from a row is written as a null struct. */
  withExecution?: Record<string, string | null>;
  withoutExecution?: Record<string, string | null>;
}

/** One file in the reference's local-output shape: `feedback.model_as_judge_unified[_no_execution].<judge>.judgment`, as structs. */
export function writeNestedFile(path: string, judges: readonly string[], rows: readonly NestedVerdictRow[]): string {
  const judgeGroups = (key: string): SchemaElement[] => [
    { name: key, repetition_type: 'OPTIONAL', num_children: judges.length },
    ...judges.flatMap((j): SchemaElement[] => [{ name: j, repetition_type: 'OPTIONAL', num_children: 1 }, str('judgment')]),
  ];
  const schema: SchemaElement[] = [
    { name: 'root', num_children: 2 },
    str('chat_session_id'),
    { name: 'feedback', repetition_type: 'OPTIONAL', num_children: 2 },
    ...judgeGroups('model_as_judge_unified'),
    ...judgeGroups('model_as_judge_unified_no_execution'),
  ];
  const side = (m: Record<string, string | null> | undefined) =>
    m ? Object.fromEntries(judges.map((j) => [j, j in m ? { judgment: m[j] } : null])) : null;
  const columnData = [
    { name: 'chat_session_id', data: rows.map((r) => r.chat_session_id) },
    { name: 'feedback', data: rows.map((r) => ({ model_as_judge_unified: side(r.withExecution), model_as_judge_unified_no_execution: side(r.withoutExecution) })) },
  ];
  return write(path, schema, columnData);
}
