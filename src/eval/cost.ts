/**
 * What a judge run cost and how long it took, per judge and mode, from its
 * results file: tokens, dollars from a price table the user can edit
 * (`data/prices.json`; JSON or CSV of model -> dollars per 1M input and
 * output tokens), latency percentiles, errors and retries (`attempts`).
 *
 * Cached answers cost nothing and took no time in the run that read them:
 * they are counted, but left out of tokens, cost and latency.
 */
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { packageRoot } from '../data/dataset.js';
import type { JudgeMode, VerdictRecord } from '../data/verdict.js';
import { InputError } from '../errors.js';
import { quantile } from './paired-bootstrap.js';

/** Dollars per 1M tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}

export interface PriceTable {
  /** Where the table was read from. */
  file: string;
  /** The date the prices were taken, when the table says. */
  asOf?: string;
  note?: string;
  models: ReadonlyMap<string, ModelPrice>;
}

/** The default table shipped with the package (dated; prices change). */
export const DEFAULT_PRICES_FILE = join(packageRoot(), 'data', 'prices.json');

const price = z.number({ error: 'must be a number (dollars per 1M tokens)' }).nonnegative({ error: 'must not be negative' });
const modelPrice = z.object({ input: price, output: price }, { error: 'must be an object with input and output prices' });
const priceFileSchema = z.looseObject({
  asOf: z.string({ error: 'must be a string' }).optional(),
  note: z.string({ error: 'must be a string' }).optional(),
  models: z.record(z.string(), modelPrice, { error: 'must map model names to prices' }),
});

/** Reads a price table: JSON (`{asOf, note, models: {name: {input, output}}}`) or CSV with columns model,input,output. */
export function readPriceTable(file: string = DEFAULT_PRICES_FILE): PriceTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError('cannot read the price table', { file }, { cause: err });
  }
  return extname(file).toLowerCase() === '.csv' ? parseCsvPrices(text, file) : parseJsonPrices(text, file);
}

function parseJsonPrices(text: string, file: string): PriceTable {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`invalid JSON: ${(err as Error).message}`, { file }, { cause: err });
  }
  const parsed = priceFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || undefined;
    throw new InputError(`not a price table: ${issue.message}`, { file, field });
  }
  const { asOf, note, models } = parsed.data;
  return { file, ...(asOf !== undefined ? { asOf } : {}), ...(note !== undefined ? { note } : {}), models: new Map(Object.entries(models)) };
}

function parseCsvPrices(text: string, file: string): PriceTable {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (err) {
    throw new InputError(`invalid CSV: ${(err as Error).message}`, { file }, { cause: err });
  }
  const models = new Map<string, ModelPrice>();
  rows.forEach((row, i) => {
    const rowNo = i + 1; // row 0 is the header
    for (const field of ['model', 'input', 'output']) {
      if (row[field] === undefined || row[field] === '') throw new InputError('missing value (columns: model,input,output)', { file, row: rowNo, field });
    }
    const parsePrice = (field: 'input' | 'output') => {
      const n = Number(row[field]);
      if (!Number.isFinite(n) || n < 0) throw new InputError(`must be a non-negative number of dollars per 1M tokens; got "${row[field]}"`, { file, row: rowNo, field });
      return n;
    };
    models.set(row.model!, { input: parsePrice('input'), output: parsePrice('output') });
  });
  return { file, models };
}

/**
 * The price of a judge's model: its full name, then the name after the
 * judge kind (`openai:gpt-4o` -> `gpt-4o`), then after a provider prefix
 * (`anthropic/claude-sonnet-4` -> `claude-sonnet-4`).
 */
export function priceFor(table: PriceTable, judge: string): { model: string; price: ModelPrice } | null {
  const afterKind = judge.slice(judge.indexOf(':') + 1);
  const afterProvider = afterKind.slice(afterKind.lastIndexOf('/') + 1);
  for (const model of [judge, afterKind, afterProvider]) {
    const found = table.models.get(model);
    if (found) return { model, price: found };
  }
  return null;
}

export interface LatencySummary {
  /** Verdicts with a latency (cached ones excluded). */
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface CostRow {
  judge: string;
  mode: JudgeMode;
  verdicts: number;
  errors: number;
  cached: number;
  /** Verdicts that took more than one attempt, and the extra attempts in all. */
  retried: number;
  retries: number;
  /** Tokens of the verdicts not served from cache. */
  promptTokens: number;
  completionTokens: number;
  /** The price-table model used, or null when the judge's model is not in the table. */
  pricedAs: string | null;
  /** Dollars from the price table; null when unpriced. */
  cost: number | null;
  /** Dollars the judge itself recorded (`usage.cost`), when any verdict carries it. */
  recordedCost: number | null;
  latencyMs: LatencySummary | null;
}

/** Latency percentiles (numpy's linear interpolation). */
export function latencySummary(values: readonly number[]): LatencySummary | null {
  if (values.length === 0) return null;
  return { n: values.length, p50: quantile(values, 0.5), p90: quantile(values, 0.9), p99: quantile(values, 0.99), max: Math.max(...values) };
}

type CostInput = Pick<VerdictRecord, 'judge' | 'mode' | 'verdict' | 'latencyMs' | 'usage' | 'cached' | 'attempts'>;

/** One row per (judge, mode) in first-seen order; both orders count together. */
export function costByJudge(verdicts: readonly CostInput[], prices?: PriceTable): CostRow[] {
  const groups = new Map<string, { judge: string; mode: JudgeMode; records: CostInput[] }>();
  for (const v of verdicts) {
    const key = JSON.stringify([v.judge, v.mode]);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { judge: v.judge, mode: v.mode, records: [] }));
    group.records.push(v);
  }
  return [...groups.values()].map(({ judge, mode, records }) => {
    const spent = records.filter((r) => r.cached !== true);
    const promptTokens = spent.reduce((s, r) => s + (r.usage?.promptTokens ?? 0), 0);
    const completionTokens = spent.reduce((s, r) => s + (r.usage?.completionTokens ?? 0), 0);
    const withCost = spent.filter((r) => r.usage?.cost !== undefined);
    const priced = prices ? priceFor(prices, judge) : null;
    const extra = records.map((r) => Math.max(0, (r.attempts ?? 1) - 1));
    return {
      judge,
      mode,
      verdicts: records.length,
      errors: records.filter((r) => r.verdict === 'error').length,
      cached: records.length - spent.length,
      retried: extra.filter((x) => x > 0).length,
      retries: extra.reduce((s, x) => s + x, 0),
      promptTokens,
      completionTokens,
      pricedAs: priced?.model ?? null,
      cost: priced ? (promptTokens * priced.price.input + completionTokens * priced.price.output) / 1e6 : null,
      recordedCost: withCost.length > 0 ? withCost.reduce((s, r) => s + r.usage!.cost!, 0) : null,
      latencyMs: latencySummary(spent.flatMap((r) => (r.latencyMs !== undefined ? [r.latencyMs] : []))),
    };
  });
}
