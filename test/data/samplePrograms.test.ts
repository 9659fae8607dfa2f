import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS, LANGUAGES, TOPICS } from '../../src/data/comparison.js';
import {
  SAMPLE_TASKS, SCENE_NAMES, SYNTHETIC_MODELS, noisePng, sceneSvg, svgToPng,
} from '../../scripts/sample/index.js';
import { formatAnswer } from '../../scripts/sample/answer.js';
import { failureCode, loadTasks, variantCode } from '../../scripts/sample/programs/index.js';
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
