/**
 * The environment a sandboxed program sees: a fixed allow-list, never the
 * host's variables (API keys live there), plus what the caller passes.
 */
import { SandboxConfigError } from './errors.js';

/** The allow-list, for a workspace seen as `home`. */
export function baseEnvironment(home: string): Record<string, string> {
  return {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    USER: 'user',
    LOGNAME: 'user',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TMPDIR: '/tmp',
    TERM: 'dumb',
  };
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The allow-list plus the caller's variables (names checked). */
export function sandboxEnvironment(home: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env = baseEnvironment(home);
  for (const [name, value] of Object.entries(extra)) {
    if (!NAME.test(name)) throw new SandboxConfigError(`bad environment variable name "${name}"`);
    if (typeof value !== 'string' || value.includes('\0')) throw new SandboxConfigError(`bad value for environment variable "${name}"`);
    env[name] = value;
  }
  return env;
}
