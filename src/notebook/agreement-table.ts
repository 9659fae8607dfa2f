/** An agreement report flattened to one row per judge x mode x order, for `showTable`. */
import type { AgreementReport } from '../eval/agreement.js';

export interface AgreementTableRow {
  judge: string;
  mode: string;
  order: string;
  n: number;
  errors: number;
  accuracy: number;
  'macro-F1': number;
  kappa: number;
  MCC: number;
  'accuracy (3-class)': number;
  'macro-F1 (3-class)': number;
  'accuracy (no ties)': number;
  'macro-F1 (no ties)': number;
  'kappa (no ties)': number;
  'MCC (no ties)': number;
}

/** With ties: 4 classes (and the 3-class merge); without ties: decisive human votes, 4-class labels. */
export function agreementTable(report: AgreementReport): AgreementTableRow[] {
  return report.rows.map((r) => ({
    judge: r.judge,
    mode: r.mode,
    order: r.order,
    n: r.counts.n,
    errors: r.counts.errors,
    accuracy: r.withTies.fourClass.accuracy,
    'macro-F1': r.withTies.fourClass.macroF1,
    kappa: r.withTies.fourClass.kappa,
    MCC: r.withTies.fourClass.mcc,
    'accuracy (3-class)': r.withTies.threeClass.accuracy,
    'macro-F1 (3-class)': r.withTies.threeClass.macroF1,
    'accuracy (no ties)': r.noTies.fourClass.accuracy,
    'macro-F1 (no ties)': r.noTies.fourClass.macroF1,
    'kappa (no ties)': r.noTies.fourClass.kappa,
    'MCC (no ties)': r.noTies.fourClass.mcc,
  }));
}
