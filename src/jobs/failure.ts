/**
 * What kind of failure an attempt met, and whether trying again can help.
 * Works on the openai SDK's errors (status, headers, body) and on plain
 * fetch/Node errors, by shape rather than by class, so any stage that talks
 * HTTP shares one classification.
 */
import { waitFromHeaders, type HeaderBag } from './rate-gate.js';

export const FAILURE_KINDS = [
  'rate_limit', // 429
  'quota', // 429 insufficient_quota: the account is out of credit; waiting will not help
  'auth', // 401/403: the key is wrong or lacks access
  'server', // 5xx, 408, 409
  'timeout', // our per-request timeout fired
  'unreachable', // connection refused, host unknown: nobody is listening
  'network', // connection reset, body cut off
  'malformed_response', // 2xx whose body is not what was promised
  'client', // other 4xx: our request is wrong, retrying will not help
  'parse', // the service answered, but no usable result could be read from it
  'batch', // a Batch API job failed or expired before this request ran
  'other',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface ClassifiedFailure {
  kind: FailureKind;
  retryable: boolean;
  status?: number;
  /** Wait the server asked for (Retry-After and friends), in ms. */
  serverWaitMs?: number;
  message: string;
}

/** A 2xx response whose body is not the expected object (an HTML error page, a bare `{"error": ...}`). */
export class MalformedResponseError extends Error {
  override name = 'MalformedResponseError';
}

/** A short, one-line quote of what a server sent, for error messages. */
export function quoteBody(body: unknown, max = 200): string {
  let text: string;
  if (typeof body === 'string') text = body;
  else {
    const message = (body as { error?: { message?: unknown } | string } | null)?.error;
    const inner = typeof message === 'string' ? message : message?.message;
    text = typeof inner === 'string' ? inner : JSON.stringify(body) ?? String(body);
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);
const NETWORK_CODES = new Set([
  'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET',
  'UND_ERR_CLOSED', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
]);

function chain(err: unknown): unknown[] {
  const out: unknown[] = [];
  for (let cur = err, d = 0; cur && d < 8; cur = (cur as { cause?: unknown }).cause, d++) out.push(cur);
  return out;
}

function messageOf(err: unknown): string {
  const parts: string[] = [];
  for (const e of chain(err)) {
    const m = e instanceof Error ? e.message : String(e);
    if (m && !parts.some((p) => p.includes(m))) parts.push(m);
  }
  return parts.join(': ') || 'unknown error';
}

/** The provider's error code from an SDK error (`err.code`, or `err.error.code` of the body). */
function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; error?: { code?: unknown; type?: unknown } } | null;
  for (const c of [e?.code, e?.error?.code, e?.error?.type]) if (typeof c === 'string') return c;
  return undefined;
}

export function classifyFailure(err: unknown, ctx: { timedOut?: boolean; nowMs?: number } = {}): ClassifiedFailure {
  const message = messageOf(err);
  if (ctx.timedOut) return { kind: 'timeout', retryable: true, message: `no answer within the timeout (${message})` };
  const e = err as { status?: unknown; headers?: HeaderBag; name?: unknown };
  const status = typeof e?.status === 'number' ? e.status : undefined;
  if (status !== undefined) {
    const serverWaitMs = waitFromHeaders(e.headers, ctx.nowMs);
    const wait = serverWaitMs !== undefined ? { serverWaitMs } : {};
    // Retryable so that the run's circuit breaker, not each task, decides: a run stops
    // on these instead of writing one error line per task.
    if (status === 429 && errorCode(err) === 'insufficient_quota') return { kind: 'quota', retryable: true, status, message };
    if (status === 429) return { kind: 'rate_limit', retryable: true, status, ...wait, message };
    if (status === 401 || status === 403) return { kind: 'auth', retryable: true, status, message };
    if (status >= 500 || status === 408 || status === 409) return { kind: 'server', retryable: true, status, ...wait, message };
    if (status >= 200 && status < 300) return { kind: 'malformed_response', retryable: true, status, message };
    return { kind: 'client', retryable: false, status, message };
  }
  const links = chain(err);
  const names = links.map((x) => (x as { name?: unknown })?.name);
  if (names.includes('MalformedResponseError') || links.some((x) => x instanceof SyntaxError)) {
    return { kind: 'malformed_response', retryable: true, message };
  }
  if (names.includes('APIConnectionTimeoutError') || names.includes('TimeoutError')) {
    return { kind: 'timeout', retryable: true, message };
  }
  const codes = links.map((x) => (x as { code?: unknown })?.code).filter((c): c is string => typeof c === 'string');
  if (codes.some((c) => UNREACHABLE_CODES.has(c))) return { kind: 'unreachable', retryable: true, message };
  if (
    names.includes('APIConnectionError') ||
    codes.some((c) => NETWORK_CODES.has(c)) ||
    /fetch failed|terminated|socket|other side closed/i.test(message)
  ) {
    return { kind: 'network', retryable: true, message };
  }
  return { kind: 'other', retryable: false, message };
}
