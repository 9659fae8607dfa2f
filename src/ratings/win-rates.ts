/**
 * Per-model win rates from battles: wins + half the ties (tie and both_bad)
 * over battles played, overall and per opponent. A plain count beside
 * Bradley-Terry, which it does not depend on.
 */
import type { Battle } from '../data/comparison.js';

export interface WinRateRow {
  model: string;
  battles: number;
  wins: number;
  losses: number;
  ties: number;
  /** (wins + ties / 2) / battles. */
  winRate: number;
}

/** One row per model, highest win rate first (then by name). */
export function winRates(battles: readonly Battle[]): WinRateRow[] {
  const rows = new Map<string, WinRateRow>();
  const row = (model: string) => {
    let r = rows.get(model);
    if (!r) rows.set(model, (r = { model, battles: 0, wins: 0, losses: 0, ties: 0, winRate: NaN }));
    return r;
  };
  for (const b of battles) {
    const l = row(b.left);
    const r = row(b.right);
    l.battles++;
    r.battles++;
    if (b.outcome === 'A') (l.wins++, r.losses++);
    else if (b.outcome === 'B') (r.wins++, l.losses++);
    else (l.ties++, r.ties++);
  }
  const out = [...rows.values()];
  for (const r of out) r.winRate = (r.wins + r.ties / 2) / r.battles;
  return out.sort((x, y) => y.winRate - x.winRate || (x.model < y.model ? -1 : x.model > y.model ? 1 : 0));
}

export interface PairWinRate {
  model: string;
  opponent: string;
  battles: number;
  /** (wins + ties / 2) / battles of `model` against `opponent`. */
  winRate: number;
}

/** Win rate of each model against each opponent it met (both directions listed), same rule as `winRates`. */
export function pairwiseWinRates(battles: readonly Battle[]): PairWinRate[] {
  const cells = new Map<string, { model: string; opponent: string; battles: number; points: number }>();
  const add = (model: string, opponent: string, points: number) => {
    const key = JSON.stringify([model, opponent]);
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { model, opponent, battles: 0, points: 0 }));
    c.battles++;
    c.points += points;
  };
  for (const b of battles) {
    if (b.left === b.right) continue;
    const left = b.outcome === 'A' ? 1 : b.outcome === 'B' ? 0 : 0.5;
    add(b.left, b.right, left);
    add(b.right, b.left, 1 - left);
  }
  return [...cells.values()].map((c) => ({ model: c.model, opponent: c.opponent, battles: c.battles, winRate: c.points / c.battles }));
}
