/**
 * The one description of the hub row (`HUB_ROW`): the TypeScript types and
 * the validator are derived from it. The validator tests walk the description
 * itself, so a field added to it is checked here without a new test: every
 * described leaf, given a wrong type, fails naming its full path.
 */
import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/data/column-schema.js';
import {
  HUB_ROW, ROW_COLUMNS, type BigCodeRewardRow, type HubImage, type HumanVoteLabel, type ModelState, type SandboxRound,
  type SandboxState,
} from '../../src/data/row.js';
import { validateRow } from '../../src/data/validate.js';
import { InputError } from '../../src/errors.js';

/** A valid value of a column with every optional part present (lists and rounds hold one item). */
function fullValue(column: Column): unknown {
  switch (column.kind) {
    case 'string': return 'text';
    case 'int64': return 3;
    case 'float64': return 0.5;
    case 'bool': return true;
    case 'binary': return new Uint8Array([1, 2]);
    case 'enum': return column.values[0];
    case 'struct': return Object.fromEntries(Object.entries(column.fields).map(([k, f]) => [k, fullValue(f)]));
    case 'list': return [fullValue(column.element)];
    case 'pair': return column.items.map(fullValue);
    case 'rounds': return { '1': fullValue(column.round) };
  }
}

/** A value no column of this kind accepts. */
function wrongValue(column: Column): unknown {
  switch (column.kind) {
    case 'string': case 'enum': case 'binary': return 42;
    case 'int64': return 1.5;
    case 'float64': case 'bool': return 'text';
    default: return 'text';
  }
}

interface Leaf { path: string[]; column: Column }

/** Every checked position of a description, with its path as the validator names it. */
function positions(column: Column, path: string[] = []): Leaf[] {
  const here: Leaf = { path, column };
  switch (column.kind) {
    case 'struct':
      if (column.unchecked) return [here];
      return [here, ...Object.entries(column.fields).flatMap(([k, f]) => positions(f, [...path, k]))];
    case 'list': return [here, ...positions(column.element, [...path, '0'])];
    case 'pair': return [here, ...column.items.flatMap((item, i) => positions(item, [...path, String(i)]))];
    case 'rounds': return [here, ...positions(column.round, [...path, '1'])];
    default: return [here];
  }
}

function setAt(root: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at: Record<string, unknown> = root;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path.at(-1)!] = value;
}

const loc = { file: 'rows.jsonl', row: 7 };
const leaves = positions(HUB_ROW).filter((l) => l.path.length > 0);

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

function failure(row: unknown): InputError {
  try {
    validateRow(row as Record<string, unknown>, ROW_COLUMNS, loc);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected the row to be rejected');
}

describe('the validator derived from HUB_ROW', () => {
  it('accepts a row with every described field present', () => {
    const row = fullValue(HUB_ROW) as Record<string, unknown>;
    expect(validateRow(row, ROW_COLUMNS, loc)).toBe(row);
    expect(leaves.length).toBeGreaterThan(60);
  });

  it('rejects a wrong type at every described position, naming file, row and full path', () => {
    for (const { path, column } of leaves) {
      const row = fullValue(HUB_ROW) as Record<string, unknown>;
      setAt(row, path, wrongValue(column));
      const err = failure(row);
      expect(err.field, path.join('.')).toBe(path.join('.'));
      expect(err.row).toBe(7);
      expect(err.message).toMatch(new RegExp(`^rows\\.jsonl, row 7, field "${path.join('\\.')}": (wrong type|unknown vote label)`));
    }
  });

  it('allows null exactly where the description does, and absence where it is optional', () => {
    for (const { path, column } of leaves) {
      const row = fullValue(HUB_ROW) as Record<string, unknown>;
      setAt(row, path, null);
      if (column.nullable) expect(() => validateRow(row, ROW_COLUMNS, loc), path.join('.')).not.toThrow();
      else expect(failure(row).field).toBe(path.join('.'));
    }
    const noModelA = fullValue(HUB_ROW) as { states: Record<string, unknown> };
    delete noModelA.states.model_A;
    expect(() => validateRow(noModelA, ROW_COLUMNS, loc)).not.toThrow();
  });

  it('names a missing top-level field and a missing required nested one', () => {
    const row = fullValue(HUB_ROW) as Record<string, unknown>;
    delete row.model_B;
    expect(failure(row).message).toBe('rows.jsonl, row 7, field "model_B": missing field');
    const noStates = fullValue(HUB_ROW) as Record<string, unknown>;
    noStates.states = 'none';
    expect(failure(noStates).message).toBe('rows.jsonl, row 7, field "states": wrong type: expected an object, got string');
  });

  it('checks a message is a [role, content] pair, and leaves interaction records unchecked but objects', () => {
    const row = fullValue(HUB_ROW) as { states: { model_A: ModelState } };
    row.states.model_A.messages = [['user', 'hi', 'extra'] as unknown as [string, string]];
    const err = failure(row);
    expect(err.field).toBe('states.model_A.messages.0');
    expect(err.message).toContain('expected a pair, got a list of 3');

    const odd = fullValue(HUB_ROW) as { states: { model_B: ModelState } };
    const round = odd.states.model_B.sandbox_logs_by_round!['1']!;
    round.user_interaction_records = [{ x: 'not a number', extra: true } as never];
    expect(() => validateRow(odd as never, ROW_COLUMNS, loc)).not.toThrow();
    round.user_interaction_records = ['click' as never];
    expect(failure(odd).field).toBe('states.model_B.sandbox_logs_by_round.1.user_interaction_records.0');
  });

  it('checks only the requested columns', () => {
    const row = fullValue(HUB_ROW) as Record<string, unknown>;
    row.instruction = 5;
    expect(() => validateRow(row, ['chat_session_id', 'human_vote', 'model_A', 'model_B'], loc)).not.toThrow();
    expect(failure(row).field).toBe('instruction');
  });
});

describe('the types derived from HUB_ROW', () => {
  it('keep the shapes other code relies on', () => {
    // Checked by the typecheck: each line fails to compile if a derived type drifts.
    const shapes: true[] = [
      true satisfies Same<BigCodeRewardRow['human_vote'], HumanVoteLabel>,
      true satisfies Same<BigCodeRewardRow['category_id'], number>,
      true satisfies Same<BigCodeRewardRow['execution_output_A'], string | null>,
      true satisfies Same<BigCodeRewardRow['execution_screenshot_B'], HubImage | null>,
      true satisfies Same<HubImage['bytes'], Uint8Array | null | undefined>,
      true satisfies Same<ModelState['messages'], [string, string | null][] | null | undefined>,
      true satisfies Same<ModelState['sandbox_logs_by_round'], Record<string, SandboxRound | null> | null | undefined>,
      true satisfies Same<SandboxRound['sandbox_state'], SandboxState | null | undefined>,
      true satisfies Same<SandboxState['code_dependencies'], (string[] | null)[] | null | undefined>,
      true satisfies Same<SandboxState['execution_success'], boolean | null | undefined>,
    ];
    expect(shapes.every(Boolean)).toBe(true);
  });

  it('list the columns in file order', () => {
    expect(ROW_COLUMNS).toEqual([
      'chat_session_id', 'instruction', 'human_vote', 'model_A', 'model_B', 'category_id', 'category_name',
      'execution_screenshot_A', 'execution_output_A', 'execution_error_A',
      'execution_screenshot_B', 'execution_output_B', 'execution_error_B', 'states',
    ]);
  });
});
