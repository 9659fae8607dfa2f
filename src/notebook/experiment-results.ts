/**
 * Verdicts written in the layout of `bigcode/bigcodereward-experiment-results`
 * (`default/<judge>_<with|without>_execution/0000.jsonl`, one
 * `{chat_session_id, judgment}` per line), so a notebook can run the same
 * loader (`loadPublishedVerdicts`) on the sample that it runs on the
 * published verdicts. Only order AB is written: the published run never
 * swapped the sides.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPERIMENT_RESULTS_CONFIG, splitName } from '../data/published-verdicts.js';
import type { VerdictLabel, VerdictRecord } from '../data/verdict.js';

const JUDGMENTS: Readonly<Record<VerdictLabel, string>> = {
  A: 'vote_model_A',
  B: 'vote_model_B',
  tie: 'vote_tie',
  both_bad: 'vote_both_bad',
  // The published files hold an empty judgment where the judge failed; the loader reads it back as an error.
  error: '',
};

/** Writes one split per judge and mode; returns the folder to pass to `loadPublishedVerdicts`. */
export function writeExperimentResults(verdicts: readonly VerdictRecord[], dir: string): string {
  const splits = new Map<string, string[]>();
  for (const v of verdicts) {
    if (v.order !== 'AB') continue;
    const split = splitName(v.judge, v.mode);
    let lines = splits.get(split);
    if (!lines) splits.set(split, (lines = []));
    lines.push(JSON.stringify({ chat_session_id: v.id, judgment: JUDGMENTS[v.verdict] }));
  }
  for (const [split, lines] of splits) {
    const folder = join(dir, EXPERIMENT_RESULTS_CONFIG, split);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '0000.jsonl'), `${lines.join('\n')}\n`);
  }
  return dir;
}
