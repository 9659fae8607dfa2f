/**
 * The committed synthetic sample (data/bigcodereward-sample), read back with
 * hyparquet: hub schema, ragged rounds, coverage, consistency of answers,
 * outputs and screenshots, and agreement with the documented ground truth.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parquetMetadata, parquetReadObjects, parquetSchema, type FileMetaData, type SchemaTree } from 'hyparquet';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENVIRONMENTS, LANGUAGES, TOPICS } from '../../src/data/comparison.js';
import { HUMAN_VOTE_LABELS } from '../../src/data/row.js';
import { ACCENTS, SAMPLE_TASKS, SAMPLE_TRUTH } from '../../scripts/sample/index.js';
import { failureCode, variantCode } from '../../scripts/sample/programs/index.js';

const SAMPLE_DIR = fileURLToPath(new URL('../../data/bigcodereward-sample/', import.meta.url));
const FILE = `${SAMPLE_DIR}data/train-00000-of-00001.parquet`;

type Row = Record<string, any>;

let metadata: FileMetaData;
let schema: SchemaTree;
let rows: Row[];

beforeAll(async () => {
  const buf = readFileSync(FILE);
  const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  metadata = parquetMetadata(file);
  schema = parquetSchema(metadata);
  rows = (await parquetReadObjects({ file, utf8: false })) as Row[];
});

const child = (node: SchemaTree, name: string): SchemaTree => {
  const found = node.children.find((c) => c.element.name === name);
  if (!found) throw new Error(`no field ${name} under ${node.element.name}`);
  return found;
};
const path = (...names: string[]): SchemaTree => names.reduce(child, schema);
const names = (node: SchemaTree) => node.children.map((c) => c.element.name);
/** The element type under a 3-level LIST. */
const listElement = (node: SchemaTree): SchemaTree => {
  expect(node.element.converted_type).toBe('LIST');
  return node.children[0]!.children[0]!;
};
const isString = (node: SchemaTree) => node.element.type === 'BYTE_ARRAY' && node.element.converted_type === 'UTF8';

// Field lists as BRIEF §2 states them (not taken from our own schema code).
const SANDBOX_STATE_FIELDS = {
  string: ['auto_selected_sandbox_environment', 'chat_session_id', 'code_language', 'code_to_execute', 'conv_id',
    'sandbox_environment', 'sandbox_error', 'sandbox_id', 'sandbox_instruction', 'sandbox_output', 'screenshot_base64', 'screenshot_path'],
  int64: ['btn_list_length', 'edit_round', 'enabled_round', 'sandbox_run_round'],
  bool: ['enable_sandbox', 'execution_success'],
};
const INTERACTION_FIELDS = ['height', 'key', 'scrollLeft', 'scrollTop', 'time', 'type', 'width', 'x', 'y'];

describe('hub layout and schema', () => {
  it('is labelled synthetic in the parquet key-value metadata', () => {
    const kv = Object.fromEntries((metadata.key_value_metadata ?? []).map((e) => [e.key, e.value]));
    expect(kv['bcr.synthetic']).toBe('true');
    expect(JSON.parse(kv['bcr.generator']!)).toEqual({ name: SAMPLE_TRUTH.generator, version: SAMPLE_TRUTH.version, seed: SAMPLE_TRUTH.seed });
    const features = JSON.parse(kv.huggingface!).info.features;
    expect(features.execution_screenshot_A).toEqual({ _type: 'Image' });
    expect(features.category_id).toEqual({ dtype: 'int64', _type: 'Value' });
    expect(features.states.model_A.messages).toEqual({ feature: { feature: { dtype: 'string', _type: 'Value' }, _type: 'Sequence' }, _type: 'Sequence' });
  });

  it('has the hub top-level columns with their types', () => {
    expect(names(schema)).toEqual([
      'chat_session_id', 'instruction', 'human_vote', 'model_A', 'model_B', 'category_id', 'category_name',
      'execution_screenshot_A', 'execution_output_A', 'execution_error_A',
      'execution_screenshot_B', 'execution_output_B', 'execution_error_B', 'states',
    ]);
    for (const n of ['chat_session_id', 'instruction', 'human_vote', 'model_A', 'model_B', 'category_name', 'execution_output_A', 'execution_error_B']) {
      expect(isString(path(n)), n).toBe(true);
    }
    expect(path('category_id').element.type).toBe('INT64');
    for (const side of ['A', 'B']) {
      const image = path(`execution_screenshot_${side}`);
      expect(names(image)).toEqual(['bytes', 'path']);
      expect(child(image, 'bytes').element.type).toBe('BYTE_ARRAY');
      expect(child(image, 'bytes').element.converted_type).toBeUndefined();
      expect(isString(child(image, 'path'))).toBe(true);
    }
    expect(Number(metadata.num_rows)).toBe(SAMPLE_TRUTH.rows);
  });

  it('nests states as the hub does: messages list<list<string>>, roles list<string>, int64 counters', () => {
    expect(names(path('states'))).toEqual(['model_A', 'model_B']);
    for (const side of ['model_A', 'model_B']) {
      const state = path('states', side);
      expect(names(state)).toEqual(expect.arrayContaining([
        'chat_mode', 'chat_session_id', 'chat_start_time', 'conv_id', 'model_name', 'system_message', 'template_name',
        'messages', 'roles', 'offset', 'total_rounds', 'sandbox_logs_by_round',
      ]));
      expect(isString(listElement(listElement(child(state, 'messages'))))).toBe(true);
      expect(isString(listElement(child(state, 'roles')))).toBe(true);
      expect(child(state, 'offset').element.type).toBe('INT64');
      expect(child(state, 'total_rounds').element.type).toBe('INT64');
    }
  });

  it("keys rounds '1'..'7' for model_A and '1'..'8' for model_B, each with the full sandbox_state", () => {
    expect(names(path('states', 'model_A', 'sandbox_logs_by_round'))).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(names(path('states', 'model_B', 'sandbox_logs_by_round'))).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    const round = path('states', 'model_B', 'sandbox_logs_by_round', '1');
    expect(names(round).sort()).toEqual(['enabled_round', 'filename', 'sandbox_run_round', 'sandbox_state', 'user_interaction_records']);
    const state = child(round, 'sandbox_state');
    for (const n of SANDBOX_STATE_FIELDS.string) expect(isString(child(state, n)), n).toBe(true);
    for (const n of SANDBOX_STATE_FIELDS.int64) expect(child(state, n).element.type, n).toBe('INT64');
    for (const n of SANDBOX_STATE_FIELDS.bool) expect(child(state, n).element.type, n).toBe('BOOLEAN');
    expect(isString(listElement(listElement(child(state, 'code_dependencies'))))).toBe(true);
    const interaction = listElement(child(round, 'user_interaction_records'));
    expect(names(interaction)).toEqual(INTERACTION_FIELDS);
  });

  it("is ragged: model_A round '6' has no execution_success, later rounds type interactions as null", () => {
    const aState = (r: string) => path('states', 'model_A', 'sandbox_logs_by_round', r, 'sandbox_state');
    expect(names(aState('6'))).not.toContain('execution_success');
    expect(names(aState('5'))).toContain('execution_success');
    expect(names(path('states', 'model_B', 'sandbox_logs_by_round', '6', 'sandbox_state'))).toContain('execution_success');
    const late = path('states', 'model_B', 'sandbox_logs_by_round', '8', 'user_interaction_records');
    expect(late.element.logical_type).toEqual({ type: 'NULL' });
    expect(late.children).toHaveLength(0);
  });

  it('fills the ragged rounds in some records and reads them back without execution_success', () => {
    const withRound6 = rows.filter((r) => r.states.model_A.sandbox_logs_by_round['6']);
    expect(withRound6.length).toBeGreaterThan(0);
    for (const r of withRound6) {
      const state = r.states.model_A.sandbox_logs_by_round['6'].sandbox_state;
      expect(state).not.toHaveProperty('execution_success');
      expect(state.code_to_execute.length).toBeGreaterThan(0);
      expect(r.states.model_A.sandbox_logs_by_round['6'].user_interaction_records ?? null).toBeNull();
    }
    expect(rows.some((r) => r.states.model_B.sandbox_logs_by_round['8'])).toBe(true);
  });
});

/** Last round that ran (the rounds are filled from '1' without gaps). */
function lastRound(state: Row): [number, Row] {
  const logs = state.sandbox_logs_by_round;
  let n = 0;
  while (logs[String(n + 1)]) n++;
  return [n, logs[String(n)]];
}

describe('content', () => {
  it('covers every topic, language, environment and vote label, with 6-10 models', () => {
    const rounds = rows.flatMap((r) => [r.states.model_A, r.states.model_B].map((s: Row) => s.sandbox_logs_by_round['1'].sandbox_state));
    expect(new Set(rows.map((r) => r.category_name))).toEqual(new Set(TOPICS));
    expect(new Set(rounds.map((s) => s.code_language))).toEqual(new Set(LANGUAGES));
    expect(new Set(rounds.map((s) => s.sandbox_environment))).toEqual(new Set(ENVIRONMENTS));
    expect(new Set(rows.map((r) => r.human_vote))).toEqual(new Set(HUMAN_VOTE_LABELS));
    const models = new Set(rows.flatMap((r) => [r.model_A, r.model_B]));
    expect(models).toEqual(new Set(SAMPLE_TRUTH.models.map((m) => m.name)));
    for (const r of rows) {
      expect(r.model_A).not.toBe(r.model_B);
      expect(Number(r.category_id)).toBe(TOPICS.indexOf(r.category_name) + 1);
    }
  });

  it('has multi-turn conversations whose last answer holds the code of the last turn', () => {
    const turns = new Set<number>();
    for (const r of rows) {
      for (const side of ['model_A', 'model_B']) {
        const state = r.states[side];
        const messages: [string, string][] = state.messages;
        turns.add(messages.length / 2);
        expect(messages.map((m) => m[0])).toEqual(messages.map((_, i) => (i % 2 ? 'assistant' : 'user')));
        expect(messages[0]![1]).toBe(r.instruction);
        expect(Number(state.total_rounds)).toBe(messages.length / 2);
        const blocks = [...messages.at(-1)![1].matchAll(/```([\w+-]*)\n([\s\S]*?)```/g)];
        expect(blocks).toHaveLength(1);
        const turnRound = state.sandbox_logs_by_round[String(messages.length / 2)];
        expect(blocks[0]![2]).toBe(turnRound.sandbox_state.code_to_execute);
      }
    }
    expect(turns).toEqual(new Set([1, 2, 3]));
  });

  it('records outputs and errors that belong to the executed code', () => {
    const byInstruction = new Map(SAMPLE_TASKS.map((t) => [t.instruction, t]));
    let failures = 0;
    for (const r of rows) {
      const task = byInstruction.get(r.instruction)!;
      expect(task, r.instruction).toBeDefined();
      for (const side of ['A', 'B']) {
        const [, round] = lastRound(r.states[`model_${side}`]);
        const s = round.sandbox_state;
        expect(r[`execution_output_${side}`]).toBe(s.sandbox_output);
        expect(r[`execution_error_${side}`]).toBe(s.sandbox_error);
        const accent = ACCENTS.find((a) => task.variants.some((_, i) => variantCode(task, i, a) === s.code_to_execute)
          || task.failures.some((f) => failureCode(f, a) === s.code_to_execute));
        expect(accent, `${r.chat_session_id} ${side}`).toBeDefined();
        const variant = task.variants.findIndex((_, i) => variantCode(task, i, accent!) === s.code_to_execute);
        if (variant >= 0) {
          expect(s.sandbox_error).toBe('');
          expect(s.sandbox_output).toBe(task.variants[variant]!.stdout);
        } else {
          failures++;
          const failure = task.failures.find((f) => failureCode(f, accent!) === s.code_to_execute)!;
          expect(s.sandbox_output).toBe(failure.stdout);
          expect(s.sandbox_error.length).toBeGreaterThan(0);
        }
        if (s.execution_success !== undefined) expect(s.execution_success).toBe(variant >= 0);
      }
    }
    expect(failures).toBeGreaterThan(20);
  });

  it('stores real 320x240 PNG screenshots, the same bytes as the final round base64', async () => {
    const distinct = new Map<string, Uint8Array>();
    let visual = 0;
    for (const r of rows) {
      for (const side of ['A', 'B']) {
        const [, round] = lastRound(r.states[`model_${side}`]);
        const image = r[`execution_screenshot_${side}`];
        const b64: string = round.sandbox_state.screenshot_base64;
        if (!image) {
          expect(b64).toBe('');
          continue;
        }
        visual++;
        expect(Buffer.from(image.bytes).toString('base64')).toBe(b64);
        expect(round.sandbox_state.screenshot_path).toMatch(/\.png$/);
        distinct.set(b64, image.bytes);
      }
    }
    expect(visual).toBeGreaterThan(100);
    for (const png of distinct.values()) {
      const meta = await sharp(png).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 320, 240]);
    }
  });
});

describe('ground truth', () => {
  it('truth.json is SAMPLE_TRUTH', () => {
    expect(JSON.parse(readFileSync(`${SAMPLE_DIR}truth.json`, 'utf8'))).toEqual(JSON.parse(JSON.stringify(SAMPLE_TRUTH)));
  });

  it('votes follow the latent strengths and the execution bonus', () => {
    // Win rate per model over decisive votes should rank the models like their strengths.
    const wins = new Map<string, [number, number]>();
    let execWins = 0;
    let execGames = 0;
    for (const r of rows) {
      if (r.human_vote !== 'vote_model_A' && r.human_vote !== 'vote_model_B') continue;
      const winner = r.human_vote === 'vote_model_A' ? r.model_A : r.model_B;
      for (const m of [r.model_A, r.model_B]) {
        const [w, n] = wins.get(m) ?? [0, 0];
        wins.set(m, [w + (m === winner ? 1 : 0), n + 1]);
      }
      const okA = lastRound(r.states.model_A)[1].sandbox_state.sandbox_error === '';
      const okB = lastRound(r.states.model_B)[1].sandbox_state.sandbox_error === '';
      if (okA !== okB) {
        execGames++;
        if ((okA && r.human_vote === 'vote_model_A') || (okB && r.human_vote === 'vote_model_B')) execWins++;
      }
    }
    const models = SAMPLE_TRUTH.models; // strongest first
    const rate = (name: string) => wins.get(name)![0] / wins.get(name)![1];
    const top = models.slice(0, 3).map((m) => rate(m.name));
    const bottom = models.slice(-3).map((m) => rate(m.name));
    expect(Math.min(...top)).toBeGreaterThan(Math.max(...bottom));
    expect(execWins / execGames).toBeGreaterThan(0.6);
  });
});
