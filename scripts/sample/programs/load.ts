/**
 * Reads the sample's program files: `tasks.json` (task folders in dealing
 * order), each folder's `task.json`, the program files it names and their
 * recorded outputs. A malformed manifest or a missing program file is an
 * InputError naming the file, so a broken edit never yields a wrong sample.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ENVIRONMENTS, LANGUAGES, TOPICS } from '../../../src/data/comparison.js';
import { InputError } from '../../../src/errors.js';
import { SCENE_NAMES } from '../screenshot.js';
import type { ProgramTask } from './types.js';

/** The folder holding the committed programs. */
export const PROGRAMS_DIR = fileURLToPath(new URL('.', import.meta.url));

const fileName = z.string().regex(/^[\w.-]+$/, 'a plain file name in the task folder');

const taskManifest = z.strictObject({
  id: z.string().min(1),
  topic: z.enum(TOPICS),
  language: z.enum(LANGUAGES),
  environment: z.enum(ENVIRONMENTS),
  fence: z.string().min(1),
  instruction: z.string().min(1),
  summary: z.string().min(1),
  dependencies: z.tuple([z.array(z.string()), z.array(z.string())]),
  scene: z.enum(SCENE_NAMES).optional(),
  variants: z.array(fileName).min(1),
  failures: z.array(z.strictObject({
    file: fileName,
    kind: z.enum(['syntax_error', 'runtime_error']),
    base: z.int().nonnegative(),
    screen: z.enum(['page', 'blank', 'error', 'none']).optional(),
  })).min(1),
});

const taskList = z.array(z.string().regex(/^[\w-]+$/, 'a task folder name')).min(1);

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new InputError(err instanceof SyntaxError ? `invalid JSON: ${err.message}` : 'cannot read the file', { file }, { cause: err });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(issue.message, { file, field: issue.path.map(String).join('.') || undefined });
  }
  return parsed.data;
}

function readProgram(dir: string, file: string, manifest: string): string {
  const path = join(dir, file);
  if (!existsSync(path)) throw new InputError(`names a program file that does not exist: ${file}`, { file: manifest });
  return readFileSync(path, 'utf8');
}

/** Recorded output beside a program: `variant-0.py` -> `variant-0.stdout`; absent means empty. */
function readOutput(dir: string, program: string, stream: 'stdout' | 'stderr'): string {
  const path = join(dir, `${basename(program, extname(program))}.${stream}`);
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** One task from its folder. */
export function loadTask(dir: string): ProgramTask {
  const manifestPath = join(dir, 'task.json');
  const m = readJson(manifestPath, taskManifest);
  if (m.id !== basename(dir)) throw new InputError(`id "${m.id}" differs from the folder name`, { file: manifestPath, field: 'id' });
  m.failures.forEach((f, i) => {
    if (f.base >= m.variants.length) throw new InputError(`base ${f.base} is not a variant`, { file: manifestPath, field: `failures.${i}.base` });
    if ((m.scene !== undefined) !== (f.screen !== undefined)) {
      throw new InputError('a failure has a screen exactly when the task has a scene', { file: manifestPath, field: `failures.${i}.screen` });
    }
  });
  const { variants, failures, scene, ...rest } = m;
  return {
    ...rest,
    dir,
    ...(scene !== undefined ? { scene } : {}),
    variants: variants.map((file) => ({ file, code: readProgram(dir, file, manifestPath), stdout: readOutput(dir, file, 'stdout') })),
    failures: failures.map((f) => ({
      ...f,
      code: readProgram(dir, f.file, manifestPath),
      stdout: readOutput(dir, f.file, 'stdout'),
      stderr: readOutput(dir, f.file, 'stderr'),
    })),
  };
}

/** Every task listed in `<root>/tasks.json`, in that order. */
export function loadTasks(root: string = PROGRAMS_DIR): ProgramTask[] {
  const listPath = join(root, 'tasks.json');
  const ids = readJson(listPath, taskList);
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new InputError(`task "${id}" is listed twice`, { file: listPath });
    seen.add(id);
  }
  return ids.map((id) => loadTask(join(root, id)));
}
