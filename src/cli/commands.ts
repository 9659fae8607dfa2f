/** Every subcommand of `bcr`, in help order. */
import type { Command } from 'commander';
import type { CliIO } from './output.js';
import { register as registerDataInfo } from './data-info.js';
import { register as registerDataFetch } from './data-fetch.js';
import { register as registerMetrics } from './metrics.js';
import { register as registerRun } from './run.js';
import { register as registerLearn } from './learn.js';
import { register as registerJudge } from './judge.js';
import { register as registerRatings } from './ratings.js';
import { register as registerGain } from './gain.js';
import { register as registerReproduce } from './reproduce.js';
import { register as registerExecute } from './execute.js';
import { register as registerAgree } from './agree.js';
import { register as registerReport } from './report.js';
import { register as registerView } from './view.js';
import { register as registerArena } from './arena.js';

/** Adds one subcommand to the program (defined here, not in main.ts, so the two modules do not import each other). */
export type RegisterCommand = (program: Command, io: CliIO) => void;

export const commands: readonly RegisterCommand[] = [
  registerRun, registerDataInfo, registerDataFetch, registerExecute, registerJudge, registerMetrics, registerGain, registerReproduce,
  registerAgree, registerRatings, registerLearn, registerReport, registerView, registerArena,
];
