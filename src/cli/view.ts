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
  arena?: string;
  prompts: string;
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
    .option('--arena <dir>', 'show AutoCodeArena records from this folder (`bcr arena run --dir`) instead: answers, executions and five-point verdicts')
    .option('--prompts <spec>', 'with --arena: the prompts (hub id, or local .jsonl/.csv file or folder)', 'bigcode/autocodearena-v0')
    .option('--port <n>', 'port on 127.0.0.1 (0 picks a free one)', nonNegativeInt, 8765)
    .option('--host <address>', 'loopback address to bind: 127.0.0.1, ::1 or localhost (anything else is refused)', '127.0.0.1')
    .action(async (opts: ViewCliOptions) => {
      const [{ loadViewerData }, { assertLoopback, startViewer }] = await Promise.all([import('../view/load.js'), import('../view/server.js')]);
      assertLoopback(opts.host);
      if (opts.arena !== undefined) return arenaView(opts.arena, opts, io);
      const runs = opts.runs ?? (existsSync(DEFAULT_RUNS) ? DEFAULT_RUNS : undefined);
      const data = await loadViewerData({ dataset: opts.dataset, runs, executions: opts.executions });
      const viewer = await startViewer(data, { host: opts.host, port: opts.port });
      if (data.synthetic) io.err('note: SYNTHETIC sample: generated data, not the real BigCodeReward votes');
      io.out(`Viewer: ${viewer.url} (${data.comparisons.length} records, ${viewer.index.verdictCount} verdicts${runs ? ` from ${runs}` : ''}). Ctrl-C stops it.`);
      await untilStopped(viewer);
    });
}

function untilStopped(viewer: { close(): Promise<void> }): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void viewer.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function arenaView(dir: string, opts: ViewCliOptions, io: CliIO): Promise<void> {
  const [{ loadPrompts }, { loadArenaViewerData }, { startArenaViewer }] = await Promise.all([
    import('../arena/prompts.js'), import('../view/arena.js'), import('../view/server.js'),
  ]);
  const { prompts } = await loadPrompts(opts.prompts, { unknownCategory: 'skip' });
  const viewer = await startArenaViewer(loadArenaViewerData(dir, prompts), { host: opts.host, port: opts.port });
  io.out(`Viewer: ${viewer.url} (${viewer.index.size} arena records, ${viewer.index.verdictCount} verdicts from ${dir}). Ctrl-C stops it.`);
  await untilStopped(viewer);
}
