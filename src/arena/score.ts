/**
 * Scores against the baseline, two ways, each labelled with its method:
 *
 * - `mean-win-rate` (what the reference code computes): every readable
 *   verdict is one game per order; a win scores 1, a tie 0.5, a loss 0; a
 *   decisive verdict ([[A>>B]] / [[B>>A]]) weighs `decisiveWeight` games
 *   (3 by default). The score is the weighted mean, in percent; the
 *   baseline scores 50 by construction. Bootstrap: games resampled with
 *   replacement (seeded), `rounds` rounds (100), percentile interval at
 *   `confidence` (90%).
 * - `bradley-terry` (what the paper says): the same games as battles
 *   (candidate vs baseline; decisive ones repeated `decisiveWeight` times,
 *   ties half a win each), fitted over all candidates at once by
 *   `src/ratings/` with the baseline anchored at 1000, with bootstrap
 *   intervals; the implied win probability against the baseline is shown
 *   beside the rating.
 *
 * Overall, by environment (of the candidate's program, as detected by the
 * executor) and by topic (the prompt's category). Unreadable verdicts and
 * failed requests are left out and counted; prompts a model has no answer
 * to are listed per model, never silently dropped.
 */
import type { Battle, Outcome } from '../data/comparison.js';
import { ConfigError } from '../errors.js';
import { rateBattles } from '../ratings/rate.js';
import { quantileSorted } from '../ratings/bootstrap.js';
import { createRng } from '../util/rng.js';
import { answerKey, type AnswerLine } from './answers.js';
import type { AnswerExecution } from './execute.js';
import { findMissing, type JudgmentLine, type MissingAnswer } from './judge.js';
import type { ArenaPrompt } from './prompts.js';
import type { FivePointLabel } from '../judge/parse/index.js';

export interface ScoreOptions {
  /** Weight of a decisive verdict (default 3). */
  decisiveWeight?: number;
  /** Bootstrap rounds (default 100). */
  rounds?: number;
  /** Interval coverage (default 0.9). */
  confidence?: number;
  seed?: number;
}

export interface WinRateRow {
  model: string;
  method: 'mean-win-rate';
  /** Percent, 0-100. */
  score: number;
  lower: number;
  upper: number;
  /** Readable verdicts (games, both orders). */
  games: number;
  /** Verdict counts, the candidate as A. */
  labels: Record<FivePointLabel, number>;
}

export interface BradleyTerryRow {
  model: string;
  method: 'bradley-terry';
  rating: number;
  lower: number | null;
  upper: number | null;
  /** Implied chance of beating the baseline, percent. */
  winProbability: number;
  rank: number;
}

export interface Coverage {
  model: string;
  prompts: number;
  /** Prompts with no usable answer (never generated or failed). */
  missing: number;
  /** Prompts whose answer has no program. */
  noCode: number;
  /** Verdicts read / unreadable / failed requests, over both orders. */
  judged: number;
  unparseable: number;
  failed: number;
}

export interface ArenaScores {
  baseline: string;
  judge: string | null;
  decisiveWeight: number;
  bootstrap: { rounds: number; confidence: number; seed: number };
  methods: { 'mean-win-rate': string; 'bradley-terry': string };
  overall: WinRateRow[];
  bradleyTerry: BradleyTerryRow[];
  byEnvironment: Record<string, WinRateRow[]>;
  byTopic: Record<string, WinRateRow[]>;
  coverage: Coverage[];
  missing: MissingAnswer[];
}

export const METHOD_NOTES = {
  'mean-win-rate': 'mean score against the baseline (win 1, tie 0.5, loss 0; decisive verdicts weighted), as the reference code computes it',
  'bradley-terry': 'Bradley-Terry over all candidates with the baseline anchored at 1000, as the paper describes it',
} as const;

interface Game {
  model: string;
  label: FivePointLabel;
  env: string;
  topic: string;
}

const SCORE: Record<FivePointLabel, number> = { 'A>>B': 1, 'A>B': 1, 'A=B': 0.5, 'B>A': 0, 'B>>A': 0 };
const DECISIVE = new Set<FivePointLabel>(['A>>B', 'B>>A']);

function emptyLabels(): Record<FivePointLabel, number> {
  return { 'A>>B': 0, 'A>B': 0, 'A=B': 0, 'B>A': 0, 'B>>A': 0 };
}

/** Weighted mean score of games, percent, with a seeded bootstrap percentile interval. */
export function winRate(games: readonly Game[], model: string, o: Required<ScoreOptions>): WinRateRow {
  const labels = emptyLabels();
  const s = new Float64Array(games.length);
  const w = new Float64Array(games.length);
  games.forEach((g, i) => {
    labels[g.label]++;
    s[i] = SCORE[g.label];
    w[i] = DECISIVE.has(g.label) ? o.decisiveWeight : 1;
  });
  const mean = (pick: (i: number) => number) => {
    let num = 0;
    let den = 0;
    for (let k = 0; k < games.length; k++) {
      const i = pick(k);
      num += s[i]! * w[i]!;
      den += w[i]!;
    }
    return den === 0 ? NaN : (100 * num) / den;
  };
  const score = mean((k) => k);
  const rng = createRng(o.seed);
  const samples = new Float64Array(o.rounds);
  for (let r = 0; r < o.rounds; r++) samples[r] = games.length === 0 ? NaN : mean(() => rng.int(0, games.length - 1));
  samples.sort();
  const tail = (1 - o.confidence) / 2;
  return {
    model, method: 'mean-win-rate', score, games: games.length, labels,
    lower: games.length === 0 ? NaN : quantileSorted(samples, tail),
    upper: games.length === 0 ? NaN : quantileSorted(samples, 1 - tail),
  };
}

function baselineRow(baseline: string): WinRateRow {
  return { model: baseline, method: 'mean-win-rate', score: 50, lower: 50, upper: 50, games: 0, labels: emptyLabels() };
}

function rows(games: readonly Game[], models: readonly string[], baseline: string, o: Required<ScoreOptions>): WinRateRow[] {
  const out = models.map((m) => winRate(games.filter((g) => g.model === m), m, o)).filter((r) => r.games > 0);
  out.push(baselineRow(baseline));
  return out.sort((a, b) => b.score - a.score);
}

function outcomeOf(label: FivePointLabel): Outcome {
  return SCORE[label] === 1 ? 'A' : SCORE[label] === 0 ? 'B' : 'tie';
}

export interface ScoreInput {
  prompts: readonly ArenaPrompt[];
  answers: ReadonlyMap<string, AnswerLine>;
  executions: ReadonlyMap<string, AnswerExecution>;
  judgments: Iterable<JudgmentLine>;
  candidates: readonly string[];
  baseline: string;
}

export async function scoreArena(input: ScoreInput, options: ScoreOptions = {}): Promise<ArenaScores> {
  const o: Required<ScoreOptions> = { decisiveWeight: 3, rounds: 100, confidence: 0.9, seed: 0, ...options };
  if (!(o.decisiveWeight >= 1)) throw new ConfigError(`decisive weight must be at least 1 (got ${o.decisiveWeight})`);
  if (!(Number.isInteger(o.rounds) && o.rounds >= 1)) throw new ConfigError(`bootstrap rounds must be a positive integer (got ${o.rounds})`);
  if (!(o.confidence > 0 && o.confidence < 1)) throw new ConfigError(`confidence must be in (0, 1) (got ${o.confidence})`);
  const topicOf = new Map(input.prompts.map((p) => [p.uid, p.category]));
  const candidates = new Set(input.candidates);
  const coverage = new Map<string, Coverage>();
  const missing = findMissing(input.prompts, input.answers, [...input.candidates, input.baseline]);
  for (const m of [...input.candidates, input.baseline]) {
    const noCode = input.prompts.filter((p) => input.answers.get(answerKey(m, p.uid))?.status === 'no-code').length;
    coverage.set(m, {
      model: m, prompts: input.prompts.length, missing: missing.filter((x) => x.model === m).length, noCode, judged: 0, unparseable: 0, failed: 0,
    });
  }
  const games: Game[] = [];
  let judge: string | null = null;
  for (const j of input.judgments) {
    if (j.baseline !== input.baseline || !candidates.has(j.model) || !topicOf.has(j.uid)) continue;
    judge ??= j.judge;
    const c = coverage.get(j.model)!;
    if (j.status !== 'ok' || !j.label) {
      if (j.raw !== null) c.unparseable++;
      else c.failed++;
      continue;
    }
    c.judged++;
    const env = input.executions.get(answerKey(j.model, j.uid))?.line.environment
      ?? (input.answers.get(answerKey(j.model, j.uid))?.status === 'no-code' ? 'no code' : 'not executed');
    games.push({ model: j.model, label: j.label, env, topic: topicOf.get(j.uid)! });
  }
  const models = [...input.candidates];
  const by = (key: (g: Game) => string): Record<string, WinRateRow[]> => {
    const groups = new Map<string, Game[]>();
    for (const g of games) groups.set(key(g), [...(groups.get(key(g)) ?? []), g]);
    return Object.fromEntries([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, gs]) => [k, rows(gs, models, input.baseline, o)]));
  };

  const battles: Battle[] = [];
  for (const g of games) {
    const copies = DECISIVE.has(g.label) ? o.decisiveWeight : 1;
    for (let i = 0; i < copies; i++) battles.push({ left: g.model, right: input.baseline, outcome: outcomeOf(g.label), item: g.topic });
  }
  const bradleyTerry: BradleyTerryRow[] = [];
  if (battles.length > 0) {
    const board = await rateBattles(battles, {
      bootstrap: o.rounds, seed: o.seed, confidence: o.confidence, anchor: { model: input.baseline, rating: 1000 },
    });
    const base = board.rows.find((r) => r.model === input.baseline)?.rating ?? 1000;
    for (const r of board.rows) {
      bradleyTerry.push({
        model: r.model, method: 'bradley-terry', rating: r.rating, lower: r.lower, upper: r.upper, rank: r.rank,
        winProbability: 100 / (1 + 10 ** ((base - r.rating) / 400)),
      });
    }
  }
  return {
    baseline: input.baseline, judge, decisiveWeight: o.decisiveWeight,
    bootstrap: { rounds: o.rounds, confidence: o.confidence, seed: o.seed },
    methods: { ...METHOD_NOTES },
    overall: rows(games, models, input.baseline, o),
    bradleyTerry,
    byEnvironment: by((g) => g.env),
    byTopic: by((g) => g.topic),
    coverage: [...coverage.values()],
    missing,
  };
}
