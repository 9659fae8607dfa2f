/**
 * Reading reference numbers for notebook checks: evalica's golden scores
 * (`algorithm,item,score` CSV) and the synthetic sample's latent ratings
 * (`truth.json`), and the one comparison the checks print: the largest
 * relative difference between two model -> value maps.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { readSampleTruth } from '../data/sample-truth.js';
import { InputError } from '../errors.js';

/** algorithm -> (item -> score). */
export function readEvalicaGolden(file: string): Map<string, Map<string, number>> {
  const rows = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  const out = new Map<string, Map<string, number>>();
  rows.forEach((r, row) => {
    for (const field of ['algorithm', 'item', 'score']) {
      if (r[field] === undefined || r[field] === '') throw new InputError('missing value', { file, row, field });
    }
    const score = Number(r.score);
    if (!Number.isFinite(score)) throw new InputError(`score is not a number: "${r.score}"`, { file, row, field: 'score' });
    let scores = out.get(r.algorithm!);
    if (!scores) out.set(r.algorithm!, (scores = new Map()));
    scores.set(r.item!, score);
  });
  return out;
}

/** Latent arena-scale ratings of the synthetic sample's models, from its `truth.json`. */
export function readLatentRatings(file: string): Map<string, number> {
  return new Map(readSampleTruth(file).models.map((m) => [m.name, m.rating]));
}

export interface RelativeDifference {
  /** max over common keys of |actual - expected| / |expected|. */
  max: number;
  /** The key where it is reached. */
  at: string | null;
  compared: number;
  /** Keys present on one side only (a mismatch worth printing). */
  missing: string[];
  extra: string[];
}

export function maxRelativeDifference(actual: ReadonlyMap<string, number>, expected: ReadonlyMap<string, number>): RelativeDifference {
  let max = 0;
  let at: string | null = null;
  let compared = 0;
  for (const [key, want] of expected) {
    const got = actual.get(key);
    if (got === undefined) continue;
    compared++;
    const diff = Math.abs(got - want) / Math.abs(want);
    if (!(diff <= max)) {
      max = diff;
      at = key;
    }
  }
  return {
    max,
    at,
    compared,
    missing: [...expected.keys()].filter((k) => !actual.has(k)),
    extra: [...actual.keys()].filter((k) => !expected.has(k)),
  };
}
