/**
 * The published judges' verdicts (`bigcode/bigcodereward-experiment-results`)
 * as the project's `VerdictRecord`s, so every metric and report runs on them
 * unchanged. Sources: the hub (splits under `default/<split>/*.parquet`), a
 * local folder in that layout (with or without the `default/` level), or one
 * parquet/JSONL file whose judge and mode are given or read from its name.
 *
 * Rules, decided here once:
 * - a split is `<judge>_with_execution` (mode `with-output`) or
 *   `<judge>_without_execution` (`code-only`); the judge is the split's prefix;
 * - the verdict is a top-level `judgment`, or nested as
 *   `feedback.model_as_judge_unified[_no_execution].<judge>.judgment` (a
 *   nested file may hold several judges and both modes: each becomes its own run);
 * - `vote_left`/`vote_model_A` -> A, `vote_right`/`vote_model_B` -> B,
 *   `vote_tie` -> tie, `vote_both_bad` -> both_bad; an empty judgment is a
 *   failed judgment (`error`); any other value is never guessed: it becomes an
 *   `error` verdict and is counted and listed in `unknownJudgments`;
 * - the same id twice in one split is an InputError naming both rows;
 * - only the id, judgment (or feedback) and the small `model_A`/`model_B`
 *   columns are read from parquet (column projection); further columns are
 *   kept in `extra` when asked for by name (`extraColumns`), and a JSONL
 *   line's other fields are always kept there.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Outcome } from './comparison.js';
import { localParquetSource, parquetFileInfo, readRawRows } from './parquet.js';
import type { ParquetSource } from './source.js';
import type { JudgeMode, VerdictRecord } from './verdict.js';
import { InputError } from '../errors.js';
import { parseJsonlText } from '../jobs/jsonl.js';
import type { HubTransferOptions } from './hub/open.js';

export const EXPERIMENT_RESULTS_DATASET = 'bigcode/bigcodereward-experiment-results';
/** The hub folder (the dataset's config) that holds one sub-folder per split. */
export const EXPERIMENT_RESULTS_CONFIG = 'default';

const JUDGMENT_LABELS: Readonly<Record<string, Outcome>> = {
  vote_left: 'A',
  vote_model_A: 'A',
  vote_right: 'B',
  vote_model_B: 'B',
  vote_tie: 'tie',
  vote_both_bad: 'both_bad',
};

const NESTED_KEYS: Readonly<Record<string, JudgeMode>> = {
  model_as_judge_unified: 'with-output',
  model_as_judge_unified_no_execution: 'code-only',
};

const ID = 'chat_session_id';
const SMALL_EXTRAS = ['model_A', 'model_B'];

/** A published verdict: a `VerdictRecord` (order `AB`, as published) plus the row's other kept columns. */
export interface PublishedVerdict extends VerdictRecord {
  /** The split (or file) it came from. */
  split: string;
  /** Kept columns other than the id and the verdict (e.g. `model_A`, `model_B`). */
  extra?: Record<string, unknown>;
}

export interface PublishedSplit {
  split: string;
  judge: string;
  mode: JudgeMode;
  /** Where its rows were read (file path or URL). */
  source: string;
  rows: number;
  /** Judgments that were empty (a failed judgment). */
  failed: number;
  /** Judgments with a value outside the known labels. */
  unknown: number;
}

export interface UnknownJudgment {
  value: string;
  count: number;
  /** The splits where it occurs. */
  splits: string[];
}

export interface PublishedVerdicts {
  verdicts: PublishedVerdict[];
  splits: PublishedSplit[];
  /** Every judgment value outside the known labels, with counts; never mapped to a vote. */
  unknownJudgments: UnknownJudgment[];
  /** Columns present in the parquet files that were not read. */
  unreadColumns: string[];
}

export interface PublishedVerdictsOptions extends Partial<Omit<HubTransferOptions, 'dataset'>> {
  /** For a single file whose name is not a split name: the judge it holds. */
  judge?: string;
  /** For a single file whose name is not a split name: its mode. */
  mode?: JudgeMode;
  /** Further parquet columns to keep in `extra` (read only when asked: the files are large). */
  extraColumns?: readonly string[];
}

/** `gpt_4_1_with_execution` -> judge `gpt_4_1`, mode `with-output`; undefined for any other name. */
export function parseSplitName(split: string): { judge: string; mode: JudgeMode } | undefined {
  const m = /^(.+?)_(with|without)_execution$/.exec(split);
  if (!m) return undefined;
  return { judge: m[1]!, mode: m[2] === 'with' ? 'with-output' : 'code-only' };
}

/** The hub's split name of a judge and mode: non-alphanumerics of the judge become `_`. */
export function splitName(judge: string, mode: JudgeMode): string {
  return `${judge.replace(/[^A-Za-z0-9]/g, '_')}_${mode === 'with-output' ? 'with' : 'without'}_execution`;
}

/** Maps a raw judgment to a verdict; `undefined` for a value outside the known labels. */
export function judgmentVerdict(value: unknown): Outcome | 'error' | undefined {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return 'error';
  if (typeof value !== 'string') return undefined;
  return JUDGMENT_LABELS[value.trim()];
}

/** Reads published verdicts from a hub id, a local folder in the hub layout, or one file. */
export async function loadPublishedVerdicts(spec: string = EXPERIMENT_RESULTS_DATASET, options: PublishedVerdictsOptions = {}): Promise<PublishedVerdicts> {
  const inputs = existsSync(spec) ? localInputs(spec, options) : await hubInputs(spec, options);
  const collector = new Collector();
  for (const input of inputs) {
    if (input.kind === 'jsonl') readJsonlInput(input, collector);
    else await readParquetInput(input, options.extraColumns ?? [], collector);
  }
  return collector.finish();
}

/** One file to read; `run` is the judge and mode given for a single file (otherwise read from the split name). */
type Input = { split: string; run?: { judge: string; mode: JudgeMode } } & (
  | { kind: 'parquet'; source: ParquetSource }
  | { kind: 'parquet-file'; file: string }
  | { kind: 'jsonl'; file: string }
);

async function hubInputs(dataset: string, options: PublishedVerdictsOptions): Promise<Input[]> {
  const [{ looksLikeHubId }, { openHubSources }] = await Promise.all([import('./dataset.js'), import('./hub/open.js')]);
  if (!looksLikeHubId(dataset)) throw new InputError('no such file or folder, and not a hub dataset id (owner/name)', { file: dataset });
  const sources = await openHubSources({ ...options, dataset, mode: 'remote', folder: EXPERIMENT_RESULTS_CONFIG });
  // Hub paths are `default/<split>/0000.parquet`.
  return sources.map((source) => ({ kind: 'parquet' as const, split: source.path.split('/')[1] ?? source.path, source }));
}

function localInputs(spec: string, options: PublishedVerdictsOptions): Input[] {
  if (statSync(spec).isFile()) {
    if ((options.judge === undefined) !== (options.mode === undefined)) {
      throw new InputError('a single file needs both a judge and a mode, or a split name as its file name', { file: spec });
    }
    const run = options.judge && options.mode ? { judge: options.judge, mode: options.mode } : undefined;
    const split = run ? splitName(run.judge, run.mode) : basename(spec, extname(spec));
    const kind = extname(spec).toLowerCase() === '.jsonl' ? 'jsonl' : 'parquet-file';
    return [{ kind, split, file: spec, ...(run ? { run } : {}) }];
  }
  const root = existsSync(join(spec, EXPERIMENT_RESULTS_CONFIG)) ? join(spec, EXPERIMENT_RESULTS_CONFIG) : spec;
  const inputs: Input[] = [];
  for (const split of readdirSync(root).sort()) {
    const dir = join(root, split);
    if (!statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir).sort()) {
      const file = join(dir, name);
      if (name.endsWith('.parquet')) inputs.push({ kind: 'parquet-file', split, file });
      else if (name.endsWith('.jsonl')) inputs.push({ kind: 'jsonl', split, file });
    }
  }
  if (inputs.length === 0) throw new InputError(`no <split>/*.parquet or <split>/*.jsonl files (layout: ${EXPERIMENT_RESULTS_CONFIG}/<judge>_with_execution/0000.parquet)`, { file: spec });
  return inputs;
}

async function readParquetInput(input: Extract<Input, { kind: 'parquet' | 'parquet-file' }>, extraColumns: readonly string[], out: Collector): Promise<void> {
  // Local files are opened here, when read, so that a bad one is named.
  const source = input.kind === 'parquet' ? input.source : await localParquetSource(input.file);
  const info = await parquetFileInfo(source);
  if (!info.columns.includes(ID)) throw new InputError(`no "${ID}" column`, { file: source.name, field: ID });
  const verdictColumn = info.columns.includes('judgment') ? 'judgment' : info.columns.includes('feedback') ? 'feedback' : undefined;
  if (!verdictColumn) throw new InputError('no "judgment" column and no nested "feedback" column', { file: source.name, field: 'judgment' });
  const missing = extraColumns.filter((c) => !info.columns.includes(c));
  if (missing.length > 0) throw new InputError(`asked-for columns not in the file: ${missing.join(', ')}`, { file: source.name, field: missing[0] });
  const extras = [...new Set([...SMALL_EXTRAS.filter((c) => info.columns.includes(c)), ...extraColumns])].filter((c) => c !== ID && c !== verdictColumn);
  const columns = [ID, verdictColumn, ...extras];
  out.unread(info.columns.filter((c) => !columns.includes(c)));
  const rows = await readRawRows(source, { columns });
  rows.forEach((row, i) => out.row(input, source.name, i, row, extras));
}

function readJsonlInput(input: Extract<Input, { kind: 'jsonl' }>, out: Collector): void {
  const parsed = parseJsonlText(readFileSync(input.file, 'utf8'), input.file, (value, row) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError('a line must be a JSON object', { file: input.file, row });
    return value as Record<string, unknown>;
  });
  if (parsed.invalid.length > 0) throw parsed.invalid[0]!;
  parsed.values.forEach((row, i) => {
    const extras = Object.keys(row).filter((k) => k !== ID && k !== 'judgment' && k !== 'feedback');
    out.row(input, input.file, i, row, extras);
  });
}

/** Accumulates verdicts, split summaries and unknown labels, and checks duplicate ids per split. */
class Collector {
  private readonly verdicts: PublishedVerdict[] = [];
  private readonly splits = new Map<string, PublishedSplit>();
  private readonly seen = new Map<string, { file: string; row: number }>();
  private readonly unknown = new Map<string, { count: number; splits: Set<string> }>();
  private readonly unreadColumns = new Set<string>();

  unread(columns: readonly string[]): void {
    for (const c of columns) this.unreadColumns.add(c);
  }

  row(input: Pick<Input, 'split' | 'run'>, file: string, rowIndex: number, row: Record<string, unknown>, extras: readonly string[]): void {
    const split = input.split;
    const id = row[ID];
    if (typeof id !== 'string' || id === '') throw new InputError('must be a non-empty string', { file, row: rowIndex, field: ID });
    const extra = extras.length > 0 ? Object.fromEntries(extras.map((k) => [k, row[k] ?? null])) : undefined;
    if ('judgment' in row) {
      const parsed = input.run ?? parseSplitName(split);
      if (!parsed) throw new InputError(`cannot tell judge and mode from the name "${split}" (expected <judge>_with_execution or <judge>_without_execution; give the judge and mode)`, { file });
      this.add(split, parsed.judge, parsed.mode, id, row.judgment, { file, row: rowIndex, field: 'judgment' }, extra);
      return;
    }
    const feedback = parseFeedback(row.feedback, file, rowIndex);
    for (const [key, mode] of Object.entries(NESTED_KEYS)) {
      const judges = feedback?.[key];
      if (judges === null || judges === undefined) continue;
      if (typeof judges !== 'object') throw new InputError('must be an object keyed by judge', { file, row: rowIndex, field: `feedback.${key}` });
      for (const [judge, entry] of Object.entries(judges as Record<string, unknown>)) {
        if (entry === null || entry === undefined) continue; // a struct column has every judge's key; null = not judged by it
        const judgment = typeof entry === 'object' ? (entry as Record<string, unknown>).judgment : undefined;
        this.add(splitName(judge, mode), judge, mode, id, judgment, { file, row: rowIndex, field: `feedback.${key}.${judge}.judgment` }, extra);
      }
    }
  }

  private add(split: string, judge: string, mode: JudgeMode, id: string, judgment: unknown, at: { file: string; row: number; field: string }, extra: Record<string, unknown> | undefined): void {
    const key = JSON.stringify([split, id]);
    const before = this.seen.get(key);
    if (before) {
      throw new InputError(`id "${id}" appears twice in split ${split}: first at ${before.file} row ${before.row}, again here`, { file: at.file, row: at.row, field: ID });
    }
    this.seen.set(key, { file: at.file, row: at.row });
    let summary = this.splits.get(split);
    if (!summary) this.splits.set(split, (summary = { split, judge, mode, source: at.file, rows: 0, failed: 0, unknown: 0 }));
    summary.rows++;
    const verdict = judgmentVerdict(judgment);
    const record: PublishedVerdict = { id, judge, mode, order: 'AB', verdict: verdict ?? 'error', split, ...(extra ? { extra } : {}) };
    if (verdict === 'error') {
      summary.failed++;
      record.error = 'no judgment (failed judgment)';
    } else if (verdict === undefined) {
      const value = typeof judgment === 'string' ? judgment : JSON.stringify(judgment);
      summary.unknown++;
      record.error = `unknown judgment ${JSON.stringify(value)}`;
      record.raw = value;
      const u = this.unknown.get(value) ?? { count: 0, splits: new Set<string>() };
      u.count++;
      u.splits.add(split);
      this.unknown.set(value, u);
    }
    this.verdicts.push(record);
  }

  finish(): PublishedVerdicts {
    return {
      verdicts: this.verdicts,
      splits: [...this.splits.values()].sort((a, b) => (a.split < b.split ? -1 : a.split > b.split ? 1 : 0)),
      unknownJudgments: [...this.unknown].map(([value, u]) => ({ value, count: u.count, splits: [...u.splits].sort() })).sort((a, b) => b.count - a.count),
      unreadColumns: [...this.unreadColumns].sort(),
    };
  }
}

/** The nested `feedback` cell: a struct, or the same as a JSON string. */
function parseFeedback(value: unknown, file: string, row: number): Record<string, unknown> | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch (err) {
      throw new InputError(`not JSON: ${(err as Error).message}`, { file, row, field: 'feedback' }, { cause: err });
    }
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw new InputError('must be an object', { file, row, field: 'feedback' });
  return value as Record<string, unknown>;
}
