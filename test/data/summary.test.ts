import { describe, expect, it } from 'vitest';
import { bytesImage } from '../../src/data/normalise.js';
import { summarise } from '../../src/data/summary.js';
import { makeComparison } from '../support/comparisons.js';

const round = (n: number) => ({ round: n, code: null, language: null, environment: null, output: null, error: null, success: null, hasScreenshot: false });

describe('summarise', () => {
  const comparisons = [
    makeComparison({ id: '1', vote: 'A', topic: 'web_design', a: { model: 'p', rounds: [round(1)], screenshot: bytesImage(new Uint8Array(1), 's') }, b: { model: 'q', output: null, error: 'boom', rounds: [round(1), round(2)] } }),
    makeComparison({ id: '2', vote: 'tie', topic: 'web_design', a: { model: 'q', language: 'HTML', environment: 'HTML', output: null, code: null }, b: { model: 'r', language: null, environment: null, output: null } }),
    makeComparison({ id: '3', vote: 'both_bad', topic: 'game_development', a: { model: 'p' }, b: { model: 'q' } }),
  ];
  const s = summarise(comparisons, { synthetic: true });

  it('counts records, votes (all four present), models per appearance, topics per record', () => {
    expect(s.records).toBe(3);
    expect(s.synthetic).toBe(true);
    expect(s.votes).toEqual({ A: 1, B: 0, tie: 1, both_bad: 1 });
    expect(s.models).toEqual({ q: 3, p: 2, r: 1 });
    expect(Object.keys(s.models)).toEqual(['q', 'p', 'r']);
    expect(s.topics).toEqual({ web_design: 2, game_development: 1 });
  });

  it('counts languages, environments, rounds and presence per side', () => {
    expect(s.sides).toBe(6);
    expect(s.languages).toEqual({ Python: 4, HTML: 1, unknown: 1 });
    expect(s.environments).toEqual({ 'Python Runner': 4, HTML: 1, unknown: 1 });
    expect(s.rounds).toEqual({ '0': 4, '1': 1, '2': 1 });
    // Side 1b has only an error: an error is not output, it is counted apart. 2a and 2b have neither.
    expect(s.sidesWithOutput).toBe(3);
    expect(s.sidesWithError).toBe(1);
    // 2a recorded no code, but its answer holds a program: codeOf extracts it, as the judges see it.
    expect(s.sidesWithCode).toBe(6);
    expect(s.sidesWithScreenshot).toBe(1);
  });

  it('is not synthetic unless told', () => {
    expect(summarise([]).synthetic).toBe(false);
    expect(summarise([]).records).toBe(0);
  });
});
