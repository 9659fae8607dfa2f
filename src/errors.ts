/**
 * Typed errors that say where bad input is: the file, the row (0-based, as in
 * the file) and the field. The CLI prints `message` and exits non-zero.
 */
export interface InputLocation {
  file?: string;
  row?: number;
  field?: string;
}

export function describeLocation(loc: InputLocation): string {
  const parts: string[] = [];
  if (loc.file !== undefined) parts.push(loc.file);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.field !== undefined) parts.push(`field "${loc.field}"`);
  return parts.join(', ');
}

/** Bad input data: missing column, wrong type, unknown label, corrupt file. */
export class InputError extends Error {
  override name = 'InputError';
  readonly file?: string;
  readonly row?: number;
  readonly field?: string;
  /** The message without its location prefix. */
  readonly problem: string;
  constructor(problem: string, loc: InputLocation = {}, options?: { cause?: unknown }) {
    const where = describeLocation(loc);
    super(where ? `${where}: ${problem}` : problem, options);
    this.problem = problem;
    this.file = loc.file;
    this.row = loc.row;
    this.field = loc.field;
  }
}

/** A network or remote-service failure, carrying the real underlying cause. */
export class RemoteError extends Error {
  override name = 'RemoteError';
  readonly url?: string;
  readonly status?: number;
  /** How long the server asked us to wait before trying again (Retry-After and kin), when it said. */
  readonly retryAfterMs?: number;
  constructor(message: string, info: { url?: string; status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(withCause(message, info.cause), { cause: info.cause });
    this.url = info.url;
    this.status = info.status;
    if (info.retryAfterMs !== undefined) this.retryAfterMs = info.retryAfterMs;
  }
}

/** A configuration or usage mistake (bad option, bad mapping). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Appends the innermost cause's message, which fetch hides in `err.cause`. */
export function withCause(message: string, cause: unknown): string {
  const inner = rootCause(cause);
  return inner && !message.includes(inner) ? `${message} (cause: ${inner})` : message;
}

export function rootCause(err: unknown): string | undefined {
  let cur: unknown = err;
  let last: string | undefined;
  for (let depth = 0; cur && depth < 8; depth++) {
    if (cur instanceof Error) {
      const code = (cur as { code?: unknown }).code;
      last = code && typeof code === 'string' && !cur.message.includes(code) ? `${code}: ${cur.message}` : cur.message;
      cur = (cur as { cause?: unknown }).cause;
    } else {
      last = String(cur);
      break;
    }
  }
  return last;
}

/**
 * A result could not be written: a file or folder in the way, a full or
 * read-only disk, no permission. Carries the path and the fs error code.
 */
export class OutputError extends Error {
  override name = 'OutputError';
  readonly path?: string;
  readonly code?: string;
  constructor(message: string, info: { path?: string; code?: string; cause?: unknown } = {}) {
    super(message, { cause: info.cause });
    this.path = info.path;
    this.code = info.code;
  }
}

/** What each fs error code means for someone writing results there. */
const OUTPUT_CODES: Record<string, string> = {
  EISDIR: 'a folder is in the way (expected a file path)',
  ENOTDIR: 'a file is in the way (a part of the path is a file, not a folder)',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EEXIST: 'something already exists at this path',
  EROFS: 'the file system is read-only',
};

/**
 * The fs error behind `err` (itself or a cause) as an OutputError, or
 * undefined when it is no such error. Used where the CLI prints errors, so a
 * result that cannot be written gives one named line, not a stack trace.
 */
export function toOutputError(err: unknown, target?: string): OutputError | undefined {
  if (err instanceof OutputError) return err;
  for (let cur: unknown = err, depth = 0; cur instanceof Error && depth < 8; cur = (cur as Error).cause, depth++) {
    const { code, path, dest, syscall } = cur as { code?: unknown; path?: unknown; dest?: unknown; syscall?: unknown };
    if (typeof code !== 'string' || !(code in OUTPUT_CODES)) continue;
    const where = typeof dest === 'string' ? dest : typeof path === 'string' ? path : target;
    // mkdir meets EEXIST when a file sits where a folder should be made.
    const meaning = code === 'EEXIST' && syscall === 'mkdir' ? 'a file is in the way (expected a folder)' : OUTPUT_CODES[code];
    const message = `cannot write ${where ?? 'the output'}: ${meaning} (${code})`;
    return new OutputError(message, { ...(where ? { path: where } : {}), code, cause: err });
  }
  return undefined;
}

/** Environment variables whose values are secrets and must never be printed. */
export const SECRET_ENV_VARS = ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'OPENAI_API_KEY'] as const;

/**
 * `text` with credentials taken out: the `user:password@` of any URL, and the
 * value of each secret environment variable (at least 4 characters, so an
 * empty or trivial value cannot blank out ordinary text).
 */
export function redactSecrets(text: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  let out = text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s:@'"]*(?::[^/\s@'"]*)?@/gi, '$1***@');
  for (const name of SECRET_ENV_VARS) {
    const value = env[name]?.trim();
    if (value && value.length >= 4) out = out.split(value).join('***');
  }
  return out;
}
