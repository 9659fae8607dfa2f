/**
 * Which limit stopped a run. The supervisor knows the limits it enforces
 * itself (wall time, output bytes); the kernel's limits show as a signal
 * (SIGXCPU, SIGXFSZ) or as a failed allocation or fork that the program
 * reports on stderr in its own words, matched here per runtime.
 */
import type { LimitName } from './types.js';

const FSIZE = /File too large|\bEFBIG\b/;
const PIDS = /unable to create (?:new )?native thread|Resource temporarily unavailable|BlockingIOError|fork: retry|\bEAGAIN\b|pthread_create failed|failed to create new OS thread|Cannot fork/i;
const MEMORY = /MemoryError|std::bad_alloc|Cannot allocate memory|out of memory|OutOfMemoryError|memory allocation of \d+ bytes failed|Could not reserve enough space|Failed to reserve memory|\bENOMEM\b|allocation failed/i;

const JVM_MEMORY = /insufficient memory for the Java Runtime/;

export interface StopFacts {
  /** The limit the supervisor itself killed the run for. */
  killedFor: 'wall' | 'output' | null;
  exitCode: number | null;
  signal: string | null;
  stderr: string;
  /** The end of stdout: some runtimes (the JVM) report a failed reservation there. */
  stdoutTail?: string;
}

export function stoppedBy(f: StopFacts): LimitName | null {
  if (f.killedFor) return f.killedFor;
  if (f.signal === 'SIGXCPU') return 'cpu';
  if (f.signal === 'SIGXFSZ') return 'fsize';
  if (f.exitCode === 0 && f.signal === null) return null;
  const said = `${f.stderr}\n${f.stdoutTail ?? ''}`;
  if (FSIZE.test(said)) return 'fsize';
  // A thread that cannot start is a process limit, even when the runtime calls it memory (the JVM does).
  if (PIDS.test(said)) return 'pids';
  if (MEMORY.test(said) || JVM_MEMORY.test(said)) return 'memory';
  return null;
}
