/**
 * A hyparquet `AsyncBuffer` over HTTP range requests: `slice(start, end)` is
 * one `Range` GET. It counts the bytes it fetched, so a caller can show that
 * reading a few columns skipped the screenshots.
 */
import type { AsyncBuffer } from 'hyparquet';
import { RemoteError } from '../../errors.js';
import { waitFromHeaders } from '../../jobs/index.js';
import { authHeaders, type HubLocation } from './config.js';
import { hubHttpError, networkError, readErrorDetail } from './errors.js';
import { bodyChunks, fetchFresh, Watchdog, withRetries, type TransferPolicy } from './http.js';
import type { HubFile } from './listing.js';

/** Bytes and requests one source has cost so far. */
export interface TransferStats {
  bytesRead: number;
  requests: number;
}

export class HttpRangeBuffer implements AsyncBuffer {
  readonly byteLength: number;
  readonly stats: TransferStats = { bytesRead: 0, requests: 0 };

  constructor(
    private readonly file: HubFile,
    private readonly location: HubLocation,
    private readonly policy: TransferPolicy,
    /** Called with every chunk's size, e.g. to total several files. */
    private readonly onBytes: (n: number) => void = () => {},
  ) {
    this.byteLength = file.size;
  }

  get bytesRead(): number {
    return this.stats.bytesRead;
  }

  async slice(start: number, end: number = this.byteLength): Promise<ArrayBuffer> {
    const from = Math.max(0, Math.min(start, this.byteLength));
    const to = Math.max(from, Math.min(end, this.byteLength));
    if (to === from) return new ArrayBuffer(0);
    return withRetries(this.policy, () => this.fetchRange(from, to));
  }

  private async fetchRange(from: number, to: number): Promise<ArrayBuffer> {
    const { file } = this;
    const watchdog = new Watchdog(this.policy.timeoutMs, this.policy.signal);
    const what = `reading bytes ${from}-${to - 1} of ${file.path}`;
    try {
      this.stats.requests++;
      let res: Response;
      try {
        res = await fetchFresh(this.policy.fetch, file.url, {
          headers: { ...authHeaders(this.location), Range: `bytes=${from}-${to - 1}` },
          signal: watchdog.signal,
        });
      } catch (err) {
        throw networkError(what, file.url, watchdog.explain(err));
      }
      if (!res.ok) {
        throw hubHttpError({ status: res.status, url: file.url, detail: await readErrorDetail(res), retryAfterMs: waitFromHeaders(res.headers) }, this.location, {
          kind: 'file',
          path: file.path,
        });
      }
      const wholeFile = res.status === 200 && from === 0 && to === this.byteLength;
      if (res.status !== 206 && !wholeFile) {
        await res.body?.cancel();
        throw new RemoteError(`the server ignored the Range header (status ${res.status}) ${what}`, {
          url: file.url,
          status: res.status,
        });
      }
      const out = new Uint8Array(to - from);
      let filled = 0;
      try {
        for await (const chunk of bodyChunks(res, watchdog)) {
          if (filled + chunk.byteLength > out.byteLength) {
            throw new RemoteError(`the server sent more bytes than asked ${what}`, { url: file.url, status: res.status });
          }
          out.set(chunk, filled);
          filled += chunk.byteLength;
          this.stats.bytesRead += chunk.byteLength;
          this.onBytes(chunk.byteLength);
        }
      } catch (err) {
        if (err instanceof RemoteError) throw err;
        throw networkError(what, file.url, watchdog.explain(err));
      }
      if (filled !== out.byteLength) {
        throw new RemoteError(`response ended early at ${filled} of ${out.byteLength} bytes ${what}`, { url: file.url });
      }
      return out.buffer;
    } finally {
      watchdog.stop();
    }
  }
}
