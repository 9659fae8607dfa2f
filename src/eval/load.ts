/**
 * What an evaluation starts from: the verdicts of one or more results files
 * (last line per key wins) and the human votes of a dataset.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Outcome } from '../data/comparison.js';
import { humanVotes } from '../data/human-votes.js';
import { JUDGE_MODES, type JudgeMode, type VerdictRecord } from '../data/verdict.js';
import { ConfigError, InputError } from '../errors.js';
import { latestByKey, parseResultsText } from '../judge/runner/results.js';

export interface VerdictFiles {
  /** The last line per (id, judge, mode, order) across all files, in order of first appearance. */
  verdicts: VerdictRecord[];
  /** Lines read, and lines replaced by a later line with the same key. */
  lines: number;
  replaced: number;
  /** Files whose last line was cut off (a run still writing or killed mid-line); that line is ignored. */
  cutOff: string[];
}

/** Reads results JSONL files; a bad line raises InputError with file, row and field. */
export function readVerdictFiles(files: readonly string[]): VerdictFiles {
  const all: VerdictRecord[] = [];
  const cutOff: string[] = [];
  for (const file of files) {
    if (!existsSync(file)) throw new InputError('results file not found', { file });
    const buf = readFileSync(file);
    const { lines, completeBytes } = parseResultsText(buf.toString('utf8'), file);
    if (completeBytes < buf.length) cutOff.push(file);
    all.push(...lines);
  }
  const latest = latestByKey(all);
  return { verdicts: [...latest.values()], lines: all.length, replaced: all.length - latest.size, cutOff };
}

export interface HumanVotes {
  /** id -> human vote; a repeated id is an input error (it would be scored twice). */
  votes: Map<string, Outcome>;
  /** What was read, for the header line. */
  name: string;
  synthetic: boolean;
}

export type HumanVoteLoader = (spec: string | undefined) => Promise<HumanVotes>;

/** Loads the votes through `openDataset` (bundled sample when no spec), reading only the analysis columns. */
export const loadHumanVotes: HumanVoteLoader = async (spec) => {
  // Loaded on demand: scoring verdicts that already have votes needs no dataset reader.
  const { openDataset } = await import('../data/dataset.js');
  const { METRICS_COLUMNS } = await import('../data/row.js');
  const dataset = await openDataset(spec);
  const comparisons = await dataset.loadComparisons({ columns: METRICS_COLUMNS });
  return { votes: humanVotes(comparisons), name: dataset.name, synthetic: dataset.synthetic };
};

export interface VerdictSelection {
  judge?: string;
  /** Checked against the known modes: a typo is a ConfigError, not an empty table. */
  mode?: string;
}

/** The verdicts of one judge and/or mode; none matching is a ConfigError listing what is present. */
export function selectVerdicts<V extends Pick<VerdictRecord, 'judge' | 'mode'>>(verdicts: readonly V[], selection: VerdictSelection): V[] {
  const { judge, mode } = selection;
  if (mode !== undefined && !(JUDGE_MODES as readonly string[]).includes(mode)) {
    throw new ConfigError(`--mode must be one of ${JUDGE_MODES.join(', ')}; got "${mode}"`);
  }
  const selected = verdicts.filter((v) => (judge === undefined || v.judge === judge) && (mode === undefined || v.mode === (mode as JudgeMode)));
  if (selected.length === 0) {
    const present = [...new Set(verdicts.map((v) => `${v.judge} (${v.mode})`))].sort().join(', ') || 'none';
    throw new ConfigError(`no verdicts match${judge ? ` --judge ${judge}` : ''}${mode ? ` --mode ${mode}` : ''}; present: ${present}`);
  }
  return selected;
}
