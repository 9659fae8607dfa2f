import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import {
  ordersFor,
  shownSides,
  toStoredVerdict,
  type OrderPolicy,
} from '../../src/judge/orders.js';
import { makeComparison } from '../support/comparisons.js';

describe('ordersFor', () => {
  it('gives fixed orders for fixed policies', () => {
    expect(ordersFor('x', 'AB')).toEqual(['AB']);
    expect(ordersFor('x', 'BA')).toEqual(['BA']);
    expect(ordersFor('x', 'both')).toEqual(['AB', 'BA']);
    expect(() => ordersFor('x', 'sideways' as OrderPolicy)).toThrow(ConfigError);
  });

  it('draws random orders per record: stable, seed-dependent, roughly balanced', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `id-${i}`);
    const first = ids.map((id) => ordersFor(id, 'random', 3)[0]);
    expect(ids.map((id) => ordersFor(id, 'random', 3)[0])).toEqual(first);
    expect(ids.map((id) => ordersFor(id, 'random', 4)[0])).not.toEqual(first);
    const ab = first.filter((o) => o === 'AB').length;
    expect(ab).toBeGreaterThan(160);
    expect(ab).toBeLessThan(240);
  });
});

describe('shown and stored terms', () => {
  it('shows stored B first in order BA and maps verdicts back', () => {
    const c = makeComparison();
    expect(shownSides(c, 'BA').first).toBe(c.b);
    expect(shownSides(c, 'AB').first).toBe(c.a);
    expect(toStoredVerdict('A', 'BA')).toBe('B');
    expect(toStoredVerdict('B', 'BA')).toBe('A');
    expect(toStoredVerdict('tie', 'BA')).toBe('tie');
    expect(toStoredVerdict('both_bad', 'BA')).toBe('both_bad');
    expect(toStoredVerdict('B', 'AB')).toBe('B');
  });
});
