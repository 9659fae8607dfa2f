/**
 * Downloads one hub file into the local cache, safely:
 * - bytes go to `<file>.part`; an interrupted `.part` is resumed with a Range
 *   request (only if it belongs to the same file version, recorded beside it);
 * - the result is checked against the listing's size and content hash
 *   (`lfs.oid` = SHA-256, or the git blob id for small files);
 * - only a complete, verified file is renamed into place, so a partial
 *   download is never taken for a complete one;
 * - a cache hit (same size and same recorded hash) makes no request.
 *
 * Why plain fetch and not @huggingface/hub's `downloadFileToCacheDir`: that
 * function restarts from zero after a cut, reports no progress and checks no
 * hash; a Range GET on the same resolve URL gives all three.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { RemoteError } from '../../errors.js';
import { waitFromHeaders } from '../../jobs/index.js';
import { authHeaders, type HubLocation } from './config.js';
import { hubHttpError, networkError, readErrorDetail } from './errors.js';
import { bodyChunks, fetchFresh, HubIntegrityError, Watchdog, withRetries, type TransferPolicy } from './http.js';
import type { HubFile } from './listing.js';

export interface FileProgress {
  path: string;
  bytesDone: number;
  bytesTotal: number;
  state: 'checking' | 'downloading' | 'verifying' | 'done';
  /** True when the file was already in the cache (no download). */
  cached: boolean;
}

export interface CachedFile {
  file: HubFile;
  localPath: string;
  /** True when no byte had to be fetched. */
  cached: boolean;
  /** Bytes fetched from the hub by this call (0 on a cache hit). */
  bytesDownloaded: number;
  /** HTTP requests made for the bytes (retries included; 0 on a cache hit). */
  requests: number;
  /** The cached copy was re-hashed (asked for, or changed since it was recorded). */
  rehashed: boolean;
  /** The cached copy failed its re-hash and was downloaded again. */
  repaired: boolean;
}

export interface EnsureCachedOptions {
  /** Re-hash a cached copy even when its record says it is complete (`bcr data fetch --verify`). */
  verify?: boolean;
}

/** What the cache records about a file version, to recognise it later without a request. */
interface FileIdentity {
  path: string;
  size: number;
  sha256?: string;
  gitOid?: string;
}

export async function ensureCached(
  file: HubFile,
  revisionDir: string,
  location: HubLocation,
  policy: TransferPolicy,
  onProgress: (p: FileProgress) => void = () => {},
  options: EnsureCachedOptions = {},
): Promise<CachedFile> {
  const paths = cachePaths(revisionDir, file.path);
  const identity = identityOf(file);
  onProgress({ path: file.path, bytesDone: 0, bytesTotal: file.size, state: 'checking', cached: false });
  const copy = await checkCopy(paths, identity, options.verify ?? false, () =>
    onProgress({ path: file.path, bytesDone: 0, bytesTotal: file.size, state: 'verifying', cached: true }),
  );
  if (copy.complete) {
    onProgress({ path: file.path, bytesDone: file.size, bytesTotal: file.size, state: 'done', cached: true });
    return { file, localPath: paths.final, cached: true, bytesDownloaded: 0, requests: 0, rehashed: copy.rehashed, repaired: false };
  }
  await mkdir(dirname(paths.final), { recursive: true });
  // Counted as they arrive: a failed attempt's bytes were fetched too (and are kept for resuming).
  const fetched = { bytes: 0, requests: 0 };
  await withRetries(policy, () => downloadToPart(file, paths, identity, location, policy, onProgress, fetched));
  onProgress({ path: file.path, bytesDone: file.size, bytesTotal: file.size, state: 'verifying', cached: false });
  await verifyPart(file, paths, identity);
  // Record the identity first, then publish: a crash in between leaves no file, never an unverified one.
  await writeJsonAtomic(paths.identity, identity);
  await rename(paths.part, paths.final);
  await rm(paths.partIdentity, { force: true });
  onProgress({ path: file.path, bytesDone: file.size, bytesTotal: file.size, state: 'done', cached: false });
  return {
    file,
    localPath: paths.final,
    cached: false,
    bytesDownloaded: fetched.bytes,
    requests: fetched.requests,
    rehashed: copy.rehashed,
    repaired: copy.damaged,
  };
}

interface CachePaths {
  final: string;
  part: string;
  /** Hidden sidecar naming the version of the complete file. */
  identity: string;
  /** Hidden sidecar naming the version the `.part` belongs to. */
  partIdentity: string;
}

export function cachePaths(revisionDir: string, repoPath: string): CachePaths {
  const final = join(revisionDir, ...repoPath.split('/'));
  const dir = dirname(final);
  const name = basename(final);
  return {
    final,
    part: `${final}.part`,
    identity: join(dir, `.${name}.json`),
    partIdentity: join(dir, `.${name}.part.json`),
  };
}

function identityOf(file: HubFile): FileIdentity {
  return {
    path: file.path,
    size: file.size,
    ...(file.sha256 ? { sha256: file.sha256 } : {}),
    ...(file.gitOid ? { gitOid: file.gitOid } : {}),
  };
}

function sameIdentity(a: FileIdentity | undefined, b: FileIdentity): boolean {
  return !!a && a.path === b.path && a.size === b.size && a.sha256 === b.sha256 && a.gitOid === b.gitOid;
}

/**
 * Whether the cached copy is complete. Its size must match and its recorded
 * identity must match the listing. It is re-hashed when asked (`verify`), when
 * it has no record (copied in by hand, or from before a crash), and when it
 * was modified after its record was written: a copy's bytes can change on
 * disk (a bad sector, an editor, a script) while its size stays the same, and
 * one flipped byte silently changes record ids. A copy that fails is removed.
 */
async function checkCopy(
  paths: CachePaths,
  identity: FileIdentity,
  verify: boolean,
  onHashing: () => void,
): Promise<{ complete: boolean; rehashed: boolean; damaged: boolean }> {
  const copy = await fileStat(paths.final);
  if (copy === undefined) return { complete: false, rehashed: false, damaged: false };
  let rehashed = false;
  if (copy.size === identity.size) {
    const record = await fileStat(paths.identity);
    const recorded = record !== undefined && sameIdentity(await readJson<FileIdentity>(paths.identity), identity);
    const changedSince = record === undefined || copy.mtimeMs > record.mtimeMs;
    if (recorded && !verify && !changedSince) return { complete: true, rehashed, damaged: false };
    if (!identity.sha256 && !identity.gitOid) return { complete: true, rehashed, damaged: false };
    onHashing();
    rehashed = true;
    const hasher = newHasher(identity);
    await hashFileInto(hasher.hash, paths.final);
    if (hasher.digest() === hasher.expected) {
      // Rewritten so its time is after the copy's again.
      await writeJsonAtomic(paths.identity, identity);
      return { complete: true, rehashed, damaged: false };
    }
  }
  // A stale or damaged copy of another version: replace it.
  await rm(paths.final, { force: true });
  await rm(paths.identity, { force: true });
  return { complete: false, rehashed, damaged: true };
}

/** One attempt: resumes the `.part` if it is ours and fetches the rest, adding to `fetched`. */
async function downloadToPart(
  file: HubFile,
  paths: CachePaths,
  identity: FileIdentity,
  location: HubLocation,
  policy: TransferPolicy,
  onProgress: (p: FileProgress) => void,
  fetched: { bytes: number; requests: number },
): Promise<void> {
  let offset = 0;
  const partSize = await fileSize(paths.part);
  if (partSize !== undefined && partSize <= file.size && sameIdentity(await readJson(paths.partIdentity), identity)) {
    offset = partSize;
  } else {
    await rm(paths.part, { force: true });
    await writeJsonAtomic(paths.partIdentity, identity);
  }
  if (offset === file.size) return; // complete already; only verification is left

  const watchdog = new Watchdog(policy.timeoutMs, policy.signal);
  try {
    let res: Response;
    fetched.requests++;
    try {
      res = await fetchFresh(policy.fetch, file.url, {
        headers: { ...authHeaders(location), ...(offset > 0 ? { Range: `bytes=${offset}-` } : {}) },
        signal: watchdog.signal,
      });
    } catch (err) {
      throw networkError(`downloading ${file.path}`, file.url, watchdog.explain(err));
    }
    if (res.status === 200 && offset > 0) {
      offset = 0; // the server ignored the Range header: start over
    }
    if (res.status === 200) {
      // A compressed body's Content-Length counts the compressed bytes: only a plain one says the file's size.
      const encoding = (res.headers.get('content-encoding') ?? 'identity').toLowerCase();
      const length = encoding === 'identity' ? Number(res.headers.get('content-length') ?? NaN) : NaN;
      if (Number.isSafeInteger(length) && length !== file.size) await sizeDisagrees(res, file, paths, length);
    } else if (res.status === 206) {
      const range = parseContentRange(res.headers.get('content-range'));
      if (range && range.total !== file.size) await sizeDisagrees(res, file, paths, range.total);
      if (!range || range.start !== offset || range.total !== file.size) {
        await res.body?.cancel();
        throw new RemoteError(
          `unexpected Content-Range "${res.headers.get('content-range')}" for ${file.path} (asked from byte ${offset} of ${file.size})`,
          { url: file.url, status: 206 },
        );
      }
    } else if (res.status === 416) {
      await res.body?.cancel();
      await rm(paths.part, { force: true }); // our part does not fit the file any more
      // No status on purpose: the next attempt starts from zero, so this is worth retrying.
      throw new RemoteError(`range not satisfiable (416) for ${file.path}: discarded the partial download`, {
        url: file.url,
      });
    } else if (!res.ok) {
      throw hubHttpError({ status: res.status, url: file.url, detail: await readErrorDetail(res), retryAfterMs: waitFromHeaders(res.headers) }, location, {
        kind: 'file',
        path: file.path,
      });
    }

    const handle = await open(paths.part, offset === 0 ? 'w' : 'a');
    let written = offset;
    try {
      onProgress({ path: file.path, bytesDone: written, bytesTotal: file.size, state: 'downloading', cached: false });
      for await (const chunk of bodyChunks(res, watchdog)) {
        if (written + chunk.byteLength > file.size) {
          await discardPart(paths);
          throw new HubIntegrityError(`the hub sent more than the listed ${file.size} bytes for ${file.path}; the partial download was removed`, {
            url: file.url,
          });
        }
        await handle.write(chunk);
        written += chunk.byteLength;
        fetched.bytes += chunk.byteLength;
        onProgress({ path: file.path, bytesDone: written, bytesTotal: file.size, state: 'downloading', cached: false });
      }
    } catch (err) {
      if (err instanceof RemoteError) throw err;
      throw networkError(`downloading ${file.path} (stopped at byte ${written} of ${file.size})`, file.url, watchdog.explain(err));
    } finally {
      await handle.close();
    }
    if (written !== file.size) {
      // Kept as .part: the next attempt resumes from here.
      throw new RemoteError(`download of ${file.path} ended early at byte ${written} of ${file.size}`, { url: file.url });
    }
  } finally {
    watchdog.stop();
  }
}

/** Removes a `.part` and its record, so no later run resumes bytes of a version that does not match. */
async function discardPart(paths: CachePaths): Promise<void> {
  await rm(paths.part, { force: true });
  await rm(paths.partIdentity, { force: true });
}

/**
 * The hub serves a size other than the listing's: no download can match the
 * listing, and a `.part` kept now would only make the next run fail on a
 * confusing range error. Remove it and say what disagrees (not retried).
 */
async function sizeDisagrees(res: Response, file: HubFile, paths: CachePaths, served: number): Promise<never> {
  await res.body?.cancel();
  await discardPart(paths);
  throw new HubIntegrityError(
    `size mismatch for ${file.path}: the listing says ${file.size} bytes but the hub serves ${served}; ` +
      'the partial download was removed (if the dataset changed on the hub, run again to get the new listing)',
    { url: file.url },
  );
}

/** Checks size and hash of the finished `.part`; a bad one is deleted, never published. */
async function verifyPart(file: HubFile, paths: CachePaths, identity: FileIdentity): Promise<void> {
  const size = await fileSize(paths.part);
  const discard = async () => {
    await rm(paths.part, { force: true });
    await rm(paths.partIdentity, { force: true });
  };
  if (size !== file.size) {
    await discard();
    throw new HubIntegrityError(`size mismatch for ${file.path}: expected ${file.size} bytes, got ${size ?? 0}`, {
      url: file.url,
    });
  }
  if (!identity.sha256 && !identity.gitOid) return;
  const hasher = newHasher(identity);
  await hashFileInto(hasher.hash, paths.part);
  const actual = hasher.digest();
  if (actual !== hasher.expected) {
    await discard();
    throw new HubIntegrityError(
      `checksum mismatch for ${file.path}: expected ${hasher.kind} ${hasher.expected}, got ${actual}; the download was discarded`,
      { url: file.url },
    );
  }
}

interface Hasher {
  kind: 'sha256' | 'git blob sha1';
  hash: Hash;
  expected: string;
  digest(): string;
}

function newHasher(identity: FileIdentity): Hasher {
  if (identity.sha256) {
    const hash = createHash('sha256');
    return { kind: 'sha256', hash, expected: identity.sha256, digest: () => hash.digest('hex') };
  }
  // Git names a blob by SHA-1 of a header and the content.
  const hash = createHash('sha1').update(`blob ${identity.size}\0`);
  return { kind: 'git blob sha1', hash, expected: identity.gitOid ?? '', digest: () => hash.digest('hex') };
}

async function hashFileInto(hash: Hash, path: string): Promise<void> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
}

function parseContentRange(header: string | null): { start: number; end: number; total: number } | undefined {
  const m = header ? /^bytes (\d+)-(\d+)\/(\d+)$/.exec(header.trim()) : null;
  return m ? { start: Number(m[1]), end: Number(m[2]), total: Number(m[3]) } : undefined;
}

async function fileSize(path: string): Promise<number | undefined> {
  return (await fileStat(path))?.size;
}

async function fileStat(path: string): Promise<{ size: number; mtimeMs: number } | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(value));
  await rename(tmp, path);
}
