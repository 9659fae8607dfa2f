import { describe, expect, it } from 'vitest';
import { HUMAN_VOTE_LABELS } from '../../src/data/row.js';
import {
  SAMPLE_TRUTH, SAMPLE_VOTE_PARAMS, drawVote, sigmoid, strengthToRating, voteMargin, voteProbabilities,
  type VoteInput,
} from '../../scripts/sample/index.js';
import { createRng } from '../../src/util/rng.js';

const inputs: VoteInput[] = [
  { strengthA: 0.9, strengthB: -0.85, successA: true, successB: true },
  { strengthA: -0.4, strengthB: 0.6, successA: true, successB: false },
  { strengthA: 0.1, strengthB: 0.1, successA: false, successB: false },
  { strengthA: 0.35, strengthB: -0.1, successA: false, successB: true },
];

describe('vote model', () => {
  it('gives probabilities that sum to one and follow the documented formula', () => {
    for (const input of inputs) {
      const p = voteProbabilities(input, SAMPLE_VOTE_PARAMS);
      expect(HUMAN_VOTE_LABELS.reduce((s, l) => s + p[l], 0)).toBeCloseTo(1, 12);
      const bothBad = !input.successA && !input.successB ? 0.55 : 0.04;
      expect(p.vote_both_bad).toBeCloseTo(bothBad, 12);
      expect(p.vote_tie).toBeCloseTo((1 - bothBad) * 0.12, 12);
      const margin = input.strengthA - input.strengthB + 1.0 * (Number(input.successA) - Number(input.successB));
      expect(p.vote_model_A / (p.vote_model_A + p.vote_model_B)).toBeCloseTo(1 / (1 + Math.exp(-margin)), 12);
    }
  });

  it('is symmetric: swapping the sides swaps A and B', () => {
    for (const input of inputs) {
      const p = voteProbabilities(input, SAMPLE_VOTE_PARAMS);
      const q = voteProbabilities(
        { strengthA: input.strengthB, strengthB: input.strengthA, successA: input.successB, successB: input.successA },
        SAMPLE_VOTE_PARAMS,
      );
      expect(q.vote_model_A).toBeCloseTo(p.vote_model_B, 12);
      expect(q.vote_tie).toBeCloseTo(p.vote_tie, 12);
    }
  });

  it('rewards the side whose code ran', () => {
    const base = { strengthA: 0, strengthB: 0 };
    expect(voteMargin({ ...base, successA: true, successB: false }, SAMPLE_VOTE_PARAMS)).toBe(1);
    expect(voteMargin({ ...base, successA: false, successB: true }, SAMPLE_VOTE_PARAMS)).toBe(-1);
    expect(sigmoid(0)).toBe(0.5);
  });

  it('draws votes with the frequencies it documents', () => {
    const rng = createRng(99);
    const n = 20_000;
    for (const input of inputs) {
      const counts = Object.fromEntries(HUMAN_VOTE_LABELS.map((l) => [l, 0])) as Record<string, number>;
      for (let i = 0; i < n; i++) counts[drawVote(input, SAMPLE_VOTE_PARAMS, rng)]!++;
      const p = voteProbabilities(input, SAMPLE_VOTE_PARAMS);
      for (const label of HUMAN_VOTE_LABELS) {
        // 4.5 standard errors: fails on a wrong formula, not on noise.
        const se = Math.sqrt((p[label] * (1 - p[label])) / n);
        expect(Math.abs(counts[label]! / n - p[label])).toBeLessThan(4.5 * se + 1e-9);
      }
    }
  });
});

describe('SAMPLE_TRUTH', () => {
  it('has 6-10 invented models with mean-zero strengths and arena ratings', () => {
    const models = SAMPLE_TRUTH.models;
    expect(models.length).toBeGreaterThanOrEqual(6);
    expect(models.length).toBeLessThanOrEqual(10);
    expect(new Set(models.map((m) => m.name)).size).toBe(models.length);
    expect(models.reduce((s, m) => s + m.strength, 0)).toBeCloseTo(0, 10);
    for (const m of models) {
      expect(m.rating).toBeCloseTo(1000 + (400 * m.strength) / Math.LN10, 10);
      expect(strengthToRating(m.strength)).toBe(m.rating);
    }
  });
});
