/**
 * Real data shipped with the project, by name, wherever it is installed: the
 * LLMFAO vote files (CC BY 4.0, `data/llmfao/README.md`), so notebooks never
 * depend on a folder outside the repository.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../data/dataset.js';
import { InputError } from '../errors.js';

export const LLMFAO_FILES = ['crowd-comparisons.csv', 'gpt4-crowd-comparisons.csv', 'gpt3-crowd-comparisons.csv'] as const;
export type LlmfaoFile = (typeof LLMFAO_FILES)[number];

/** The path of a shipped LLMFAO file (`crowd-comparisons.csv`: crowd votes; `gpt4-`/`gpt3-`: the two judges on the same pairs). */
export function llmfaoFile(name: LlmfaoFile): string {
  const file = join(packageRoot(), 'data', 'llmfao', name);
  if (!existsSync(file)) throw new InputError(`not shipped: expected one of ${LLMFAO_FILES.join(', ')}`, { file });
  return file;
}
