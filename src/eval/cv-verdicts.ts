/**
 * The learned judge's out-of-fold predictions as verdict records, so the
 * cross-validated judge is scored by the same `agreementReport` as every
 * other judge. Each record was predicted by a model that never saw it.
 * The 3-class scheme's merged "uncertain" is reported as the verdict `tie`
 * (as `LearnedJudge` does): score it in the 3-class space.
 */
import type { VerdictLabel, VerdictRecord } from '../data/verdict.js';
import type { CrossValidationReport } from './learned-cv.js';

export function crossValidatedVerdicts(report: CrossValidationReport, judge = `learned:${report.train.model} (${report.folds}-fold CV)`): VerdictRecord[] {
  const out: VerdictRecord[] = [];
  for (const p of report.predictions) {
    for (const [mode, label] of Object.entries(p.predicted) as [VerdictRecord['mode'], string][]) {
      out.push({ id: p.id, judge, mode, order: 'AB', verdict: (label === 'uncertain' ? 'tie' : label) as VerdictLabel });
    }
  }
  return out;
}
