/**
 * Presentation order of a pair: which side a judge sees first, how a verdict
 * given on the shown pair maps back to the stored A/B. How the two orders'
 * verdicts combine, and how consistent a judge is across orders, is scored
 * in the evaluation room (`src/eval/orders.ts`).
 *
 * Vocabulary: the *stored* sides are `comparison.a` / `comparison.b`; the
 * *shown* sides are what the judge sees as "A" (first) and "B" (second).
 * Order `AB` shows the stored pair as is; order `BA` shows stored B first.
 */
import type { Comparison, SideView } from '../data/comparison.js';
import { ConfigError } from '../errors.js';
import { createRng, seedFromString } from '../util/rng.js';
import type { Order, VerdictLabel } from './types.js';

/** How to choose the order(s) each record is judged in. */
export const ORDER_POLICIES = ['AB', 'BA', 'both', 'random'] as const;
export type OrderPolicy = (typeof ORDER_POLICIES)[number];

export function isOrderPolicy(value: string): value is OrderPolicy {
  return (ORDER_POLICIES as readonly string[]).includes(value);
}

/**
 * The orders to judge record `id` in. `random` draws one order per record from
 * a seed derived from the id, so the choice does not depend on run order or on
 * which other records are in the run (the RewardBench drift lesson).
 */
export function ordersFor(id: string, policy: OrderPolicy, seed = 0): Order[] {
  switch (policy) {
    case 'AB':
      return ['AB'];
    case 'BA':
      return ['BA'];
    case 'both':
      return ['AB', 'BA'];
    case 'random':
      return [createRng(seedFromString(id, seed)).next() < 0.5 ? 'AB' : 'BA'];
    default:
      throw new ConfigError(`unknown order policy "${String(policy)}" (expected one of ${ORDER_POLICIES.join(', ')})`);
  }
}

/** The two sides in the order the judge sees them. */
export function shownSides(comparison: Comparison, order: Order): { first: SideView; second: SideView } {
  return order === 'AB'
    ? { first: comparison.a, second: comparison.b }
    : { first: comparison.b, second: comparison.a };
}

/** Swaps A and B; tie, both_bad and error are symmetric. */
export function swapVerdict(verdict: VerdictLabel): VerdictLabel {
  if (verdict === 'A') return 'B';
  if (verdict === 'B') return 'A';
  return verdict;
}

/**
 * A verdict about the shown pair, in stored terms. Swapping is its own
 * inverse, so the same function maps stored terms to shown terms.
 */
export function toStoredVerdict(shownVerdict: VerdictLabel, order: Order): VerdictLabel {
  return order === 'AB' ? shownVerdict : swapVerdict(shownVerdict);
}
