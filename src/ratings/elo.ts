/**
 * Online Elo over battles in the order given (the published BigCodeReward /
 * Chatbot Arena choice): each battle moves both ratings by K times the
 * surprise. Tie and both_bad score 0.5.
 */
import type { Battle, Outcome } from '../data/comparison.js';
import { InputError } from '../errors.js';

export interface EloOptions {
  /** Step size. Default 4. */
  k?: number;
  /** Default 10. */
  base?: number;
  /** Default 400. */
  scale?: number;
  /** Starting rating of every model. Default 1000. */
  initial?: number;
  /** Fix the model order (and include models without battles); default: order of first appearance. */
  models?: readonly string[];
}

export interface EloFit {
  method: 'elo';
  models: string[];
  ratings: Float64Array;
  battlesPerModel: Float64Array;
}

/** Score of the left side: 1 win, 0 loss, 0.5 tie or both bad. */
const LEFT_SCORE: Record<Outcome, number> = { A: 1, B: 0, tie: 0.5, both_bad: 0.5 };

/** Battles as model indices and left scores: parsed once, replayed many times by the bootstrap. */
export interface EloBattles {
  models: string[];
  left: Int32Array;
  right: Int32Array;
  score: Float64Array;
}

export function indexBattles(battles: readonly Battle[], models?: readonly string[]): EloBattles {
  const index = new Map<string, number>();
  const names: string[] = [];
  const add = (m: string): number => {
    let i = index.get(m);
    if (i === undefined) {
      i = names.length;
      index.set(m, i);
      names.push(m);
    }
    return i;
  };
  for (const m of models ?? []) add(m);
  const out: EloBattles = {
    models: names,
    left: new Int32Array(battles.length),
    right: new Int32Array(battles.length),
    score: new Float64Array(battles.length),
  };
  battles.forEach((battle, row) => {
    const score = LEFT_SCORE[battle.outcome];
    if (score === undefined) {
      throw new InputError(`unknown outcome "${String(battle.outcome)}" (expected A, B, tie or both_bad)`, { row, field: 'outcome' });
    }
    if (models && (!index.has(battle.left) || !index.has(battle.right))) {
      const missing = index.has(battle.left) ? battle.right : battle.left;
      throw new InputError(`model "${missing}" is not in the given model list`, { row });
    }
    out.left[row] = add(battle.left);
    out.right[row] = add(battle.right);
    out.score[row] = score;
  });
  return out;
}

/**
 * Replays battles `order[0..]` (indices into `battles`; all of them in file
 * order when omitted) from the initial rating. Writes into `ratings`.
 */
export function replayElo(battles: EloBattles, options: EloOptions, ratings: Float64Array, order?: ArrayLike<number>): Float64Array {
  const k = options.k ?? 4;
  const base = options.base ?? 10;
  const scale = options.scale ?? 400;
  ratings.fill(options.initial ?? 1000);
  const steps = order ? order.length : battles.left.length;
  const lnBase = Math.log(base);
  for (let s = 0; s < steps; s++) {
    const t = order ? order[s]! : s;
    const l = battles.left[t]!;
    const r = battles.right[t]!;
    // Expected score of left: 1 / (1 + base^((R_r - R_l) / scale)).
    const expected = 1 / (1 + Math.exp((lnBase * (ratings[r]! - ratings[l]!)) / scale));
    const delta = k * (battles.score[t]! - expected);
    ratings[l]! += delta;
    ratings[r]! -= delta;
  }
  return ratings;
}

/** Online Elo over the battles in input order (K=4, base 10, scale 400, initial 1000 by default; tie and both_bad score 0.5). */
export function elo(battles: readonly Battle[], options: EloOptions = {}): EloFit {
  const indexed = indexBattles(battles, options.models);
  const ratings = replayElo(indexed, options, new Float64Array(indexed.models.length));
  const battlesPerModel = new Float64Array(indexed.models.length);
  for (let t = 0; t < indexed.left.length; t++) {
    battlesPerModel[indexed.left[t]!]! += 1;
    battlesPerModel[indexed.right[t]!]! += 1;
  }
  return { method: 'elo', models: indexed.models, ratings, battlesPerModel };
}
