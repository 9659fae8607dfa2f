/**
 * Progress of `bcr run`, per stage and per judge. In a terminal: a
 * cli-progress multibar, one bar per judge (done/total, rate, ETA, cached,
 * failed), with a line above the bars as each stage ends. Piped (not a
 * terminal): one plain line per stage, so a log file stays readable.
 */
import cliProgress from 'cli-progress';
import type { ProgressEvent } from '../jobs/index.js';
import type { StudyStageEvent } from '../study/run-study.js';

export interface StudyProgress {
  onStage(event: StudyStageEvent): void;
  onJudgeProgress(judge: string, event: ProgressEvent): void;
  /** Draws the final state and gives the terminal back; safe to call twice. */
  stop(): void;
}

export interface StudyProgressTarget {
  /** True when `stream` is a terminal: bars; otherwise plain lines through `line`. */
  interactive: boolean;
  /** Where bars are drawn (default process.stderr). */
  stream?: NodeJS.WritableStream;
  /** Writes one plain line (piped form). */
  line: (text: string) => void;
}

const seconds = (ms: number | undefined) => (ms === undefined ? '' : ` (${(ms / 1000).toFixed(1)} s)`);

/** The line printed when a stage ends, e.g. `judge baseline:random: 600 tasks: ... (0.2 s)`. */
export function stageLine(event: StudyStageEvent): string {
  const what = event.judge !== undefined ? `${event.stage} ${event.judge}` : event.stage;
  return `${what}: ${event.detail ?? 'done'}${seconds(event.elapsedMs)}`;
}

export function createStudyProgress(target: StudyProgressTarget): StudyProgress {
  if (!target.interactive) {
    return {
      onStage: (e) => {
        if (e.status === 'done') target.line(stageLine(e));
      },
      onJudgeProgress: () => {},
      stop: () => {},
    };
  }
  const multibar = new cliProgress.MultiBar(
    {
      stream: target.stream ?? process.stderr,
      format: '{judge} {bar} {value}/{total} | {rate}/s | ETA {eta_formatted} | cached {cached} | failed {failed}',
      hideCursor: true,
      etaBuffer: 50,
      // The bars stay: they are the record of what each judge did.
      clearOnComplete: false,
      gracefulExit: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, { bar: cliProgress.SingleBar; firstDone: number }>();
  const width = { judge: 0 };
  let stopped = false;
  const payload = (judge: string, e: ProgressEvent, firstDone: number) => ({
    judge: judge.padEnd(width.judge),
    rate: (e.elapsedMs > 0 ? ((e.done - firstDone) * 1000) / e.elapsedMs : 0).toFixed(1),
    cached: e.cached,
    failed: e.failed,
  });
  return {
    onStage(e) {
      if (stopped) return;
      if (e.status === 'done') {
        multibar.log(`${stageLine(e)}\n`);
        // Logged lines are drawn on the next redraw: draw now, so a stage's line appears when it ends.
        multibar.update();
      }
    },
    onJudgeProgress(judge, e) {
      if (stopped) return;
      const known = bars.get(judge);
      if (!known) {
        width.judge = Math.max(width.judge, judge.length);
        // Rate over this run only: tasks already in the results file came for free.
        bars.set(judge, { bar: multibar.create(e.total, e.done, payload(judge, e, e.done)), firstDone: e.done });
        return;
      }
      known.bar.setTotal(e.total);
      known.bar.update(e.done, payload(judge, e, known.firstDone));
    },
    stop() {
      if (stopped) return;
      stopped = true;
      multibar.update();
      multibar.stop();
    },
  };
}
