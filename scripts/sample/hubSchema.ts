/**
 * The parquet schema of `bigcode/bigcodereward` (hub layout, as pyarrow writes
 * a `datasets` table), derived from the library's one row description
 * (`HUB_ROW` in src/data/row.ts) plus the layout facts that only the files
 * have, and turned into (a) parquet `SchemaElement`s for hyparquet-writer and
 * (b) the HF `datasets` feature dictionary stored in the file's `huggingface`
 * key-value metadata.
 *
 * Layout facts (BRIEF §2): model_A has rounds '1'..'7', model_B '1'..'8';
 * model_A's round '6' sandbox_state has no `execution_success`;
 * `user_interaction_records` is a list of structs in early rounds and
 * arrow-typed `null` in later ones. Unconfirmed (our choice, documented in
 * data/README.md): "later rounds" means rounds 5 and up.
 */
import type { SchemaElement } from 'hyparquet';
import type { Column, StructColumn } from '../../src/data/column-schema.js';
import { HUB_ROW } from '../../src/data/row.js';

/** A column type as written: scalars, structs, lists, the HF image struct, and arrow `null`. */
export type HubType =
  | { kind: 'string' | 'int64' | 'bool' | 'float64' | 'binary' | 'null' }
  | { kind: 'struct'; fields: HubField[] }
  | { kind: 'list'; element: HubType }
  | { kind: 'image'; fields: HubField[] };
export type HubField = HubType & { name: string };

/** Rounds per side in the hub schema. */
export const HUB_ROUNDS = { model_A: 7, model_B: 8 } as const;
/** First round whose `user_interaction_records` is typed `null` (our reading of "later rounds"). */
export const FIRST_NULL_INTERACTION_ROUND = 5;
/** model_A's round whose sandbox_state lacks `execution_success`. */
export const RAGGED_ROUND_WITHOUT_SUCCESS = { side: 'model_A', round: '6' } as const;

/** How the file departs from the row description at a field path: left out, or typed arrow `null`. */
function layoutAt(path: readonly string[]): 'absent' | 'null' | undefined {
  const [top, side, logs, round, ...rest] = path;
  if (top !== 'states' || logs !== 'sandbox_logs_by_round' || round === undefined) return undefined;
  const inRound = rest.join('.');
  if (inRound === 'user_interaction_records' && Number(round) >= FIRST_NULL_INTERACTION_ROUND) return 'null';
  if (side === RAGGED_ROUND_WITHOUT_SUCCESS.side && round === RAGGED_ROUND_WITHOUT_SUCCESS.round && inRound === 'sandbox_state.execution_success') {
    return 'absent';
  }
  return undefined;
}

function roundCount(path: readonly string[]): number {
  const side = path[1];
  if (path[0] !== 'states' || (side !== 'model_A' && side !== 'model_B')) throw new Error(`no round count for ${path.join('.')}`);
  return HUB_ROUNDS[side];
}

function fieldsOf(fields: Readonly<Record<string, Column>>, path: readonly string[]): HubField[] {
  const out: HubField[] = [];
  for (const [name, column] of Object.entries(fields)) {
    const at = [...path, name];
    const layout = layoutAt(at);
    if (layout === 'absent') continue;
    out.push({ name, ...(layout === 'null' ? { kind: 'null' } : hubType(column, at)) } as HubField);
  }
  return out;
}

/** The written type of a described column at `path` (field names from the top). */
function hubType(column: Column, path: readonly string[]): HubType {
  switch (column.kind) {
    case 'string':
    case 'enum':
      return { kind: 'string' };
    case 'int64':
    case 'float64':
    case 'bool':
    case 'binary':
      return { kind: column.kind };
    case 'struct': {
      const fields = fieldsOf(column.fields, path);
      return column.feature === 'Image' ? { kind: 'image', fields } : { kind: 'struct', fields };
    }
    case 'list':
      return { kind: 'list', element: hubType(column.element, [...path, 'element']) };
    case 'pair': {
      // Stored as a list: both items must have one type.
      const [first, second] = column.items.map((item) => hubType(item, [...path, 'element']));
      if (JSON.stringify(first) !== JSON.stringify(second)) throw new Error(`${path.join('.')}: a pair's items must share a type to be a parquet list`);
      return { kind: 'list', element: first! };
    }
    case 'rounds': {
      const rounds: Record<string, Column> = {};
      for (let r = 1; r <= roundCount(path); r++) rounds[String(r)] = column.round;
      return { kind: 'struct', fields: fieldsOf(rounds, path) };
    }
  }
}

/** The written fields of a row description (default: the hub row), with the hub's layout applied. */
export function hubFieldsOf(row: StructColumn = HUB_ROW): HubField[] {
  return fieldsOf(row.fields, []);
}

/** Top-level fields in hub file order (the dataset card's order). */
export const HUB_FIELDS: readonly HubField[] = hubFieldsOf();

/** Parquet schema elements (pyarrow conventions: optional fields, 3-level lists named list/element). */
export function hubParquetSchema(fields: readonly HubField[] = HUB_FIELDS): SchemaElement[] {
  const out: SchemaElement[] = [{ name: 'schema', num_children: fields.length }];
  for (const field of fields) appendElements(field, out);
  return out;
}

function appendElements(field: HubField, out: SchemaElement[]): void {
  const name = field.name;
  const repetition_type = 'OPTIONAL' as const;
  switch (field.kind) {
    case 'string':
      out.push({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' }, repetition_type });
      return;
    case 'int64':
      out.push({ name, type: 'INT64', repetition_type });
      return;
    case 'bool':
      out.push({ name, type: 'BOOLEAN', repetition_type });
      return;
    case 'float64':
      out.push({ name, type: 'DOUBLE', repetition_type });
      return;
    case 'binary':
      out.push({ name, type: 'BYTE_ARRAY', repetition_type });
      return;
    case 'null':
      // pyarrow writes an all-null (arrow `null`) column as INT32 with the NULL logical type.
      out.push({ name, type: 'INT32', logical_type: { type: 'NULL' }, repetition_type });
      return;
    case 'image':
      appendElements({ name, kind: 'struct', fields: field.fields }, out);
      return;
    case 'struct':
      out.push({ name, repetition_type, num_children: field.fields.length });
      for (const child of field.fields) appendElements(child, out);
      return;
    case 'list':
      out.push({ name, repetition_type, converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 });
      out.push({ name: 'list', repetition_type: 'REPEATED', num_children: 1 });
      appendElements({ ...field.element, name: 'element' }, out);
      return;
  }
}

/** The HF `datasets` feature dictionary (what `Features.to_dict()` gives) for these fields. */
export function hubFeatures(fields: readonly HubField[] = HUB_FIELDS): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f.name, featureOf(f)]));
}

function featureOf(f: HubType): unknown {
  switch (f.kind) {
    case 'string': return { dtype: 'string', _type: 'Value' };
    case 'int64': return { dtype: 'int64', _type: 'Value' };
    case 'bool': return { dtype: 'bool', _type: 'Value' };
    case 'float64': return { dtype: 'float64', _type: 'Value' };
    case 'binary': return { dtype: 'binary', _type: 'Value' };
    case 'null': return { dtype: 'null', _type: 'Value' };
    case 'image': return { _type: 'Image' };
    case 'struct': return hubFeatures(f.fields);
    // `datasets` writes a list of structs as a one-element JSON list, other lists as Sequence.
    case 'list': return f.element.kind === 'struct' ? [featureOf(f.element)] : { feature: featureOf(f.element), _type: 'Sequence' };
  }
}

/**
 * Converts one value of `field` from the row types (`number` for int64) to
 * what hyparquet-writer expects (`bigint` for INT64), leaving the input untouched.
 * Struct keys not in the schema are dropped (the ragged round '6' has no
 * `execution_success`), so a row can never write a field the hub file lacks.
 */
export function toParquetValue(f: HubType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (f.kind) {
    case 'int64':
      return BigInt(value as number);
    case 'null':
      return null;
    case 'struct':
    case 'image': {
      const obj = value as Record<string, unknown>;
      return Object.fromEntries(f.fields.map((child) => [child.name, toParquetValue(child, obj[child.name])]));
    }
    case 'list':
      return (value as unknown[]).map((item) => toParquetValue(f.element, item));
    default:
      return value;
  }
}
