/**
 * Runs the benchmarks and prints one table each, then writes all results as
 * JSON under bench/results/. Usage: `npm run bench -- [--quick] [name ...]`
 * (names: data-load, ratings, judge, parquet-readers, import-time, votes-file, executor, main-job, arena; default all).
 */
import { join } from 'node:path';
import { report, type BenchModule, type BenchResult } from './harness.js';

const BENCHMARKS: Record<string, () => Promise<BenchModule>> = {
  'data-load': () => import('./data-load.js'),
  ratings: () => import('./ratings.js'),
  judge: () => import('./judge.js'),
  'parquet-readers': () => import('./parquet-readers.js'),
  'import-time': () => import('./import-time.js'),
  'votes-file': () => import('./votes-file.js'),
  executor: () => import('./executor.js'),
  'main-job': () => import('./main-job.js'),
  arena: () => import('./arena.js'),
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
const unknown = names.filter((n) => !(n in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}

const results: BenchResult[] = [];
for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) {
  console.error(`running ${name}${quick ? ' (quick)' : ''}...`);
  const bench = await BENCHMARKS[name]!();
  results.push(await bench.run({ quick }));
}
const file = report(results, join(import.meta.dirname, 'results'));
console.log(`\nResults written to ${file}`);
