/**
 * Any pairwise-vote file (CSV/TSV via csv-parse, or JSONL) -> `Battle[]`,
 * through a column mapping that says which columns hold the two contestants
 * and the winner, and which winner labels mean left / right / tie / both bad.
 * The file is checked against the mapping before any row is read, and every
 * bad row names the file, the 0-based data row and the column.
 *
 * Files are streamed (strict UTF-8, see utf8-blocks.ts) and only the mapped
 * columns are kept, with names interned, so a vote file of gigabytes loads in
 * memory proportional to its battles, not to its text.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { basename, extname } from 'node:path';
import { CsvError, parse, type Info } from 'csv-parse';
import { ConfigError, InputError } from '../errors.js';
import type { Battle, Outcome } from './comparison.js';
import { jsonlObjects, utf8ByteBlocks } from './utf8-blocks.js';

type Labels = string | readonly string[];

export interface VoteLabels {
  left: Labels;
  right: Labels;
  tie?: Labels;
  both_bad?: Labels;
}

export interface VoteColumnMapping {
  /** Column holding the left / first contestant (becomes `Battle.left`, outcome 'A'). */
  left: string;
  /** Column holding the right / second contestant (`Battle.right`, outcome 'B'). */
  right: string;
  /** Column holding the winner label. */
  winner: string;
  labels: VoteLabels;
  /** Optional columns for the item (prompt / pair id) and the rater (worker / judge). */
  item?: string;
  rater?: string;
}

/** LLMFAO crowd file (`crowd-comparisons.csv`): `left`/`right` are model names, `winner` is left/right/tie. */
export const LLMFAO_MAPPING: VoteColumnMapping = {
  left: 'left',
  right: 'right',
  winner: 'winner',
  labels: { left: 'left', right: 'right', tie: 'tie' },
  item: 'id',
  rater: 'worker',
};

/** LLMFAO judge files (`gpt4-crowd-comparisons.csv`, `gpt3-...`): as the crowd file, without a worker column. */
export const LLMFAO_JUDGE_MAPPING: VoteColumnMapping = { ...LLMFAO_MAPPING, rater: undefined };

/** evalica's test files (`simple.csv`, `food.csv`): `left,right,winner` with left/right/tie. */
export const EVALICA_MAPPING: VoteColumnMapping = {
  left: 'left',
  right: 'right',
  winner: 'winner',
  labels: { left: 'left', right: 'right', tie: 'tie' },
};

/** BigCodeReward rows flattened to a table (e.g. a CSV export of the metrics columns). */
export const BIGCODEREWARD_MAPPING: VoteColumnMapping = {
  left: 'model_A',
  right: 'model_B',
  winner: 'human_vote',
  labels: { left: 'vote_model_A', right: 'vote_model_B', tie: 'vote_tie', both_bad: 'vote_both_bad' },
  item: 'chat_session_id',
};

export type VotesFormat = 'csv' | 'tsv' | 'jsonl';

/**
 * What to do with a row the mapping cannot read: a winner value that means
 * "the rater failed" (`garbage`, `-1`, an empty field) or any other unknown
 * label, or an empty contestant. `error` (default) stops at the first such
 * row; `skip` leaves it out, counts it and lists it (see `readVotes`).
 */
export type InvalidPolicy = 'error' | 'skip';
export const INVALID_POLICIES: readonly InvalidPolicy[] = ['error', 'skip'];

export interface ReadVotesOptions {
  /** Default: from the extension (.csv, .tsv, .jsonl/.ndjson). */
  format?: VotesFormat;
  /** Default `error`. */
  invalid?: InvalidPolicy;
  /**
   * Keep only rows whose column equals one of the given values (trimmed
   * text), e.g. `{ turn: '1' }` for one turn of a multi-turn set. A named
   * column the file lacks is an error before any row.
   */
  where?: Readonly<Record<string, string | readonly string[]>>;
  /**
   * Columns taken from the file's base name: the named groups of this
   * pattern become columns of every row (a column the file also has keeps
   * the file's value). A name the pattern does not match is an error.
   * E.g. `(?<left>[^_]+)_vs_(?<right>[^.]+)\.csv` for `gpt-4_vs_llama.csv`.
   */
  fromFilename?: RegExp | string;
}

/** A row left out under `invalid: 'skip'`. */
export interface SkippedVote {
  /** 0-based data row (header excluded; JSONL: 0-based object). */
  row: number;
  /** 1-based line where the row starts. */
  line?: number;
  field: string;
  /** The raw value ('' for an empty field). */
  value: string;
  problem: string;
}

export interface VotesRead {
  battles: Battle[];
  /** Rows left out under `invalid: 'skip'`, in file order. */
  skipped: SkippedVote[];
  /** Rows left out by `where`. */
  filteredOut: number;
}

const MAPPING_KEYS = ['left', 'right', 'tie', 'both_bad'] as const;
type LabelKey = (typeof MAPPING_KEYS)[number];

/**
 * Parses "left=a,right=b,tie=t,tie=T,both_bad=x" over `defaults`: the first
 * value of a key replaces its default, and a key given again ADDS a value
 * (several raw values mean one class), so `tie=0,tie=Tie` maps both.
 */
export function parseVoteLabels(text: string | undefined, defaults: VoteLabels = { left: 'left', right: 'right', tie: 'tie' }): VoteLabels {
  if (text === undefined) return { ...defaults };
  const given = new Map<LabelKey, string[]>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (eq < 0 || !(MAPPING_KEYS as readonly string[]).includes(key) || value === '') {
      throw new ConfigError(`--labels: expected key=value pairs with keys ${MAPPING_KEYS.join(', ')}; got "${part}"`);
    }
    const list = given.get(key as LabelKey) ?? [];
    list.push(value);
    given.set(key as LabelKey, list);
  }
  const labels: VoteLabels = { ...defaults };
  for (const [key, values] of given) labels[key] = values.length === 1 ? values[0]! : values;
  return labels;
}

/** The named groups of `pattern` matched against the base name of `path`. */
export function columnsFromFilename(path: string, pattern: RegExp | string): Record<string, string> {
  let re: RegExp;
  try {
    re = typeof pattern === 'string' ? new RegExp(pattern) : pattern;
  } catch (err) {
    throw new ConfigError(`--from-filename: not a valid regular expression: ${(err as Error).message}`);
  }
  const name = basename(path);
  const match = re.exec(name);
  if (!match) throw new InputError(`the file name "${name}" does not match the --from-filename pattern ${re.source}`, { file: path });
  const groups = match.groups ?? {};
  if (Object.keys(groups).length === 0) throw new ConfigError(`--from-filename: the pattern ${re.source} has no named group (?<column>...)`);
  const columns: Record<string, string> = {};
  for (const [k, v] of Object.entries(groups)) if (v !== undefined) columns[k] = v;
  return columns;
}

/** label -> outcome; a label claimed by two outcomes is a mapping mistake. */
export function labelTable(labels: VoteLabels): Map<string, Outcome> {
  const table = new Map<string, Outcome>();
  const entries: [Outcome, Labels | undefined][] = [
    ['A', labels.left],
    ['B', labels.right],
    ['tie', labels.tie],
    ['both_bad', labels.both_bad],
  ];
  for (const [outcome, given] of entries) {
    if (given === undefined) continue;
    for (const label of typeof given === 'string' ? [given] : given) {
      const previous = table.get(label);
      if (previous && previous !== outcome) {
        throw new ConfigError(`vote mapping: label "${label}" is given for both ${previous} and ${outcome}`);
      }
      table.set(label, outcome);
    }
  }
  if (table.size === 0) throw new ConfigError('vote mapping: no winner labels given');
  return table;
}

function mappedColumns(mapping: VoteColumnMapping): string[] {
  const cols = [mapping.left, mapping.right, mapping.winner, mapping.item, mapping.rater].filter(
    (c): c is string => c !== undefined,
  );
  for (const c of cols) if (c.trim() === '') throw new ConfigError('vote mapping: a column name is empty');
  return cols;
}

const cellText = (v: unknown): string | null =>
  v === null || v === undefined ? null : typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;

/**
 * Turns records into battles one at a time: checks each against the mapping
 * and interns the strings, so a million battles between ten models hold ten
 * model names, not two million copies.
 */
class BattleBuilder {
  private readonly labels: Map<string, Outcome>;
  private readonly columns: string[];
  private readonly names = new Map<string, string>();
  private readonly where: [string, Set<string>][];
  private readonly fixed: [string, string][];
  private readonly skip: boolean;
  /** 0-based index of the data row being read (every row, kept or not). */
  row = 0;
  readonly skipped: SkippedVote[] = [];
  filteredOut = 0;

  constructor(
    private readonly mapping: VoteColumnMapping,
    private readonly file: string,
    options: ReadVotesOptions = {},
  ) {
    this.labels = labelTable(mapping.labels);
    this.where = Object.entries(options.where ?? {}).map(([c, v]) => {
      if (c.trim() === '') throw new ConfigError('--where: a column name is empty');
      return [c, new Set(typeof v === 'string' ? [v] : v)];
    });
    this.fixed = options.fromFilename === undefined ? [] : Object.entries(columnsFromFilename(file, options.fromFilename));
    const policy = options.invalid ?? 'error';
    if (!INVALID_POLICIES.includes(policy)) throw new ConfigError(`--invalid must be error or skip, got "${String(policy)}"`);
    this.skip = policy === 'skip';
    const fromName = new Set(this.fixed.map(([c]) => c));
    const needed = [...mappedColumns(mapping), ...this.where.map(([c]) => c)];
    // Columns the file name supplies are not read from the file.
    this.columns = [...new Set(needed)].filter((c) => !fromName.has(c));
  }

  /** The columns a record needs; a header without one of them is an error before any row. */
  checkHeader(header: readonly string[]): void {
    for (const c of this.columns) {
      if (!header.includes(c)) {
        throw new InputError(`the mapping names column "${c}", which the file does not have (columns: ${header.join(', ')})`, {
          file: this.file,
          field: c,
        });
      }
    }
  }

  get wanted(): readonly string[] {
    return this.columns;
  }

  /** The battle of one record, or null when the row is filtered out or skipped (see the options). */
  add(record: Record<string, unknown>, line?: number): Battle | null {
    for (const [column, value] of this.fixed) if (!(column in record)) record[column] = value;
    try {
      for (const [column, allowed] of this.where) {
        const value = this.cell(record, column, false, line);
        if (value === null || !allowed.has(value)) {
          this.filteredOut++;
          return null;
        }
      }
      return this.build(record, line);
    } catch (err) {
      if (!this.skip || !(err instanceof SkippableRow)) throw err instanceof SkippableRow ? err.error : err;
      this.skipped.push({ row: this.row, ...(line === undefined ? {} : { line }), field: err.error.field!, value: err.value, problem: err.problem });
      return null;
    } finally {
      this.row++;
    }
  }

  private build(record: Record<string, unknown>, line: number | undefined): Battle {
    const { mapping } = this;
    const left = this.cell(record, mapping.left, true, line)!;
    const right = this.cell(record, mapping.right, true, line)!;
    const label = this.cell(record, mapping.winner, true, line)!;
    const outcome = this.labels.get(label);
    if (!outcome) {
      const known = [...this.labels.keys()].join(', ');
      const problem = `unknown winner label "${label}" (the mapping knows: ${known})`;
      throw new SkippableRow(this.error(problem, mapping.winner, line), label, problem);
    }
    const battle: Battle = { left, right, outcome };
    if (mapping.item !== undefined) battle.item = this.cell(record, mapping.item, false, line) ?? undefined;
    if (mapping.rater !== undefined) battle.rater = this.cell(record, mapping.rater, false, line) ?? undefined;
    return battle;
  }

  /** One mapped cell, trimmed and interned. A method, not a closure per record: this runs millions of times. */
  private cell(record: Record<string, unknown>, column: string, required: boolean, line: number | undefined): string | null {
    const value = record[column];
    if (value === undefined && !(column in record)) throw this.error('missing field (named by the vote mapping)', column, line);
    const text = cellText(value);
    if (required && (text === null || text === '')) throw new SkippableRow(this.error('empty value', column, line), '', 'empty value');
    return text === null ? null : this.intern(text);
  }

  private error(problem: string, field: string, line: number | undefined): InputError {
    const at = line === undefined ? '' : ` (line ${line})`;
    return new InputError(`${problem}${at}`, { file: this.file, row: this.row, field });
  }

  private intern(text: string): string {
    let kept = this.names.get(text);
    if (kept === undefined) {
      // Bounded: item ids are mostly unique, and keeping them all would only cost memory.
      if (this.names.size >= 100_000) return text;
      kept = text;
      this.names.set(kept, kept);
    }
    return kept;
  }
}

/** A bad value in one row: an error under `invalid: 'error'`, a listed skip under 'skip'. */
class SkippableRow extends Error {
  constructor(
    readonly error: InputError,
    readonly value: string,
    readonly problem: string,
  ) {
    super(error.message);
  }
}

/**
 * Records (objects keyed by column) -> battles. `header`, when known (CSV),
 * is checked against the mapping first; otherwise each record is checked.
 */
export function battlesFromRecords(
  records: Iterable<Record<string, unknown>>,
  mapping: VoteColumnMapping,
  file: string,
  header?: readonly string[],
): Battle[] {
  const builder = new BattleBuilder(mapping, file);
  if (header) builder.checkHeader(header);
  const battles: Battle[] = [];
  for (const record of records) {
    const battle = builder.add(record);
    if (battle) battles.push(battle);
  }
  return battles;
}

function formatFromPath(path: string): VotesFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  throw new InputError('cannot tell the format from the extension: pass --format csv, tsv or jsonl', { file: path });
}

/**
 * Writes the UTF-8-checked bytes of `path` into `parser`, waiting when it is
 * full (so memory stays bounded); a read or decoding error destroys the
 * parser with that error, which its reader then sees.
 */
async function feed(path: string, parser: Writable, signal: AbortSignal): Promise<void> {
  try {
    for await (const block of utf8ByteBlocks(path)) {
      if (signal.aborted) return;
      if (!parser.write(block.bytes)) await once(parser, 'drain', { signal });
    }
    parser.end();
  } catch (err) {
    if (!signal.aborted) parser.destroy(err as Error);
  }
}

const csvOptions = (delimiter: string) => ({ delimiter, bom: true, skip_empty_lines: true }) as const;

/**
 * Parses `path` as delimited text, handing each record (header included) to
 * `onRecord`; csv-parse is fed block by block, so memory stays bounded.
 */
async function eachRecord(
  path: string,
  delimiter: string,
  info: boolean,
  onRecord: (record: string[], lines: number) => boolean | void,
): Promise<void> {
  const parser = parse({ ...csvOptions(delimiter), info });
  const stop = new AbortController();
  const feeding = feed(path, parser, stop.signal);
  try {
    // 'data' events, not async iteration: a promise per record costs a third of the parsing time.
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (err?: unknown) => {
        if (settled) return;
        settled = true;
        if (err === undefined) resolve();
        else reject(err as Error);
      };
      parser.on('data', (item: string[] | { record: string[]; info: Info }) => {
        if (settled) return;
        try {
          const done = Array.isArray(item) ? onRecord(item, 0) : onRecord(item.record, item.info.lines);
          if (done === true) finish();
        } catch (err) {
          finish(err);
        }
      });
      parser.on('error', finish);
      parser.on('end', () => finish());
    });
  } finally {
    stop.abort();
    parser.destroy();
    await feeding;
  }
}

/**
 * The 1-based line where record `index` (0 = header) starts: a second pass
 * with csv-parse's per-record info, taken only after something went wrong
 * (the info costs half the parsing speed). A record starts on the line after
 * the one the previous record ended on.
 */
async function recordStartLine(path: string, delimiter: string, index: number): Promise<number> {
  let lastEnd = 0;
  let seen = 0;
  try {
    await eachRecord(path, delimiter, true, (_record, lines) => {
      if (seen++ === index) return true;
      lastEnd = lines;
      return false;
    });
  } catch {
    // The record that failed the first pass fails this one too: lastEnd is the line before it.
  }
  return lastEnd + 1;
}

/** The 1-based start line of each of the given data rows (0-based, header excluded): one extra pass, only for skipped rows. */
async function rowStartLines(path: string, delimiter: string, rows: ReadonlySet<number>): Promise<Map<number, number>> {
  const lines = new Map<number, number>();
  let lastEnd = 0;
  let index = -1; // -1 = the header
  await eachRecord(path, delimiter, true, (_record, end) => {
    if (rows.has(index)) lines.set(index, lastEnd + 1);
    lastEnd = end;
    index++;
    return lines.size === rows.size;
  });
  return lines;
}

async function readDelimited(path: string, delimiter: string, builder: BattleBuilder): Promise<Battle[]> {
  const battles: Battle[] = [];
  let header: string[] | undefined;
  let picks: [string, number][] = [];
  try {
    await eachRecord(path, delimiter, false, (record) => {
      if (!header) {
        header = record.map((h) => h.trim());
        builder.checkHeader(header);
        picks = builder.wanted.map((c) => [c, header!.indexOf(c)]);
        return;
      }
      const fields: Record<string, string> = {};
      for (const [column, index] of picks) fields[column] = record[index] ?? '';
      const battle = builder.add(fields);
      if (battle) battles.push(battle);
    });
  } catch (err) {
    if (err instanceof CsvError) {
      const start = await recordStartLine(path, delimiter, builder.row + (header ? 1 : 0));
      const at = (err as CsvError & { lines?: number }).lines;
      const where = at !== undefined && at !== start ? ` (noticed at line ${at})` : '';
      // csv-parse names the line where it gave up; for an open quote that is the end of the file.
      const problem = err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field that opens in this record is never closed' : err.message;
      throw new InputError(`malformed CSV at line ${start}, where the record starts${where}: ${problem}`, { file: path, row: builder.row }, { cause: err });
    }
    if (err instanceof InputError && err.row !== undefined && header) {
      // A bad value: say on which line its record starts, so an editor can jump there.
      const start = await recordStartLine(path, delimiter, err.row + 1);
      throw new InputError(`${err.problem} (line ${start})`, { file: err.file, row: err.row, field: err.field }, { cause: err });
    }
    throw err;
  }
  if (!header) throw new InputError('empty file: no header row', { file: path });
  if (builder.skipped.length > 0) {
    const lines = await rowStartLines(path, delimiter, new Set(builder.skipped.map((s) => s.row)));
    for (const s of builder.skipped) s.line = lines.get(s.row);
  }
  if (battles.length === 0) throw noVotes(path, builder, 'the file has a header row and no data rows');
  return battles;
}

/** No battle at all: say whether the rows were filtered out or skipped. */
function noVotes(path: string, builder: BattleBuilder, plain: string): InputError {
  if (builder.row === 0) return new InputError(`no votes: ${plain}`, { file: path });
  return new InputError(
    `no votes: of ${builder.row} rows, ${builder.filteredOut} were left out by --where and ${builder.skipped.length} skipped as invalid`,
    { file: path },
  );
}

async function readJsonl(path: string, builder: BattleBuilder): Promise<Battle[]> {
  const battles: Battle[] = [];
  for await (const { value, line } of jsonlObjects(path, () => builder.row)) {
    const battle = builder.add(value, line);
    if (battle) battles.push(battle);
  }
  if (battles.length === 0) {
    if (builder.row === 0) throw new InputError('empty file: no votes', { file: path });
    throw noVotes(path, builder, '');
  }
  return battles;
}

/**
 * Reads a vote file through a column mapping, streaming it, with the rows
 * left out: skipped as invalid (`invalid: 'skip'`, each with its row and
 * line) and filtered out by `where`.
 */
export async function readVotes(path: string, mapping: VoteColumnMapping, options: ReadVotesOptions = {}): Promise<VotesRead> {
  const format = options.format ?? formatFromPath(path);
  const builder = new BattleBuilder(mapping, path, options);
  const battles = format === 'jsonl' ? await readJsonl(path, builder) : await readDelimited(path, format === 'tsv' ? '\t' : ',', builder);
  return { battles, skipped: builder.skipped, filteredOut: builder.filteredOut };
}

/** Reads a vote file through a column mapping, streaming it (the battles only; see `readVotes`). */
export async function readVotesFile(path: string, mapping: VoteColumnMapping, options: ReadVotesOptions = {}): Promise<Battle[]> {
  return (await readVotes(path, mapping, options)).battles;
}
