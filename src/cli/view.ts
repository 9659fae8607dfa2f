/** `bcr view [--dataset S] [--runs DIR] [--executions FILE] [--port N]`: the record viewer on 127.0.0.1 until Ctrl-C. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { nonNegativeInt } from './parse-options.js';
import type { CliIO } from './output.js';

/** Where `bcr run` writes by default: its verdicts are shown when no --runs is given and the folder exists. */
const DEFAULT_RUNS = 'runs/study';

interface ViewCliOptions {
  dataset?: string;
  runs?: string;
  executions?: string;
  port: number;
  host: string;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('view')
    .description('browse records side by side in a local web page (loopback only): answers, outputs, screenshots, the human vote and every verdict')
    .option('--dataset <spec>', 'local folder/file or hub id (default: the bundled SYNTHETIC sample)')
    .option('--runs <dir>', `a run folder (\`bcr run --out-dir\`) or one results file: the verdicts to show (default ${DEFAULT_RUNS} when it exists)`)
    .option('--executions <file>', 'an executions file (`bcr execute`): show its fresh runs instead of the recorded ones')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', nonNegativeInt, 8765)
    .option('--host <address>', 'loopback address to bind: 127.0.0.1, ::1 or localhost (anything else is refused)', '127.0.0.1')
    .action(async (opts: ViewCliOptions) => {
      const [{ loadViewerData }, { assertLoopback, startViewer }] = await Promise.all([import('../view/load.js'), import('../view/server.js')]);
      assertLoopback(opts.host);
      const runs = opts.runs ?? (existsSync(DEFAULT_RUNS) ? DEFAULT_RUNS : undefined);
      const data = await loadViewerData({ dataset: opts.dataset, runs, executions: opts.executions });
      const viewer = await startViewer(data, { host: opts.host, port: opts.port });
      if (data.synthetic) io.err('note: SYNTHETIC sample: generated data, not the real BigCodeReward votes');
      io.out(`Viewer: ${viewer.url} (${data.comparisons.length} records, ${viewer.index.verdictCount} verdicts${runs ? ` from ${runs}` : ''}). Ctrl-C stops it.`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void viewer.close().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
