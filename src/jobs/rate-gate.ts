/**
 * Rate limiting: read how long the server asks us to wait (429 + Retry-After
 * and the x-ratelimit-reset-* family), and a shared gate so that one 429
 * pauses every worker, not just the one that received it.
 */
import { sleep } from './sleep.js';

export type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined | null;

export function getHeader(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const bag = headers as Record<string, string | string[] | undefined>;
  const hit = Object.keys(bag).find((k) => k.toLowerCase() === name);
  const v = hit === undefined ? undefined : bag[hit];
  return Array.isArray(v) ? v[0] : v;
}

/** `Retry-After`: delta seconds or an HTTP date. */
export function parseRetryAfter(value: string, nowMs: number): number | undefined {
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * A reset value as providers send it: a Go-style duration ("1s", "6m0s",
 * "20ms"), plain seconds ("2", "0.5"), unix epoch seconds, or an ISO date.
 */
export function parseResetValue(value: string, nowMs: number): number | undefined {
  const v = value.trim();
  if (/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(v)) {
    let total = 0;
    for (const m of v.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) total += Number(m[1]) * UNIT_MS[m[2]!]!;
    return Math.round(total);
  }
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    // Values this large are a moment (epoch seconds), not a delay.
    return n > 1e9 ? Math.max(0, Math.round(n * 1000 - nowMs)) : Math.round(n * 1000);
  }
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

const RESET_HEADERS = [
  'x-ratelimit-reset-requests',
  'x-ratelimit-reset-tokens',
  'x-ratelimit-reset',
  'ratelimit-reset',
];

/**
 * How long the server asked us to wait, in ms, or undefined when it did not
 * say. Precedence: retry-after-ms, Retry-After, then the longest x-ratelimit-reset-*.
 */
export function waitFromHeaders(headers: HeaderBag, nowMs: number = Date.now()): number | undefined {
  const ms = getHeader(headers, 'retry-after-ms');
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  const ra = getHeader(headers, 'retry-after');
  if (ra !== undefined) {
    const parsed = parseRetryAfter(ra, nowMs);
    if (parsed !== undefined) return parsed;
  }
  let longest: number | undefined;
  for (const name of RESET_HEADERS) {
    const raw = getHeader(headers, name);
    const parsed = raw === undefined ? undefined : parseResetValue(raw, nowMs);
    if (parsed !== undefined) longest = Math.max(longest ?? 0, parsed);
  }
  return longest;
}

/** One gate shared by all workers: while paused, nobody sends a request. */
export class RateGate {
  private openAt = 0;
  pauses = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Pauses everyone until `now + ms` (a later pause extends, an earlier one never
   * shortens). Returns true when this started a pause (the gate was open): an
   * extension of a pause under way is not counted again.
   */
  pauseFor(ms: number): boolean {
    const now = this.now();
    const until = now + ms;
    if (until <= this.openAt) return false;
    const fresh = this.openAt <= now;
    this.openAt = until;
    if (fresh) this.pauses++;
    return fresh;
  }

  get pausedUntil(): number {
    return this.openAt;
  }

  async wait(signal?: AbortSignal): Promise<void> {
    for (let left = this.openAt - this.now(); left > 0; left = this.openAt - this.now()) {
      await sleep(left, signal);
    }
  }
}
