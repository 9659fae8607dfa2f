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

const JUDGE_FORMAT = '{label} {bar} {value}/{total} | {rate}/s | ETA {eta_formatted} | cached {cached} | failed {failed}{detail}';
const STAGE_FORMAT = '{label} {bar} {detail}';

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
      format: JUDGE_FORMAT,
      hideCursor: true,
      etaBuffer: 50,
      // The bars stay: they are the record of what each stage did.
      clearOnComplete: false,
      gracefulExit: false,
    },
    cliProgress.Presets.shades_classic,
  );
  // One bar per stage, and one per judge; each keeps its line. (No multibar.log: it leaves unchanged bars undrawn.)
  const bars = new Map<string, { bar: cliProgress.SingleBar; firstDone: number }>();
  const label = (e: { stage: string; judge?: string }) => (e.judge !== undefined ? `judge ${e.judge}` : e.stage);
  const width = () => Math.max(...[...bars.keys()].map((k) => k.length), 0);
  let stopped = false;
  const judgePayload = (e: ProgressEvent, firstDone: number) => ({
    rate: (e.elapsedMs > 0 ? ((e.done - firstDone) * 1000) / e.elapsedMs : 0).toFixed(1),
    cached: e.cached,
    failed: e.failed,
    detail: '',
  });
  const relabel = () => {
    const w = width();
    for (const [key, { bar }] of bars) bar.update({ label: key.padEnd(w) });
  };
  return {
    onStage(e) {
      if (stopped || e.stage === 'judge') {
        // A judge's bar is made by its first progress event; its end only adds the time.
        if (!stopped && e.status === 'done' && e.judge !== undefined) bars.get(label(e))?.bar.update({ detail: seconds(e.elapsedMs) });
        return;
      }
      const key = label(e);
      if (e.status === 'start') {
        bars.set(key, { bar: multibar.create(1, 0, { label: key, detail: 'running' }, { format: STAGE_FORMAT }), firstDone: 0 });
        relabel();
      } else {
        bars.get(key)?.bar.update(1, { detail: `${e.detail ?? 'done'}${seconds(e.elapsedMs)}` });
      }
    },
    onJudgeProgress(judge, e) {
      if (stopped) return;
      const key = `judge ${judge}`;
      const known = bars.get(key);
      if (!known) {
        // Rate over this run only: tasks already in the results file came for free.
        bars.set(key, { bar: multibar.create(e.total, e.done, { label: key, ...judgePayload(e, e.done) }), firstDone: e.done });
        relabel();
        return;
      }
      known.bar.setTotal(e.total);
      known.bar.update(e.done, judgePayload(e, known.firstDone));
    },
    stop() {
      if (stopped) return;
      stopped = true;
      multibar.stop();
    },
  };
}
