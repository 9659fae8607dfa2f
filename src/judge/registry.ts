/**
 * Judge names -> judge factories. A name is either exact
 * ("baseline:always-a") or a family written "<provider>:*" that takes any
 * model after the colon ("openai:*" serves "openai:gpt-4o").
 *
 * The contract of an entry:
 * - `options`: a zod object schema of the options its kind takes. A spec's
 *   options are checked against it before anything is built: an unknown or
 *   mistyped option is a ConfigError naming the option and the judge.
 * - `secretEnv(options)`: the environment variables holding secrets the judge
 *   needs. `prepareJudge` checks they are set before the run and hands their
 *   values to the runner to redact.
 * - the judge it creates declares the modes it serves (`Judge.modes`) and
 *   what else it can do (`Judge.capabilities`); `prepareJudge` rejects a mode
 *   it cannot serve before the run starts.
 *
 * Run-wide settings (a seed, an endpoint, vision) are passed as `defaults`:
 * each entry takes those its schema names and leaves the rest, so one seed
 * can be given to every judge of a study without each kind having to accept it.
 *
 * Adding a judge kind is one line in BUILTIN_JUDGES (an entry object, like
 * `openAIJudgeEntry`), or, from outside the library (a notebook),
 * `registerJudge(entry)`.
 */
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { alwaysAJudge, execAwareJudge, longerAnswerJudge, randomJudge } from './baselines/judges.js';
import { assertServesModes } from './capabilities.js';
import { learnedJudgeEntry } from './learned/learned-judge.js';
import { openAIJudgeEntry } from './openai.js';
import type { JudgeDefaults, JudgeEntry, JudgeEnv, JudgeSpec, OptionsSchema } from './entry.js';
import type { Judge, JudgeMode } from './types.js';

export type { JudgeSpec, JudgeDefaults, JudgeEnv, JudgeEntry } from './entry.js';

const NO_OPTIONS = z.object({}).strict();

const int = z.number().int();
const tolerance = z.number().min(0).lt(1);

/** An entry with its options' type forgotten, to sit in one table with the others (its schema still checks them). */
function erased<S extends OptionsSchema>(entry: JudgeEntry<S>): JudgeEntry {
  return entry as unknown as JudgeEntry;
}

const BUILTIN_JUDGES: readonly JudgeEntry[] = [
  erased({
    name: 'baseline:random',
    description: 'uniform random verdict (A, B, tie; both_bad with allowBothBad), seeded per record; options seed, allowBothBad',
    options: z.object({ seed: int, allowBothBad: z.boolean() }).partial().strict(),
    create: (o) => randomJudge(o),
  }),
  {
    name: 'baseline:always-a',
    description: 'always picks the side shown first (a pure position bias); no options',
    create: () => alwaysAJudge(),
  },
  erased({
    name: 'baseline:longer-answer',
    description: 'the longer final answer wins; tie within a relative tolerance (option tolerance, default 0.05)',
    options: z.object({ tolerance }).partial().strict(),
    create: (o) => longerAnswerJudge(o),
  }),
  erased({
    name: 'baseline:exec-aware',
    description: 'prefers code that ran, then visible results, fewer errors, longer code (code signals only in code-only mode); option tolerance',
    options: z.object({ tolerance }).partial().strict(),
    create: (o) => execAwareJudge(o),
  }),
  erased(openAIJudgeEntry),
  erased(learnedJudgeEntry),
];

const entries = new Map<string, JudgeEntry>(BUILTIN_JUDGES.map((e) => [e.name, e]));

/** Adds a judge kind at run time; a name already taken is a ConfigError. */
export function registerJudge<S extends OptionsSchema>(entry: JudgeEntry<S>): void {
  if (!/^[\w.-]+:(?:\*|[\w./:-]+)$/.test(entry.name)) {
    throw new ConfigError(`judge name "${entry.name}" must look like "kind:name" or "provider:*"`);
  }
  if (entries.has(entry.name)) throw new ConfigError(`a judge named "${entry.name}" is already registered`);
  entries.set(entry.name, erased(entry));
}

/** The entry serving `name` (exact, else its "<provider>:*" family); a ConfigError listing the known ones. */
export function findJudgeEntry(name: string): JudgeEntry {
  const exact = entries.get(name);
  if (exact) return exact;
  const colon = name.indexOf(':');
  const family = colon > 0 && colon < name.length - 1 ? entries.get(`${name.slice(0, colon)}:*`) : undefined;
  if (!family) throw new ConfigError(`unknown judge "${name}" (known: ${[...entries.keys()].join(', ')})`);
  return family;
}

function describeIssue(entry: JudgeEntry, name: string, issue: z.core.$ZodIssue): string {
  const takes = Object.keys((entry.options ?? NO_OPTIONS).shape);
  const accepted = takes.length > 0 ? `${entry.name} takes: ${takes.join(', ')}` : `${entry.name} takes no options`;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return `judge ${name}: unknown option${issue.keys.length > 1 ? 's' : ''} ${keys} (${accepted})`;
  }
  const option = issue.path.join('.');
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return `judge ${name}: option "${option}" is required (${accepted})`;
  }
  return `judge ${name}: option "${option}": ${issue.message}`;
}

/**
 * The spec's options, checked by the entry's schema, with the `defaults` its
 * schema names filled in where the spec leaves them out.
 */
export function parseJudgeOptions(spec: JudgeSpec | string, defaults: JudgeDefaults = {}): { entry: JudgeEntry; name: string; options: Record<string, unknown> } {
  const { name, ...given } = typeof spec === 'string' ? { name: spec } : spec;
  if (typeof name !== 'string' || name === '') throw new ConfigError('a judge spec needs a name');
  const entry = findJudgeEntry(name);
  const schema = entry.options ?? NO_OPTIONS;
  const taken = Object.fromEntries(Object.entries(defaults).filter(([k, v]) => k in schema.shape && v !== undefined && !(k in given)));
  const parsed = schema.safeParse({ ...taken, ...given });
  if (!parsed.success) {
    // A misspelt option is the likeliest cause of the other issues (a "missing" one): name it first.
    const issues = parsed.error.issues;
    throw new ConfigError(describeIssue(entry, name, issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!));
  }
  return { entry, name, options: parsed.data };
}

export interface PrepareOptions {
  /** Run-wide settings offered to the judge (see `JudgeDefaults`). */
  defaults?: JudgeDefaults;
  /** The modes the run will ask for: a mode the judge cannot serve is a ConfigError now. */
  modes?: readonly JudgeMode[];
  /** Where secrets are read (default process.env). */
  env?: JudgeEnv;
}

export interface PreparedJudge {
  judge: Judge;
  /** Values of the judge's secret variables: give them to the runner to redact. */
  secrets: string[];
}

/**
 * Everything that can be checked before a run, in order: the name, the
 * options, the secrets' variables, then the judge itself (a saved model is
 * read here) and the modes it serves.
 */
export function prepareJudge(spec: JudgeSpec | string, options: PrepareOptions = {}): PreparedJudge {
  const env = options.env ?? process.env;
  const { entry, name, options: parsed } = parseJudgeOptions(spec, options.defaults);
  const secrets: string[] = [];
  for (const variable of entry.secretEnv?.(parsed) ?? []) {
    const value = env[variable];
    if (!value) {
      throw new ConfigError(
        `judge ${name} needs the environment variable ${variable} (its API key; any value will do for a server without auth)`,
      );
    }
    secrets.push(value);
  }
  const judge = entry.create(parsed, { name, env });
  if (options.modes) assertServesModes(judge, options.modes);
  return { judge, secrets };
}

/** Creates a judge from a name or a spec (see `prepareJudge` for the checks made before a run). */
export function createJudge(spec: JudgeSpec | string, defaults: JudgeDefaults = {}): Judge {
  const { entry, name, options } = parseJudgeOptions(spec, defaults);
  return entry.create(options, { name, env: process.env });
}

export function listJudges(): Array<{ name: string; description: string; options: string[] }> {
  return [...entries.values()].map(({ name, description, options }) => ({ name, description, options: Object.keys((options ?? NO_OPTIONS).shape) }));
}

/**
 * Judge options written `key=value` on a command line. `true` / `false`
 * become booleans and decimal numbers become numbers (the entry's schema
 * then checks the type); anything else stays text. A malformed argument is a
 * ConfigError naming it.
 */
export function parseOptionArgs(args: readonly string[], judge?: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const arg of args) {
    const m = /^([A-Za-z][\w-]*)=(.*)$/s.exec(arg);
    if (!m) throw new ConfigError(`judge option "${arg}"${judge ? ` of ${judge}` : ''} must look like key=value`);
    const [, key, text] = m as unknown as [string, string, string];
    if (key === 'name') throw new ConfigError(`"name" is the judge's name, not one of its options`);
    if (key in out) throw new ConfigError(`judge option "${key}" is given twice`);
    out[key] = text === 'true' ? true : text === 'false' ? false : /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) ? Number(text) : text;
  }
  return out;
}
