/**
 * `bcr ratings FILE --left COL --right COL --winner COL ...`: a leaderboard
 * (Bradley-Terry or online Elo, optional bootstrap intervals) from any vote
 * file, or from the human votes of a dataset with `--dataset`. Parsing and
 * printing only; the numbers come from `src/ratings`.
 */
import { Command, Option } from 'commander';
import { nonNegativeInt, integer, positiveInt } from './parse-options.js';
import { winRates } from '../ratings/win-rates.js';
import type { Battle } from '../data/comparison.js';
import { parseVoteLabels, readVotesFile, type VoteColumnMapping, type VoteLabels, type VotesFormat } from '../data/votes-file.js';
import { ConfigError } from '../errors.js';
import type { Leaderboard } from '../ratings/leaderboard.js';
import { rateBattles, type RatingMethod } from '../ratings/rate.js';
import { battlesFromComparisons } from '../ratings/slices.js';
import { formatTable, printJson, type CliIO } from './output.js';

export interface RatingsCliOptions {
  left?: string;
  right?: string;
  winner?: string;
  labels?: string;
  /** The vote file's format when its extension does not say. */
  format?: VotesFormat;
  method: RatingMethod;
  bootstrap: number;
  seed: number;
  json?: boolean;
  dataset?: string | true;
  /** Also print per-model win rates (tie = half). */
  winRates?: boolean;
  /** Bradley-Terry solver options of the library (`src/ratings/bt.ts`). */
  solver?: 'newman' | 'mm' | 'tf';
  maxIter?: number;
  tolerance?: number;
}

export const DEFAULT_LABELS: VoteLabels = { left: 'left', right: 'right', tie: 'tie' };

/** "left=a,right=b,tie=t,tie=T,both_bad=x" over the defaults; a repeated key adds a value (see `parseVoteLabels`). */
export const parseLabels = (text: string | undefined): VoteLabels => parseVoteLabels(text, DEFAULT_LABELS);

async function loadBattles(file: string | undefined, options: RatingsCliOptions, io: CliIO): Promise<{ battles: Battle[]; source: string }> {
  if (options.dataset !== undefined) {
    if (file !== undefined) throw new ConfigError('give either FILE or --dataset, not both');
    if (options.format !== undefined) throw new ConfigError('--format is for a vote FILE, not --dataset');
    const { openDataset } = await import('../data/dataset.js');
    const { METRICS_COLUMNS } = await import('../data/row.js');
    const dataset = await openDataset(options.dataset === true ? undefined : options.dataset);
    if (dataset.synthetic) io.err(`note: ${dataset.name} is marked synthetic`);
    return { battles: battlesFromComparisons(await dataset.loadComparisons({ columns: METRICS_COLUMNS })), source: dataset.name };
  }
  if (file === undefined) throw new ConfigError('give a vote FILE (with --left, --right, --winner) or --dataset');
  const missing = (['left', 'right', 'winner'] as const).filter((k) => options[k] === undefined);
  if (missing.length > 0) throw new ConfigError(`${missing.map((k) => `--${k}`).join(', ')} required with FILE (the columns holding the contestants and the winner)`);
  const mapping: VoteColumnMapping = { left: options.left!, right: options.right!, winner: options.winner!, labels: parseLabels(options.labels) };
  return { battles: await readVotesFile(file, mapping, options.format ? { format: options.format } : {}), source: file };
}

export function leaderboardJson(board: Leaderboard) {
  return {
    method: board.method,
    models: board.rows.map((r) => ({ model: r.model, rating: r.rating, strength: r.strength, lower: r.lower, upper: r.upper, rank: r.rank, battles: r.battles })),
  };
}

export function formatLeaderboard(board: Leaderboard): string {
  const rows = board.rows.map((r) => ({
    rank: r.rank,
    model: r.model,
    rating: r.rating,
    ...(board.bootstrap ? { lower: r.lower, upper: r.upper } : {}),
    ...(board.method === 'bt' ? { strength: r.strength } : {}),
    battles: r.battles,
  }));
  return formatTable(rows);
}

export async function runRatings(file: string | undefined, options: RatingsCliOptions, io: CliIO): Promise<Leaderboard> {
  const { battles, source } = await loadBattles(file, options, io);
  const solver = options.solver ?? 'newman';
  // The TensorFlow.js fitter reads its limits from its own options: at the top level they would cap only the exact solvers.
  const limits = {
    ...(options.maxIter !== undefined ? { maxIterations: options.maxIter } : {}),
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
  };
  const board = await rateBattles(battles, {
    method: options.method,
    bootstrap: options.bootstrap,
    seed: options.seed,
    source,
    ...(solver === 'tf' ? { engine: 'tf' as const, tf: limits } : { solver, ...limits }),
  });
  const rates = options.winRates ? winRates(battles) : undefined;
  if (board.prior && board.prior.alpha > 0) {
    io.err(`note: Bradley-Terry needed the prior (${board.prior.alpha} virtual tie game(s) per model): ${board.prior.reason}`);
  }
  if (options.json) {
    printJson(io, { ...leaderboardJson(board), ...(rates ? { winRates: rates } : {}) });
    return board;
  }
  const what = board.method === 'bt' ? 'Bradley-Terry' : 'online Elo (K=4, file order)';
  const interval = board.bootstrap ? `, ${Math.round(board.bootstrap.confidence * 100)}% intervals from ${board.bootstrap.rounds} bootstrap rounds (seed ${options.seed})` : '';
  io.out(`${what} ratings of ${board.rows.length} models from ${battles.length} battles (${source})${interval}\n\n${formatLeaderboard(board)}`);
  if (rates) io.out(`\nwin rates (tie = half a win):\n\n${formatTable(rates.map((r) => ({ ...r, winRate: r.winRate.toFixed(4) })))}`);
  return board;
}

export function register(program: Command, io: CliIO): void {
  program
    .command('ratings')
    .description('leaderboard from pairwise votes: Bradley-Terry or online Elo, with bootstrap intervals and ranks')
    .argument('[file]', 'vote file: CSV, TSV or JSONL (or use --dataset)')
    .option('--left <col>', 'column holding the left / first contestant')
    .option('--right <col>', 'column holding the right / second contestant')
    .option('--winner <col>', 'column holding the winner label')
    .option('--labels <map>', 'winner labels: left=VAL,right=VAL,tie=VAL,both_bad=VAL (default left=left,right=right,tie=tie)')
    .addOption(new Option('--format <format>', 'vote file format (default: from the extension)').choices(['csv', 'tsv', 'jsonl']))
    .addOption(new Option('--method <method>', 'rating method').choices(['bt', 'elo']).default('bt'))
    .option('--bootstrap <n>', 'bootstrap rounds for percentile intervals (0 = none)', nonNegativeInt, 0)
    .option('--seed <n>', 'bootstrap seed', integer, 0)
    .option('--dataset [spec]', 'rate the human votes of a dataset instead of a file (local path or hub id; default: the bundled sample)')
    .option('--win-rates', 'also print per-model win rates (wins + ties/2 over battles)')
    .addOption(new Option('--solver <solver>', 'Bradley-Terry solver: newman (default), mm, or tf (TensorFlow.js)').choices(['newman', 'mm', 'tf']))
    .option('--max-iter <n>', 'Bradley-Terry iteration cap (to match a table computed with a capped iteration); for tf, Adam steps, run in checks of 10 (default 100000, tf 3000)', positiveInt)
    .option('--tolerance <x>', 'Bradley-Terry convergence tolerance: on log strengths (default 1e-12); for tf, on the win residual (default 1e-6)', parseFloat)
    .option('--json', 'print { method, models: [{ model, rating, strength, lower, upper, rank, battles }] }')
    .action(async (file: string | undefined, options: RatingsCliOptions) => {
      await runRatings(file, options, io);
    });
}
