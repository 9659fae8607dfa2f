/**
 * One writer per ledger file: `<file>.lock` holds the writing process's
 * pid. Two runs appending to the same file at once could both answer a key
 * (a duplicate line); the second run is refused instead. A lock left by a
 * killed run (its pid no longer alive) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../errors.js';

/** True when a process with this pid exists (even one of another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface FileLock {
  release(): void;
}

export function lockFile(resultsFile: string): FileLock {
  const path = `${resultsFile}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { release: () => rmSync(path, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
        throw new ConfigError(`another run (pid ${pid}) is writing ${resultsFile}; wait for it, or stop it first`);
      }
      // Stale (a killed run) or our own: remove and try again.
      rmSync(path, { force: true });
    }
  }
  throw new ConfigError(`could not lock ${resultsFile} (lock file ${path} keeps reappearing)`);
}
