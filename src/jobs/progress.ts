/** Progress events of a job, and a terminal progress bar (cli-progress) for them: rate, ETA, running cost. */
import cliProgress from 'cli-progress';

/** Sent after every finished task (and once at the start). */
export interface ProgressEvent {
  total: number;
  /** Tasks finished, counting those already in the ledger at start. */
  done: number;
  cached: number;
  failed: number;
  retried: number;
  /** Running cost in US dollars (0 for stages that cost nothing). */
  cost: number;
  elapsedMs: number;
}

export interface ProgressBar {
  onProgress(event: ProgressEvent): void;
  stop(): void;
}

export function createProgressBar(stream: NodeJS.WritableStream = process.stderr): ProgressBar {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{bar} {value}/{total} | {rate}/s | ETA {eta_formatted} | ${cost} | cached {cached} | failed {failed} | retries {retried}',
      etaBuffer: 50,
      hideCursor: true,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let firstDone = 0;
  return {
    onProgress(e) {
      if (!started) {
        started = true;
        firstDone = e.done;
        bar.start(e.total, e.done, payload(e, 0));
        return;
      }
      // Rate over this run only: lines already in the file at start came for free.
      const rate = e.elapsedMs > 0 ? ((e.done - firstDone) * 1000) / e.elapsedMs : 0;
      bar.update(e.done, payload(e, rate));
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

function payload(e: ProgressEvent, rate: number) {
  return { rate: rate.toFixed(1), cost: e.cost.toFixed(4), cached: e.cached, failed: e.failed, retried: e.retried };
}
