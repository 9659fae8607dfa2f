/**
 * PyGame headless: a frame captured as PNG after N flips or at the time cap,
 * on the local (bubblewrap) and the Docker backend, with the bundled
 * sample's PyGame sides and the PyGame programs BigCodeArena generated. The
 * captured frames are read back with Debian's pygame (not our code).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDataset } from '../../src/data/dataset.js';
import { dockerBackend, executeSide, localBackend, type SandboxBackend } from '../../src/exec/index.js';
import { NO_FRAME_MARK } from '../../src/exec/pygame/launcher.js';
import { runPygame } from '../../src/exec/pygame/run-pygame.js';

const dir = mkdtempSync(join(tmpdir(), 'bcr-pygame-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Size and one pixel of a PNG, as Debian's pygame reads it. */
function pngFacts(bytes: Uint8Array, x: number, y: number): { size: number[]; pixel: number[] } {
  const file = join(dir, `frame-${Math.random().toString(36).slice(2)}.png`);
  writeFileSync(file, bytes);
  const code = 'import sys, json, pygame\ns = pygame.image.load(sys.argv[1])\nprint(json.dumps({"size": list(s.get_size()), "pixel": list(s.get_at((int(sys.argv[2]), int(sys.argv[3]))))[:3]}))';
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', code, file, String(x), String(y)], { env: { PYGAME_HIDE_SUPPORT_PROMPT: '1' } }).toString()) as { size: number[]; pixel: number[] };
}

/** A game that loops forever: the frame number decides the colour, so which frame was captured shows. */
const LOOPING = `import pygame
pygame.init()
screen = pygame.display.set_mode((200, 120))
clock = pygame.time.Clock()
frame = 0
print("started")
while True:
    for event in pygame.event.get():
        pass
    frame += 1
    screen.fill((min(frame, 255), 40, 200))
    pygame.draw.rect(screen, (255, 255, 0), (10, 10, 30, 30))
    pygame.display.flip()
    clock.tick(120)
`;

const files = (code: string) => ({ language: 'Python', entry: 'main.py', files: [{ path: 'main.py', contents: code }] });

function suite(name: string, backend: SandboxBackend): void {
  describe(`PyGame on ${name}`, () => {
    it('captures the Nth frame of a game that loops forever, and the run is a success', async () => {
      const sb = await backend.create();
      try {
        const run = await runPygame(sb, files(LOOPING), { frames: 7 });
        expect(run.execution, run.execution.error ?? '').toMatchObject({ success: true, output: 'started\n', error: null });
        expect(run.limit).toBeNull();
        expect(run.images).toHaveLength(1);
        expect(run.execution.screenshot).toBe(run.images[0]);
        const png = await run.images[0]!.load();
        expect(pngFacts(png, 100, 100)).toEqual({ size: [200, 120], pixel: [7, 40, 200] });
        expect(pngFacts(png, 20, 20).pixel).toEqual([255, 255, 0]);
      } finally {
        await sb.destroy();
      }
    });

    it('captures the last frame at the time cap when the game flips rarely', async () => {
      const sb = await backend.create();
      try {
        const slow = LOOPING.replace('clock.tick(120)', 'clock.tick(4)');
        const t0 = Date.now();
        const run = await runPygame(sb, files(slow), { frames: 1000, captureMs: 1200 });
        expect(run.execution.success, run.execution.error ?? '').toBe(true);
        expect(Date.now() - t0).toBeLessThan(15_000);
        const { pixel } = pngFacts(await run.images[0]!.load(), 100, 100);
        // About 4 flips a second for 1.2 s after the first: frame 5 or 6 (fewer on a loaded machine), never the thousandth.
        expect(pixel[0]).toBeGreaterThanOrEqual(2);
        expect(pixel[0]).toBeLessThanOrEqual(8);
      } finally {
        await sb.destroy();
      }
    });

    it('fails a program that never flips, with a message that says so', async () => {
      const sb = await backend.create();
      try {
        const code = 'import pygame, time\npygame.init()\nscreen = pygame.display.set_mode((50, 50))\nwhile True:\n    screen.fill((1, 2, 3))\n    time.sleep(0.05)\n';
        const run = await runPygame(sb, files(code), { firstFrameMs: 800 });
        expect(run.execution.success).toBe(false);
        expect(run.limit).toBeNull();
        expect(run.images).toEqual([]);
        expect(run.execution.error).toContain(`${NO_FRAME_MARK} within 0.8 s`);
      } finally {
        await sb.destroy();
      }
    });

    it('keeps the last frame of a program that ends by itself, and reports its exception', async () => {
      const sb = await backend.create();
      try {
        const code = 'import pygame\npygame.init()\ns = pygame.display.set_mode((40, 30))\ns.fill((9, 8, 7))\npygame.display.update()\npygame.quit()\nraise ValueError("after one frame")\n';
        const run = await runPygame(sb, files(code));
        expect(run.execution.success).toBe(false);
        expect(run.execution.error).toMatch(/main\.py", line 7[\s\S]*ValueError: after one frame/);
        expect(run.execution.error).not.toContain('.bcr');
        expect(pngFacts(await run.images[0]!.load(), 5, 5)).toEqual({ size: [40, 30], pixel: [9, 8, 7] });
      } finally {
        await sb.destroy();
      }
    });
  });
}

suite('local (bubblewrap)', localBackend());

it('regression: a slow start (import, setup) does not count against the capture cap', async () => {
  // The cap once ran from launch, so a loaded machine's slow start failed games with "no frame" after a short cap.
  const sb = await localBackend().create();
  try {
    const slowStart = LOOPING.replace('pygame.init()', 'import time\ntime.sleep(1.5)\npygame.init()').replace('clock.tick(120)', 'clock.tick(4)');
    const run = await runPygame(sb, files(slowStart), { frames: 1000, captureMs: 500 });
    expect(run.execution.success, run.execution.error ?? '').toBe(true);
    expect(run.images).toHaveLength(1);
  } finally {
    await sb.destroy();
  }
});
suite('docker', dockerBackend());

describe('PyGame programs of real data', () => {
  it('runs the bundled sample\'s PyGame sides through executeSide: each ends with a captured frame or its own error', async () => {
    const comparisons = await (await openDataset()).loadComparisons();
    const sides = comparisons.flatMap((c) => [c.a, c.b]).filter((s) => s.environment === 'PyGame').slice(0, 4);
    expect(sides.length).toBe(4);
    const backend = localBackend();
    let captured = 0;
    for (const side of sides) {
      const r = await executeSide(side, { backend });
      expect(r.kind, r.status).toBe('ran');
      if (r.kind !== 'ran') continue;
      expect(r.environment).toBe('PyGame');
      // The sample's recorded success (real runs of these programs) is matched by ours.
      if (side.success !== null) expect(r.execution.success, `${r.execution.error}`).toBe(side.success);
      if (r.execution.success) {
        captured++;
        const png = await r.execution.screenshot!.load();
        expect(pngFacts(png, 0, 0).size[0]).toBeGreaterThan(0);
      } else expect(r.execution.error).toBeTruthy();
    }
    expect(captured).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('runs the PyGame programs BigCodeArena generated: the complete one is captured, the cut-off ones fail in their own words', async () => {
    const solutions = readFileSync('../shared/data/generated-solutions/solutions_and_tests.jsonl', 'utf8').trim().split('\n')
      .map((l) => JSON.parse(l) as { uid: string; category: string; solution: string })
      .filter((s) => s.category === 'game_development' && /^import pygame/m.test(s.solution));
    expect(solutions.map((s) => s.uid)).toEqual(['gen_000000', 'gen_000002', 'gen_000003', 'gen_000007']);
    const backend = localBackend();
    const got: Record<string, string> = {};
    for (const s of solutions) {
      const sb = await backend.create();
      try {
        const run = await runPygame(sb, files(s.solution), { firstFrameMs: 2000 });
        got[s.uid] = run.execution.success ? `frame ${pngFacts(await run.images[0]!.load(), 0, 0).size.join('x')}` : (/(\w+Error|bcr: [^:]+)/.exec(run.execution.error ?? '')?.[1] ?? 'failed');
      } finally {
        await sb.destroy();
      }
    }
    // BigCodeArena recorded all four as successes: its pygbag build succeeds without running the game (see bench/executor.ts).
    expect(got).toEqual({
      gen_000000: 'UnboundLocalError',
      gen_000002: 'frame 800x600',
      gen_000003: 'bcr: the PyGame program showed no frame within 2.0 s',
      gen_000007: 'SyntaxError',
    });
  }, 60_000);
});
