/**
 * `bcr data info`: what a dataset holds (records, votes, models, topics,
 * languages, environments, rounds, outputs, screenshots). Argument parsing and
 * printing only; the work is `openDataset` + `summarise`.
 */
import { Command } from 'commander';
import { positiveInt } from './parse-options.js';
import { openDataset } from '../data/dataset.js';
import { summarise, type DatasetSummary } from '../data/summary.js';
import { formatTable, printJson, type CliIO } from './output.js';

interface InfoOptions {
  dataset?: string;
  limit?: number;
  revision?: string;
  cacheDir?: string;
  remote?: boolean;
  json?: boolean;
}


/** The `data` group, shared with other modules that add subcommands to it (e.g. `data fetch`). */
export function dataGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'data') ??
    program.command('data').description('Open, inspect and fetch datasets')
  );
}

export function register(program: Command, io: CliIO): void {
  dataGroup(program)
    .command('info')
    .description('Summarise a dataset: records, votes, models, topics, languages, environments, rounds')
    .option('--dataset <pathOrHubId>', 'folder, parquet, JSONL, glob, or hub id owner/name (default: the bundled sample)')
    .option('--limit <n>', 'only the first n records', positiveInt)
    .option('--revision <rev>', 'hub only: branch, tag or commit')
    .option('--cache-dir <dir>', 'hub only: download cache root')
    .option('--remote', 'hub only: read byte ranges over HTTP instead of downloading the files')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: InfoOptions) => {
      const dataset = await openDataset(opts.dataset, {
        revision: opts.revision,
        cacheDir: opts.cacheDir,
        mode: opts.remote ? 'remote' : 'download',
      });
      const comparisons = await dataset.loadComparisons({ limit: opts.limit });
      const summary = summarise(comparisons, { synthetic: dataset.synthetic });
      if (opts.json) {
        printJson(io, { dataset: dataset.name, format: dataset.format, files: dataset.files, ...summary });
        return;
      }
      io.out(renderSummary(dataset.name, dataset.files.length, dataset.format, summary));
    });
}

const pct = (n: number, of: number) => (of === 0 ? '' : `${((100 * n) / of).toFixed(1)}%`);

function countTable(title: string, counts: Record<string, number>, of: number, top = 15): string {
  const entries = Object.entries(counts);
  const rows = entries.slice(0, top).map(([k, n]) => ({ [title]: k, count: n, share: pct(n, of) }));
  const more = entries.length > top ? `\n(${entries.length - top} more)` : '';
  return formatTable(rows, [title, 'count', 'share']) + more;
}

export function renderSummary(name: string, fileCount: number, format: string, s: DatasetSummary): string {
  const lines: string[] = [];
  if (s.synthetic) {
    lines.push('*** SYNTHETIC sample: generated data, NOT the real BigCodeReward votes. Do not report its numbers. ***', '');
  }
  lines.push(`Dataset: ${name} (${fileCount} ${format} file${fileCount === 1 ? '' : 's'})`);
  lines.push(`Records: ${s.records}`);
  lines.push(`Votes: ${Object.entries(s.votes).map(([k, n]) => `${k} ${n} (${pct(n, s.records)})`).join(', ')}`);
  lines.push(
    `Sides: ${s.sides}; with code ${s.sidesWithCode} (${pct(s.sidesWithCode, s.sides)}), ` +
      `with output ${s.sidesWithOutput} (${pct(s.sidesWithOutput, s.sides)}), ` +
      `with an error ${s.sidesWithError} (${pct(s.sidesWithError, s.sides)}), ` +
      `with screenshot ${s.sidesWithScreenshot} (${pct(s.sidesWithScreenshot, s.sides)})`,
  );
  lines.push(`Rounds per side: ${Object.entries(s.rounds).map(([k, n]) => `${k}: ${n}`).join(', ')}`);
  lines.push('', countTable('topic', s.topics, s.records));
  lines.push('', countTable('model', s.models, s.sides), '(model counts are appearances as A or B)');
  lines.push('', countTable('language', s.languages, s.sides));
  lines.push('', countTable('environment', s.environments, s.sides), '(language and environment count sides)');
  return lines.join('\n');
}
