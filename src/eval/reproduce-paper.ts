/**
 * The published judge table (arXiv 2510.08697 v2, Table 2 accuracy and
 * Table 6 macro-F1), shipped in `data/bigcodereward-paper/`, loaded with a
 * schema, and the rule that maps a split's judge name to the paper's name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { packageRoot } from '../data/dataset.js';
import { InputError } from '../errors.js';

export const PAPER_TABLE_DIR = 'data/bigcodereward-paper';
export const PAPER_CITATION = 'BigCodeArena, arXiv 2510.08697 v2, Table 2 (accuracy) and Table 6 (macro-F1)';

/** Percentages as printed in the paper. */
export interface PaperScore {
  accuracy: number;
  macroF1: number;
}

export interface PaperEntry {
  judge: string;
  /** A `category_name`, or `overall`. */
  topic: string;
  codeOnly: PaperScore;
  withOutput: PaperScore;
}

const percent = z.coerce.number({ error: 'must be a number' }).min(0, { error: 'must be a percentage (0..100)' }).max(100, { error: 'must be a percentage (0..100)' });
const paperRowSchema = z.object({
  judge: z.string().min(1, { error: 'must not be empty' }),
  topic: z.string().min(1, { error: 'must not be empty' }),
  without_execution: percent,
  with_execution: percent,
});
type PaperRow = z.infer<typeof paperRowSchema>;

function readTable(file: string): Map<string, PaperRow> {
  const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  const out = new Map<string, PaperRow>();
  records.forEach((record, i) => {
    const parsed = paperRowSchema.safeParse(record);
    // Rows are 0-based lines of the file: the header is row 0.
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InputError(issue.message, { file, row: i + 1, field: String(issue.path[0] ?? '') });
    }
    const key = `${parsed.data.judge}\u0000${parsed.data.topic}`;
    if (out.has(key)) throw new InputError(`judge ${parsed.data.judge}, topic ${parsed.data.topic} appears twice`, { file, row: i + 1, field: 'judge' });
    out.set(key, parsed.data);
  });
  return out;
}

/** The paper's table, one entry per judge x topic present in both files (a row in only one is an InputError). */
export function loadPaperTable(dir: string = join(packageRoot(), PAPER_TABLE_DIR)): PaperEntry[] {
  const acc = readTable(join(dir, 'accuracy.csv'));
  const f1 = readTable(join(dir, 'macro_f1.csv'));
  const entries: PaperEntry[] = [];
  for (const [key, a] of acc) {
    const m = f1.get(key);
    if (!m) throw new InputError(`judge ${a.judge}, topic ${a.topic} has no macro-F1 row`, { file: join(dir, 'macro_f1.csv'), field: 'judge' });
    entries.push({
      judge: a.judge,
      topic: a.topic,
      codeOnly: { accuracy: a.without_execution, macroF1: m.without_execution },
      withOutput: { accuracy: a.with_execution, macroF1: m.with_execution },
    });
  }
  for (const [key, m] of f1) {
    if (!acc.has(key)) throw new InputError(`judge ${m.judge}, topic ${m.topic} has no accuracy row`, { file: join(dir, 'accuracy.csv'), field: 'judge' });
  }
  return entries;
}

/**
 * A comparable form of a judge name: lower case, non-alphanumerics as `_`,
 * and a trailing release date (`_2024_11_20`, `_20250514`, `_2506`) or
 * `_instruct` / `_it` suffix dropped, since the splits use model ids and the
 * paper short names.
 */
export function judgeKey(name: string): string {
  let key = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
  for (;;) {
    const next = key.replace(/_(\d{4}_\d{2}_\d{2}|\d{8}|\d{4}|instruct|it)$/, '');
    if (next === key) return key;
    key = next;
  }
}

/**
 * The paper's name for a split's judge: the paper judge whose key equals the
 * split judge's key, or is its tail after an organisation prefix
 * (`OpenGVLab_InternVL3_78B` -> InternVL3-78B). Undefined when none or more
 * than one match: an unknown judge is shown without published numbers.
 */
export function paperJudgeName(judge: string, paperJudges: readonly string[]): string | undefined {
  const key = judgeKey(judge);
  const exact = paperJudges.filter((p) => judgeKey(p) === key);
  if (exact.length === 1) return exact[0];
  const tail = paperJudges.filter((p) => key.endsWith(`_${judgeKey(p)}`));
  return tail.length === 1 ? tail[0] : undefined;
}
