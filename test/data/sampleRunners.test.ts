/**
 * Runs every runner program of the synthetic sample (scripts/sample/programs)
 * with the local toolchain and compares what it prints with the recorded
 * `.stdout`/`.stderr` files the generator copies into the sample. A missing
 * toolchain FAILS its group, naming the Debian packages to install: a program
 * that was not run must not count as checked.
 *
 * Not run here: the visual programs (HTML, React, Vue, Gradio, Streamlit,
 * PyGame, Mermaid). Their result is a screenshot, which needs the executor
 * (a browser or an app sandbox); until it lands only their files' presence
 * and their recorded error texts are checked (samplePrograms.test.ts).
 */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  RUNNER_ENVIRONMENTS, SAMPLE_TASKS, checkProgram, debianPackages, missingToolchains, runnerPrograms,
  type RunnerProgram,
} from '../../scripts/sample/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const programs = runnerPrograms(SAMPLE_TASKS);
// Compilers on two shared cores: a Rust or Java program can take tens of seconds.
const RUN_TIMEOUT = 180_000;

describe('the sample has runner programs to check', () => {
  it('covers every runner environment, and every task of a runner environment', () => {
    expect(new Set(programs.map((p) => p.environment))).toEqual(new Set(RUNNER_ENVIRONMENTS));
    const runnerTasks = SAMPLE_TASKS.filter((t) => RUNNER_ENVIRONMENTS.includes(t.environment));
    expect(new Set(programs.map((p) => p.task))).toEqual(new Set(runnerTasks.map((t) => t.id)));
    expect(programs.length).toBe(runnerTasks.reduce((n, t) => n + t.variants.length + t.failures.length, 0));
  });
});

for (const environment of RUNNER_ENVIRONMENTS) {
  const mine = programs.filter((p) => p.environment === environment);
  const missing = missingToolchains([environment]);
  describe(`${environment} programs print what was recorded`, () => {
    if (missing.length > 0) {
      it('has its toolchain installed', () => {
        expect.fail(
          `${missing.join(', ')} not on PATH, so ${mine.length} ${environment} programs were not run: ` +
            `apt-get install ${debianPackages(environment).join(' ')}`,
        );
      });
      return;
    }
    for (const program of mine) {
      it(`${program.task} ${program.what} (${relative(ROOT, program.file)})`, () => {
        expect(checkProgram(program)).toEqual([]);
      }, RUN_TIMEOUT);
    }
  });
}

describe('the check itself', () => {
  const python = programs.find((p) => p.environment === 'Python Runner' && p.what.startsWith('variant'))!;
  const available = missingToolchains(['Python Runner']).length === 0;

  it('reports a recorded stdout that the program does not print', () => {
    expect(available, 'python3 is needed for this check (apt-get install python3)').toBe(true);
    const wrong: RunnerProgram = { ...python, stdout: python.stdout + 'one more line\n' };
    const mismatches = checkProgram(wrong);
    expect(mismatches.map((m) => m.field)).toEqual(['stdout']);
    expect(mismatches[0]!.actual).toBe(python.stdout);
  }, RUN_TIMEOUT);

  it('reports an error the recording does not have', () => {
    expect(available, 'python3 is needed for this check (apt-get install python3)').toBe(true);
    const broken: RunnerProgram = { ...python, code: 'raise SystemExit("boom")\n' };
    const mismatches = checkProgram(broken);
    expect(mismatches.map((m) => m.field)).toEqual(['stdout', 'stderr']);
    expect(mismatches[1]!.actual).toBe('boom\n');
  }, RUN_TIMEOUT);
});
