/**
 * The `docker` command-line client, spawned as a child process: no daemon
 * socket library is needed, and `DOCKER_HOST` / contexts work as for a
 * person. The client gets a small environment (never the caller's API keys;
 * they would not reach a container anyway, but need not reach the client).
 */
import { execFile } from 'node:child_process';

const CLIENT_ENV = ['PATH', 'HOME', 'DOCKER_HOST', 'DOCKER_CONFIG', 'DOCKER_CONTEXT', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY', 'DOCKER_API_VERSION'];

/** The environment the `docker` client is started with. */
export function clientEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of CLIENT_ENV) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  env.PATH ??= '/usr/local/bin:/usr/bin:/bin';
  return env;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `docker args...` to the end; never throws for a non-zero exit (the caller decides). */
export function docker(cli: string, args: readonly string[], timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(cli, args, { env: clientEnvironment(), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string }) | null;
      let code = 0;
      if (e) code = typeof e.code === 'number' ? e.code : -1;
      const said = e && typeof e.code === 'string' ? `${stderr}${e.message}` : stderr;
      resolve({ code, stdout: String(stdout), stderr: String(said) });
    });
  });
}
