/**
 * The viewer's data from what the user names: a dataset (default the bundled
 * sample), optionally an executions file whose runs replace the recorded
 * ones, and optionally a run folder whose results files hold the verdicts.
 * Screenshots stay lazy: nothing reads their bytes until the page asks.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDataset } from '../data/dataset.js';
import type { VerdictRecord } from '../data/verdict.js';
import { InputError } from '../errors.js';
import { applyExecutions, readExecutions } from '../exec/executions-file.js';
import { latestByKey, readResultsFile } from '../judge/runner/results.js';
import type { ViewerData } from './records.js';

export interface ViewerSources {
  dataset?: string;
  /** A run folder (`bcr run --out-dir`) or one results file. */
  runs?: string;
  executions?: string;
}

/** Every results file of a run folder (its `*.jsonl`), or the one file given. */
function verdictsOf(runs: string): VerdictRecord[] {
  if (!existsSync(runs)) throw new InputError('no such run folder or results file', { file: runs });
  const files = statSync(runs).isDirectory()
    ? readdirSync(runs).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(runs, f))
    : [runs];
  return files.flatMap((f) => [...latestByKey(readResultsFile(f).lines).values()]);
}

export async function loadViewerData(sources: ViewerSources = {}): Promise<ViewerData> {
  const dataset = await openDataset(sources.dataset);
  const loaded = await dataset.loadComparisons();
  const comparisons = sources.executions !== undefined ? applyExecutions(loaded, readExecutions(sources.executions)).comparisons : loaded;
  return { dataset: dataset.name, synthetic: dataset.synthetic, comparisons, verdicts: sources.runs !== undefined ? verdictsOf(sources.runs) : [] };
}
