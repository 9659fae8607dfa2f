/**
 * One place that picks the TensorFlow.js backend, shared by every module that
 * uses tfjs. Preference for 'auto': a real tfjs-node (native TensorFlow, when
 * a user has it installed), then wasm (bundled binaries, ~1.5x faster than
 * cpu here), then the pure-JS cpu backend.
 *
 * The backend is process-global in tfjs: calling getTf with another backend
 * switches it for every caller.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as TfModule from '@tensorflow/tfjs';
import { ConfigError } from '../errors.js';

export type Tf = typeof TfModule;
export const TF_BACKENDS = ['auto', 'node', 'wasm', 'cpu'] as const;
export type TfBackendChoice = (typeof TF_BACKENDS)[number];

const require = createRequire(import.meta.url);

/**
 * True only for the native @tensorflow/tfjs-node: an npm alias of plain
 * `@tensorflow/tfjs` under that name (some packages install one) is told
 * apart by the name in its package.json.
 */
export function hasNativeTfjsNode(): boolean {
  try {
    const pkg = JSON.parse(readFileSync(require.resolve('@tensorflow/tfjs-node/package.json'), 'utf8')) as { name?: string };
    return pkg.name === '@tensorflow/tfjs-node';
  } catch {
    return false;
  }
}

let tfModule: Tf | undefined;
let nativeModule: Tf | undefined;
let wasmPathsSet = false;

async function loadTfjs(): Promise<Tf> {
  if (!tfModule) {
    tfModule = (await import('@tensorflow/tfjs')) as Tf;
    // Production mode skips debug checks and the cpu backend's "install tfjs-node" banner on stdout/stderr.
    tfModule.env().set('PROD', true);
  }
  return tfModule;
}

async function useNative(): Promise<Tf> {
  if (!hasNativeTfjsNode()) {
    throw new ConfigError('tfjs backend "node" needs @tensorflow/tfjs-node (native), which is not installed here; use "wasm" or "cpu"');
  }
  // tfjs-node re-exports tfjs and registers the "tensorflow" backend on import.
  nativeModule ??= (await import('@tensorflow/tfjs-node' as string)) as Tf;
  await nativeModule.setBackend('tensorflow');
  await nativeModule.ready();
  return nativeModule;
}

async function useWasm(tf: Tf): Promise<Tf> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (!wasmPathsSet) {
    // Node cannot fetch the .wasm files from a CDN: point the backend at the package's own dist folder.
    wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend('wasm'))) throw new ConfigError('tfjs wasm backend failed to initialise');
  await tf.ready();
  return tf;
}

async function useCpu(tf: Tf): Promise<Tf> {
  if (!(await tf.setBackend('cpu'))) throw new ConfigError('tfjs cpu backend failed to initialise');
  await tf.ready();
  return tf;
}

/** The tfjs module with the chosen backend active. */
export async function getTf(options: { backend?: TfBackendChoice } = {}): Promise<Tf> {
  const choice = options.backend ?? 'auto';
  if (!TF_BACKENDS.includes(choice)) throw new ConfigError(`unknown tfjs backend "${String(choice)}" (expected ${TF_BACKENDS.join(', ')})`);
  if (choice === 'node') return useNative();
  if (choice === 'auto' && hasNativeTfjsNode()) {
    try {
      return await useNative();
    } catch {
      // A broken native install falls through to wasm.
    }
  }
  const tf = await loadTfjs();
  if (choice === 'cpu') return useCpu(tf);
  if (choice === 'wasm') return useWasm(tf);
  try {
    return await useWasm(tf);
  } catch {
    return useCpu(tf);
  }
}
