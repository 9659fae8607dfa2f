/**
 * A real OpenAI-compatible HTTP server for tests and benchmarks, on
 * 127.0.0.1:0. Serves `POST /v1/chat/completions` plus the files and batches
 * endpoints the Batch API mode uses. Each chat request's behaviour comes from
 * a script (a function of the request and its number): latency, 429 with
 * Retry-After, 429 insufficient_quota, 401/500, a hang, a malformed or
 * truncated body, a 200 HTML page or error object, a refusal, or a verdict
 * chosen by a rule. `refusedBaseURL()` gives an address nobody listens on. Every request is recorded (headers and body), and
 * the Authorization header is checked.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  /** Order of arrival over all endpoints, from 0. */
  seq: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Raw body text (multipart uploads included). */
  body: string;
  at: number;
}

export interface ChatRequest {
  /** Index among chat completion requests (batch lines not counted), from 0. */
  n: number;
  body: ChatBody;
  /** All text parts of all messages, joined. */
  text: string;
  /** Number of image parts in the request. */
  images: number;
  /** True when the request came from a batch input file. */
  fromBatch: boolean;
}

export interface ChatBody {
  model: string;
  messages: Array<{ role: string; content: string | Array<{ type: string; text?: string; image_url?: { url: string } }> }>;
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  [k: string]: unknown;
}

export type Reply =
  /** A well-formed answer `{"Overall": {"winner": ..., "reasoning": ...}}`; winner defaults to the rule. */
  | { kind: 'verdict'; winner?: 'A' | 'B' | 'Tie'; latencyMs?: number }
  /** Any assistant text, e.g. a refusal or prose with no JSON. */
  | { kind: 'text'; text: string; latencyMs?: number }
  /** An HTTP error status with an OpenAI-style error body (`code` e.g. `insufficient_quota`). */
  | { kind: 'status'; status: number; headers?: Record<string, string>; message?: string; code?: string; latencyMs?: number }
  /** HTTP 200 with an HTML page, as a proxy or a login wall sends. */
  | { kind: 'html'; html?: string; latencyMs?: number }
  /** HTTP 200 with any JSON body that is not a completion, e.g. `{"error": {...}}` as some routers send. */
  | { kind: 'json'; body: unknown; latencyMs?: number }
  /** Never answers (until the client gives up or the server closes). */
  | { kind: 'hang' }
  /** HTTP 200 whose JSON body is broken. */
  | { kind: 'malformed'; latencyMs?: number }
  /** HTTP 200 that promises more bytes than it sends, then drops the connection. */
  | { kind: 'truncated'; latencyMs?: number };

export type Script = (req: ChatRequest) => Reply | Promise<Reply>;

export interface JudgeServerOptions {
  /** Required bearer key; requests without it get 401. Undefined = accept any. */
  apiKey?: string;
  script?: Script;
  /** How the default verdict is chosen when a script does not name one (default `hashRule`). */
  rule?: (req: ChatRequest) => 'A' | 'B' | 'Tie';
  /** `GET /v1/batches/:id` calls before a batch reports its final status (default 2). */
  batchPollsUntilDone?: number;
  /** Final status of batches (default `completed`). `expired` answers only the first half of the lines. */
  batchOutcome?: 'completed' | 'failed' | 'expired';
  /** Keep request bodies (default true; benchmarks turn it off to save memory). */
  recordBodies?: boolean;
}

export interface StoredFile {
  id: string;
  filename: string;
  purpose: string;
  content: string;
}

export interface StoredBatch {
  id: string;
  input_file_id: string;
  endpoint: string;
  polls: number;
  status: string;
  output_file_id?: string;
  error_file_id?: string;
}

export interface JudgeServer {
  /** Base URL for the SDK, ending in `/v1`. */
  baseURL: string;
  requests: RecordedRequest[];
  /** Recorded chat requests (empty when `recordBodies` is false). */
  chats: ChatRequest[];
  /** Chat requests answered or pending, batch lines included. */
  readonly chatCount: number;
  files: Map<string, StoredFile>;
  batches: Map<string, StoredBatch>;
  setScript(script: Script): void;
  close(): Promise<void>;
}

/** A stable verdict from a hash of the prompt text: the same prompt always gets the same winner. */
export function hashRule(req: ChatRequest): 'A' | 'B' | 'Tie' {
  const byte = createHash('sha256').update(req.text).digest()[0]!;
  return byte < 112 ? 'A' : byte < 224 ? 'B' : 'Tie';
}

/** Text of all message parts, joined: what rules and assertions look at. */
export function chatText(body: ChatBody): string {
  return body.messages
    .map((m) => (typeof m.content === 'string' ? m.content : m.content.map((p) => p.text ?? '').join('')))
    .join('\n');
}

function countImages(body: ChatBody): number {
  let n = 0;
  for (const m of body.messages) if (Array.isArray(m.content)) n += m.content.filter((p) => p.type === 'image_url').length;
  return n;
}

function completion(body: ChatBody, content: string) {
  const promptTokens = Math.ceil(chatText(body).length / 4);
  const completionTokens = Math.ceil(content.length / 4);
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  };
}

function verdictText(winner: 'A' | 'B' | 'Tie'): string {
  return JSON.stringify({ Overall: { winner, reasoning: `Assistant ${winner === 'Tie' ? 'A and B are equal' : winner} (scripted)` } });
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function errorBody(status: number, message: string, code: string | null = null) {
  const type = code === 'insufficient_quota' ? 'insufficient_quota' : status === 429 ? 'rate_limit_exceeded' : 'server_error';
  return { error: { message, type, param: null, code } };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startJudgeServer(options: JudgeServerOptions = {}): Promise<JudgeServer> {
  let script: Script = options.script ?? (() => ({ kind: 'verdict' }));
  const rule = options.rule ?? hashRule;
  const record = options.recordBodies ?? true;
  const requests: RecordedRequest[] = [];
  const chats: ChatRequest[] = [];
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, StoredBatch>();
  let seq = 0;
  let ids = 0;
  let chatCount = 0;

  /** Applies the script to one chat body; returns what to send (status + JSON) or a special action. */
  async function decide(body: ChatBody, fromBatch: boolean): Promise<{ req: ChatRequest; reply: Reply }> {
    const req: ChatRequest = { n: chatCount++, body, text: chatText(body), images: countImages(body), fromBatch };
    if (record) chats.push(req);
    return { req, reply: await script(req) };
  }

  async function handleChat(raw: string, res: ServerResponse): Promise<void> {
    let body: ChatBody;
    try {
      body = JSON.parse(raw) as ChatBody;
    } catch {
      return sendJson(res, 400, errorBody(400, 'request body is not JSON'));
    }
    const { req, reply } = await decide(body, false);
    if ('latencyMs' in reply && reply.latencyMs) await wait(reply.latencyMs);
    switch (reply.kind) {
      case 'verdict':
        return sendJson(res, 200, completion(body, verdictText(reply.winner ?? rule(req))));
      case 'text':
        return sendJson(res, 200, completion(body, reply.text));
      case 'status':
        return sendJson(res, reply.status, errorBody(reply.status, reply.message ?? `scripted status ${reply.status}`, reply.code ?? null), reply.headers);
      case 'html': {
        const page = reply.html ?? '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>upstream unavailable</p></body></html>';
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page) });
        return void res.end(page);
      }
      case 'json':
        return sendJson(res, 200, reply.body);
      case 'hang':
        return; // the socket stays open until the client aborts or the server closes
      case 'malformed': {
        const text = '{"id": "chatcmpl-x", "choices": [ {"message": oops';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        return void res.end(text);
      }
      case 'truncated': {
        const text = JSON.stringify(completion(body, verdictText(rule(req))));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        return void setTimeout(() => res.socket?.destroy(), 5);
      }
    }
  }

  /** Runs every line of a batch input file through the script; fills the output and error files. */
  async function completeBatch(batch: StoredBatch): Promise<void> {
    const input = files.get(batch.input_file_id)!;
    const lines = input.content.split('\n').filter((l) => l.trim() !== '');
    const answered = options.batchOutcome === 'expired' ? lines.slice(0, Math.ceil(lines.length / 2)) : lines;
    const out: string[] = [];
    const errors: string[] = [];
    for (const line of answered) {
      const item = JSON.parse(line) as { custom_id: string; body: ChatBody };
      const { req, reply } = await decide(item.body, true);
      const rid = `req_${++ids}`;
      if (reply.kind === 'json') {
        // A 200 line whose body is not a completion, as a broken provider could return.
        out.push(JSON.stringify({
          id: `batch_req_${ids}`, custom_id: item.custom_id, response: { status_code: 200, request_id: rid, body: reply.body }, error: null,
        }));
      } else if (reply.kind === 'verdict' || reply.kind === 'text') {
        const content = reply.kind === 'verdict' ? verdictText(reply.winner ?? rule(req)) : reply.text;
        out.push(JSON.stringify({
          id: `batch_req_${ids}`, custom_id: item.custom_id,
          response: { status_code: 200, request_id: rid, body: completion(item.body, content) }, error: null,
        }));
      } else {
        const status = reply.kind === 'status' ? reply.status : 500;
        errors.push(JSON.stringify({
          id: `batch_req_${ids}`, custom_id: item.custom_id,
          response: { status_code: status, request_id: rid, body: errorBody(status, `scripted ${reply.kind}`) }, error: null,
        }));
      }
    }
    if (options.batchOutcome === 'expired') {
      for (const line of lines.slice(answered.length)) {
        const item = JSON.parse(line) as { custom_id: string };
        errors.push(JSON.stringify({
          id: `batch_req_${++ids}`, custom_id: item.custom_id, response: null,
          error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' },
        }));
      }
    }
    const store = (content: string, name: string) => {
      const id = `file-${++ids}`;
      files.set(id, { id, filename: name, purpose: 'batch_output', content: content ? `${content}\n` : '' });
      return id;
    };
    if (out.length) batch.output_file_id = store(out.join('\n'), `${batch.id}_output.jsonl`);
    if (errors.length) batch.error_file_id = store(errors.join('\n'), `${batch.id}_error.jsonl`);
  }

  function batchJson(b: StoredBatch) {
    return {
      id: b.id, object: 'batch', endpoint: b.endpoint, input_file_id: b.input_file_id, completion_window: '24h',
      status: b.status, created_at: Math.floor(Date.now() / 1000),
      ...(b.output_file_id ? { output_file_id: b.output_file_id } : {}),
      ...(b.error_file_id ? { error_file_id: b.error_file_id } : {}),
      ...(b.status === 'failed' ? { errors: { object: 'list', data: [{ code: 'invalid_request', message: 'scripted failure' }] } } : {}),
    };
  }

  async function route(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendJson(res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') return handleChat(raw.toString('utf8'), res);
    if (req.method === 'GET' && path === '/v1/_stats') return sendJson(res, 200, { chatCount });
    if (req.method === 'POST' && path === '/v1/files') {
      const form = await new Request('http://127.0.0.1/', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: raw,
      }).formData();
      const file = form.get('file');
      if (!(file instanceof Blob)) return sendJson(res, 400, errorBody(400, 'missing file part'));
      const id = `file-${++ids}`;
      const stored: StoredFile = {
        id, filename: (file as File).name ?? 'upload', purpose: String(form.get('purpose') ?? ''), content: await file.text(),
      };
      files.set(id, stored);
      return sendJson(res, 200, {
        id, object: 'file', bytes: Buffer.byteLength(stored.content), created_at: Math.floor(Date.now() / 1000),
        filename: stored.filename, purpose: stored.purpose, status: 'processed',
      });
    }
    if (req.method === 'POST' && path === '/v1/batches') {
      const body = JSON.parse(raw.toString('utf8')) as { input_file_id: string; endpoint: string };
      if (!files.has(body.input_file_id)) return sendJson(res, 404, errorBody(404, 'no such file'));
      const batch: StoredBatch = { id: `batch_${++ids}`, input_file_id: body.input_file_id, endpoint: body.endpoint, polls: 0, status: 'validating' };
      batches.set(batch.id, batch);
      return sendJson(res, 200, batchJson(batch));
    }
    const batchMatch = /^\/v1\/batches\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && batchMatch) {
      const batch = batches.get(batchMatch[1]!);
      if (!batch) return sendJson(res, 404, errorBody(404, 'no such batch'));
      batch.polls++;
      const until = options.batchPollsUntilDone ?? 2;
      if (batch.polls >= until && !['completed', 'failed', 'expired'].includes(batch.status)) {
        const outcome = options.batchOutcome ?? 'completed';
        if (outcome !== 'failed') await completeBatch(batch);
        batch.status = outcome;
      } else if (batch.status === 'validating') {
        batch.status = 'in_progress';
      }
      return sendJson(res, 200, batchJson(batch));
    }
    const fileMatch = /^\/v1\/files\/([^/]+)\/content$/.exec(path);
    if (req.method === 'GET' && fileMatch) {
      const file = files.get(fileMatch[1]!);
      if (!file) return sendJson(res, 404, errorBody(404, 'no such file'));
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': Buffer.byteLength(file.content) });
      return void res.end(file.content);
    }
    return sendJson(res, 404, errorBody(404, `no route ${req.method} ${path}`));
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      requests.push({
        seq: seq++, method: req.method ?? '', path: req.url ?? '', headers: req.headers,
        body: record ? raw.toString('utf8') : '', at: Date.now(),
      });
      route(req, res, raw).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, errorBody(500, String(err)));
        else res.destroy();
      });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    chats,
    get chatCount() {
      return chatCount;
    },
    files,
    batches,
    setScript: (s) => {
      script = s;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A base URL on 127.0.0.1 where nothing listens (a port just freed): every connection is refused. */
export async function refusedBaseURL(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

/** Synthetic comparisons for judge tests and benchmarks (no dependency on the bundled sample). */
export function syntheticComparisons(
  count: number,
  opts: { prefix?: string; screenshot?: Uint8Array } = {},
): import('../../src/data/comparison.js').Comparison[] {
  const prefix = opts.prefix ?? 'rec';
  const shot = opts.screenshot;
  const side = (i: number, letter: 'A' | 'B') => {
    const code = `def solve_${letter}_${i}():\n    return ${i} ${letter === 'A' ? '+' : '*'} 2\n`;
    return {
      model: `model-${letter}`,
      answer: `Here is my solution:\n\`\`\`python\n${code}\`\`\``,
      code,
      language: 'Python',
      environment: 'Python Runner',
      output: `${letter === 'A' ? i + 2 : i * 2}\n`,
      error: null,
      success: true,
      screenshot: shot
        ? { source: `synthetic:${prefix}-${i}-${letter}`, size: shot.length, load: async () => shot }
        : null,
      rounds: [],
      turns: 1,
    };
  };
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${String(i).padStart(5, '0')}`,
    instruction: `Write a function for task number ${i}.`,
    vote: (['A', 'B', 'tie', 'both_bad'] as const)[i % 4]!,
    topic: 'problem_solving',
    origin: `synthetic#row ${i}`,
    a: side(i, 'A'),
    b: side(i, 'B'),
  }));
}

/**
 * Run as a program (`node --import tsx test/support/judge-server.ts [latencyMs]`),
 * it serves verdicts after `latencyMs` in its own process and prints its base
 * URL on stdout; benchmarks use it so the server's CPU is not the client's.
 * `GET /v1/_stats` answers `{"chatCount": n}`.
 */
if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const latencyMs = Number(process.argv[2] ?? 100);
  const server = await startJudgeServer({
    apiKey: process.env.JUDGE_SERVER_KEY,
    recordBodies: false,
    script: () => ({ kind: 'verdict', latencyMs }),
  });
  process.stdout.write(`${server.baseURL}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}
