/**
 * A stand-in for the Hugging Face hub, for tests and benchmarks: a real
 * `node:http` server on 127.0.0.1 that serves folders of files in the hub's
 * URL layout, as @huggingface/hub 2.17 and our downloader call it:
 *
 * - `GET /api/datasets/{id}/tree/{rev}/{path}?recursive=&expand=` -> JSON
 *   entries `{type, oid, size, path, lfs?: {oid, size, pointerSize}}`, paged
 *   with a `Link: <...>; rel="next"` header like the hub (see `pageSize`);
 * - `GET|HEAD /datasets/{id}/resolve/{rev}/{path}`: small files are served
 *   directly (ETag = git blob id); LFS files (`*.parquet`, as the hub's
 *   .gitattributes make them) answer 302 to a CDN-like `/cdn/...` URL with
 *   `X-Linked-Size`, `X-Linked-ETag` and `X-Repo-Commit`, like the real hub;
 * - byte serving honours `Range` (206 + `Content-Range`, 416 when outside).
 *
 * Errors look like the hub's: JSON `{error}` plus `X-Error-Code`
 * (RepoNotFound, RevisionNotFound, EntryNotFound). Faults can be scripted
 * (status, delay, dropped connection, cut-off after N bytes, corrupted
 * bytes), and every request
 * and body byte is counted (also at `GET /_stats`).
 *
 * Run as its own process (so a benchmark's CPU and memory figures exclude it):
 * `node --import tsx test/support/hub-server.ts owner/name=/path/to/repo ...`
 * prints its URL on the first line of stdout and serves until killed.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface HubServerOptions {
  /** Dataset id (`owner/name`) -> folder holding that repository's files. */
  datasets: Record<string, string>;
  /** Revisions that exist (all serve the same folder); default `['main']`. */
  revisions?: string[];
  /** When set, the tree and resolve endpoints require `Authorization: Bearer <token>`. */
  token?: string;
  /** Tree entries per page before a `Link: rel="next"`; default 1000 like the hub. */
  pageSize?: number;
  /** LFS files answer `resolve` with a 302 to `/cdn/...` (default true, as the hub does). */
  redirectLfs?: boolean;
}

export type Endpoint = 'tree' | 'resolve' | 'cdn' | 'other';

export interface HubRequestRecord {
  method: string;
  endpoint: Endpoint;
  /** Path inside the repository, when the request names one. */
  path?: string;
  range?: string;
  status: number;
  /** Body bytes sent. */
  bytes: number;
  authorization?: string;
}

export interface FaultMatch {
  /** `file` = resolve or cdn (whichever request the fault meets first). */
  endpoint?: 'tree' | 'file';
  /** Repository path, e.g. `data/train-00000-of-00004.parquet`. */
  path?: string;
  method?: string;
}

export type HubFault = { match?: FaultMatch; /** Applies this many times; default every time. */ times?: number } & (
  | { kind: 'status'; status: number; errorCode?: string; message?: string; /** Sent as the Retry-After header. */ retryAfter?: string }
  | { kind: 'delay'; ms: number }
  /** Closes the connection without any response, as a keep-alive socket the server already closed looks. */
  | { kind: 'drop' }
  /** Sends this many body bytes, then closes the connection. */
  | { kind: 'cut'; afterBytes: number }
  /** Flips one byte of the content (default at the file's middle), keeping the size. */
  | { kind: 'corrupt'; atByte?: number }
);

export interface HubServer {
  url: string;
  requests: HubRequestRecord[];
  /** Body bytes sent over all requests since the last reset. */
  readonly bytesServed: number;
  /** Body bytes sent for files (resolve + cdn), i.e. not listings. */
  readonly fileBytesServed: number;
  addFault(fault: HubFault): void;
  clearFaults(): void;
  resetStats(): void;
  setToken(token: string | undefined): void;
  close(): Promise<void>;
}

interface RepoFile {
  path: string;
  absPath: string;
  size: number;
  lfs: boolean;
  /** SHA-256 of the content (LFS oid). */
  sha256: string;
  /** Git blob id of what git stores: the content, or the LFS pointer. */
  gitOid: string;
  pointerSize: number;
}

type ActiveFault = HubFault & { remaining: number };

export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const revisions = options.revisions ?? ['main'];
  const pageSize = options.pageSize ?? 1000;
  const redirectLfs = options.redirectLfs ?? true;
  let token = options.token;
  let faults: ActiveFault[] = [];
  const requests: HubRequestRecord[] = [];
  let bytesServed = 0;
  let fileBytesServed = 0;
  const repoCache = new Map<string, Promise<RepoFile[]>>();
  let baseUrl = '';

  const repoFiles = (dataset: string): Promise<RepoFile[]> => {
    let files = repoCache.get(dataset);
    if (!files) {
      files = scanRepo(options.datasets[dataset]!);
      repoCache.set(dataset, files);
    }
    return files;
  };

  /** Faults matching this request, each counted as used once. */
  const takeFaults = (endpoint: Endpoint, method: string, path: string | undefined, kinds: HubFault['kind'][]) => {
    const hit: ActiveFault[] = [];
    for (const f of faults) {
      if (f.remaining <= 0 || !kinds.includes(f.kind)) continue;
      const m = f.match ?? {};
      const ep = endpoint === 'tree' ? 'tree' : endpoint === 'other' ? undefined : 'file';
      if (m.endpoint && m.endpoint !== ep) continue;
      if (m.path && m.path !== path) continue;
      if (m.method && m.method.toUpperCase() !== method) continue;
      f.remaining--;
      hit.push(f);
    }
    return hit;
  };

  const server = createServer((req, res) => {
    const record: HubRequestRecord = {
      method: req.method ?? 'GET',
      endpoint: 'other',
      status: 0,
      bytes: 0,
      ...(req.headers.range ? { range: req.headers.range } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    };
    requests.push(record);
    const countingWrite = res.write.bind(res) as (chunk: Buffer) => boolean;
    const ctx: Ctx = {
      req,
      res,
      record,
      write: (chunk: Buffer) => {
        record.bytes += chunk.length;
        bytesServed += chunk.length;
        if (record.endpoint === 'resolve' || record.endpoint === 'cdn') fileBytesServed += chunk.length;
        return countingWrite(chunk);
      },
    };
    handle(ctx).catch((err: unknown) => {
      if (!res.headersSent) sendJson(ctx, 500, { error: String(err) });
      else res.destroy();
    });
  });

  interface Ctx {
    req: IncomingMessage;
    res: ServerResponse;
    record: HubRequestRecord;
    write(chunk: Buffer): boolean;
  }

  const sendJson = (ctx: Ctx, status: number, body: unknown, headers: Record<string, string> = {}) => {
    const data = Buffer.from(JSON.stringify(body));
    ctx.record.status = status;
    ctx.res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': data.length, ...headers });
    if (ctx.req.method !== 'HEAD') ctx.write(data);
    ctx.res.end();
  };
  const sendError = (ctx: Ctx, status: number, errorCode: string | undefined, message: string, retryAfter?: string) =>
    sendJson(ctx, status, { error: message }, {
      ...(errorCode ? { 'X-Error-Code': errorCode } : {}),
      ...(retryAfter !== undefined ? { 'Retry-After': retryAfter } : {}),
    });

  async function handle(ctx: Ctx): Promise<void> {
    const url = new URL(ctx.req.url ?? '/', baseUrl);
    const method = ctx.req.method ?? 'GET';
    const route = parseRoute(url.pathname);
    ctx.record.endpoint = route.endpoint;
    if (route.path !== undefined) ctx.record.path = route.path;

    for (const f of takeFaults(route.endpoint, method, route.path, ['delay'])) {
      if (f.kind === 'delay') await new Promise((r) => setTimeout(r, f.ms));
    }
    if (ctx.res.destroyed) return;
    if (takeFaults(route.endpoint, method, route.path, ['drop']).length > 0) {
      ctx.record.status = 0;
      ctx.req.socket.destroy();
      return;
    }
    const statusFault = takeFaults(route.endpoint, method, route.path, ['status'])[0];
    if (statusFault?.kind === 'status') {
      return sendError(ctx, statusFault.status, statusFault.errorCode, statusFault.message ?? `scripted ${statusFault.status}`, statusFault.retryAfter);
    }

    if (url.pathname === '/_stats') {
      return sendJson(ctx, 200, { requests: requests.length, bytesServed, fileBytesServed });
    }
    if (route.endpoint === 'cdn') return serveCdn(ctx, route, method);
    if (route.endpoint === 'other') return sendError(ctx, 404, undefined, 'Not Found');

    // The hub checks the token before saying whether anything exists.
    if (token !== undefined) {
      const auth = ctx.req.headers.authorization;
      if (!auth) {
        return sendError(ctx, 401, 'GatedRepo', `Access to dataset ${route.dataset} is restricted. You must be authenticated to access it.`);
      }
      if (auth !== `Bearer ${token}`) return sendError(ctx, 401, undefined, 'Invalid credentials in Authorization header');
    }
    if (!route.dataset || !(route.dataset in options.datasets)) {
      return sendError(ctx, 404, 'RepoNotFound', 'Repository not found');
    }
    if (!route.revision || !revisions.includes(route.revision)) {
      return sendError(ctx, 404, 'RevisionNotFound', `Invalid rev id: ${route.revision}`);
    }
    const files = await repoFiles(route.dataset);
    if (route.endpoint === 'tree') return serveTree(ctx, url, route, files);
    return serveResolve(ctx, route, method, files);
  }

  function serveTree(ctx: Ctx, url: URL, route: Route, files: RepoFile[]): void {
    const prefix = route.path ? `${route.path}/` : '';
    const recursive = url.searchParams.get('recursive') === 'true';
    if (route.path && !files.some((f) => f.path.startsWith(prefix))) {
      return sendError(ctx, 404, 'EntryNotFound', `Entry not found: ${route.path}`);
    }
    const entries: unknown[] = [];
    const seenDirs = new Set<string>();
    for (const f of files) {
      if (!f.path.startsWith(prefix)) continue;
      const rest = f.path.slice(prefix.length).split('/');
      // Directories on the way, as the hub lists them (before their content).
      for (let depth = 1; depth < rest.length && (recursive || depth === 1); depth++) {
        const dir = prefix + rest.slice(0, depth).join('/');
        if (!seenDirs.has(dir)) {
          seenDirs.add(dir);
          entries.push({ type: 'directory', oid: sha1(`tree ${dir}`), size: 0, path: dir });
        }
      }
      if (!recursive && rest.length > 1) continue;
      entries.push({
        type: 'file',
        oid: f.gitOid,
        size: f.size,
        path: f.path,
        ...(f.lfs ? { lfs: { oid: f.sha256, size: f.size, pointerSize: f.pointerSize } } : {}),
      });
    }
    const cursor = Number(url.searchParams.get('cursor') ?? '0');
    const page = entries.slice(cursor, cursor + pageSize);
    const headers: Record<string, string> = {};
    if (cursor + pageSize < entries.length) {
      const next = new URL(url.href);
      next.searchParams.set('cursor', String(cursor + pageSize));
      headers.Link = `<${next.href}>; rel="next"`;
    }
    sendJson(ctx, 200, page, headers);
  }

  async function serveResolve(ctx: Ctx, route: Route, method: string, files: RepoFile[]): Promise<void> {
    const file = files.find((f) => f.path === route.path);
    if (!file) return sendError(ctx, 404, 'EntryNotFound', `Entry not found: ${route.path}`);
    const commit = sha1(`${route.dataset}@${route.revision}`);
    if (file.lfs && redirectLfs) {
      const location = `${baseUrl}/cdn/${encodeURIComponent(route.dataset!)}/${file.sha256}?path=${encodeURIComponent(file.path)}`;
      ctx.record.status = 302;
      ctx.res.writeHead(302, {
        Location: location,
        ETag: `"${file.gitOid}"`,
        'X-Linked-ETag': `"${file.sha256}"`,
        'X-Linked-Size': String(file.size),
        'X-Repo-Commit': commit,
        'Content-Length': 0,
      });
      ctx.res.end();
      return;
    }
    await serveBytes(ctx, file, method, { 'X-Repo-Commit': commit, ETag: `"${file.lfs ? file.sha256 : file.gitOid}"` });
  }

  async function serveCdn(ctx: Ctx, route: Route, method: string): Promise<void> {
    const files = route.dataset && route.dataset in options.datasets ? await repoFiles(route.dataset) : [];
    const file = files.find((f) => f.sha256 === route.sha256);
    if (!file) return sendError(ctx, 404, undefined, 'NoSuchKey');
    ctx.record.path = file.path;
    await serveBytes(ctx, file, method, { ETag: `"${file.sha256}"` });
  }

  async function serveBytes(ctx: Ctx, file: RepoFile, method: string, headers: Record<string, string>): Promise<void> {
    const { req, res } = ctx;
    const range = parseRange(req.headers.range, file.size);
    if (range === 'unsatisfiable') {
      ctx.record.status = 416;
      res.writeHead(416, { 'Content-Range': `bytes */${file.size}`, 'Content-Length': 0 });
      res.end();
      return;
    }
    const start = range?.start ?? 0;
    const end = range?.end ?? file.size; // exclusive
    const status = range ? 206 : 200;
    ctx.record.status = status;
    res.writeHead(status, {
      ...headers,
      'Accept-Ranges': 'bytes',
      'Content-Type': 'application/octet-stream',
      'Content-Length': end - start,
      ...(range ? { 'Content-Range': `bytes ${start}-${end - 1}/${file.size}` } : {}),
    });
    if (method === 'HEAD' || end === start) {
      res.end();
      return;
    }
    const bodyFaults = takeFaults(ctx.record.endpoint, method, file.path, ['cut', 'corrupt']);
    const cut = bodyFaults.find((f) => f.kind === 'cut');
    const corrupt = bodyFaults.find((f) => f.kind === 'corrupt');
    const sendEnd = cut?.kind === 'cut' ? Math.min(end, start + cut.afterBytes) : end;
    const flipAt = corrupt?.kind === 'corrupt' ? (corrupt.atByte ?? Math.floor(file.size / 2)) : -1;

    let offset = start;
    if (sendEnd > start) {
      for await (const raw of createReadStream(file.absPath, { start, end: sendEnd - 1, highWaterMark: 1 << 16 })) {
        const chunk = raw as Buffer;
        if (flipAt >= offset && flipAt < offset + chunk.length) chunk[flipAt - offset]! ^= 0xff;
        offset += chunk.length;
        if (res.destroyed) return;
        if (!ctx.write(chunk)) await drainOrClose(res);
      }
    }
    if (cut) {
      // Close once the bytes are flushed (ending the socket sooner would drop what the
      // response still buffers): the client sees a body shorter than Content-Length.
      const socket = res.socket;
      res.end(() => socket?.end());
      return;
    }
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    requests,
    get bytesServed() {
      return bytesServed;
    },
    get fileBytesServed() {
      return fileBytesServed;
    },
    addFault(fault) {
      faults.push({ ...fault, remaining: fault.times ?? Infinity });
    },
    clearFaults() {
      faults = [];
    },
    resetStats() {
      requests.length = 0;
      bytesServed = 0;
      fileBytesServed = 0;
    },
    setToken(t) {
      token = t;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

interface Route {
  endpoint: Endpoint;
  dataset?: string;
  revision?: string;
  path?: string;
  sha256?: string;
}

function parseRoute(pathname: string): Route {
  const segments = pathname.split('/').slice(1).map(safeDecode);
  // /api/datasets/{owner}/{name}/tree/{rev}/{path...}: the library does not encode rev.
  if (segments[0] === 'api' && segments[1] === 'datasets') {
    const t = segments.indexOf('tree', 2);
    if (t > 2) {
      return {
        endpoint: 'tree',
        dataset: segments.slice(2, t).join('/'),
        revision: segments[t + 1] ?? '',
        path: segments.slice(t + 2).join('/'),
      };
    }
  }
  // /datasets/{owner}/{name}/resolve/{rev (encoded)}/{path...}
  if (segments[0] === 'datasets') {
    const r = segments.indexOf('resolve', 1);
    if (r > 1) {
      return {
        endpoint: 'resolve',
        dataset: segments.slice(1, r).join('/'),
        revision: segments[r + 1] ?? '',
        path: segments.slice(r + 2).join('/'),
      };
    }
  }
  // /cdn/{dataset (encoded)}/{sha256}
  if (segments[0] === 'cdn' && segments.length === 3) {
    return { endpoint: 'cdn', dataset: segments[1]!, sha256: segments[2]! };
  }
  return { endpoint: 'other' };
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`; several ranges are not supported (served whole, as allowed). */
function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size : Math.min(size, Number(m[2]) + 1);
  }
  if (start >= size || end <= start) return 'unsatisfiable';
  return { start, end };
}

async function scanRepo(root: string): Promise<RepoFile[]> {
  const out: RepoFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) await walk(abs);
      else if (entry.isFile()) out.push(await describeFile(root, abs));
    }
  };
  await walk(root);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function describeFile(root: string, absPath: string): Promise<RepoFile> {
  const path = relative(root, absPath).split(sep).join('/');
  const { size } = await stat(absPath);
  const lfs = path.endsWith('.parquet');
  const sha256Hash = createHash('sha256');
  const blobHash = createHash('sha1').update(`blob ${size}\0`);
  for await (const chunk of createReadStream(absPath, { highWaterMark: 1 << 20 })) {
    sha256Hash.update(chunk as Buffer);
    if (!lfs) blobHash.update(chunk as Buffer);
  }
  const sha256 = sha256Hash.digest('hex');
  if (!lfs) return { path, absPath, size, lfs, sha256, gitOid: blobHash.digest('hex'), pointerSize: 0 };
  // What git stores for an LFS file is this pointer.
  const pointer = `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256}\nsize ${size}\n`;
  return { path, absPath, size, lfs, sha256, gitOid: sha1(`blob ${pointer.length}\0${pointer}`), pointerSize: pointer.length };
}

function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const datasets = Object.fromEntries(
    process.argv.slice(2).map((arg) => {
      const eq = arg.indexOf('=');
      if (eq <= 0) throw new Error(`expected owner/name=/path/to/repo, got "${arg}"`);
      return [arg.slice(0, eq), arg.slice(eq + 1)];
    }),
  );
  const server = await startHubServer({ datasets });
  process.stdout.write(`${server.url}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
