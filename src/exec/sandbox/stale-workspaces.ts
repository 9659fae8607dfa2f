/**
 * Workspace folders of a supervisor that was SIGKILLed are never removed by
 * it. Their names carry the supervisor's pid (`bcr-<kind>-<pid>-XXXXXX`), so
 * the next backend started on the same temp folder removes those whose
 * supervisor is gone. A live pid (even a reused one) keeps its folders.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { processAlive } from '../../jobs/lock.js';

/** The `mkdtemp` prefix of this process's workspaces of one kind (`sandbox`, `docker`). */
export function workspacePrefix(tmp: string, kind: string): string {
  return path.join(tmp, `bcr-${kind}-${process.pid}-`);
}

/** Removes `tmp`'s workspace folders of `kind` whose supervising process is dead; returns their names. */
export async function removeStaleWorkspaces(tmp: string, kind: string): Promise<string[]> {
  const pattern = new RegExp(`^bcr-${kind}-(\\d+)-`);
  const names = await readdir(tmp).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const pid = Number(pattern.exec(name)?.[1] ?? NaN);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid);
  });
  await Promise.all(stale.map((name) => rm(path.join(tmp, name), { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined)));
  return stale;
}
