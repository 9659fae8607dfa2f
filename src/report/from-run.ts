/**
 * A report from a finished run folder (`bcr run --out-dir DIR`): its
 * `report.json`, the judges' results files beside it, the records re-read
 * from the dataset it names (no screenshot bytes), the price table, and,
 * when asked, published verdicts for the reproduce section.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { openDataset } from '../data/dataset.js';
import { loadPublishedVerdicts } from '../data/published-verdicts.js';
import { METRICS_COLUMNS } from '../data/row.js';
import type { VerdictRecord } from '../data/verdict.js';
import { InputError, OutputError } from '../errors.js';
import { readPriceTable, DEFAULT_PRICES_FILE } from '../eval/cost.js';
import { reproduceTable } from '../eval/reproduce.js';
import { loadPaperTable, PAPER_CITATION } from '../eval/reproduce-paper.js';
import { latestByKey, readResultsFile } from '../judge/runner/results.js';
import type { StudyReport } from '../study/run-study.js';
import { buildReport } from './build-report.js';
import type { ReportInput } from './input.js';

export const REPORT_JSON = 'report.json';
export const REPORT_HTML = 'report.html';

/** The name `openDataset()` gives the bundled sample (it is reopened with no spec). */
const SAMPLE_NAME = 'bundled sample';

export interface RunReportOptions {
  /** The study's results; read from `<dir>/report.json` when absent. */
  study?: StudyReport;
  /** Where the records come from; default the dataset the study names. */
  dataset?: string;
  /** Published verdicts (hub id, folder or file) for the reproduce section. */
  results?: string;
  /** Price table file (default the shipped one). */
  prices?: string;
  gainBootstrap?: number;
}

function readStudy(dir: string): StudyReport {
  const file = join(dir, REPORT_JSON);
  if (!existsSync(file)) throw new InputError(`no ${REPORT_JSON} here: is this the --out-dir of a finished \`bcr run\`?`, { file });
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StudyReport;
  } catch (err) {
    throw new InputError(`invalid JSON: ${(err as Error).message}`, { file }, { cause: err });
  }
}

/** The results files of the study's runs, looked up in the run folder (the recorded paths may be relative to another directory). */
function resultsFiles(dir: string, study: StudyReport): string[] {
  const named = study.runs.map((r) => join(dir, basename(r.out)));
  const found = named.filter((f) => existsSync(f));
  if (found.length > 0) return found;
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => join(dir, f));
}

export async function runReportInput(dir: string, options: RunReportOptions = {}): Promise<ReportInput> {
  const study = options.study ?? readStudy(dir);
  const verdicts: VerdictRecord[] = resultsFiles(dir, study).flatMap((f) => [...latestByKey(readResultsFile(f).lines).values()]);
  const spec = options.dataset ?? (study.dataset === SAMPLE_NAME ? undefined : study.dataset);
  const dataset = await openDataset(spec);
  // `states` carries each side's language and environment (slices); the screenshot columns are never read.
  const comparisons = await dataset.loadComparisons({ columns: [...METRICS_COLUMNS, 'states'], limit: study.summary.records });
  let reproduce: ReportInput['reproduce'] = null;
  if (options.results !== undefined) {
    const published = await loadPublishedVerdicts(options.results);
    reproduce = { report: reproduceTable(comparisons, published.verdicts, loadPaperTable()), source: options.results, citation: PAPER_CITATION };
  }
  return {
    study, comparisons, verdicts, reproduce,
    prices: readPriceTable(options.prices ?? DEFAULT_PRICES_FILE),
    ...(options.gainBootstrap !== undefined ? { gainBootstrap: options.gainBootstrap } : {}),
  };
}

/** Builds the report of a run folder and writes it (default `<dir>/report.html`); returns the file written. */
export async function writeRunReport(dir: string, options: RunReportOptions & { out?: string } = {}): Promise<string> {
  const page = await buildReport(await runReportInput(dir, options));
  const out = options.out ?? join(dir, REPORT_HTML);
  try {
    writeFileSync(out, page);
  } catch (err) {
    throw new OutputError(`cannot write the report: ${(err as Error).message}`, { path: out, cause: err });
  }
  return out;
}
