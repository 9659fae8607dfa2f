/** Judge names no longer carry the endpoint; the cache key still must, so two endpoints never share answers. */
import { describe, expect, it } from 'vitest';
import { OpenAIJudge } from '../../src/judge/openai.js';
import { createJudge } from '../../src/judge/registry.js';
import { cacheKey, judgeHash } from '../../src/judge/runner/keys.js';
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
