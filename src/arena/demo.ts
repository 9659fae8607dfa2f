/**
 * An offline stand-in for the arena's endpoints, for notebooks, tests and
 * benchmarks: one local OpenAI-compatible server (127.0.0.1, chat
 * completions) that plays the candidate models, the baseline and the judge.
 *
 * - Models answer with canned programs that really run, chosen per (model,
 *   prompt) by a hash: Python, JavaScript and C programs that work, some
 *   broken on purpose (a syntax error, a runtime error, a missing package),
 *   HTML pages (a browser environment), and answers with no code at all.
 *   `demo-strong` mostly works, `demo-weak` often fails, `demo-baseline` is
 *   in between. The first answer of `demo-weak` to some prompts has no code
 *   and its regeneration does (the regeneration path); to others it never
 *   has code (counted as no-code).
 * - The judge (any other model name) reads what each program did from the
 *   prompt it is sent and answers with a scripted five-point label: a
 *   program that ran beats one that did not, decisively. A few answers carry
 *   no label (the follow-up then gets one, or, for some, gets none again:
 *   an unparseable verdict).
 *
 * Nothing here is model-written: every answer is fixed text in this file.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const DEMO_MODELS = { strong: 'demo-strong', weak: 'demo-weak', baseline: 'demo-baseline', judge: 'demo-judge' } as const;

interface DemoBody {
  model: string;
  messages: Array<{ role: string; content: string | Array<{ type: string; text?: string }> }>;
}

function textOf(content: DemoBody['messages'][number]['content']): string {
  return typeof content === 'string' ? content : content.map((p) => p.text ?? '').join('');
}

function hashByte(text: string, salt = ''): number {
  return createHash('sha256').update(`${salt}\u0000${text}`).digest()[0]!;
}

const PY_OK = (tag: string) => `Here is a complete solution.

\`\`\`python
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

if __name__ == "__main__":
    print("${tag}: first fibonacci numbers")
    print([fib(i) for i in range(10)])
    assert fib(10) == 55
    print("all tests passed")
\`\`\`
`;

const PY_SYNTAX = `This should do it:

\`\`\`python
def broken(:
    print("never runs")
\`\`\`
`;

const PY_MISSING = `It uses a plotting package:

pip install surely-not-installed-pkg

\`\`\`python
import surely_not_installed_pkg
print(surely_not_installed_pkg.plot())
\`\`\`
`;

const JS_OK = `A Node script:

\`\`\`javascript
const items = [5, 3, 9, 1];
const sorted = [...items].sort((a, b) => a - b);
console.log("sorted:", sorted.join(", "));
console.log("max:", Math.max(...items));
\`\`\`
`;

const JS_THROWS = `\`\`\`javascript
const data = undefined;
console.log(data.length);
\`\`\`
`;

const C_OK = `\`\`\`c
#include <stdio.h>
int main(void) {
    int total = 0;
    for (int i = 1; i <= 10; i++) total += i;
    printf("sum 1..10 = %d\\n", total);
    return 0;
}
\`\`\`
`;

const HTML_PAGE = `\`\`\`html
<!DOCTYPE html>
<html><head><title>Demo</title><style>body{font-family:sans-serif;background:#eef}</style></head>
<body><h1>Hello from the demo page</h1><p id="n"></p><script>document.getElementById('n').textContent = 'ready';</script></body></html>
\`\`\`
`;

const NO_CODE = 'I would approach this by breaking the problem into modules and discussing the trade-offs; I cannot write the full program here.';

/** The canned answer of a model to a prompt; `attempt` counts earlier requests for the same pair. */
export function demoAnswer(model: string, instruction: string, attempt: number): string {
  const h = hashByte(instruction, model);
  if (model === DEMO_MODELS.strong) {
    if (h < 150) return PY_OK('strong');
    if (h < 200) return JS_OK;
    if (h < 230) return C_OK;
    return HTML_PAGE;
  }
  if (model === DEMO_MODELS.weak) {
    if (h < 70) return PY_OK('weak');
    if (h < 120) return PY_SYNTAX;
    if (h < 150) return JS_THROWS;
    if (h < 170) return PY_MISSING;
    if (h < 190) return attempt === 0 ? NO_CODE : PY_OK('weak, regenerated');
    if (h < 205) return NO_CODE;
    return HTML_PAGE;
  }
  // The baseline, and any other model name asked for an answer.
  if (h < 120) return PY_OK('baseline');
  if (h < 170) return JS_OK;
  if (h < 200) return PY_SYNTAX;
  return HTML_PAGE;
}

const RAN_OK = /Run ended: succeeded/;

/** Splits the judge prompt into what it shows of A and of B. */
function sides(prompt: string): { a: string; b: string } {
  const a = prompt.indexOf('[ASSISTANT A: ANSWER]');
  const b = prompt.indexOf('[ASSISTANT B: ANSWER]');
  return { a: a >= 0 && b > a ? prompt.slice(a, b) : '', b: b >= 0 ? prompt.slice(b) : '' };
}

/** The judge's scripted answer to a judge prompt (the user message) and whether it is a follow-up. */
export function demoVerdict(prompt: string, followUp: boolean): string {
  const h = hashByte(prompt, 'judge');
  if (!followUp && h < 8) return 'Both answers have merits; it is hard to say which is preferable overall.';
  if (followUp && h < 3) return 'I still cannot decide between them.';
  const { a, b } = sides(prompt);
  const okA = RAN_OK.test(a);
  const okB = RAN_OK.test(b);
  let label: string;
  if (okA && !okB) label = h % 2 === 0 ? '[[A>>B]]' : '[[A>B]]';
  else if (okB && !okA) label = h % 2 === 0 ? '[[B>>A]]' : '[[B>A]]';
  else if (okA && okB) label = /strong/.test(a) && !/strong/.test(b) ? '[[A>B]]' : /strong/.test(b) && !/strong/.test(a) ? '[[B>A]]' : '[[A=B]]';
  else label = '[[A=B]]';
  return `Assistant A's program ${okA ? 'ran' : 'did not run'}; assistant B's ${okB ? 'ran' : 'did not run'}.\n\nMy final verdict is ${label}`;
}

/** The reply to one chat request body; `attempt` counts earlier requests with the same model and prompt. */
export function demoReply(body: DemoBody, attempt: number): string {
  const users = body.messages.filter((m) => m.role === 'user');
  const first = textOf(users[0]?.content ?? '');
  if (body.model === DEMO_MODELS.strong || body.model === DEMO_MODELS.weak || body.model === DEMO_MODELS.baseline) {
    return demoAnswer(body.model, first, attempt);
  }
  return demoVerdict(first, users.length > 1);
}

export interface DemoServer {
  baseURL: string;
  /** Chat requests served so far. */
  readonly requests: number;
  close(): Promise<void>;
}

/** Starts the stand-in server on 127.0.0.1 (any key accepted); `latencyMs` delays every answer. */
export async function startDemoServer(options: { latencyMs?: number } = {}): Promise<DemoServer> {
  const attempts = new Map<string, number>();
  let requests = 0;
  const reply = (res: ServerResponse, status: number, value: unknown) => {
    const text = JSON.stringify(value);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse, raw: string) => {
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) return reply(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
    const body = JSON.parse(raw) as DemoBody;
    requests++;
    const key = `${body.model}\u0000${textOf(body.messages.find((m) => m.role === 'user')?.content ?? '')}`;
    const attempt = attempts.get(key) ?? 0;
    attempts.set(key, attempt + 1);
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    const content = demoReply(body, attempt);
    reply(res, 200, {
      id: `chatcmpl-demo-${requests}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: Math.ceil(raw.length / 4), completion_tokens: Math.ceil(content.length / 4), total_tokens: Math.ceil((raw.length + content.length) / 4) },
    });
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((err: unknown) => reply(res, 500, { error: { message: String(err) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return requests;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A dozen short prompts of this project's own, two per category, for trying the arena without the dataset. */
export const DEMO_PROMPTS: ReadonlyArray<{ uid: string; instruction: string; category: string; origin: string }> = [
  ['demo-web-1', 'web_design', 'Build a landing page for a neighbourhood bakery with a menu section and opening hours.'],
  ['demo-web-2', 'web_design', 'Make a responsive pricing table with three plans and a highlighted recommended plan.'],
  ['demo-solve-1', 'problem_solving', 'Write a program that finds the longest palindromic substring of a few sample strings.'],
  ['demo-solve-2', 'problem_solving', 'Implement Dijkstra shortest paths on a small hard-coded graph and print the distances.'],
  ['demo-game-1', 'game_development', 'Create a simple snake game that can be played with the arrow keys.'],
  ['demo-game-2', 'game_development', 'Write a number guessing game that plays itself with a binary search strategy and prints each guess.'],
  ['demo-sci-1', 'scientific_computing', 'Simulate radioactive decay of 1000 atoms over 20 steps and print the remaining counts.'],
  ['demo-sci-2', 'scientific_computing', 'Estimate pi with a Monte Carlo method using a fixed seed and print the estimate.'],
  ['demo-art-1', 'creative_coding', 'Draw a generative pattern of concentric circles in changing colours.'],
  ['demo-art-2', 'creative_coding', 'Print an ASCII art spiral of a given size.'],
  ['demo-diagram-1', 'diagram_creation', 'Draw a flowchart of a user signing up for a newsletter.'],
  ['demo-diagram-2', 'diagram_creation', 'Show the states of a traffic light controller as a state diagram.'],
].map(([uid, category, instruction]) => ({ uid: uid!, category: category!, instruction: instruction!, origin: 'demo' }));
