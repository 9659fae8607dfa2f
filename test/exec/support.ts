/** Shared helpers of the sandbox conformance and attack suites: a loopback listener and a process scan. */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';

/** A real TCP server on 127.0.0.1 that counts the connections it receives. */
export interface Listener {
  port: number;
  connections(): number;
  close(): Promise<void>;
}

export async function loopbackListener(): Promise<Listener> {
  let count = 0;
  const server: Server = createServer((socket) => {
    count++;
    socket.end('hello from the host\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    connections: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Pids of host processes whose command line contains `marker`. */
export function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) found.push(Number(entry));
    } catch { /* gone */ }
  }
  return found;
}

/**
 * Processes that are the program named `marker` (a copied binary), by their
 * command name: unlike a command-line match, a `docker create` client that
 * carries the marker among its arguments for a moment does not count.
 */
export function programsNamed(marker: string): number[] {
  const comm = marker.slice(0, 15); // the kernel keeps 15 characters of a command name
  return processesWith(marker).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm;
    } catch {
      return false;
    }
  });
}

/** Waits up to `ms` for no process to carry `marker`; returns those left. */
export async function awaitNoProcesses(marker: string, ms = 3000): Promise<number[]> {
  const end = Date.now() + ms;
  let left = processesWith(marker);
  while (left.length > 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    left = processesWith(marker);
  }
  return left;
}

/** Polls `check` every 100 ms for up to `ms`; true once it holds. */
export async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}
