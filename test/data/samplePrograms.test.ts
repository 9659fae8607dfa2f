import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ENVIRONMENTS, LANGUAGES, TOPICS } from '../../src/data/comparison.js';
import {
  SAMPLE_TASKS, SCENE_NAMES, SYNTHETIC_MODELS, noisePng, sceneSvg, svgToPng,
} from '../../scripts/sample/index.js';
import { formatAnswer } from '../../scripts/sample/answer.js';
import { PROGRAMS_DIR, failureCode, loadTasks, variantCode } from '../../scripts/sample/programs/index.js';
import { InputError } from '../../src/errors.js';
import { createRng } from '../../src/util/rng.js';

const FENCE = /```([\w+-]*)\n([\s\S]*?)```/g;

describe('sample tasks', () => {
  it('cover every topic, language and environment', () => {
    expect(new Set(SAMPLE_TASKS.map((t) => t.topic))).toEqual(new Set(TOPICS));
    expect(new Set(SAMPLE_TASKS.map((t) => t.language))).toEqual(new Set(LANGUAGES));
    expect(new Set(SAMPLE_TASKS.map((t) => t.environment))).toEqual(new Set(ENVIRONMENTS));
  });

  it('are all usable: unique ids, a correct variant and a failure each', () => {
    expect(new Set(SAMPLE_TASKS.map((t) => t.id)).size).toBe(SAMPLE_TASKS.length);
    for (const task of SAMPLE_TASKS) {
      expect(task.variants.length, task.id).toBeGreaterThan(0);
      expect(task.failures.length, task.id).toBeGreaterThan(0);
    }
  });

  it('give runners a recorded stdout and visual programs a scene', () => {
    for (const task of SAMPLE_TASKS) {
      const runner = task.environment.endsWith('Runner');
      expect(task.scene === undefined, task.id).toBe(runner);
      for (const v of task.variants) expect(v.stdout.length > 0, task.id).toBe(runner);
      for (const f of task.failures) expect(f.stderr.length, task.id).toBeGreaterThan(0);
    }
  });

  it('have both failure kinds somewhere, and each failure really changes the code', () => {
    const kinds = new Set(SAMPLE_TASKS.flatMap((t) => t.failures.map((f) => f.kind)));
    expect(kinds).toEqual(new Set(['syntax_error', 'runtime_error']));
    for (const task of SAMPLE_TASKS) {
      for (const f of task.failures) expect(failureCode(f, '#123456')).not.toBe(variantCode(task, f.base, '#123456'));
    }
  });

  it('record the line of the broken code in the error text', () => {
    const task = SAMPLE_TASKS.find((t) => t.id === 'react-tictactoe')!;
    const failure = task.failures[0]!;
    const code = failureCode(failure, '#2563eb');
    const line = code.split('\n').findIndex((l) => l.includes('const next: number[]')) + 1;
    expect(line).toBeGreaterThan(0);
    expect(failure.stderr).toContain(`src/App.tsx(${line},11)`);
  });

  it('put the accent colour into visual programs', () => {
    const task = SAMPLE_TASKS.find((t) => t.id === 'html-pricing')!;
    const code = variantCode(task, 0, '#abcdef');
    expect(code).toContain('#abcdef');
    expect(code).not.toContain('{{ACCENT}}');
  });
});

describe('program files', () => {
  const temps: string[] = [];
  afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));
  /** A copy of the committed programs to break. */
  const copy = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'bcr-programs-'));
    temps.push(dir);
    cpSync(PROGRAMS_DIR, dir, { recursive: true });
    return dir;
  };
  const loadError = (root: string): InputError => {
    try {
      loadTasks(root);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return err as InputError;
    }
    throw new Error('expected loadTasks to fail');
  };

  it('load in the listed order, with each program and output read from its file', () => {
    const ids = JSON.parse(readFileSync(join(PROGRAMS_DIR, 'tasks.json'), 'utf8')) as string[];
    expect(SAMPLE_TASKS.map((t) => t.id)).toEqual(ids);
    const task = SAMPLE_TASKS.find((t) => t.id === 'py-primes')!;
    expect(task.variants[0]!.code).toBe(readFileSync(join(PROGRAMS_DIR, 'py-primes', 'variant-0.py'), 'utf8'));
    expect(task.variants[0]!.stdout).toBe(readFileSync(join(PROGRAMS_DIR, 'py-primes', 'variant-0.stdout'), 'utf8'));
    expect(task.failures[0]!.stderr).toBe(readFileSync(join(PROGRAMS_DIR, 'py-primes', 'failure-0.stderr'), 'utf8'));
  });

  it('name the manifest and field of a bad value', () => {
    const root = copy();
    const manifest = join(root, 'go-sine', 'task.json');
    const task = JSON.parse(readFileSync(manifest, 'utf8'));
    task.environment = 'Go Sandbox';
    writeFileSync(manifest, JSON.stringify(task));
    const err = loadError(root);
    expect(err.file).toBe(manifest);
    expect(err.field).toBe('environment');
  });

  it('name the manifest of a program file that is missing, and a failure whose base is not a variant', () => {
    const root = copy();
    rmSync(join(root, 'c-gcd', 'variant-0.c'));
    expect(loadError(root).message).toBe(`${join(root, 'c-gcd', 'task.json')}: names a program file that does not exist: variant-0.c`);
    const other = copy();
    const manifest = join(other, 'html-pricing', 'task.json');
    const task = JSON.parse(readFileSync(manifest, 'utf8'));
    task.failures[0].base = 5;
    writeFileSync(manifest, JSON.stringify(task));
    expect(loadError(other).field).toBe('failures.0.base');
  });

  it('refuse a task listed twice', () => {
    const root = copy();
    const list = join(root, 'tasks.json');
    const ids = JSON.parse(readFileSync(list, 'utf8')) as string[];
    writeFileSync(list, JSON.stringify([...ids, ids[0]]));
    expect(loadError(root).message).toContain(`task "${ids[0]}" is listed twice`);
  });
});

describe('answers', () => {
  it('contain exactly one fenced block holding the program, for every style and turn', () => {
    const rng = createRng(3);
    for (const task of SAMPLE_TASKS) {
      for (const model of SYNTHETIC_MODELS.slice(0, 3)) {
        for (const turn of [1, 2]) {
          const code = variantCode(task, 0, '#2563eb');
          const answer = formatAnswer({ model, task, code, turn }, rng);
          const blocks = [...answer.matchAll(FENCE)];
          expect(blocks).toHaveLength(1);
          expect(blocks[0]![1]).toBe(task.fence);
          expect(blocks[0]![2]).toBe(code);
        }
      }
    }
  });
});

describe('screenshots', () => {
  it('render every scene and state to a 320x240 PNG, identically each time', async () => {
    for (const scene of SCENE_NAMES) {
      for (const state of ['page', 'blank', 'error'] as const) {
        const png = svgToPng(sceneSvg({ scene, state }, '#16a34a'));
        const meta = await sharp(png).metadata();
        expect([meta.format, meta.width, meta.height]).toEqual(['png', 320, 240]);
        expect(Buffer.from(svgToPng(sceneSvg({ scene, state }, '#16a34a'))).equals(Buffer.from(png))).toBe(true);
      }
    }
  });

  it('draw the accent colour (a page differs between accents, a blank page does not)', () => {
    const page = (accent: string) => Buffer.from(svgToPng(sceneSvg({ scene: 'pricing', state: 'page' }, accent)));
    const blank = (accent: string) => Buffer.from(svgToPng(sceneSvg({ scene: 'pricing', state: 'blank' }, accent)));
    expect(page('#2563eb').equals(page('#db2777'))).toBe(false);
    expect(blank('#2563eb').equals(blank('#db2777'))).toBe(true);
  });

  it('make valid incompressible noise PNGs of the requested size', async () => {
    const png = noisePng(160, 120, 42);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 160, 120, 3]);
    const raw = await sharp(png).raw().toBuffer();
    expect(raw.length).toBe(160 * 120 * 3);
    expect(png.length).toBeGreaterThan(raw.length); // stored, not compressed
    expect(Buffer.from(noisePng(160, 120, 42)).equals(Buffer.from(png))).toBe(true);
    expect(Buffer.from(noisePng(160, 120, 43)).equals(Buffer.from(png))).toBe(false);
  });
});
