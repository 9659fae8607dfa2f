/**
 * The contract between the judge registry and each kind of judge: what a user
 * asks for (a spec), and what a kind declares (its options schema, its
 * secrets, how to build it). Types only, so entries and the registry can both
 * import it without a cycle.
 */
import type { z } from 'zod';
import type { Judge } from './types.js';

/** What a user asks for: a judge name and the options of its kind. */
export interface JudgeSpec {
  /** e.g. "baseline:random", "openai:gpt-4o". */
  name: string;
  /** Options of the judge's kind, checked by its entry's schema. */
  [option: string]: unknown;
}

/** Run-wide settings offered to every judge; each entry takes those its schema names. */
export type JudgeDefaults = Readonly<Record<string, unknown>>;

export type JudgeEnv = Readonly<Record<string, string | undefined>>;

/** What `create` learns besides its options. */
export interface JudgeContext {
  /** The full name asked for, e.g. "openai:gpt-4o". */
  name: string;
  /** Where secrets are read (default process.env). */
  env: JudgeEnv;
}

// The catchall is part of the contract (strict); zod's object type is generic over it.
export type OptionsSchema = z.ZodObject<z.ZodRawShape, z.core.$strict>;

export interface JudgeEntry<S extends OptionsSchema = OptionsSchema> {
  /** Exact name, or "<provider>:*" for a family. */
  name: string;
  description: string;
  /** The options this kind takes (a strict object); absent: it takes none. */
  options?: S;
  /** Environment variables whose values are secrets this judge needs (checked before the run, redacted from output). */
  secretEnv?(options: z.output<S>): readonly string[];
  create(options: z.output<S>, context: JudgeContext): Judge;
}
