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
import { extname } from 'node:path';
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

export interface ReadVotesOptions {
  /** Default: from the extension (.csv, .tsv, .jsonl/.ndjson). */
  format?: VotesFormat;
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
  row = 0;

  constructor(
    private readonly mapping: VoteColumnMapping,
    private readonly file: string,
  ) {
    this.labels = labelTable(mapping.labels);
    this.columns = mappedColumns(mapping);
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

  add(record: Record<string, unknown>, line?: number): Battle {
    const { mapping } = this;
    const left = this.cell(record, mapping.left, true, line)!;
    const right = this.cell(record, mapping.right, true, line)!;
    const label = this.cell(record, mapping.winner, true, line)!;
    const outcome = this.labels.get(label);
    if (!outcome) {
      const known = [...this.labels.keys()].join(', ');
      throw this.error(`unknown winner label "${label}" (the mapping knows: ${known})`, mapping.winner, line);
    }
    const battle: Battle = { left, right, outcome };
    if (mapping.item !== undefined) battle.item = this.cell(record, mapping.item, false, line) ?? undefined;
    if (mapping.rater !== undefined) battle.rater = this.cell(record, mapping.rater, false, line) ?? undefined;
    this.row++;
    return battle;
  }

  /** One mapped cell, trimmed and interned. A method, not a closure per record: this runs millions of times. */
  private cell(record: Record<string, unknown>, column: string, required: boolean, line: number | undefined): string | null {
    const value = record[column];
    if (value === undefined && !(column in record)) throw this.error('missing field (named by the vote mapping)', column, line);
    const text = cellText(value);
    if (required && (text === null || text === '')) throw this.error('empty value', column, line);
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
  for (const record of records) battles.push(builder.add(record));
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
      battles.push(builder.add(fields));
    });
  } catch (err) {
    if (err instanceof CsvError) {
      const start = await recordStartLine(path, delimiter, battles.length + (header ? 1 : 0));
      const at = (err as CsvError & { lines?: number }).lines;
      const where = at !== undefined && at !== start ? ` (noticed at line ${at})` : '';
      // csv-parse names the line where it gave up; for an open quote that is the end of the file.
      const problem = err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted field that opens in this record is never closed' : err.message;
      throw new InputError(`malformed CSV at line ${start}, where the record starts${where}: ${problem}`, { file: path, row: battles.length }, { cause: err });
    }
    if (err instanceof InputError && err.row !== undefined && header) {
      // A bad value: say on which line its record starts, so an editor can jump there.
      const start = await recordStartLine(path, delimiter, err.row + 1);
      throw new InputError(`${err.problem} (line ${start})`, { file: err.file, row: err.row, field: err.field }, { cause: err });
    }
    throw err;
  }
  if (!header) throw new InputError('empty file: no header row', { file: path });
  if (battles.length === 0) throw new InputError('no votes: the file has a header row and no data rows', { file: path });
  return battles;
}

async function readJsonl(path: string, builder: BattleBuilder): Promise<Battle[]> {
  const battles: Battle[] = [];
  for await (const { value, line } of jsonlObjects(path, () => builder.row)) battles.push(builder.add(value, line));
  if (battles.length === 0) throw new InputError('empty file: no votes', { file: path });
  return battles;
}

/** Reads a vote file through a column mapping, streaming it. */
export async function readVotesFile(path: string, mapping: VoteColumnMapping, options: ReadVotesOptions = {}): Promise<Battle[]> {
  const format = options.format ?? formatFromPath(path);
  const builder = new BattleBuilder(mapping, path);
  if (format === 'jsonl') return readJsonl(path, builder);
  return readDelimited(path, format === 'tsv' ? '\t' : ',', builder);
}
