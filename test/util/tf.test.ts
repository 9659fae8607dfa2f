import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { getTf, hasNativeTfjsNode } from '../../src/util/tf.js';

const require = createRequire(import.meta.url);
// What answers to the name @tensorflow/tfjs-node here: nothing (it cannot install on our
// machines), or an npm alias of plain tfjs under that name, which must not count as native.
function installedTfjsNodeName(): string | null {
  try {
    return (JSON.parse(readFileSync(require.resolve('@tensorflow/tfjs-node/package.json'), 'utf8')) as { name: string }).name;
  } catch {
    return null;
  }
}

describe('getTf', () => {
  it('does not mistake an absent package or a tfjs alias for native tfjs-node', () => {
    expect([null, '@tensorflow/tfjs']).toContain(installedTfjsNodeName());
    expect(hasNativeTfjsNode()).toBe(false);
  });

  it('selects the requested backend and computes with it', async () => {
    for (const backend of ['cpu', 'wasm'] as const) {
      const tf = await getTf({ backend });
      expect(tf.getBackend()).toBe(backend);
      expect(Array.from(tf.sigmoid(tf.tensor1d([0])).dataSync())).toEqual([0.5]);
    }
  });

  it('prefers wasm on auto when native tfjs-node is absent', async () => {
    const tf = await getTf();
    expect(tf.getBackend()).toBe('wasm');
  });

  it('refuses "node" without native tfjs-node, and unknown backends', async () => {
    await expect(getTf({ backend: 'node' })).rejects.toThrow(ConfigError);
    await expect(getTf({ backend: 'gpu' as never })).rejects.toThrow(/unknown tfjs backend/);
  });
});
