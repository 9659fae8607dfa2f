/**
 * Turns hub failures into `RemoteError`s that say what to do: a 401 names
 * HF_TOKEN, a 404 says whether the dataset, revision or file is missing, and a
 * network failure shows the real cause (fetch only says "fetch failed").
 */
import { RemoteError } from '../../errors.js';
import type { HubLocation } from './config.js';

export type HubTarget = { kind: 'listing' } | { kind: 'file'; path: string };

export interface HttpFailure {
  status: number;
  url: string;
  /** The hub's `X-Error-Code` header or the error text of its JSON body, when known. */
  detail?: string;
  /** The wait the server asked for (429/503 with Retry-After), honoured by the retry policy. */
  retryAfterMs?: number;
}

export function hubHttpError(failure: HttpFailure, location: HubLocation, target: HubTarget): RemoteError {
  const { status, url } = failure;
  const repo = `dataset ${location.dataset}`;
  const at = `${repo}@${location.revision} (${location.hubUrl})`;
  const info = { url, status, ...(failure.retryAfterMs !== undefined ? { retryAfterMs: failure.retryAfterMs } : {}) };
  const detail = (failure.detail ?? '').toLowerCase();
  if (status === 401) {
    return new RemoteError(
      location.token
        ? `unauthorised (401) for ${at}: the hub rejected the token from HF_TOKEN; check that it is valid and has read access`
        : `unauthorised (401) for ${at}: the dataset is gated, private or missing; set HF_TOKEN to a Hugging Face access token with read access`,
      info,
    );
  }
  if (status === 403) {
    return new RemoteError(
      `forbidden (403) for ${at}: the token has no access; accept the dataset's conditions on its hub page, or use a token (HF_TOKEN) with read access`,
      info,
    );
  }
  if (status === 404) {
    if (target.kind === 'file') return new RemoteError(`file not found (404): ${target.path} in ${at}`, info);
    // The hub says "Invalid rev id: x" (X-Error-Code RevisionNotFound).
    if (detail.includes('revision') || detail.includes('rev id')) {
      return new RemoteError(`revision not found (404): "${location.revision}" in ${repo} (${location.hubUrl})`, info);
    }
    if (detail.includes('entry')) return new RemoteError(`folder not found (404): data/ in ${at}`, info);
    return new RemoteError(`dataset not found (404): ${location.dataset} at ${location.hubUrl}`, info);
  }
  if (status === 416) {
    return new RemoteError(`range not satisfiable (416) for ${describe(target)} in ${at}`, info);
  }
  const tail = failure.detail ? `: ${failure.detail}` : '';
  return new RemoteError(`hub error ${status} for ${describe(target)} in ${at}${tail}`, info);
}

/** A request that never got an HTTP answer: refused, reset, DNS, TLS, timeout. */
export function networkError(action: string, url: string, cause: unknown): RemoteError {
  return new RemoteError(`${action} failed: ${url}`, { url, cause });
}

/** The `X-Error-Code` header or the `error` field of a JSON error body. */
export async function readErrorDetail(res: Response): Promise<string | undefined> {
  const code = res.headers.get('x-error-code') ?? undefined;
  let text = '';
  try {
    text = await res.text();
  } catch {
    // The body is only a hint; the status already says what failed.
  }
  let message: string | undefined;
  try {
    const json = JSON.parse(text) as { error?: unknown; message?: unknown };
    const m = json.error ?? json.message;
    message = typeof m === 'string' ? m : undefined;
  } catch {
    message = text.trim().slice(0, 200) || undefined;
  }
  return [code, message].filter(Boolean).join(': ') || undefined;
}

/** @huggingface/hub throws `HubApiError` (statusCode, url, message from the body). */
export function isHubApiError(err: unknown): err is Error & { statusCode: number; url: string } {
  return err instanceof Error && typeof (err as { statusCode?: unknown }).statusCode === 'number';
}

function describe(target: HubTarget): string {
  return target.kind === 'file' ? target.path : 'file listing';
}
