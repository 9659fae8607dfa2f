/**
 * `runPygame`: a PyGame program run headless in a sandbox, with one frame
 * captured as PNG (see ./launcher.ts). Works in every backend whose Python
 * has Debian's python3-pygame (the host's, the python Docker image, the E2B
 * template). A run that captured a frame is a success even though the game
 * would have looped forever; one that never flipped fails and says so.
 */
import { bytesImage } from '../../data/normalise.js';
import type { Execution, LazyImage } from '../../data/comparison.js';
import { ConfigError } from '../../errors.js';
import type { ProgramInput, ProgramRun } from '../runners/run-program.js';
import { missingToolchain, toolchainPackage } from '../runners/toolchain.js';
import { DEFAULT_LIMITS, resolveLimits } from '../sandbox/limits.js';
import type { Limits, Sandbox } from '../sandbox/types.js';
import { workspaceParts } from '../sandbox/workspace.js';
import { PYGAME_FRAME, PYGAME_LAUNCHER, PYGAME_LAUNCHER_SOURCE } from './launcher.js';

export interface RunPygameOptions {
  /** Limits of the run (defaults: `DEFAULT_LIMITS`). */
  limits?: Partial<Limits>;
  /** The frame captured is the one shown at this display flip (default 30: half a second at 60 fps). */
  frames?: number;
  /** Time cap after the first frame, ms: the last frame shown by then is captured (default 3000, as the reference's wait). */
  captureMs?: number;
  /** How long to wait for a first frame once pygame is imported, ms (default 10000); kept with the cap 2 s under the wall limit. */
  firstFrameMs?: number;
}

/** SDL without a display or sound card; pygame's greeting off, so stdout is the program's own. */
const PYGAME_ENV: Readonly<Record<string, string>> = {
  SDL_VIDEODRIVER: 'dummy', SDL_AUDIODRIVER: 'dummy', PYGAME_HIDE_SUPPORT_PROMPT: '1',
  PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1',
};

const orNull = (text: string): string | null => (text === '' ? null : text);

export async function runPygame(sandbox: Sandbox, program: ProgramInput, options: RunPygameOptions = {}): Promise<ProgramRun> {
  workspaceParts(program.entry);
  if (!program.files.some((f) => f.path === program.entry)) throw new ConfigError(`the entry "${program.entry}" is not among the program's files`);
  const limits = resolveLimits(DEFAULT_LIMITS, options.limits);
  const frames = options.frames ?? 30;
  if (!(Number.isInteger(frames) && frames >= 1)) throw new ConfigError(`frames must be an integer >= 1, got ${frames}`);
  const budget = Math.max(1000, limits.wallMs - 2000);
  const firstFrameMs = Math.max(500, Math.min(options.firstFrameMs ?? 10_000, budget / 2));
  const captureMs = Math.max(200, Math.min(options.captureMs ?? 3000, budget - firstFrameMs));
  await sandbox.writeFiles([...program.files, { path: PYGAME_LAUNCHER, contents: PYGAME_LAUNCHER_SOURCE }]);
  const argv = ['/usr/bin/python3', '-B', PYGAME_LAUNCHER, String(frames), String(captureMs), String(firstFrameMs), PYGAME_FRAME, program.entry];
  const run = await sandbox.exec(argv, { limits, env: { ...PYGAME_ENV } });
  const missing = missingToolchain(run);
  if (missing) {
    const pkg = toolchainPackage(missing);
    return {
      language: 'Python', phase: 'run', compileFailed: false, compile: null, run, limit: null, images: [], unavailable: missing,
      execution: { source: 'executed', output: null, error: `[bcr] toolchain not available in this sandbox: ${missing}${pkg ? ` (Debian package ${pkg})` : ''}`, success: null, screenshot: null },
    };
  }
  const images: LazyImage[] = [];
  const listed = await sandbox.listFiles('.bcr/pygame');
  if (listed.some((e) => e.path === PYGAME_FRAME && e.kind === 'file')) images.push(bytesImage(await sandbox.readFile(PYGAME_FRAME), `sandbox:${PYGAME_FRAME}`));
  const note = run.limit ? `\n[bcr] stopped by the ${run.limit} limit before a frame was captured` : '';
  const execution: Execution = {
    source: 'executed',
    output: orNull(run.stdout),
    error: orNull(run.stderr + note),
    success: run.exitCode === 0 && run.limit === null && images.length > 0,
    screenshot: images.at(-1) ?? null,
  };
  return { language: 'Python', phase: 'run', compileFailed: false, compile: null, run, limit: run.limit, images, unavailable: null, execution };
}

