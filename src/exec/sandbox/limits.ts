/** Default limits and their validation. */
import { SandboxConfigError } from './errors.js';
import type { Limits } from './types.js';

const MiB = 1024 * 1024;

/**
 * Defaults for one run of model-written code: the reference's per-sample
 * budget is far larger (60-120 s), but a plain runner program that takes more
 * than 30 s is almost always stuck. Output is capped at 1 MiB per stream, as
 * Inspect AI does.
 */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  wallMs: 30_000,
  cpuSeconds: 20,
  memoryBytes: 1024 * MiB,
  pids: 64,
  fileSizeBytes: 64 * MiB,
  outputBytes: 1 * MiB,
});

/** `base` with `over` applied, every field checked to be a positive integer. */
export function resolveLimits(base: Readonly<Limits>, over: Partial<Limits> = {}): Limits {
  const out = { ...base };
  for (const [key, value] of Object.entries(over) as [keyof Limits, unknown][]) {
    if (value === undefined) continue;
    if (!(key in base)) throw new SandboxConfigError(`unknown sandbox limit "${key}"`);
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw new SandboxConfigError(`sandbox limit "${key}" must be a positive integer, got ${String(value)}`);
    }
    out[key] = value;
  }
  return out;
}
