/**
 * matplotlib scans the system fonts (about 0.7 s here) the first time it is
 * imported with an empty config folder, which every fresh sandbox has. The
 * font list is made once per backend by a trusted command of ours (`python3
 * -I`, so nothing of the workspace is imported) and then copied into each
 * plotting program's config folder.
 */
import { randomUUID } from 'node:crypto';
import type { Sandbox, SandboxFile } from '../sandbox/types.js';

const made = new Map<string, Promise<{ name: string; bytes: Uint8Array } | null>>();

async function makeFontList(sandbox: Sandbox): Promise<{ name: string; bytes: Uint8Array } | null> {
  const dir = `.bcr/mpl-warm-${randomUUID()}`;
  const r = await sandbox.exec(['/usr/bin/python3', '-I', '-c', 'import matplotlib.font_manager'], { env: { MPLCONFIGDIR: `${sandbox.workdir}/${dir}` } });
  if (r.exitCode !== 0) return null;
  const list = (await sandbox.listFiles(dir)).find((e) => e.kind === 'file' && /^fontlist-v\d+\.json$/.test(e.path.slice(dir.length + 1)));
  if (!list) return null;
  return { name: list.path.slice(dir.length + 1), bytes: await sandbox.readFile(list.path) };
}

/** The files and environment that give a Python run a ready font list (none when matplotlib is absent). */
export async function matplotlibConfig(sandbox: Sandbox, configDir: string): Promise<{ files: SandboxFile[]; env: Record<string, string> }> {
  let list = made.get(sandbox.backend);
  if (!list) {
    list = makeFontList(sandbox).catch(() => null);
    made.set(sandbox.backend, list);
  }
  const found = await list;
  const env = { MPLCONFIGDIR: `${sandbox.workdir}/${configDir}` };
  return { files: found ? [{ path: `${configDir}/${found.name}`, contents: found.bytes }] : [], env };
}
