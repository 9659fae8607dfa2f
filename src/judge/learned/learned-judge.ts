/**
 * The learned judge behind the common `Judge` interface: trained on human
 * votes with `trainLearnedJudge`, one model per judge mode, and saved / loaded
 * as JSON so a trained judge can be reused (prediction needs no tfjs).
 *
 * `order` is honoured: the judge sees the shown pair (stored B first for
 * `BA`) and its verdict is mapped back to stored terms. The model is
 * antisymmetric (see `model.ts`), so both orders always agree.
 */
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Comparison } from '../../data/comparison.js';
import { ConfigError, InputError } from '../../errors.js';
import { seedFromString } from '../../util/rng.js';
import { shownSides, toStoredVerdict } from '../orders.js';
import type { JudgeEntry } from '../entry.js';
import { JUDGE_MODES, type Judge, type JudgeMode, type JudgeRequest, type JudgeResult, type Order } from '../types.js';
import { classLabels, verdictOf } from './classes.js';
import { buildPairTable } from './examples.js';
import { sideVector } from './features.js';
import { decide } from './model.js';
import { parseLearnedJudgeJson, type LearnedJudgeJson } from './persist.js';
import { resolveTrainOptions, trainModel, type ResolvedTrainOptions, type TrainOptions } from './train.js';
import { predictProbabilities, type TrainedModel } from './trained-model.js';

export interface LearnedJudgeOptions extends TrainOptions {
  /** Train for this mode only; default both modes. */
  mode?: JudgeMode;
}

export class LearnedJudge implements Judge {
  readonly name: string;
  readonly config: Readonly<Record<string, unknown>>;
  /** The modes it was trained for: a mode without a model cannot be served. */
  readonly modes: readonly JudgeMode[];

  constructor(
    readonly models: ReadonlyMap<JudgeMode, TrainedModel>,
    readonly train: ResolvedTrainOptions,
    readonly trainedOn: number,
  ) {
    this.name = `learned:${train.model}`;
    this.modes = JUDGE_MODES.filter((m) => models.has(m));
    const { backend: _backend, ...settings } = train;
    this.config = {
      ...settings,
      modes: [...models.keys()],
      trainedOn,
      // Cache keys must change when the weights do, not only when the options do.
      weights: (seedFromString(JSON.stringify([...models.values()].map((m) => [m.standardiser, m.params]))) >>> 0).toString(16),
    };
  }

  /** Class probabilities (keyed by class label) for a comparison shown in `order`, in shown terms. */
  shownProbabilities(comparison: Comparison, mode: JudgeMode, order: Order = 'AB'): Record<string, number> {
    const model = this.modelFor(mode);
    const { first, second } = shownSides(comparison, order);
    const probs = predictProbabilities(model, sideVector(first, mode), sideVector(second, mode));
    return Object.fromEntries(classLabels(model.classes).map((label, i) => [label, probs[i]!]));
  }

  private modelFor(mode: JudgeMode): TrainedModel {
    const model = this.models.get(mode);
    if (!model) throw new Error(`${this.name} was trained for ${[...this.models.keys()].join(', ')} only, not ${mode}`);
    return model;
  }

  async judge(request: JudgeRequest): Promise<JudgeResult> {
    const started = Date.now();
    if (request.signal?.aborted) return { verdict: 'error', error: 'aborted' };
    try {
      const model = this.modelFor(request.mode);
      const probs = this.shownProbabilities(request.comparison, request.mode, request.order);
      const shownVerdict = verdictOf(decide(Object.values(probs)), model.classes);
      const described = Object.entries(probs).map(([label, p]) => `P(${label})=${p.toFixed(3)}`).join(', ');
      return {
        verdict: toStoredVerdict(shownVerdict, request.order),
        reasoning: `${described} (shown order ${request.order}, ${request.mode} features)`,
        latencyMs: Date.now() - started,
      };
    } catch (err) {
      return { verdict: 'error', error: err instanceof Error ? err.message : String(err), latencyMs: Date.now() - started };
    }
  }

  toJSON(): LearnedJudgeJson {
    return {
      format: 'bcr-learned-judge',
      version: 1,
      name: this.name,
      train: this.train,
      trainedOn: this.trainedOn,
      models: [...this.models.values()],
    };
  }

  /** A judge from its JSON form; `source` names the file in error messages. */
  static fromJSON(value: unknown, source = 'learned judge JSON'): LearnedJudge {
    const json = parseLearnedJudgeJson(value, source);
    return new LearnedJudge(new Map(json.models.map((m) => [m.mode, m])), json.train, json.trainedOn);
  }
}

/** Trains one model per mode on all the given comparisons (human votes as labels). */
export async function trainLearnedJudge(
  comparisons: readonly Comparison[],
  options: LearnedJudgeOptions = {},
): Promise<LearnedJudge> {
  const train = resolveTrainOptions(options);
  const modes = options.mode ? [options.mode] : JUDGE_MODES;
  const table = buildPairTable(comparisons, modes);
  const models = new Map<JudgeMode, TrainedModel>();
  for (const mode of modes) {
    models.set(mode, await trainModel(table.examples.get(mode)!, mode, table.features.get(mode)!, train));
  }
  return new LearnedJudge(models, train, table.comparisons.length);
}

export async function saveLearnedJudge(judge: LearnedJudge, path: string): Promise<void> {
  await writeFile(path, `${JSON.stringify(judge.toJSON())}\n`, 'utf8');
}

function parseJudgeText(text: string, path: string): LearnedJudge {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON: ${(err as Error).message}`, { file: path }, { cause: err });
  }
  return LearnedJudge.fromJSON(value, path);
}

function cannotRead(path: string, err: unknown): InputError {
  return new InputError(`cannot read learned judge: ${(err as Error).message}`, { file: path }, { cause: err });
}

export async function loadLearnedJudge(path: string): Promise<LearnedJudge> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw cannotRead(path, err);
  }
  return parseJudgeText(text, path);
}

/** As `loadLearnedJudge`, synchronously (judge registries create judges synchronously). */
export function loadLearnedJudgeSync(path: string): LearnedJudge {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw cannotRead(path, err);
  }
  return parseJudgeText(text, path);
}

/** The options of `learned:*`: the saved judge to load. */
const learnedEntryOptions = z.object({ file: z.string().min(1, 'must name a saved learned judge (bcr learn --save FILE)') }).strict();

/**
 * A judge-registry entry for saved learned judges: `learned:logreg` or
 * `learned:mlp` with option `file` (the JSON written by `bcr learn --save`
 * or `saveLearnedJudge`). The judge serves the modes it was trained for.
 */
export const learnedJudgeEntry: JudgeEntry<typeof learnedEntryOptions> = {
  name: 'learned:*',
  description: 'a judge trained on human votes (bcr learn --save FILE); option file=FILE; serves the modes it was trained for',
  options: learnedEntryOptions,
  create(options, { name }) {
    const judge = loadLearnedJudgeSync(options.file);
    if (judge.name !== name) throw new ConfigError(`judge ${name}: ${options.file} holds ${judge.name}`);
    return judge;
  },
};
