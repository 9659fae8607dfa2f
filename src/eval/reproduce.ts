/**
 * The paper's judge table, reproduced from verdicts (published or our own):
 * per judge, accuracy and macro-F1 in the paper's definition (3 classes,
 * both_bad merged into tie, over valid judgments joined to a human vote)
 * without and with execution output, overall and per topic, with the
 * published numbers beside ours. Scores come from `agreementReport`; all
 * numbers here are percentages, as the paper prints them.
 */
import type { Comparison } from '../data/comparison.js';
import { sliceBy } from '../data/slices.js';
import type { JudgeMode } from '../data/verdict.js';
import { agreementReport, type AgreementRow, type VerdictLike } from './agreement.js';
import { paperJudgeName, type PaperEntry, type PaperScore } from './reproduce-paper.js';

export const OVERALL = 'overall';

/** One judge x mode on one topic, as we compute it. */
export interface ReproducedScore {
  /** Percent; NaN when nothing was scored. */
  accuracy: number;
  macroF1: number;
  /** Valid judgments joined to a human vote. */
  n: number;
  /** Judgments joined to a human vote that failed or had an unknown label (excluded). */
  errors: number;
}

export interface ReproduceRow {
  /** The judge as the verdicts name it. */
  judge: string;
  /** The paper's name for it; absent when it is not in the paper (no published numbers). */
  paperJudge?: string;
  topic: string;
  /** Absent when the verdicts have no such mode for this judge. */
  codeOnly?: ReproducedScore;
  withOutput?: ReproducedScore;
  /** with-output minus code-only, percentage points (both modes present). */
  gain?: PaperScore;
  published?: PaperEntry;
  /** Ours minus published, percentage points, per mode present on both sides. */
  diff?: { codeOnly?: PaperScore; withOutput?: PaperScore; gain?: PaperScore };
}

export interface ReproduceReport {
  /** Human votes the verdicts were joined to. */
  humanVotes: number;
  /** Verdicts whose id is in no record of the dataset (not scored). */
  unmatchedVerdicts: number;
  /** Overall rows first (one per judge), then per-topic rows by judge and topic. */
  rows: ReproduceRow[];
}

const pct = (v: number) => v * 100;

function score(row: AgreementRow | undefined): ReproducedScore | undefined {
  if (!row) return undefined;
  const m = row.withTies.threeClass;
  return { accuracy: pct(m.accuracy), macroF1: pct(m.macroF1), n: m.n, errors: row.counts.errors };
}

const minus = (a: PaperScore, b: PaperScore): PaperScore => ({ accuracy: a.accuracy - b.accuracy, macroF1: a.macroF1 - b.macroF1 });

function rowsOf(human: ReadonlyMap<string, Comparison['vote']>, verdicts: readonly VerdictLike[], topic: string, paper: readonly PaperEntry[]): ReproduceRow[] {
  const report = agreementReport(human, verdicts.filter((v) => v.order === 'AB'));
  const judges = [...new Set(report.rows.map((r) => r.judge))];
  const paperJudges = [...new Set(paper.map((p) => p.judge))];
  const find = (judge: string, mode: JudgeMode) => report.rows.find((r) => r.judge === judge && r.mode === mode);
  return judges.map((judge): ReproduceRow => {
    const codeOnly = score(find(judge, 'code-only'));
    const withOutput = score(find(judge, 'with-output'));
    const paperJudge = paperJudgeName(judge, paperJudges);
    const published = paperJudge ? paper.find((p) => p.judge === paperJudge && p.topic === topic) : undefined;
    const row: ReproduceRow = { judge, topic, ...(paperJudge ? { paperJudge } : {}), ...(codeOnly ? { codeOnly } : {}), ...(withOutput ? { withOutput } : {}) };
    if (codeOnly && withOutput) row.gain = minus(withOutput, codeOnly);
    if (published) {
      row.published = published;
      row.diff = {
        ...(codeOnly ? { codeOnly: minus(codeOnly, published.codeOnly) } : {}),
        ...(withOutput ? { withOutput: minus(withOutput, published.withOutput) } : {}),
        ...(row.gain ? { gain: minus(row.gain, minus(published.withOutput, published.codeOnly)) } : {}),
      };
    }
    return row;
  });
}

/**
 * The reproduced table: overall, then per topic (`Comparison.topic`, the
 * dataset's `category_name`). Only order-AB verdicts count, as the published
 * run never swapped. `paper` may be empty (no published numbers).
 */
export function reproduceTable(comparisons: readonly Comparison[], verdicts: readonly VerdictLike[], paper: readonly PaperEntry[]): ReproduceReport {
  const human = new Map(comparisons.map((c) => [c.id, c.vote] as const));
  const ids = new Set(human.keys());
  const rows = rowsOf(human, verdicts, OVERALL, paper);
  const topics = [...sliceBy(comparisons, 'topic')].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const perTopic: ReproduceRow[] = [];
  for (const [topic, group] of topics) {
    const inTopic = new Set(group.map((c) => c.id));
    perTopic.push(...rowsOf(new Map(group.map((c) => [c.id, c.vote] as const)), verdicts.filter((v) => inTopic.has(v.id)), topic, paper));
  }
  perTopic.sort((a, b) => (a.judge < b.judge ? -1 : a.judge > b.judge ? 1 : 0));
  return { humanVotes: human.size, unmatchedVerdicts: verdicts.filter((v) => !ids.has(v.id)).length, rows: [...rows, ...perTopic] };
}
