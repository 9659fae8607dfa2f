/**
 * The sample writer's parquet schema is derived from the library's row
 * description (`HUB_ROW`) plus the hub's layout facts: every described field
 * is written, and the only departures are the documented ragged ones.
 */
import { describe, expect, it } from 'vitest';
import * as c from '../../src/data/column-schema.js';
import { HUB_ROW } from '../../src/data/row.js';
import {
  FIRST_NULL_INTERACTION_ROUND, HUB_FIELDS, HUB_ROUNDS, RAGGED_ROUND_WITHOUT_SUCCESS, hubFieldsOf, hubParquetSchema,
  type HubField, type HubType,
} from '../../scripts/sample/index.js';

/** Every written field's dotted path with its kind (list elements as `element`). */
function writtenPaths(fields: readonly HubField[], prefix: string[] = [], out = new Map<string, string>()): Map<string, string> {
  for (const f of fields) walk(f, [...prefix, f.name], out);
  return out;
}
function walk(t: HubType, path: string[], out: Map<string, string>): void {
  out.set(path.join('.'), t.kind);
  if (t.kind === 'struct' || t.kind === 'image') writtenPaths(t.fields, path, out);
  if (t.kind === 'list') walk(t.element, [...path, 'element'], out);
}

describe('the hub parquet schema derived from HUB_ROW', () => {
  const written = writtenPaths(HUB_FIELDS);

  it('writes the top-level columns in the description order', () => {
    expect(HUB_FIELDS.map((f) => f.name)).toEqual(Object.keys(HUB_ROW.fields));
    expect(written.get('execution_screenshot_A')).toBe('image');
    expect(written.get('human_vote')).toBe('string');
    expect(written.get('category_id')).toBe('int64');
  });

  it('expands the rounds per side, with only the documented ragged departures', () => {
    for (const side of ['model_A', 'model_B'] as const) {
      const logs = HUB_FIELDS.find((f) => f.name === 'states')!;
      const rounds = (logs as { fields: HubField[] }).fields.find((f) => f.name === side) as { fields: HubField[] };
      const byRound = rounds.fields.find((f) => f.name === 'sandbox_logs_by_round') as { fields: HubField[] };
      expect(byRound.fields.map((f) => f.name)).toEqual(Array.from({ length: HUB_ROUNDS[side] }, (_, i) => String(i + 1)));
      for (let r = 1; r <= HUB_ROUNDS[side]; r++) {
        const at = `states.${side}.sandbox_logs_by_round.${r}`;
        expect(written.get(`${at}.user_interaction_records`)).toBe(r >= FIRST_NULL_INTERACTION_ROUND ? 'null' : 'list');
        const ragged = side === RAGGED_ROUND_WITHOUT_SUCCESS.side && String(r) === RAGGED_ROUND_WITHOUT_SUCCESS.round;
        expect(written.get(`${at}.sandbox_state.execution_success`)).toBe(ragged ? undefined : 'bool');
        expect(written.get(`${at}.sandbox_state.code_dependencies.element.element`)).toBe('string');
      }
    }
    expect(written.get('states.model_A.messages.element.element')).toBe('string');
    expect(written.get('states.model_B.sandbox_logs_by_round.1.user_interaction_records.element.x')).toBe('float64');
  });

  it('follows a change of the description: a new field is written with its type', () => {
    const extended = c.struct({ ...HUB_ROW.fields, judge_notes: c.nullable(c.list(c.float64())) });
    const fields = hubFieldsOf(extended);
    expect(fields.at(-1)).toEqual({ name: 'judge_notes', kind: 'list', element: { kind: 'float64' } });
    const schema = hubParquetSchema(fields);
    expect(schema[0]!.num_children).toBe(HUB_FIELDS.length + 1);
    expect(schema.at(-1)).toMatchObject({ name: 'element', type: 'DOUBLE' });
  });

  it('refuses a pair whose items cannot share one parquet list type', () => {
    const bad = c.struct({ ...HUB_ROW.fields, odd: c.pair(c.string(), c.int64()) });
    expect(() => hubFieldsOf(bad)).toThrow(/odd: a pair's items must share a type/);
  });
});
