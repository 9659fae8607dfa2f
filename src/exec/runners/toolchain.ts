/**
 * A toolchain that is not installed where the sandbox looks is a fact about
 * the machine, not about the program: it is reported as such, with the
 * Debian package that brings it, never as the program's failure.
 */
import type { ExecResult } from '../sandbox/types.js';

/** Debian packages of the toolchains the runners call. */
const PACKAGES: Record<string, string> = {
  python3: 'python3', node: 'nodejs', gcc: 'gcc', 'g++': 'g++', javac: 'default-jdk-headless', java: 'default-jdk-headless', go: 'golang-go', rustc: 'rustc-web',
};

/** The command that could not be started (exit 127, "failed to execute ... No such file"), or null. */
export function missingToolchain(result: ExecResult): string | null {
  if (result.exitCode !== 127) return null;
  // bubblewrap says "execvp X"; the Docker backend starts programs through `env -i`, which quotes X.
  const m = /failed to execute (\S+): No such file or directory|execvp (\S+): No such file or directory|^\S*env: [‘'"]([^’'"]+)[’'"]: No such file or directory/m.exec(result.stderr);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

/** The Debian package that installs `command`, when known. */
export function toolchainPackage(command: string): string | null {
  return PACKAGES[command.split('/').pop() ?? command] ?? null;
}
