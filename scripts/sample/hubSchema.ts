/**
 * The parquet schema of `bigcode/bigcodereward` (hub layout, as pyarrow writes
 * a `datasets` table), described once as a small field tree and turned into
 * (a) parquet `SchemaElement`s for hyparquet-writer and (b) the HF `datasets`
 * feature dictionary stored in the file's `huggingface` key-value metadata.
 *
 * Facts from the dataset card: top-level column order, string/int64/bool
 * types, `messages` as sequence<sequence<string>>, images as `{bytes, path}`,
 * struct field order (alphabetical, as `datasets` infers it). Ragged parts
 * (BRIEF §2): model_A has rounds '1'..'7', model_B '1'..'8'; model_A's round
 * '6' sandbox_state has no `execution_success`; `user_interaction_records` is
 * a list of structs in early rounds and arrow-typed `null` in later ones.
 * Unconfirmed (our choice, documented in data/README.md): the numeric fields of
 * interaction records are float64 (x and y are float64 on the card), and
 * "later rounds" means rounds 5 and up.
 */
import type { SchemaElement } from 'hyparquet';

/** A column type: scalars, structs, lists, and the HF image struct. */
export type HubType =
  | { kind: 'string' | 'int64' | 'bool' | 'float64' | 'binary' | 'null' }
  | { kind: 'struct'; fields: HubField[] }
  | { kind: 'list'; element: HubType }
  | { kind: 'image' };
export type HubField = HubType & { name: string };

const str = (name: string): HubField => ({ name, kind: 'string' });
const int64 = (name: string): HubField => ({ name, kind: 'int64' });
const bool = (name: string): HubField => ({ name, kind: 'bool' });
const float64 = (name: string): HubField => ({ name, kind: 'float64' });

/** Rounds per side in the hub schema. */
export const HUB_ROUNDS = { model_A: 7, model_B: 8 } as const;
/** First round whose `user_interaction_records` is typed `null` (our reading of "later rounds"). */
export const FIRST_NULL_INTERACTION_ROUND = 5;
/** model_A's round whose sandbox_state lacks `execution_success`. */
export const RAGGED_ROUND_WITHOUT_SUCCESS = { side: 'model_A', round: '6' } as const;

function sandboxStateField(withExecutionSuccess: boolean): HubField {
  const fields: HubField[] = [
    str('auto_selected_sandbox_environment'),
    int64('btn_list_length'),
    str('chat_session_id'),
    { name: 'code_dependencies', kind: 'list', element: { kind: 'list', element: { kind: 'string' } } },
    str('code_language'),
    str('code_to_execute'),
    str('conv_id'),
    int64('edit_round'),
    bool('enable_sandbox'),
    int64('enabled_round'),
    ...(withExecutionSuccess ? [bool('execution_success')] : []),
    str('sandbox_environment'),
    str('sandbox_error'),
    str('sandbox_id'),
    str('sandbox_instruction'),
    str('sandbox_output'),
    int64('sandbox_run_round'),
    str('screenshot_base64'),
    str('screenshot_path'),
  ];
  return { name: 'sandbox_state', kind: 'struct', fields };
}

const interactionRecord: HubType = {
  kind: 'struct',
  fields: [
    float64('height'), str('key'), float64('scrollLeft'), float64('scrollTop'), float64('time'),
    str('type'), float64('width'), float64('x'), float64('y'),
  ],
};

function roundField(side: keyof typeof HUB_ROUNDS, round: number): HubField {
  const key = String(round);
  const withSuccess = !(side === RAGGED_ROUND_WITHOUT_SUCCESS.side && key === RAGGED_ROUND_WITHOUT_SUCCESS.round);
  const interactions: HubField = round >= FIRST_NULL_INTERACTION_ROUND
    ? { name: 'user_interaction_records', kind: 'null' }
    : { name: 'user_interaction_records', kind: 'list', element: interactionRecord };
  return {
    name: key,
    kind: 'struct',
    fields: [int64('enabled_round'), str('filename'), int64('sandbox_run_round'), sandboxStateField(withSuccess), interactions],
  };
}

function modelStateField(side: keyof typeof HUB_ROUNDS): HubField {
  const rounds: HubField[] = [];
  for (let r = 1; r <= HUB_ROUNDS[side]; r++) rounds.push(roundField(side, r));
  return {
    name: side,
    kind: 'struct',
    fields: [
      str('chat_mode'), str('chat_session_id'), str('chat_start_time'), str('conv_id'),
      { name: 'messages', kind: 'list', element: { kind: 'list', element: { kind: 'string' } } },
      str('model_name'), int64('offset'),
      { name: 'roles', kind: 'list', element: { kind: 'string' } },
      { name: 'sandbox_logs_by_round', kind: 'struct', fields: rounds },
      str('system_message'), str('template_name'), int64('total_rounds'),
    ],
  };
}

/** Top-level fields in hub file order (the dataset card's order). */
export const HUB_FIELDS: readonly HubField[] = [
  str('chat_session_id'), str('instruction'), str('human_vote'), str('model_A'), str('model_B'),
  int64('category_id'), str('category_name'),
  { name: 'execution_screenshot_A', kind: 'image' }, str('execution_output_A'), str('execution_error_A'),
  { name: 'execution_screenshot_B', kind: 'image' }, str('execution_output_B'), str('execution_error_B'),
  { name: 'states', kind: 'struct', fields: [modelStateField('model_A'), modelStateField('model_B')] },
];

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
      appendElements({ name, kind: 'struct', fields: [{ name: 'bytes', kind: 'binary' }, str('path')] }, out);
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
    case 'struct': {
      const obj = value as Record<string, unknown>;
      return Object.fromEntries(f.fields.map((child) => [child.name, toParquetValue(child, obj[child.name])]));
    }
    case 'image': {
      const img = value as { bytes?: unknown; path?: unknown };
      return { bytes: img.bytes ?? null, path: img.path ?? null };
    }
    case 'list':
      return (value as unknown[]).map((item) => toParquetValue(f.element, item));
    default:
      return value;
  }
}
