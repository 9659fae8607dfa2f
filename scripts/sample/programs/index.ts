/** All tasks of the synthetic sample (loaded from the program files), and the shared follow-up requests. */
import { loadTasks } from './load.js';
import type { ProgramTask } from './types.js';

export * from './types.js';
export * from './render.js';
export { loadTask, loadTasks, PROGRAMS_DIR } from './load.js';

export const SAMPLE_TASKS: readonly ProgramTask[] = loadTasks();

/**
 * Follow-up user turns (both models receive the same turn in a battle, so
 * these are generic). The programs do not change their output on a follow-up;
 * only whether a round's code is broken or fixed does.
 */
export const FOLLOW_UPS: readonly string[] = [
  'Can you add a few comments explaining the main steps?',
  'Please double-check that it runs as-is and fix anything that breaks.',
  'Make it a little more polished, but keep everything in a single file.',
  'Could you make the result easier to read at a glance?',
  'It did not work for me. Can you look at it again?',
];
