import { describe, expect, it } from 'vitest';
import type { Comparison, Outcome } from '../../src/data/comparison.js';
import type { VerdictRecord } from '../../src/judge/types.js';
import { battlesFromVerdicts, compareLeaderboards } from '../../src/eval/leaderboards.js';
import { rateBattles } from '../../src/ratings/rate.js';
import { battlesFromComparisons, matchedKey, matchedRatings, ratingsBySlice } from '../../src/ratings/slices.js';
import { makeComparison } from '../support/comparisons.js';

let next = 0;
function cmp(a: string, b: string, vote: Outcome, extra: { topic?: string; envA?: string | null; envB?: string | null } = {}): Comparison {
  return makeComparison({
    id: `c${next++}`,
    vote,
    topic: extra.topic ?? 'web_design',
    a: { model: a, environment: extra.envA === undefined ? 'React' : extra.envA },
    b: { model: b, environment: extra.envB === undefined ? 'React' : extra.envB },
  });
}

const comparisons: Comparison[] = [
  ...Array.from({ length: 6 }, () => cmp('m1', 'm2', 'A')),
  ...Array.from({ length: 2 }, () => cmp('m2', 'm1', 'A')),
  ...Array.from({ length: 5 }, () => cmp('m2', 'm3', 'A', { topic: 'game_development' })),
  ...Array.from({ length: 3 }, () => cmp('m3', 'm2', 'A', { topic: 'game_development' })),
  ...Array.from({ length: 4 }, () => cmp('m1', 'm3', 'tie', { envB: 'HTML' })),
  ...Array.from({ length: 2 }, () => cmp('m3', 'm1', 'both_bad', { envA: null })),
];

describe('slices', () => {
  it('turns comparisons into battles with side A on the left', () => {
    expect(battlesFromComparisons([comparisons[0]!])).toEqual([{ left: 'm1', right: 'm2', outcome: 'A', item: 'c0' }]);
  });

  it('rates each slice on its own comparisons', async () => {
    const byTopic = await ratingsBySlice(comparisons, (c) => c.topic);
    expect([...byTopic.keys()]).toEqual(['game_development', 'web_design']);
    const games = byTopic.get('game_development')!;
    expect(games.rows.map((r) => r.model)).toEqual(['m2', 'm3']);
    expect(games.rows[0]!.battles).toBe(8);
    const whole = await rateBattles(battlesFromComparisons(comparisons.filter((c) => c.topic === 'web_design')));
    expect(byTopic.get('web_design')).toEqual(whole);
  });

  it('skips small slices and names the slice when a fit fails', async () => {
    const some = await ratingsBySlice(comparisons, (c) => c.topic, { minComparisons: 9 });
    expect([...some.keys()]).toEqual(['web_design']);
    const oneSided = [...comparisons, cmp('m1', 'm5', 'A', { topic: 'creative_coding' })];
    await expect(ratingsBySlice(oneSided, (c) => c.topic, { priorMode: 'never' })).rejects.toThrow(/slice "creative_coding".*"m1" never lost/);
  });

  it('matched view keeps only comparisons whose sides share the environment', async () => {
    const key = matchedKey('environment');
    expect(comparisons.map(key).filter((k) => k === null)).toHaveLength(6);
    const matched = await matchedRatings(comparisons, 'environment');
    expect([...matched.keys()]).toEqual(['React']);
    expect(matched.get('React')!.rows.reduce((s, r) => s + r.battles, 0)).toBe(2 * 16);
  });
});

describe('judge-derived ratings', () => {
  const verdict = (id: string, v: VerdictRecord['verdict'], extra: Partial<VerdictRecord> = {}): VerdictRecord => ({
    id, judge: 'j', mode: 'with-output', order: 'AB', verdict: v, ...extra,
  });

  it('turns verdicts into battles exactly as votes, dropping and counting errors and unknown ids', () => {
    const verdicts = [
      verdict('c0', 'B'),
      verdict('c0', 'A', { order: 'BA' }),
      verdict('c1', 'error', { error: 'unparseable' }),
      verdict('nope', 'A'),
      verdict('c2', 'tie', { judge: 'other' }),
    ];
    const out = battlesFromVerdicts(comparisons, verdicts, { judge: 'j' });
    expect(out.battles).toEqual([
      { left: 'm1', right: 'm2', outcome: 'B', item: 'c0', rater: 'j' },
      { left: 'm1', right: 'm2', outcome: 'A', item: 'c0', rater: 'j' },
    ]);
    expect(out.errors).toBe(1);
    expect(out.unmatched).toBe(1);
    expect(() => battlesFromVerdicts(comparisons, verdicts)).toThrow(/several judge runs.*j \(with-output\).*other/);
    expect(() => battlesFromVerdicts(comparisons, verdicts, { judge: 'x' })).toThrow(/no verdicts for x/);
  });

  it('a judge that copies the human votes gives the same leaderboard and correlation 1', async () => {
    const copy = comparisons.map((c) => verdict(c.id, c.vote));
    const human = await rateBattles(battlesFromComparisons(comparisons));
    const judge = await rateBattles(battlesFromVerdicts(comparisons, copy).battles);
    expect(judge.rows).toEqual(human.rows);
    const extra = [...comparisons, ...Array.from({ length: 3 }, () => cmp('m4', 'm1', 'B')), ...Array.from({ length: 2 }, () => cmp('m1', 'm4', 'B'))];
    const h = await rateBattles(battlesFromComparisons(extra));
    // A judge that always says A reverses some pairs.
    const contrarian = await rateBattles(battlesFromVerdicts(extra, extra.map((c) => verdict(c.id, 'A'))).battles);
    const same = compareLeaderboards(h, h);
    expect(same.spearman.statistic).toBeCloseTo(1, 12);
    expect(same.pearson.statistic).toBeCloseTo(1, 12);
    const diff = compareLeaderboards(h, contrarian);
    expect(diff.n).toBe(4);
    expect(diff.spearman.statistic).toBeLessThan(1);
  });
});
