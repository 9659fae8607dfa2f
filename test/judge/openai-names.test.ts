/** Judge names no longer carry the endpoint; the cache key and the results file still tell endpoints apart, so two never share answers. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { OpenAIJudge } from '../../src/judge/openai.js';
import { createJudge } from '../../src/judge/registry.js';
import { runJudge } from '../../src/judge/runner/index.js';
import { cacheKey, judgeHash } from '../../src/judge/runner/keys.js';
import type { Judge } from '../../src/judge/types.js';
import { syntheticComparisons } from '../support/judge-server.js';

const env = { OPENAI_API_KEY: 'sk-names-test' };

describe('openai:<model> names and endpoint-separated cache keys', () => {
  it('two endpoints, one readable name, two cache keys', () => {
    const local = new OpenAIJudge({ model: 'gpt-4o', baseURL: 'http://127.0.0.1:8000/v1', env });
    const router = new OpenAIJudge({ model: 'gpt-4o', baseURL: 'https://openrouter.ai/api/v1', env });
    const official = new OpenAIJudge({ model: 'gpt-4o', env });
    expect([local.name, router.name, official.name]).toEqual(['openai:gpt-4o', 'openai:gpt-4o', 'openai:gpt-4o']);
    expect([local.endpoint, router.endpoint, official.endpoint]).toEqual(['http://127.0.0.1:8000/v1', 'https://openrouter.ai/api/v1', 'https://api.openai.com/v1']);
    const [c] = syntheticComparisons(1);
    const keys = [local, router, official].map((j) => cacheKey(j, c!, 'with-output', 'AB'));
    expect(new Set(keys).size).toBe(3);
    expect(new Set([local, router, official].map(judgeHash)).size).toBe(3);
    // The same endpoint and settings: the same key (a rerun hits the cache).
    expect(cacheKey(new OpenAIJudge({ model: 'gpt-4o', baseURL: 'http://127.0.0.1:8000/v1', env }), c!, 'with-output', 'AB')).toBe(keys[0]);
  });

  it('through the registry: openai:<model> with a base URL keeps its name and records the endpoint', () => {
    const before = process.env.OPENAI_API_KEY;
    process.env.OPENAI_API_KEY = env.OPENAI_API_KEY;
    try {
      const judge = createJudge({ name: 'openai:qwen2.5-vl-72b', baseUrl: 'http://localhost:8000/v1', vision: true });
      expect(judge.name).toBe('openai:qwen2.5-vl-72b+vision');
      expect(judge.endpoint).toBe('http://localhost:8000/v1');
      expect(createJudge('baseline:always-a').endpoint).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.OPENAI_API_KEY;
      else process.env.OPENAI_API_KEY = before;
    }
  });
});

describe('a results file and the endpoint its verdicts came from', () => {
  const judgeAt = (endpoint: string): Judge => ({ name: 'openai:gpt-4o', endpoint, config: { endpoint }, judge: async () => ({ verdict: 'A' }) });

  it('resumes verdicts of the same endpoint, and refuses to mix in another endpoint\'s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bcr-endpoints-'));
    try {
      const out = join(dir, 'openai_gpt-4o.jsonl');
      const comparisons = syntheticComparisons(3);
      const first = await runJudge({ comparisons, judge: judgeAt('http://127.0.0.1:8000/v1'), modes: ['code-only'], out });
      expect(first.written).toBe(3);
      const again = await runJudge({ comparisons, judge: judgeAt('http://127.0.0.1:8000/v1'), modes: ['code-only'], out });
      expect(again).toMatchObject({ alreadyDone: 3, written: 0 });
      const err = await runJudge({ comparisons, judge: judgeAt('https://openrouter.ai/api/v1'), modes: ['code-only'], out }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain('endpoint http://127.0.0.1:8000/v1');
      expect((err as Error).message).toContain('endpoint https://openrouter.ai/api/v1');
      expect((err as Error).message).toContain('--out');
      // Nothing was written by the refused run.
      expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
