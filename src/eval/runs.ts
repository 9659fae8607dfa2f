/**
 * Two runs side by side: how often their verdicts agree, per mode and order
 * (matching records by id, since the judges usually differ), and with human
 * votes each run's accuracy on the records both judged.
 *
 * Every reader here applies the results-file rule: the last line per
 * (id, judge, mode, order) wins.
 */
import { existsSync } from 'node:fs';
import { OUTCOMES, type Outcome } from '../data/comparison.js';
import type { JudgeMode, Order, VerdictLabel, VerdictRecord } from '../data/verdict.js';
import { InputError } from '../errors.js';
import { readResultsFile } from '../judge/runner/results.js';
import { cohenKappa } from '../stats/agreement.js';
import { agreementReport } from './agreement.js';

function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)].sort();
}

export interface RunAgreementRow {
  mode: JudgeMode;
  order: Order;
  /** Records with a parsed verdict in both runs. */
  both: number;
  agree: number;
  /** agree / both (NaN when nothing to compare). */
  agreement: number;
  /** Cohen's kappa between the two runs' verdicts (4 classes). */
  kappa: number;
  /** Records answered in one run only (either side), or with an error in either run. */
  onlyA: number;
  onlyB: number;
  errorsA: number;
  errorsB: number;
  /** With human votes: accuracy (4 classes, ties kept) of each run on the `both` records. */
  accuracyA?: number;
  accuracyB?: number;
}

export interface RunComparison {
  a: { file: string; judges: string[] };
  b: { file: string; judges: string[] };
  rows: RunAgreementRow[];
  /** Why accuracy is absent, when it is. */
  note?: string;
}

type Slot = Map<string, VerdictLabel>;

function slots(lines: Iterable<VerdictRecord>): Map<string, Slot> {
  const out = new Map<string, Slot>();
  for (const r of lines) {
    const k = `${r.mode}|${r.order}`;
    let m = out.get(k);
    if (!m) out.set(k, (m = new Map()));
    m.set(r.id, r.verdict);
  }
  return out;
}

function accuracyOf(human: ReadonlyMap<string, Outcome>, ids: readonly string[], verdicts: Slot, mode: JudgeMode, order: Order): number {
  const records = ids.map((id) => ({ id, judge: 'run', mode, order, verdict: verdicts.get(id)! }));
  const report = agreementReport(human, records);
  return report.rows[0]?.withTies.fourClass.accuracy ?? NaN;
}

/**
 * Agreement between two runs, per (mode, order) present in both, matching
 * records by id (the judges usually differ, so judge names are not matched).
 */
export function compareRuns(fileA: string, fileB: string, human?: ReadonlyMap<string, Outcome>): RunComparison {
  // readResultsFile treats a missing file as an empty run (right for resuming, wrong here: it would compare nothing).
  for (const file of [fileA, fileB]) if (!existsSync(file)) throw new InputError('results file not found', { file });
  const a = readResultsFile(fileA);
  const b = readResultsFile(fileB);
  const sa = slots(a.latest.values());
  const sb = slots(b.latest.values());
  const rows: RunAgreementRow[] = [];
  for (const [k, va] of [...sa.entries()].sort(([x], [y]) => x.localeCompare(y))) {
    const vb = sb.get(k);
    if (!vb) continue;
    const [mode, order] = k.split('|') as [JudgeMode, Order];
    const both: string[] = [];
    const errorsA = [...va.values()].filter((v) => v === 'error').length;
    const errorsB = [...vb.values()].filter((v) => v === 'error').length;
    for (const [id, v] of va) {
      const w = vb.get(id);
      if (v !== 'error' && w !== undefined && w !== 'error') both.push(id);
    }
    const ya = both.map((id) => va.get(id)!);
    const yb = both.map((id) => vb.get(id)!);
    const agree = ya.filter((v, i) => v === yb[i]).length;
    const row: RunAgreementRow = {
      mode, order, both: both.length, agree,
      agreement: both.length ? agree / both.length : NaN,
      kappa: both.length ? cohenKappa(ya, yb, { labels: OUTCOMES }) : NaN,
      onlyA: [...va.keys()].filter((id) => !vb.has(id)).length,
      onlyB: [...vb.keys()].filter((id) => !va.has(id)).length,
      errorsA, errorsB,
    };
    if (human) {
      const judged = both.filter((id) => human.has(id));
      row.accuracyA = accuracyOf(human, judged, va, mode, order);
      row.accuracyB = accuracyOf(human, judged, vb, mode, order);
    }
    rows.push(row);
  }
  const judgesOf = (r: typeof a) => distinct([...r.latest.values()].map((x) => x.judge));
  return {
    a: { file: fileA, judges: judgesOf(a) },
    b: { file: fileB, judges: judgesOf(b) },
    rows,
    ...(human ? {} : { note: 'accuracy against human votes needs the dataset (pass --dataset)' }),
  };
}
