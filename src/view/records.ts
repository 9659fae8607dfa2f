/**
 * The viewer's data: an index of the records (the fields the filters need,
 * built once), a page of it for a query, and one record in full with every
 * judge's verdicts. Screenshots are never read here: a record says only
 * whether each side has one; the image endpoint loads them one at a time.
 */
import type { Comparison, Outcome, SideView } from '../data/comparison.js';
import { codeOf, executionOf, hasScreenshot, runStatus, type RunStatus } from '../data/execution.js';
import { toThreeClass } from '../data/label-spaces.js';
import { pairSlice, sideSlice } from '../data/slices.js';
import type { JudgeMode, Order, VerdictLabel, VerdictRecord } from '../data/verdict.js';
import { highlightCode, type CodeToken } from './highlight.js';

export interface ViewerData {
  /** What was opened, for the page header. */
  dataset: string;
  synthetic: boolean;
  comparisons: readonly Comparison[];
  verdicts: readonly VerdictRecord[];
}

export interface RecordSummary {
  id: string;
  topic: string;
  language: string;
  environment: string;
  vote: Outcome;
  modelA: string;
  modelB: string;
  verdicts: number;
  /** Some judge's parsed verdict differs from the human vote (3 classes: tie and both_bad count as one). */
  disagree: boolean;
}

export interface RecordQuery {
  topic?: string;
  language?: string;
  environment?: string;
  vote?: string;
  disagree?: boolean;
  offset?: number;
  limit?: number;
}

export interface RecordPage {
  total: number;
  offset: number;
  limit: number;
  records: RecordSummary[];
}

export type Facets = Record<'topic' | 'language' | 'environment' | 'vote', { value: string; count: number }[]>;

export interface SideDetail {
  model: string;
  language: string;
  environment: string;
  answer: string;
  code: string;
  /** The code as highlight.js tokens, and the language it highlighted as. */
  highlighted: { language: string; tokens: CodeToken[] };
  output: string | null;
  error: string | null;
  status: RunStatus;
  source: 'recorded' | 'executed';
  hasScreenshot: boolean;
}

export interface VerdictDetail {
  judge: string;
  mode: JudgeMode;
  order: Order;
  verdict: VerdictLabel;
  reasoning: string | null;
  error: string | null;
  agreesWithHuman: boolean | null;
}

export interface RecordDetail {
  id: string;
  instruction: string;
  topic: string;
  vote: Outcome;
  a: SideDetail;
  b: SideDetail;
  verdicts: VerdictDetail[];
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export class RecordIndex {
  readonly dataset: string;
  readonly synthetic: boolean;
  readonly #byId = new Map<string, Comparison>();
  readonly #verdicts = new Map<string, VerdictRecord[]>();
  readonly #summaries: RecordSummary[];

  constructor(data: ViewerData) {
    this.dataset = data.dataset;
    this.synthetic = data.synthetic;
    for (const c of data.comparisons) this.#byId.set(c.id, c);
    for (const v of data.verdicts) {
      if (!this.#byId.has(v.id)) continue;
      let list = this.#verdicts.get(v.id);
      if (!list) this.#verdicts.set(v.id, (list = []));
      list.push(v);
    }
    this.#summaries = data.comparisons.map((c) => {
      const verdicts = this.#verdicts.get(c.id) ?? [];
      return {
        id: c.id, topic: pairSlice(c, 'topic'), language: pairSlice(c, 'language'), environment: pairSlice(c, 'environment'),
        vote: c.vote, modelA: c.a.model, modelB: c.b.model, verdicts: verdicts.length,
        disagree: verdicts.some((v) => v.verdict !== 'error' && toThreeClass(v.verdict) !== toThreeClass(c.vote)),
      };
    });
  }

  get size(): number {
    return this.#summaries.length;
  }

  /** Verdicts on records of this dataset. */
  get verdictCount(): number {
    let n = 0;
    for (const list of this.#verdicts.values()) n += list.length;
    return n;
  }

  facets(): Facets {
    const count = (key: keyof Facets) => {
      const counts = new Map<string, number>();
      for (const s of this.#summaries) counts.set(s[key], (counts.get(s[key]) ?? 0) + 1);
      return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([value, n]) => ({ value, count: n }));
    };
    return { topic: count('topic'), language: count('language'), environment: count('environment'), vote: count('vote') };
  }

  page(query: RecordQuery): RecordPage {
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.limit ?? DEFAULT_PAGE_SIZE)));
    const matches = this.#summaries.filter((s) =>
      (query.topic === undefined || s.topic === query.topic) &&
      (query.language === undefined || s.language === query.language) &&
      (query.environment === undefined || s.environment === query.environment) &&
      (query.vote === undefined || s.vote === query.vote) &&
      (query.disagree !== true || s.disagree));
    return { total: matches.length, offset, limit, records: matches.slice(offset, offset + limit) };
  }

  comparison(id: string): Comparison | undefined {
    return this.#byId.get(id);
  }

  detail(id: string): RecordDetail | undefined {
    const c = this.#byId.get(id);
    if (!c) return undefined;
    const human = toThreeClass(c.vote);
    const order = (v: VerdictRecord) => `${v.judge}\u0000${v.mode}\u0000${v.order}`;
    return {
      id: c.id, instruction: c.instruction, topic: c.topic, vote: c.vote, a: sideDetail(c.a), b: sideDetail(c.b),
      verdicts: (this.#verdicts.get(id) ?? []).slice().sort((x, y) => order(x).localeCompare(order(y))).map((v) => ({
        judge: v.judge, mode: v.mode, order: v.order, verdict: v.verdict, reasoning: v.reasoning ?? null, error: v.error ?? null,
        agreesWithHuman: v.verdict === 'error' ? null : toThreeClass(v.verdict) === human,
      })),
    };
  }
}

/** One side as the page shows it (also an arena answer, as a side of its own). */
export function sideDetail(s: SideView): SideDetail {
  const e = executionOf(s);
  const code = codeOf(s);
  const language = sideSlice(s, 'language');
  return {
    model: s.model, language, environment: sideSlice(s, 'environment'), answer: s.answer, code,
    highlighted: highlightCode(code, s.language), output: e.output, error: e.error, status: runStatus(e), source: e.source,
    hasScreenshot: hasScreenshot(e),
  };
}
