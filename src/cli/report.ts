/** `bcr report --runs DIR [--out FILE]`: the self-contained HTML report of a finished `bcr run`, regenerated from its folder. */
import type { Command } from 'commander';
import { positiveInt } from './parse-options.js';
import type { CliIO } from './output.js';

interface ReportCliOptions {
  runs: string;
  out?: string;
  dataset?: string;
  results?: string;
  prices?: string;
  gainBootstrap?: number;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('report')
    .description('write the self-contained HTML report (opens offline) of a finished `bcr run` from its results folder')
    .option('--runs <dir>', 'the run folder (`bcr run --out-dir`), holding report.json and the results files', 'runs/study')
    .option('--out <file>', 'where to write the report (default <runs>/report.html)')
    .option('--dataset <spec>', 'where the records come from (default: the dataset named in report.json)')
    .option('--results <spec>', "published verdicts (hub id, folder or file) for a section with the paper's table reproduced")
    .option('--prices <file>', 'price table for the cost section (JSON or CSV; default data/prices.json)')
    .option('--gain-bootstrap <n>', 'paired-bootstrap rounds of the with-vs-without intervals', positiveInt, 1000)
    .action(async (opts: ReportCliOptions) => {
      const { writeRunReport } = await import('../report/from-run.js');
      const out = await writeRunReport(opts.runs, {
        out: opts.out, dataset: opts.dataset, results: opts.results, prices: opts.prices, gainBootstrap: opts.gainBootstrap,
      });
      io.out(`Report: ${out}`);
    });
}
