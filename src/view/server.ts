/**
 * The record viewer's web server (node:http), bound to the loopback
 * interface only. Routes:
 *
 * - `/` the page, `/app.js` its script, `/app.css` its styles;
 * - `/api/info` dataset name, counts and filter values;
 * - `/api/records?topic=&language=&environment=&vote=&disagree=1&offset=&limit=` one page of summaries;
 * - `/api/records/<id>` one record in full, with every judge's verdicts;
 * - `/api/records/<id>/screenshot/a|b` one screenshot, sniffed and size-capped.
 *
 * Every response carries a strict Content-Security-Policy (nothing but this
 * origin; no inline script), nosniff, and no-referrer. Requests whose Host is
 * not the loopback address are refused (DNS rebinding).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { executionOf } from '../data/execution.js';
import { ConfigError } from '../errors.js';
import { MAX_IMAGE_BYTES, sniffImageType } from './image.js';
import type { LazyImage } from '../data/comparison.js';
import { ArenaIndex, type ArenaViewerData } from './arena.js';
import { ARENA_PAGE_HTML, CLIENT_SCRIPT, PAGE_HTML, pageStyle } from './page.js';
import { RecordIndex, type RecordQuery, type ViewerData } from './records.js';

export const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'] as const;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "connect-src 'self'",
  "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

export interface ViewerOptions {
  /** Loopback only: 127.0.0.1 (default), ::1 or localhost. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

export interface Viewer<Index = RecordIndex> {
  url: string;
  port: number;
  index: Index;
  close(): Promise<void>;
}

/** What the server needs of a record kind (human-vote records, or arena records): the same routes serve either. */
interface RecordSource {
  page: string;
  info(): unknown;
  list(params: URLSearchParams): unknown;
  detail(id: string): unknown;
  screenshot(id: string, key: 'a' | 'b'): LazyImage | null;
}

function recordSource(index: RecordIndex): RecordSource {
  return {
    page: PAGE_HTML,
    info: () => ({ dataset: index.dataset, synthetic: index.synthetic, records: index.size, verdicts: index.verdictCount, facets: index.facets() }),
    list: (params) => index.page(parseQuery(params)),
    detail: (id) => index.detail(id),
    screenshot: (id, key) => {
      const c = index.comparison(id);
      return c ? executionOf(c[key]).screenshot : null;
    },
  };
}

function arenaSource(index: ArenaIndex): RecordSource {
  const text = (params: URLSearchParams, name: string) => params.get(name) ?? undefined;
  return {
    page: ARENA_PAGE_HTML,
    info: () => ({ kind: 'arena', dataset: index.dir, synthetic: false, records: index.size, verdicts: index.verdictCount, facets: index.facets() }),
    list: (params) => {
      const q = parseQuery(params);
      return index.page({
        model: text(params, 'model'), environment: q.environment, topic: q.topic, verdict: text(params, 'verdict'), offset: q.offset, limit: q.limit,
      });
    },
    detail: (id) => index.detail(id),
    screenshot: (id, key) => index.screenshot(id, key),
  };
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
} as const;

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

function parseQuery(params: URLSearchParams): RecordQuery {
  const text = (name: string) => params.get(name) ?? undefined;
  const number = (name: string) => {
    const v = params.get(name);
    const n = v === null ? NaN : Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  return {
    topic: text('topic'), language: text('language'), environment: text('environment'), vote: text('vote'),
    disagree: params.get('disagree') === '1' || params.get('disagree') === 'true',
    offset: number('offset'), limit: number('limit'),
  };
}

async function screenshot(source: RecordSource, res: ServerResponse, id: string, key: 'a' | 'b'): Promise<void> {
  const image = source.screenshot(id, key);
  if (!image) return sendJson(res, 404, { error: 'no screenshot' });
  if (image.size !== null && image.size > MAX_IMAGE_BYTES) return sendJson(res, 413, { error: `screenshot larger than ${MAX_IMAGE_BYTES} bytes` });
  const bytes = await image.load();
  if (bytes.length > MAX_IMAGE_BYTES) return sendJson(res, 413, { error: `screenshot larger than ${MAX_IMAGE_BYTES} bytes` });
  const type = sniffImageType(bytes);
  if (!type) return sendJson(res, 415, { error: 'not a PNG, JPEG, GIF or WebP image' });
  send(res, 200, type, bytes, { 'Cache-Control': 'private, max-age=3600' });
}

function allowedHost(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  if (host === undefined) return false;
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

async function handle(source: RecordSource, port: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!allowedHost(req, port)) return send(res, 421, 'text/plain; charset=utf-8', 'the viewer answers on its loopback address only');
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'GET only', { Allow: 'GET, HEAD' });
  const url = new URL(req.url ?? '/', 'http://viewer.invalid');
  const path = url.pathname;
  if (path === '/' || path === '/index.html') return send(res, 200, 'text/html; charset=utf-8', source.page);
  if (path === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', CLIENT_SCRIPT);
  if (path === '/app.css') return send(res, 200, 'text/css; charset=utf-8', pageStyle());
  if (path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
  if (path === '/api/info') return sendJson(res, 200, source.info());
  if (path === '/api/records') return sendJson(res, 200, source.list(url.searchParams));
  const shot = /^\/api\/records\/([^/]+)\/screenshot\/(a|b)$/.exec(path);
  if (shot) return screenshot(source, res, decodeURIComponent(shot[1]!), shot[2] as 'a' | 'b');
  const one = /^\/api\/records\/([^/]+)$/.exec(path);
  if (one) {
    const detail = source.detail(decodeURIComponent(one[1]!));
    return detail ? sendJson(res, 200, detail) : sendJson(res, 404, { error: 'no such record' });
  }
  send(res, 404, 'text/plain; charset=utf-8', 'not found');
}

/** A ConfigError unless `host` is a loopback address (checked before any data is read). */
export function assertLoopback(host: string): void {
  if (!(LOOPBACK_HOSTS as readonly string[]).includes(host)) {
    throw new ConfigError(`the viewer binds to the loopback interface only (${LOOPBACK_HOSTS.join(', ')}); got "${host}"`);
  }
}

/** Starts the viewer; refuses any address but the loopback one. */
export async function startViewer(data: ViewerData, options: ViewerOptions = {}): Promise<Viewer> {
  assertLoopback(options.host ?? '127.0.0.1');
  const index = new RecordIndex(data);
  return serve(index, recordSource(index), options);
}

/** The same viewer on arena records (`bcr view --arena DIR`). */
export async function startArenaViewer(data: ArenaViewerData, options: ViewerOptions = {}): Promise<Viewer<ArenaIndex>> {
  assertLoopback(options.host ?? '127.0.0.1');
  const index = new ArenaIndex(data);
  return serve(index, arenaSource(index), options);
}

async function serve<Index>(index: Index, source: RecordSource, options: ViewerOptions): Promise<Viewer<Index>> {
  const host = options.host ?? '127.0.0.1';
  assertLoopback(host);
  let port = options.port ?? 0;
  const server = createServer((req, res) => {
    handle(source, port, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: err instanceof Error ? err.message : String(err) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new ConfigError(`port ${port} is in use: pick another with --port`) : err));
    server.listen(port, host === 'localhost' ? '127.0.0.1' : host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shown = host === '::1' ? '[::1]' : '127.0.0.1';
  return {
    url: `http://${shown}:${port}/`,
    port,
    index,
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((err) => (err ? reject(err) : resolve()));
    }),
  };
}
