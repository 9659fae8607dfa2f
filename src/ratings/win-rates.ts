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
