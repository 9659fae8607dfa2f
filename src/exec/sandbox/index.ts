/** The sandbox interface, its limits, environment, errors and workspace helpers. */
export * from './types.js';
export * from './errors.js';
export { DEFAULT_LIMITS, resolveLimits } from './limits.js';
export { baseEnvironment, sandboxEnvironment } from './env.js';
export { stoppedBy } from './stopped-by.js';
