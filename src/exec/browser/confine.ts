/**
 * The launcher that confines Chromium: a small shell script playwright-core
 * starts as its "executable", which execs bubblewrap around Debian's
 * Chromium binary. Model-written JavaScript runs in that browser, so it gets
 * the local backend's policy: new namespaces (no network at all, not even
 * the host's loopback; a pid namespace of its own), a read-only system, no
 * capabilities, a scrubbed environment, and a private in-memory profile (a
 * tmpfs over the profile folder playwright names, so nothing of one run's
 * storage reaches the host disk). Playwright talks to it over pipes
 * (fds 3 and 4), which bubblewrap passes through.
 *
 * When the host side is root, bubblewrap starts as `nobody` (setpriv), as
 * the local backend does. The script records bubblewrap's pid in a file so
 * the supervisor can kill the whole tree (`--die-with-parent` and the pid
 * namespace take every Chromium process with it) when the browser hangs.
 */
import { chmod, lstat, readlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findExecutable } from '../backends/local.js';
import { SandboxUnavailableError } from '../sandbox/errors.js';

/** Debian's Chromium binary (`/usr/bin/chromium` is a shell script around it). */
export const CHROMIUM_BINARY = '/usr/lib/chromium/chromium';

/** Read-only files and folders Chromium needs besides /usr (fonts, the loader cache). */
const ETC = ['/etc/fonts', '/etc/ld.so.cache', '/etc/ld.so.conf', '/etc/ld.so.conf.d', '/etc/localtime', '/var/cache/fontconfig'];

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

async function topLevel(): Promise<string[]> {
  const args: string[] = [];
  for (const name of ['bin', 'sbin', 'lib', 'lib32', 'lib64', 'libx32']) {
    const st = await lstat(`/${name}`).catch(() => null);
    if (!st) continue;
    if (st.isSymbolicLink()) args.push('--symlink', await readlink(`/${name}`), `/${name}`);
    else if (st.isDirectory()) args.push('--ro-bind', `/${name}`, `/${name}`);
  }
  return args;
}

export interface Launcher {
  /** The script to give playwright as `executablePath`. */
  script: string;
  /** Where the script writes bubblewrap's pid. */
  pidFile: string;
  /** False when Chromium runs without bubblewrap (the loud opt-out). */
  confined: boolean;
}

/**
 * Writes the launcher into `dir` (a private folder of the supervisor).
 * Without bubblewrap it refuses, unless `unsafeNoIsolation` is set.
 */
export async function writeLauncher(dir: string, options: { chromium?: string; unsafeNoIsolation?: boolean } = {}): Promise<Launcher> {
  const chromium = options.chromium ?? CHROMIUM_BINARY;
  if (!(await findExecutable(chromium))) throw new SandboxUnavailableError(`Chromium was not found at ${chromium}: install it with \`apt-get install chromium\``);
  const pidFile = path.join(dir, 'browser.pid');
  const script = path.join(dir, 'chromium-confined.sh');
  let body: string;
  if (options.unsafeNoIsolation) {
    body = `echo $$ > ${quote(pidFile)}\nexec ${quote(chromium)} "$@"\n`;
  } else {
    const bwrap = await findExecutable('bwrap');
    if (!bwrap) throw new SandboxUnavailableError('bubblewrap (bwrap) was not found, so the browser that runs model-written pages is refused: install it with `apt-get install bubblewrap`');
    const root = process.getuid?.() === 0;
    const setpriv = root ? await findExecutable('setpriv') : null;
    if (root && !setpriv) throw new SandboxUnavailableError('running as root needs setpriv (util-linux) to start the browser\'s bubblewrap as an unprivileged user');
    const binds = [...(await topLevel()), ...ETC.flatMap((p) => ['--ro-bind-try', p, p])];
    const prefix = setpriv ? [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all'] : [];
    const argv = [
      ...prefix, bwrap,
      '--unshare-all', '--die-with-parent', '--new-session', '--cap-drop', 'ALL',
      '--uid', '1000', '--gid', '1000', '--hostname', 'sandbox',
      '--ro-bind', '/usr', '/usr', ...binds,
      '--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp',
    ];
    // The profile folder playwright passes is replaced by a tmpfs; the rest of "$@" goes to Chromium as given.
    body = [
      'profile=""',
      'for a in "$@"; do case "$a" in --user-data-dir=*) profile="${a#--user-data-dir=}";; esac; done',
      'case "$profile" in /*) ;; *) echo "chromium-confined: no absolute --user-data-dir" >&2; exit 2;; esac',
      `echo $$ > ${quote(pidFile)}`,
      `exec ${argv.map(quote).join(' ')} --tmpfs "$profile" --remount-ro / --chdir /tmp --clearenv \\`,
      `  --setenv HOME /tmp --setenv PATH /usr/bin:/bin --setenv LANG C.UTF-8 --setenv TMPDIR /tmp \\`,
      `  -- ${quote(chromium)} "$@"`,
      '',
    ].join('\n');
  }
  await writeFile(script, `#!/bin/sh\n# Written by bcr (src/exec/browser/confine.ts): Chromium under bubblewrap.\n${body}`, { mode: 0o700 });
  await chmod(script, 0o700);
  return { script, pidFile, confined: !options.unsafeNoIsolation };
}
