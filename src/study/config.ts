/**
 * A study described in one file: dataset, judges, modes, orders, bootstrap,
 * seed, output folder. One zod schema (`studyConfigSchema`) is the record
 * type; a config file holds any part of it, the command line overrides the
 * file, and the resolved whole is written into the output folder as
 * `study.json`, so `bcr run --config <out>/study.json` reruns the same study.
 *
 * Paths in a config file (outDir, cacheDir, executions, a local dataset) are
 * relative to the file's folder, so a written `study.json` stays right when
 * the folder moves or the command runs from elsewhere. A dataset that is no
 * existing path (a hub id such as `bigcode/bigcodereward`) is kept as written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { JUDGE_MODES } from '../data/verdict.js';
import { ConfigError, InputError, toOutputError } from '../errors.js';
import { ORDER_POLICIES } from '../judge/orders.js';
import { DEFAULT_STUDY_JUDGES, type StudyOptions } from './run-study.js';

/** The one output folder of a study: `bcr run` writes there, and `bcr metrics` and `bcr runs list` look there by default. */
export const DEFAULT_STUDY_DIR = join('runs', 'study');
/** The verdict cache model judges use unless told otherwise (the same as `bcr judge`'s). */
export const DEFAULT_JUDGE_CACHE_DIR = join('.bcr-cache', 'judge');
/** The resolved config's name inside the output folder. */
export const STUDY_CONFIG_FILE = 'study.json';

const count = (min: number) => z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(min, { error: `must be at least ${min}` });
const path = z.string({ error: 'must be a path (a string)' }).min(1, { error: 'must not be empty' });

/** A judge: its registry name, or `{ "name": ..., <its options> }`. */
const judgeSpec = z.union([
  z.string().min(1),
  z.looseObject({ name: z.string().min(1) }),
], { error: 'must be a judge name or an object with a "name" (and the judge\'s options)' });

export const studyConfigSchema = z.object({
  /** A local folder or file, or a hub id; absent: the bundled (synthetic) sample. */
  dataset: z.string({ error: 'must be a local path or a hub id (a string)' }).min(1).optional(),
  judges: z.array(judgeSpec, { error: 'must be a list of judge names' }).min(1, { error: 'must name at least one judge' }),
  /** Run-wide settings of model judges; each judge kind takes those it knows. */
  judgeOptions: z.object({
    baseUrl: z.url({ error: 'must be a URL' }),
    apiKeyEnv: z.string().min(1),
    vision: z.boolean({ error: 'must be true or false' }),
  }).partial().strict(),
  modes: z.array(z.enum(JUDGE_MODES, { error: `must be ${JUDGE_MODES.join(' or ')}` }), { error: `must be a list of modes (${JUDGE_MODES.join(', ')})` })
    .min(1, { error: 'must name at least one mode' }),
  orders: z.enum(ORDER_POLICIES, { error: `must be one of ${ORDER_POLICIES.join(', ')}` }),
  bootstrap: count(0),
  seed: z.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }),
  outDir: path,
  folds: count(1),
  learned: z.boolean({ error: 'must be true or false' }),
  limit: count(1).optional(),
  concurrency: count(1),
  /** The verdict cache of model judges; null: no cache. */
  cacheDir: path.nullable(),
  /** An executions file of `bcr execute`: judge its fresh outputs instead of the recorded ones. */
  executions: path.optional(),
}).strict();

export type StudyConfig = z.infer<typeof studyConfigSchema>;

/** What `bcr run` does with no config file and no flags (`npm start`). */
export const DEFAULT_STUDY_CONFIG: StudyConfig = {
  judges: [...DEFAULT_STUDY_JUDGES],
  judgeOptions: {},
  modes: ['code-only', 'with-output'],
  orders: 'AB',
  bootstrap: 100,
  seed: 0,
  outDir: DEFAULT_STUDY_DIR,
  folds: 5,
  learned: true,
  concurrency: 8,
  cacheDir: DEFAULT_JUDGE_CACHE_DIR,
};

// A config file may hold any part of the study.
const studyConfigFileSchema = studyConfigSchema.partial();

function fieldOf(issue: z.core.$ZodIssue): string | undefined {
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = [...issue.path, ...keys.slice(0, 1)].join('.');
  return path === '' ? undefined : path;
}

function problemOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown field (a study config takes: ${Object.keys(studyConfigSchema.shape).join(', ')}; judgeOptions takes baseUrl, apiKeyEnv, vision)`;
  }
  return issue.message;
}

/** Checks a parsed value against the schema; the first problem names the file and the field. */
export function parseStudyConfig(value: unknown, file: string): Partial<StudyConfig> {
  const parsed = studyConfigFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues.find((i) => i.code === 'unrecognized_keys') ?? parsed.error.issues[0]!;
    throw new InputError(problemOf(issue), { file, field: fieldOf(issue) });
  }
  return parsed.data;
}

/** A config file's path fields, made relative to the current folder (see the module header). */
function fromFileFolder(config: Partial<StudyConfig>, folder: string): Partial<StudyConfig> {
  const at = (p: string) => (isAbsolute(p) ? p : join(folder, p));
  const out: Partial<StudyConfig> = { ...config };
  if (config.outDir !== undefined) out.outDir = at(config.outDir);
  if (config.cacheDir !== undefined && config.cacheDir !== null) out.cacheDir = at(config.cacheDir);
  if (config.executions !== undefined) out.executions = at(config.executions);
  if (config.dataset !== undefined && existsSync(at(config.dataset))) out.dataset = at(config.dataset);
  return out;
}

/** Reads a study config file (JSON). Bad JSON, an unknown field or a bad value is an InputError naming the file and the field. */
export function readStudyConfig(file: string): Partial<StudyConfig> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read the study config (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { file }, { cause: err });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON: ${(err as Error).message}`, { file }, { cause: err });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError('a study config must be a JSON object', { file });
  return fromFileFolder(parseStudyConfig(value, file), dirname(file));
}

/** Defaults, then each layer in turn (a config file, then the command line): a later layer's field wins. */
export function resolveStudyConfig(...layers: readonly Partial<StudyConfig>[]): StudyConfig {
  const merged: Record<string, unknown> = { ...DEFAULT_STUDY_CONFIG };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      // Endpoint settings add up: a flag for the key variable keeps the file's endpoint.
      merged[key] = key === 'judgeOptions' ? { ...(merged[key] as object), ...(value as object) } : value;
    }
  }
  return studyConfigSchema.parse(merged);
}

/**
 * Writes the resolved config as `<outDir>/study.json`, its paths relative to
 * that folder, and returns the file's path.
 */
export function writeStudyConfig(config: StudyConfig): string {
  const outDir = resolve(config.outDir);
  const rel = (p: string) => relative(outDir, resolve(p)) || '.';
  const stored: StudyConfig = {
    ...config,
    outDir: '.',
    cacheDir: config.cacheDir === null ? null : rel(config.cacheDir),
    ...(config.executions !== undefined ? { executions: rel(config.executions) } : {}),
    ...(config.dataset !== undefined && existsSync(config.dataset) ? { dataset: rel(config.dataset) } : {}),
  };
  const file = join(config.outDir, STUDY_CONFIG_FILE);
  try {
    mkdirSync(config.outDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`);
  } catch (err) {
    throw toOutputError(err, file) ?? err;
  }
  return file;
}

/** The options of `runStudy` for a resolved config (progress callbacks are the caller's). */
export function studyOptionsOf(config: StudyConfig): StudyOptions {
  return {
    ...(config.dataset !== undefined ? { dataset: config.dataset } : {}),
    judges: config.judges,
    judgeOptions: config.judgeOptions,
    modes: config.modes,
    orders: config.orders,
    outDir: config.outDir,
    seed: config.seed,
    bootstrap: config.bootstrap,
    folds: config.folds,
    learned: config.learned,
    ...(config.limit !== undefined ? { limit: config.limit } : {}),
    concurrency: config.concurrency,
    ...(config.cacheDir !== null ? { cacheDir: config.cacheDir } : {}),
    ...(config.executions !== undefined ? { executions: config.executions } : {}),
  };
}

/**
 * What a follow-up command (`bcr metrics`, `bcr gain`) uses when given no
 * files: the results files of the study in `dir` (default the study folder),
 * and the dataset its `study.json` names. A ConfigError says what to do when
 * there is none.
 */
export function studyResults(dir: string = DEFAULT_STUDY_DIR): { files: string[]; dataset?: string } {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(dir, f)) : [];
  if (files.length === 0) {
    throw new ConfigError(`no results files given, and none in ${dir}: run \`bcr run\` (or \`npm start\`) first, or name the files`);
  }
  const configFile = join(dir, STUDY_CONFIG_FILE);
  const dataset = existsSync(configFile) ? readStudyConfig(configFile).dataset : undefined;
  return { files, ...(dataset !== undefined ? { dataset } : {}) };
}
