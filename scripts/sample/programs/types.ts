/**
 * A task of the synthetic sample and the programs that answer it. Each program
 * is a real file under `scripts/sample/programs/<task>/`, with what running it
 * printed beside it (`<name>.stdout`, `<name>.stderr`; an absent file is empty
 * output). `task.json` describes the task; `tasks.json` lists the tasks in the
 * order the generator deals them (the order is part of the sample's bytes).
 */
import type { ENVIRONMENTS, LANGUAGES, Topic } from '../../../src/data/comparison.js';
import type { SceneName } from '../screenshot.js';

export type Language = (typeof LANGUAGES)[number];
export type Environment = (typeof ENVIRONMENTS)[number];
export type FailureKind = 'syntax_error' | 'runtime_error';

export interface ProgramVariant {
  /** Path of the program file, relative to the task's folder. */
  file: string;
  code: string;
  /** Exact stdout of a successful run ('' for visual environments). */
  stdout: string;
}

/** What a failed visual run left on screen. */
export type FailureScreen = 'page' | 'blank' | 'error' | 'none';

/** A broken copy of a correct variant and what running it printed. */
export interface FailureVariant {
  file: string;
  kind: FailureKind;
  /** Index of the correct variant this one breaks. */
  base: number;
  code: string;
  stdout: string;
  /** Recorded error text. */
  stderr: string;
  /** Visual environments only: the normal page, a blank page, an error overlay, or no screenshot. */
  screen?: FailureScreen;
}

export interface ProgramTask {
  id: string;
  /** Folder holding the task's files. */
  dir: string;
  topic: Topic;
  language: Language;
  environment: Environment;
  /** Code fence tag the models use in their answers. */
  fence: string;
  /** The user's first request. */
  instruction: string;
  /** What the program does, for the answer's prose ("a prime finder"). */
  summary: string;
  /** BigCodeArena's `code_dependencies`: [python packages, npm packages]. */
  dependencies: [string[], string[]];
  variants: ProgramVariant[];
  failures: FailureVariant[];
  /** Screenshot scene for visual environments; absent for runners. */
  scene?: SceneName;
}

/** Placeholder in visual programs replaced by the palette's accent colour (the screenshot uses the same colour). */
export const ACCENT = '{{ACCENT}}';
