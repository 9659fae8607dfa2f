/**
 * What is in a set of comparisons: counts by vote, model, topic, language and
 * environment, how many rounds the sides ran, and how many sides carry code,
 * an execution output, an error or a screenshot. Records count once; models,
 * languages, environments, rounds and presence count per SIDE (each record
 * has two), because a pair's two sides can differ in all of them. Presence
 * follows `./execution.js` (an error is not output: it is counted apart).
 */
import { OUTCOMES, type Comparison, type Outcome } from './comparison.js';
import { executionOf, hasCode, hasError, hasOutput, hasScreenshot } from './execution.js';
import { sideSlice, UNKNOWN } from './slices.js';

export interface DatasetSummary {
  records: number;
  /** True when the data says it is synthetic (the bundled sample). */
  synthetic: boolean;
  votes: Record<Outcome, number>;
  /** Appearances per model (as A or B), most frequent first. */
  models: Record<string, number>;
  topics: Record<string, number>;
  /** Per side. */
  languages: Record<string, number>;
  environments: Record<string, number>;
  /** Number of sides by how many sandbox rounds they recorded ("0", "1", ...). */
  rounds: Record<string, number>;
  sides: number;
  /** Sides with code (`hasCode`). */
  sidesWithCode: number;
  /** Sides whose program printed output (`hasOutput`; an error alone does not count). */
  sidesWithOutput: number;
  /** Sides with an error text (`hasError`). */
  sidesWithError: number;
  sidesWithScreenshot: number;
}

function countInto(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Most frequent first, then by name, so printed tables and JSON are stable. */
function byFrequency(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts.entries()].sort(([ka, a], [kb, b]) => b - a || ka.localeCompare(kb)));
}

export function summarise(comparisons: readonly Comparison[], options: { synthetic?: boolean } = {}): DatasetSummary {
  const votes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const models = new Map<string, number>();
  const topics = new Map<string, number>();
  const languages = new Map<string, number>();
  const environments = new Map<string, number>();
  const rounds = new Map<number, number>();
  let withCode = 0;
  let withOutput = 0;
  let withError = 0;
  let withScreenshot = 0;
  for (const c of comparisons) {
    votes[c.vote]++;
    countInto(topics, c.topic || UNKNOWN);
    for (const side of [c.a, c.b]) {
      countInto(models, side.model);
      countInto(languages, sideSlice(side, 'language'));
      countInto(environments, sideSlice(side, 'environment'));
      rounds.set(side.rounds.length, (rounds.get(side.rounds.length) ?? 0) + 1);
      const execution = executionOf(side);
      if (hasCode(side)) withCode++;
      if (hasOutput(execution)) withOutput++;
      if (hasError(execution)) withError++;
      if (hasScreenshot(execution)) withScreenshot++;
    }
  }
  return {
    records: comparisons.length,
    synthetic: options.synthetic ?? false,
    votes,
    models: byFrequency(models),
    topics: byFrequency(topics),
    languages: byFrequency(languages),
    environments: byFrequency(environments),
    rounds: Object.fromEntries([...rounds.entries()].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), v])),
    sides: comparisons.length * 2,
    sidesWithCode: withCode,
    sidesWithOutput: withOutput,
    sidesWithError: withError,
    sidesWithScreenshot: withScreenshot,
  };
}
