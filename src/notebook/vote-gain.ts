/**
 * "Is judge B's agreement with the raters really higher than judge A's?" on
 * any vote files (e.g. LLMFAO's crowd vs GPT-4 and GPT-3.5): both judges'
 * votes are matched to the reference votes by item and unordered model pair
 * (`agreeVotes`: re-oriented, several reference votes per pair aggregated by
 * a named rule), then the paired records go through `gainSignificance`
 * (McNemar's exact test and paired-bootstrap intervals).
 */
import type { Battle, Outcome } from '../data/comparison.js';
import { agreeVotes, type AggregationRule } from '../eval/agree.js';
import { gainSignificance, type GainOptions, type GainReport } from '../eval/significance.js';

export interface VoteGainOptions extends Omit<GainOptions, 'by'> {
  /** How several reference votes on one pair become one label (default `plurality`). */
  aggregate?: AggregationRule;
}

export function gainOnVotes(reference: readonly Battle[], a: readonly Battle[], b: readonly Battle[], options: VoteGainOptions = {}): GainReport {
  const { aggregate = 'plurality', ...gain } = options;
  const key = (i: { item: string; first: string; second: string }) => `${i.item}\u0000${i.first}\u0000${i.second}`;
  const human = new Map<string, Outcome>();
  const side = (votes: readonly Battle[]) =>
    agreeVotes(reference, votes, { aggregate }).items.map((i) => {
      human.set(key(i), i.a);
      return { id: key(i), verdict: i.b };
    });
  const labelsA = side(a);
  const labelsB = side(b);
  return gainSignificance(human, labelsA, labelsB, gain);
}
