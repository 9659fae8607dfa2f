/**
 * Regenerates the committed synthetic sample (`npm run sample`), or other sizes.
 *
 *   npm run sample                          # data/bigcodereward-sample (300 rows, seeded)
 *   npm run sample -- --rows 4731 --files 4 --screenshots realistic --out /tmp/bcr-full
 *   npm run sample -- --verify              # check recorded outputs with local toolchains
 */
import { Command } from 'commander';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  debianPackages, generateDataset, missingToolchains, RUNNER_ENVIRONMENTS, SAMPLE_ROWS, SAMPLE_SEED, SAMPLE_TASKS,
  verifyRunnerPrograms, type GenerateOptions,
} from './sample/index.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

function parseScreenshots(value: string): GenerateOptions['screenshotBytes'] {
  if (value === 'rendered' || value === 'realistic') return value;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 64) throw new Error(`--screenshots must be rendered, realistic or a byte count >= 64, got "${value}"`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('generate-sample')
    .description('Generate the synthetic BigCodeReward sample (hub layout and schema)')
    .option('--out <dir>', 'output directory', resolve(ROOT, 'data/bigcodereward-sample'))
    .option('--rows <n>', 'number of rows', String(SAMPLE_ROWS))
    .option('--files <n>', 'number of parquet files', '1')
    .option('--seed <n>', 'random seed', String(SAMPLE_SEED))
    .option('--row-group-size <n>', 'rows per row group', '150')
    .option('--screenshots <mode>', "'rendered', 'realistic' or a byte count", 'rendered')
    .option('--verify', 'run the runner programs with local toolchains and compare the recorded outputs', false)
    .parse(argv);
  const opts = program.opts<{ out: string; rows: string; files: string; seed: string; rowGroupSize: string; screenshots: string; verify: boolean }>();

  if (opts.verify) {
    const missing = missingToolchains();
    if (missing.length > 0) {
      const packages = [...new Set(RUNNER_ENVIRONMENTS.flatMap(debianPackages))].join(' ');
      console.error(`missing toolchains: ${missing.join(', ')} (Debian: apt-get install ${packages})`);
      return 1;
    }
    const mismatches = verifyRunnerPrograms(SAMPLE_TASKS);
    for (const m of mismatches) {
      console.error(`${m.task} ${m.what} ${m.field} differs\n--- recorded\n${m.expected}\n--- actual\n${m.actual}`);
    }
    console.log(mismatches.length === 0 ? 'all recorded outputs match' : `${mismatches.length} mismatches`);
    return mismatches.length === 0 ? 0 : 1;
  }

  const started = Date.now();
  const result = await generateDataset({
    outDir: opts.out,
    rows: Number(opts.rows),
    files: Number(opts.files),
    seed: Number(opts.seed),
    rowGroupSize: Number(opts.rowGroupSize),
    screenshotBytes: parseScreenshots(opts.screenshots),
    onProgress: (done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${done}/${total} rows`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(`wrote ${result.rows} rows in ${result.files.length} file(s), ${(result.bytes / 1e6).toFixed(2)} MB, ` +
    `in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const f of result.files) console.log(`  ${f}`);
  console.log(`  ${result.truthPath}`);
  console.log(`votes: ${JSON.stringify(result.votes)}`);
  return 0;
}

main(process.argv).then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
