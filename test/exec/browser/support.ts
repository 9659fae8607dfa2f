/** Helpers of the browser tests: process trees, PNG sizes, a place to look at screenshots. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Live pids under `root` (itself included), read from /proc. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try { stat = readFileSync(`/proc/${name}/stat`, 'utf8'); } catch { continue; }
    // The command may hold spaces and parentheses: fields start after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (!alive(pid)) continue;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat); // a zombie is dead, only not reaped yet
  } catch {
    return false;
  }
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(png);
  expectSignature(b);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function expectSignature(b: Buffer): void {
  if (b.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a') throw new Error('not a PNG');
}

/** Screenshots are kept for people to look at (in the OS temp folder, bcr-browser-screenshots/), overwritten each run. */
export function keepScreenshot(name: string, png: Uint8Array): void {
  const dir = join(tmpdir(), 'bcr-browser-screenshots');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.png`), png);
}

/**
 * The pids of `pids` still alive after waiting up to `ms` for them to go: a
 * killed tree takes a moment to unwind on a loaded machine, and the check
 * must not pass early or fail early.
 */
export async function aliveAfter(pids: readonly number[], ms = 10_000): Promise<number[]> {
  const end = Date.now() + ms;
  for (;;) {
    const left = pids.filter(alive);
    if (left.length === 0 || Date.now() >= end) return left;
    await new Promise((r) => setTimeout(r, 50));
  }
}
