/**
 * Identities used by the runner: the results key (one line per key in a
 * results file) and the cache key (same question to the same judge = same answer).
 */
import { createHash } from 'node:crypto';
import type { Comparison, SideView } from '../../data/comparison.js';
import { executionFingerprint } from '../../data/execution.js';
import type { Judge, JudgeMode, Order, VerdictRecord } from '../types.js';

/**
 * The results-file key. Readers keep the LAST line per key: a rerun with
 * `retryErrors` appends a new line that supersedes an earlier error line.
 */
export function resultKey(k: Pick<VerdictRecord, 'id' | 'judge' | 'mode' | 'order'>): string {
  // JSON keeps ids containing separators unambiguous.
  return JSON.stringify([k.judge, k.mode, k.order, k.id]);
}

/** JSON with object keys sorted, so equal values always hash equally. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Fields joined with length prefixes, so that no two field lists give the same text. */
function fields(values: ReadonlyArray<string | number | boolean | null>): string {
  let out = '';
  for (const v of values) {
    const text = v === null ? '\u0000null' : typeof v === 'string' ? v : `\u0000${typeof v}:${v}`;
    out += `${text.length}:${text}`;
  }
  return out;
}

function sideFields(s: SideView): string {
  // Bytes are not read for the key (they can be large); the source and size stand in.
  const shot = s.screenshot ? fields([s.screenshot.source, s.screenshot.size]) : fields([null]);
  return fields([s.answer, s.code, s.language, s.environment, s.output, s.error, s.success]) + shot;
}

// Hashes are memoised per object: a run asks for the same comparison's hash once per mode and order,
// and for the judge's on every task. Comparisons and judges are treated as immutable.
const contentHashes = new WeakMap<Comparison, string>();
const judgeHashes = new WeakMap<object, string>();

/** A hash of everything about a comparison that a prompt can show (not the human vote, not model names). */
export function comparisonContentHash(c: Comparison): string {
  let h = contentHashes.get(c);
  if (h === undefined) {
    h = sha256(fields(['comparison-v1', c.instruction]) + sideFields(c.a) + sideFields(c.b));
    contentHashes.set(c, h);
  }
  return h;
}

/** A hash of the judge's identity: its name and every setting that changes its answers (prompt version included). */
export function judgeHash(judge: Pick<Judge, 'name' | 'config'>): string {
  let h = judgeHashes.get(judge);
  if (h === undefined) {
    h = sha256(stableStringify({ name: judge.name, config: judge.config }));
    judgeHashes.set(judge, h);
  }
  return h;
}

/** The cache key: judge identity + the request (mode, order, record id and content). */
export function cacheKey(judge: Pick<Judge, 'name' | 'config'>, c: Comparison, mode: JudgeMode, order: Order): string {
  return sha256(fields(['cache-key-v1', judgeHash(judge), mode, order, c.id, comparisonContentHash(c), executionFingerprint(c)]));
}
