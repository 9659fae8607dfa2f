/**
 * AutoCodeArena's prompts (`uid`, `instruction`, `category`): the hub dataset
 * `bigcode/autocodearena-v0` (split `train`, through the project's hub
 * client), or local JSONL / CSV files of the same shape, or a folder of them.
 *
 * Bad rows are never guessed at: a missing uid or instruction and a
 * duplicate uid are InputErrors naming file, row and field; an unknown
 * category is an error too, or, with `unknownCategory: 'skip'`, a counted
 * skip listed with its place.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { OpenHubSourcesOptions } from '../data/hub/open.js';
import { InputError } from '../errors.js';
import { parseJsonlText } from '../jobs/index.js';

export const ARENA_DATASET = 'bigcode/autocodearena-v0';

/** The six categories of the published prompt set. */
export const ARENA_CATEGORIES = [
  'web_design', 'problem_solving', 'game_development', 'scientific_computing', 'creative_coding', 'diagram_creation',
] as const;

export interface ArenaPrompt {
  uid: string;
  instruction: string;
  category: string;
  /** `file#row N`, for messages. */
  origin: string;
}

export interface SkippedPrompt {
  file: string;
  row: number;
  field: string;
  reason: string;
}

export interface ArenaPrompts {
  prompts: ArenaPrompt[];
  skipped: SkippedPrompt[];
  byCategory: Record<string, number>;
}

export interface LoadPromptsOptions extends Partial<Omit<OpenHubSourcesOptions, 'dataset' | 'mode'>> {
  /** What an unknown category does: `error` (default) or `skip` (counted, listed). */
  unknownCategory?: 'error' | 'skip';
  /** Categories accepted besides the published six. */
  extraCategories?: readonly string[];
}

type RawRow = Record<string, unknown>;

function readRowsOfFile(file: string): RawRow[] {
  const ext = extname(file).toLowerCase();
  const text = readFileSync(file, 'utf8');
  if (ext === '.csv') {
    try {
      return parseCsv(text, { columns: true, skip_empty_lines: true, bom: true }) as RawRow[];
    } catch (err) {
      throw new InputError(`not a readable CSV (${(err as Error).message})`, { file }, { cause: err });
    }
  }
  const parsed = parseJsonlText(text.endsWith('\n') || text === '' ? text : `${text}\n`, file, (value, row) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError('a line must be a JSON object', { file, row });
    return value as RawRow;
  });
  if (parsed.invalid.length > 0) throw parsed.invalid[0]!;
  return parsed.values;
}

/** Files a local spec names: one .jsonl/.csv, or every one in a folder (sorted). */
function localFiles(spec: string): string[] {
  if (statSync(spec).isFile()) return [spec];
  const files = readdirSync(spec)
    .filter((n) => /\.(jsonl|csv)$/i.test(n))
    .sort()
    .map((n) => join(spec, n));
  if (files.length === 0) throw new InputError('no .jsonl or .csv prompt files in the folder', { file: spec });
  return files;
}

/** Checks rows and collects prompts; shared by local files and hub parquet. */
export function promptsFromRows(
  inputs: ReadonlyArray<{ file: string; rows: readonly RawRow[] }>,
  options: Pick<LoadPromptsOptions, 'unknownCategory' | 'extraCategories'> = {},
): ArenaPrompts {
  const known = new Set<string>([...ARENA_CATEGORIES, ...(options.extraCategories ?? [])]);
  const seen = new Map<string, string>();
  const out: ArenaPrompts = { prompts: [], skipped: [], byCategory: {} };
  for (const { file, rows } of inputs) {
    rows.forEach((row, i) => {
      const text = (field: string): string => {
        const v = row[field];
        if (typeof v !== 'string' || v.trim() === '') {
          throw new InputError(v === undefined || v === null ? 'missing' : 'must be a non-empty string', { file, row: i, field });
        }
        return v;
      };
      const uid = text('uid').trim();
      const instruction = text('instruction');
      const category = text('category').trim();
      const origin = `${file}#row ${i}`;
      const first = seen.get(uid);
      if (first !== undefined) throw new InputError(`duplicate uid "${uid}" (first at ${first})`, { file, row: i, field: 'uid' });
      if (!known.has(category)) {
        const reason = `unknown category "${category}" (known: ${[...known].join(', ')})`;
        if (options.unknownCategory === 'skip') {
          out.skipped.push({ file, row: i, field: 'category', reason });
          return;
        }
        throw new InputError(`${reason}; pass unknownCategory 'skip' (--skip-unknown-category) to count and skip such rows`, { file, row: i, field: 'category' });
      }
      seen.set(uid, origin);
      out.prompts.push({ uid, instruction, category, origin });
      out.byCategory[category] = (out.byCategory[category] ?? 0) + 1;
    });
  }
  return out;
}

/** Loads prompts from a local file or folder, or (an `owner/name` that is not a path) from the hub. */
export async function loadPrompts(spec: string = ARENA_DATASET, options: LoadPromptsOptions = {}): Promise<ArenaPrompts> {
  if (existsSync(spec)) {
    return promptsFromRows(localFiles(spec).map((file) => ({ file, rows: readRowsOfFile(file) })), options);
  }
  const [{ looksLikeHubId }, { openHubSources }, { readRawRows, parquetFileInfo }] = await Promise.all([
    import('../data/dataset.js'), import('../data/hub/open.js'), import('../data/parquet.js'),
  ]);
  if (!looksLikeHubId(spec)) throw new InputError('no such file or folder, and not a hub dataset id (owner/name)', { file: spec });
  const { unknownCategory, extraCategories, ...hub } = options;
  const sources = await openHubSources({ ...hub, dataset: spec, mode: 'download' });
  // The train split only: its files are data/train-*.parquet.
  const train = sources.filter((s) => /(^|\/)train[-.]/.test(s.path.split('/').pop() ?? ''));
  if (train.length === 0) throw new InputError(`no train split (data/train-*.parquet) among ${sources.map((s) => s.path).join(', ')}`, { file: spec });
  const inputs = [];
  for (const source of train) {
    const info = await parquetFileInfo(source);
    for (const c of ['uid', 'instruction', 'category']) {
      if (!info.columns.includes(c)) throw new InputError(`no "${c}" column`, { file: source.name, field: c });
    }
    inputs.push({ file: source.path, rows: await readRawRows(source, { columns: ['uid', 'instruction', 'category'] }) });
  }
  return promptsFromRows(inputs, { ...(unknownCategory ? { unknownCategory } : {}), ...(extraCategories ? { extraCategories } : {}) });
}
