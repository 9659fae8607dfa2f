/**
 * The result of one exec, assembled the same way by every backend: captured
 * output, the exit status (a wrapper's 128+N read back as signal N), and the
 * limit that stopped the run.
 */
import { constants as osConstants } from 'node:os';
import type { CappedBuffer } from './capture.js';
import { stoppedBy } from './stopped-by.js';
import type { ExecResult, LimitName } from './types.js';

function signalName(n: number): string | null {
  for (const [name, value] of Object.entries(osConstants.signals)) if (value === n) return name;
  return null;
}

/**
 * A program killed by signal N shows through a wrapper (bubblewrap, the
 * container's init) as exit code 128+N, as a shell reports it.
 */
export function unwrapExitStatus(exitCode: number | null, signal: string | null): { exitCode: number | null; signal: string | null } {
  if (exitCode !== null && exitCode > 128) {
    const name = signalName(exitCode - 128);
    if (name) return { exitCode: null, signal: name };
  }
  return { exitCode, signal };
}

export interface ExecFacts {
  argv: readonly string[];
  stdout: CappedBuffer;
  stderr: CappedBuffer;
  exitCode: number | null;
  signal: string | null;
  /** The limit the supervisor itself killed the run for. */
  killedFor: 'wall' | 'output' | null;
  /** A limit the backend learned another way (a container's OOM kill). */
  limit?: LimitName | null;
  startedAt: string;
  wallMs: number;
}

export function execResult(f: ExecFacts): ExecResult {
  const stdout = f.stdout.text();
  const stderr = f.stderr.text();
  const { exitCode, signal, killedFor } = f;
  return {
    argv: [...f.argv],
    stdout,
    stderr,
    exitCode,
    signal,
    limit: f.limit ?? stoppedBy({ killedFor, exitCode, signal, stderr, stdoutTail: stdout.slice(-4096) }),
    stdoutTruncated: f.stdout.truncated,
    stderrTruncated: f.stderr.truncated,
    stdoutBytes: f.stdout.total,
    stderrBytes: f.stderr.total,
    timings: { startedAt: f.startedAt, wallMs: f.wallMs },
  };
}
