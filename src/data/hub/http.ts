/**
 * HTTP plumbing shared by downloads and range reads: a watchdog that aborts a
 * request that stalls (no headers or no body bytes for `timeoutMs`), and the
 * project's one retry policy (src/jobs) for failures that may pass (network,
 * 5xx, 429, cut-offs).
 */
import { RemoteError } from '../../errors.js';
import { withRetry } from '../../jobs/index.js';

export interface TransferPolicy {
  fetch: typeof fetch;
  /** Abort a request that sends nothing for this long (headers or body). */
  timeoutMs: number;
  /** Extra attempts after a transient failure; never unbounded. */
  retries: number;
  /** First backoff delay (doubling, jittered; see the jobs room's retry policy). */
  retryDelayMs: number;
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_RETRIES = 2;
export const DEFAULT_RETRY_DELAY_MS = 1_000;

/** A failure that retrying cannot fix (bad checksum, wrong size). */
export class HubIntegrityError extends RemoteError {
  override name = 'HubIntegrityError';
}

/** Aborts its request when `kick()` has not been called for `ms`. */
export class Watchdog {
  readonly controller = new AbortController();
  timedOut = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly onOuterAbort = () => this.controller.abort(this.outer?.reason);

  constructor(
    private readonly ms: number,
    private readonly outer?: AbortSignal,
  ) {
    if (outer?.aborted) this.controller.abort(outer.reason);
    outer?.addEventListener('abort', this.onOuterAbort, { once: true });
    this.kick();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  kick(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(this.timeoutError());
    }, this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onOuterAbort);
  }

  /** The cause to report: a timeout says so instead of a bare AbortError. */
  explain(err: unknown): unknown {
    return this.timedOut ? this.timeoutError() : err;
  }

  private timeoutError(): Error {
    return new Error(`timed out: no data from the server for ${this.ms} ms`);
  }
}

/** Reads a body to the end, kicking the watchdog on every chunk. */
export async function* bodyChunks(res: Response, watchdog: Watchdog): AsyncGenerator<Uint8Array> {
  if (!res.body) return;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    watchdog.kick();
    yield chunk;
  }
}

/**
 * fetch, retried at once when the request died before any response on a
 * connection the server had already closed. Why: a keep-alive socket goes
 * stale while this process is busy (e.g. decoding a big column chunk for
 * seconds); undici sees the server's FIN only after it has sent the next
 * request on it ("other side closed"). Such a failure says nothing about the
 * server, so it does not use up the caller's retries. A refused connection is
 * not retried here.
 */
export async function fetchFresh(fetchImpl: typeof fetch, url: string, init: RequestInit): Promise<Response> {
  const STALE_SOCKET_RETRIES = 4;
  for (let n = 0; ; n++) {
    try {
      return await fetchImpl(url, init);
    } catch (err) {
      if (n >= STALE_SOCKET_RETRIES || init.signal?.aborted || !isStaleSocket(err)) throw err;
      // Let the event loop take in the other sockets' FINs before trying again.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

function isStaleSocket(err: unknown): boolean {
  const code = (err as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET' || code === 'EPIPE';
}

export function isTransient(err: unknown): boolean {
  if (!(err instanceof RemoteError) || err instanceof HubIntegrityError) return false;
  return err.status === undefined || err.status >= 500 || err.status === 429 || err.status === 408;
}

/** Runs `attempt` until it succeeds, fails for good, or the retries are spent. */
export async function withRetries<T>(policy: TransferPolicy, attempt: (n: number) => Promise<T>): Promise<T> {
  return withRetry(attempt, {
    // Bounded by the count the caller chose; a stalled transfer is cut by the watchdog, not by a total.
    policy: { maxAttempts: policy.retries + 1, maxTotalMs: Number.POSITIVE_INFINITY, baseMs: policy.retryDelayMs, maxDelayMs: 30_000 },
    // A server that says how long to wait (429/503 + Retry-After) is waited for, as the judge runner does.
    classify: (err) => ({
      retryable: isTransient(err),
      ...(err instanceof RemoteError && err.retryAfterMs !== undefined ? { serverWaitMs: err.retryAfterMs } : {}),
    }),
    ...(policy.signal ? { signal: policy.signal } : {}),
  });
}
