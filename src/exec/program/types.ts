/** What the executor runs: a program decided from a model's answer, or why there is none. */
import type { KnownEnvironment, KnownLanguage } from '../../data/extract-code.js';

export interface Dependencies {
  /** Python packages, as pip would be given them (`numpy`, `pandas==2.2`), deduplicated, in order found. */
  pip: string[];
  /** npm packages (`three`, `@mui/material@5`), deduplicated, in order found. */
  npm: string[];
}

export interface Program {
  /** Canonical language (`LANGUAGES`): a TypeScript program keeps `TypeScript` even in the JavaScript runner. */
  language: KnownLanguage;
  /** Canonical environment (`ENVIRONMENTS`), spelled as the dataset's `sandbox_environment`. */
  environment: KnownEnvironment;
  /** Workspace-relative path -> content. Always holds `entry`. */
  files: Record<string, string>;
  /** The file to run, build or serve (e.g. `main.py`, `src/App.tsx`, `Main.java`). */
  entry: string;
  dependencies: Dependencies;
  /** Why the program looks the way it does (block chosen, file names, truncation), for reports. */
  notes: string[];
}

export const NO_CODE_REASONS = ['empty-answer', 'no-code-block', 'shell-only', 'unknown-language'] as const;
export type NoCodeReason = (typeof NO_CODE_REASONS)[number];

export interface NoCode {
  kind: 'no-code';
  reason: NoCodeReason;
  /** A sentence for people: what was found instead of a program. */
  message: string;
  /** Install commands found anyway (a shell-only answer still names packages). */
  dependencies: Dependencies;
}

export type ProgramResult = { kind: 'program'; program: Program } | NoCode;
