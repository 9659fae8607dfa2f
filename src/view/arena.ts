/**
 * Arena records for the viewer: one record per (prompt, candidate), the
 * candidate's answer as side a and the baseline's as side b, each with its
 * execution, and the judge's five-point verdicts in both orders. Filters:
 * model, environment (of the candidate's program), topic, verdict (with the
 * candidate as A, either order). Screenshots stay lazy, as in `RecordIndex`.
 */
import type { LazyImage, SideView } from '../data/comparison.js';
import { executionOf } from '../data/execution.js';
import {
  answerKey, arenaPaths, JUDGMENTS_FORMAT, readAnswerExecutions, readAnswers,
  type AnswerExecution, type AnswerLine, type ArenaPrompt, type JudgmentLine,
} from '../arena/index.js';
import { readLedger } from '../jobs/index.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, sideDetail, type SideDetail } from './records.js';

export interface ArenaViewerData {
  /** The arena folder, for the page header. */
  dir: string;
  prompts: readonly ArenaPrompt[];
  answers: ReadonlyMap<string, AnswerLine>;
  executions: ReadonlyMap<string, AnswerExecution>;
  judgments: readonly JudgmentLine[];
}

export interface ArenaRecordSummary {
  kind: 'arena';
  id: string;
  uid: string;
  model: string;
  baseline: string;
  topic: string;
  environment: string;
  /** The verdict per order, the candidate as A (`error` when unreadable). */
  verdicts: { AB: string | null; BA: string | null };
}

export interface ArenaVerdictDetail {
  judge: string;
  order: 'AB' | 'BA';
  /** The label about the pair as shown, and the same with the candidate as A. */
  shown: string | null;
  label: string | null;
  status: 'ok' | 'error';
  reasoning: string | null;
  error: string | null;
}

export interface ArenaRecordDetail {
  kind: 'arena';
  id: string;
  uid: string;
  instruction: string;
  topic: string;
  /** Side a is the candidate, side b the baseline (null when it has no answer). */
  a: SideDetail | null;
  b: SideDetail | null;
  verdicts: ArenaVerdictDetail[];
}

export const ARENA_FACETS = ['model', 'environment', 'topic', 'verdict'] as const;
export type ArenaFacet = (typeof ARENA_FACETS)[number];

/** The arena folder's ledgers, read as the arena stages wrote them. */
export function loadArenaViewerData(dir: string, prompts: readonly ArenaPrompt[]): ArenaViewerData {
  const paths = arenaPaths(dir);
  return {
    dir, prompts, answers: readAnswers(paths.answers), executions: readAnswerExecutions(paths.executions),
    judgments: [...readLedger(paths.judgments, JUDGMENTS_FORMAT).latest.values()],
  };
}

const recordId = (uid: string, model: string) => JSON.stringify([uid, model]);
const verdictOf = (j: JudgmentLine | undefined) => (j === undefined ? null : j.status === 'ok' && j.label !== null ? j.label : 'error');

interface Entry {
  summary: ArenaRecordSummary;
  prompt: ArenaPrompt;
  judgments: JudgmentLine[];
}

export class ArenaIndex {
  readonly dir: string;
  readonly #data: ArenaViewerData;
  readonly #entries: Entry[] = [];
  readonly #byId = new Map<string, Entry>();

  constructor(data: ArenaViewerData) {
    this.dir = data.dir;
    this.#data = data;
    const promptOf = new Map(data.prompts.map((p) => [p.uid, p]));
    const groups = new Map<string, JudgmentLine[]>();
    for (const j of data.judgments) {
      if (!promptOf.has(j.uid)) continue;
      const id = recordId(j.uid, j.model);
      let list = groups.get(id);
      if (!list) groups.set(id, (list = []));
      list.push(j);
    }
    for (const [id, judgments] of groups) {
      const first = judgments[0]!;
      const prompt = promptOf.get(first.uid)!;
      const order = (o: 'AB' | 'BA') => verdictOf(judgments.find((j) => j.order === o));
      const entry: Entry = {
        prompt, judgments: judgments.sort((x, y) => `${x.judge}\u0000${x.order}`.localeCompare(`${y.judge}\u0000${y.order}`)),
        summary: {
          kind: 'arena', id, uid: first.uid, model: first.model, baseline: first.baseline, topic: prompt.category,
          environment: data.executions.get(answerKey(first.model, first.uid))?.line.environment ?? 'none',
          verdicts: { AB: order('AB'), BA: order('BA') },
        },
      };
      this.#entries.push(entry);
      this.#byId.set(id, entry);
    }
    const position = new Map(data.prompts.map((p, i) => [p.uid, i]));
    this.#entries.sort((x, y) => position.get(x.summary.uid)! - position.get(y.summary.uid)! || x.summary.model.localeCompare(y.summary.model));
  }

  get size(): number {
    return this.#entries.length;
  }

  get verdictCount(): number {
    return this.#entries.reduce((n, e) => n + e.judgments.length, 0);
  }

  facets(): Record<ArenaFacet, { value: string; count: number }[]> {
    const count = (values: (s: ArenaRecordSummary) => string[]) => {
      const counts = new Map<string, number>();
      for (const e of this.#entries) for (const v of new Set(values(e.summary))) counts.set(v, (counts.get(v) ?? 0) + 1);
      return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([value, n]) => ({ value, count: n }));
    };
    return {
      model: count((s) => [s.model]), environment: count((s) => [s.environment]), topic: count((s) => [s.topic]),
      verdict: count((s) => [s.verdicts.AB, s.verdicts.BA].filter((v): v is string => v !== null)),
    };
  }

  page(query: Partial<Record<ArenaFacet, string>> & { offset?: number; limit?: number }) {
    const offset = Math.max(0, Math.floor(query.offset ?? 0));
    const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.limit ?? DEFAULT_PAGE_SIZE)));
    const matches = this.#entries.map((e) => e.summary).filter((s) =>
      (query.model === undefined || s.model === query.model) &&
      (query.environment === undefined || s.environment === query.environment) &&
      (query.topic === undefined || s.topic === query.topic) &&
      (query.verdict === undefined || s.verdicts.AB === query.verdict || s.verdicts.BA === query.verdict));
    return { total: matches.length, offset, limit, records: matches.slice(offset, offset + limit) };
  }

  #side(model: string, uid: string): SideView | null {
    const answer = this.#data.answers.get(answerKey(model, uid));
    if (!answer || answer.answer === null) return null;
    const run = this.#data.executions.get(answerKey(model, uid));
    return {
      model, answer: answer.answer, code: null, language: run?.line.language ?? null, environment: run?.line.environment ?? null,
      output: null, error: run?.line.message ?? null, success: null, screenshot: null, rounds: [], turns: 1,
      ...(run?.execution ? { execution: run.execution } : {}),
    };
  }

  detail(id: string): ArenaRecordDetail | undefined {
    const e = this.#byId.get(id);
    if (!e) return undefined;
    const { uid, model, baseline } = e.summary;
    const a = this.#side(model, uid);
    const b = this.#side(baseline, uid);
    return {
      kind: 'arena', id, uid, instruction: e.prompt.instruction, topic: e.prompt.category,
      a: a ? sideDetail(a) : null, b: b ? sideDetail(b) : null,
      verdicts: e.judgments.map((j) => ({ judge: j.judge, order: j.order, shown: j.shown, label: j.label, status: j.status, reasoning: j.raw, error: j.error })),
    };
  }

  /** Side a's (the candidate's) or side b's (the baseline's) screenshot, unread. */
  screenshot(id: string, key: 'a' | 'b'): LazyImage | null {
    const e = this.#byId.get(id);
    if (!e) return null;
    const side = this.#side(key === 'a' ? e.summary.model : e.summary.baseline, e.summary.uid);
    return side ? executionOf(side).screenshot : null;
  }
}
