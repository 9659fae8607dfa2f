/** The error a stage throws when its run stopped early on the server's word (breaker or budget). */
import { RemoteError } from '../errors.js';
import type { JobStop } from './run.js';

export class JobStoppedError<S = unknown> extends RemoteError {
  override name = 'JobStoppedError';
  readonly stop: JobStop;
  /** What the run did before it stopped (all of it is in the ledger). */
  readonly summary: S;
  /** How to pick up where it stopped. */
  readonly resume: string;

  constructor(stop: JobStop, summary: S, resume: string) {
    super(`run stopped (${stop.reason}): ${stop.message}`, stop.status !== undefined ? { status: stop.status } : {});
    this.stop = stop;
    this.summary = summary;
    this.resume = resume;
  }
}

/** "in 1 h 5 min", "in 12 s": how long a server asked us to wait, for a resume hint. */
export function formatWait(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.ceil(s / 60);
  if (m < 120) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** One sentence for the user: what stopped the run and how to resume it. */
export function resumeHint(stop: JobStop, pending: number): string {
  const left = `${pending} task(s) were left unwritten`;
  const when = stop.retryAfterMs !== undefined ? ` after ${formatWait(stop.retryAfterMs)} (the server's wait)` : '';
  switch (stop.reason) {
    case 'interrupted':
      return `${left}; rerun the same command to resume`;
    case 'budget':
      return `${left}; rerun the same command${when} to resume, or raise the retry budget`;
    case 'breaker':
      return stop.kind === 'auth'
        ? `${left}; check the API key and its access, then rerun the same command to resume`
        : stop.kind === 'quota'
          ? `${left}; add credit to the account, then rerun the same command to resume`
          : stop.kind === 'unreachable'
            ? `${left}; check that the endpoint is up and the URL is right, then rerun the same command to resume`
            : `${left}; rerun the same command${when} to resume`;
  }
}
