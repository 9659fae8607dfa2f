import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../../src/errors.js';
import { OpenAIJudge, defaultJudgeName, loadJudgeConfigFile } from '../../src/judge/openai.js';
import { resolveApiKey } from '../../src/llm/client.js';
import { startJudgeServer, syntheticComparisons, type JudgeServer } from '../support/judge-server.js';

const KEY = 'sk-test-openai-0123456789abcdef';
let server: JudgeServer;

beforeAll(async () => {
  server = await startJudgeServer({ apiKey: KEY });
});
afterAll(() => server.close());

function judge(extra: Partial<ConstructorParameters<typeof OpenAIJudge>[0]> = {}) {
  return new OpenAIJudge({ model: 'm-test', baseURL: server.baseURL, apiKey: KEY, name: 'test:m', ...extra });
}

describe('OpenAIJudge', () => {
  const [c] = syntheticComparisons(1);

  it('sends one temperature-0 chat request and maps the shown verdict back to stored A/B', async () => {
    server.setScript(() => ({ kind: 'verdict', winner: 'A' }));
    const before = server.chats.length;
    const ab = await judge().judge({ comparison: c!, mode: 'code-only', order: 'AB' });
    const ba = await judge().judge({ comparison: c!, mode: 'code-only', order: 'BA' });
    expect(ab.verdict).toBe('A');
    // Shown "A" in order BA is the stored B.
    expect(ba.verdict).toBe('B');
    const sent = server.chats.slice(before);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.body.temperature).toBe(0);
    expect(sent[0]!.body.model).toBe('m-test');
    expect(sent[0]!.body.max_tokens).toBe(4096);
    expect(ab.reasoning).toContain('scripted');
    expect(ab.latencyMs).toBeGreaterThan(0);
    expect(ab.usage?.promptTokens).toBeGreaterThan(0);
  });

  it('prices tokens when a price table is given', async () => {
    server.setScript(() => ({ kind: 'verdict', winner: 'B' }));
    const r = await judge({ pricePerMTokIn: 2, pricePerMTokOut: 8 }).judge({ comparison: c!, mode: 'code-only', order: 'AB' });
    const u = r.usage!;
    expect(u.cost).toBeCloseTo((u.promptTokens! * 2 + u.completionTokens! * 8) / 1e6, 12);
  });

  it('asks one follow-up question when the first answer has no verdict', async () => {
    server.setScript((req) =>
      req.body.messages.length === 1 ? { kind: 'text', text: 'Both look fine to me, hard to say.' } : { kind: 'verdict', winner: 'B' },
    );
    const before = server.chats.length;
    const r = await judge().judge({ comparison: c!, mode: 'with-output', order: 'AB' });
    expect(r.verdict).toBe('B');
    const sent = server.chats.slice(before);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(r.raw).toContain('hard to say');
    // Usage covers both calls.
    expect(r.usage!.promptTokens).toBe(sent.reduce((s, q) => s + Math.ceil(q.text.length / 4), 0));
  });

  it('returns an error verdict (not a vote) for an unparseable answer, without follow-up when off', async () => {
    server.setScript(() => ({ kind: 'text', text: "I'm sorry, but I can't help with comparing these." }));
    const before = server.chats.length;
    const r = await judge({ followUp: false }).judge({ comparison: c!, mode: 'code-only', order: 'AB' });
    expect(r.verdict).toBe('error');
    expect(r.error).toMatch(/unparseable answer/);
    expect(server.chats.length - before).toBe(1);
  });

  it('sends screenshots as image parts only with vision on and in with-output mode', async () => {
    server.setScript(() => ({ kind: 'verdict' }));
    const png = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#3366ff' } }).png().toBuffer();
    const [shot] = syntheticComparisons(1, { prefix: 'img', screenshot: new Uint8Array(png) });
    const before = server.chats.length;
    await judge({ vision: true }).judge({ comparison: shot!, mode: 'with-output', order: 'AB' });
    await judge({ vision: true }).judge({ comparison: shot!, mode: 'code-only', order: 'AB' });
    await judge({ vision: false }).judge({ comparison: shot!, mode: 'with-output', order: 'AB' });
    const sent = server.chats.slice(before);
    expect(sent.map((q) => q.images)).toEqual([2, 0, 0]);
    const parts = sent[0]!.body.messages[0]!.content as Array<{ type: string; image_url?: { url: string } }>;
    expect(parts.find((p) => p.type === 'image_url')!.image_url!.url).toMatch(/^data:image\/jpeg;base64,/);
  });

  it('leaves retries to the runner: a 500 is one request and a thrown error with its status', async () => {
    server.setScript(() => ({ kind: 'status', status: 500 }));
    const before = server.chats.length;
    await expect(judge().judge({ comparison: c!, mode: 'code-only', order: 'AB' })).rejects.toMatchObject({ status: 500 });
    expect(server.chats.length - before).toBe(1);
  });

  it('a 200 that is not a chat completion is a MalformedResponseError quoting the server, never a TypeError', async () => {
    server.setScript(() => ({ kind: 'html' }));
    const html = await judge().judge({ comparison: c!, mode: 'code-only', order: 'AB' }).catch((e: unknown) => e);
    expect(html).toMatchObject({ name: 'MalformedResponseError' });
    expect((html as Error).message).toMatch(/not a chat completion: .*502 Bad Gateway/);
    server.setScript(() => ({ kind: 'json', body: { error: { message: `overloaded ${'x'.repeat(500)}`, code: 503 } } }));
    const json = await judge().judge({ comparison: c!, mode: 'code-only', order: 'AB' }).catch((e: unknown) => e);
    expect((json as Error).message).toMatch(/not a chat completion: overloaded x+\.\.\.$/);
    // Quoted, but truncated: a whole page never lands in a results line.
    expect((json as Error).message.length).toBeLessThan(320);
  });

  it('names itself openai:<model> whatever the endpoint, records the endpoint beside it, and keeps the key out of its config', () => {
    expect(defaultJudgeName({ model: 'gpt-4o' })).toBe('openai:gpt-4o');
    expect(defaultJudgeName({ model: 'x/y', baseURL: 'https://openrouter.ai/api/v1', vision: true })).toBe('openai:x/y+vision');
    expect(() => defaultJudgeName({ model: 'm', baseURL: 'not a url' })).toThrow(/not a URL/);
    const j = judge();
    expect(JSON.stringify(j.config)).not.toContain(KEY);
    expect(j.config.promptVersion).toMatch(/@[0-9a-f]{12}$/);
    expect(judge({ temperature: 0.5 }).config).not.toEqual(j.config);
  });
});

describe('API key and config file', () => {
  it('reads the key from the named environment variable, and says which variable is missing', () => {
    expect(resolveApiKey({ apiKeyEnv: 'OPENROUTER_API_KEY', env: { OPENROUTER_API_KEY: 'k-123' } })).toBe('k-123');
    expect(() => resolveApiKey({ env: {} })).toThrow(ConfigError);
    expect(() => resolveApiKey({ apiKeyEnv: 'MY_KEY', env: {} })).toThrow(/MY_KEY/);
  });

  it('validates a config file and names the bad field without echoing values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bcr-judgecfg-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ apiKey: 'sk-fromfile-123456789', pricePerMTokIn: 1.5 }));
    expect(loadJudgeConfigFile(good)).toEqual({ apiKey: 'sk-fromfile-123456789', pricePerMTokIn: 1.5 });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ apiKey: 'sk-fromfile-123456789', temperature: 'hot' }));
    let caught: unknown;
    try {
      loadJudgeConfigFile(bad);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).field).toBe('temperature');
    expect((caught as Error).message).not.toContain('sk-fromfile');
  });
});
