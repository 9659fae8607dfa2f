/** The executor room: the sandbox interface, its backends and the language runners. */
export * from './sandbox/index.js';
export * from './backends/index.js';
export * from './runners/index.js';
