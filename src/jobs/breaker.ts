/**
 * A circuit breaker for a whole run: K consecutive failures of one kind that
 * will not clear by retrying task after task (a dead endpoint, a bad key, an
 * exhausted quota, a rate limit that never lifts) stop the run, instead of
 * every task failing on its own for hours.
 *
 * "Consecutive" counts waves, not requests: failures of attempts that were
 * already under way when the previous failure was counted belong to the same
 * wave (64 workers hitting one 429 together are one failure, not 64), so the
 * breaker trips after K rounds of trying again whatever the concurrency.
 */
import type { FailureKind } from './failure.js';

/** Consecutive failure waves of a kind before the run stops; kinds absent never trip. */
export type BreakerLimits = Partial<Record<FailureKind, number>>;

export const DEFAULT_BREAKER: BreakerLimits = { quota: 1, auth: 2, unreachable: 3, rate_limit: 5 };

/** The defaults with every limit but `quota` set to `k` (what `--breaker-after` sets). */
export function breakerLimits(k: number): BreakerLimits {
  const out: BreakerLimits = {};
  for (const [kind, n] of Object.entries(DEFAULT_BREAKER)) out[kind as FailureKind] = kind === 'quota' ? n : k;
  return out;
}

export class CircuitBreaker {
  private kind: FailureKind | null = null;
  private count = 0;
  private started = 0;
  /** Attempts numbered below this began before the last counted failure: same wave. */
  private barrier = 0;

  constructor(private readonly limits: BreakerLimits = DEFAULT_BREAKER) {}

  /** Call when an attempt starts; pass the number back to `failure`. */
  attemptStarted(): number {
    return this.started++;
  }

  /** Any answer resets the streak. */
  success(): void {
    this.kind = null;
    this.count = 0;
  }

  /** Counts a failure; returns the streak length when it reaches the kind's limit (the run must stop). */
  failure(kind: FailureKind, attempt: number): number | undefined {
    const limit = this.limits[kind];
    if (kind !== this.kind) {
      this.kind = kind;
      this.count = 0;
      this.barrier = 0;
    }
    if (attempt < this.barrier) return undefined;
    this.count++;
    this.barrier = this.started;
    return limit !== undefined && limit > 0 && this.count >= limit ? this.count : undefined;
  }
}
