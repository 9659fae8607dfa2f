/**
 * The arena report end to end: a real small arena run (demo server, real
 * sandboxes), `bcr arena report` through the built CLI, the page opened in
 * Chromium: the chart drawn, both methods labelled, the numbers those of
 * the judgments file, no console errors, a screenshot saved; and the
 * hostile prompt's payloads shown as text (nothing runs).
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODELS } from '../../src/arena/index.js';
import { buildArenaReport } from '../../src/report/arena.js';
import { arenaFixture, ARENA_PROMPTS_DIR, HOSTILE_UID, type ArenaFixture } from './arena-run.js';
import { openBrowser, PAYLOAD, type TestBrowser } from './chromium.js';

const BIN = join(__dirname, '..', '..', 'bin', 'bcr.js');
let fx: ArenaFixture;
let browser: TestBrowser;
let reportFile: string;

beforeAll(async () => {
  fx = await arenaFixture();
  const { stdout } = await promisify(execFile)(process.execPath, [
    BIN, 'arena', 'report', '--dir', fx.dir, '--prompts', ARENA_PROMPTS_DIR,
    '--candidates', `${DEMO_MODELS.strong},${DEMO_MODELS.weak}`, '--baseline', DEMO_MODELS.baseline,
  ], { env: { ...process.env, NO_COLOR: '1' } });
  reportFile = join(fx.dir, 'arena-report.html');
  expect(stdout).toContain(`report: ${reportFile}`);
  browser = await openBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await fx?.server.close();
  if (fx) rmSync(fx.dir, { recursive: true, force: true });
});

/** The mean win rate as the reference code defines it, recomputed from the judgments file (decisive x3), over the prompts file's prompts (the CLI read those: the hostile one is not among them). */
function meanWinRate(model: string): number {
  const lines = readFileSync(join(fx.dir, 'judgments.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { uid: string; model: string; label: string | null });
  let num = 0;
  let den = 0;
  for (const l of lines.filter((x) => x.model === model && x.label && x.uid !== HOSTILE_UID)) {
    const w = l.label === 'A>>B' || l.label === 'B>>A' ? 3 : 1;
    num += w * (l.label!.startsWith('A>') ? 1 : l.label === 'A=B' ? 0.5 : 0);
    den += w;
  }
  return (100 * num) / den;
}

describe('the arena HTML report', () => {
  it('renders the leaderboard by both methods, slices, coverage and a drawn chart, with no console errors', async () => {
    const { page, problems } = await browser.page();
    await page.goto(pathToFileURL(reportFile).href);
    const section = page.locator('section#arena');
    await expect(section.count()).resolves.toBe(1);
    const captions = await section.locator('caption').allTextContents();
    expect(captions.some((c) => c.startsWith('[mean win rate]') && c.includes('reference code'))).toBe(true);
    expect(captions.some((c) => c.startsWith('[Bradley-Terry]') && c.includes('anchored'))).toBe(true);
    expect(captions.some((c) => c.includes('Environment '))).toBe(true);
    expect(captions.filter((c) => c.includes('Topic ')).length).toBe(3);
    expect(captions.some((c) => c.startsWith('[coverage]'))).toBe(true);
    expect(captions).toContain('Unparseable verdicts (left out of every score)');
    const svg = section.locator('figure#arena-chart svg');
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(await svg.locator('path, line, circle, text').count()).toBeGreaterThan(10);
    // The leaderboard's scores are the judgments file's, to one decimal.
    const rows = await section.locator('table').first().locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    for (const model of [DEMO_MODELS.strong, DEMO_MODELS.weak]) {
      const row = rows.find((r) => r[0] === model)!;
      expect(Number(row[1])).toBeCloseTo(meanWinRate(model), 1);
    }
    expect(rows.find((r) => r[0] === DEMO_MODELS.baseline)![1]).toBe('50.0');
    await page.screenshot({ path: join(tmpdir(), 'bcr-arena-report.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows model-written text literally: nothing runs', async () => {
    // A model named by the payload: the names reach captions, tables and the chart.
    const hostile = { ...fx.run.scores, baseline: PAYLOAD, judge: PAYLOAD };
    hostile.overall = hostile.overall.map((r) => ({ ...r, model: r.model === DEMO_MODELS.strong ? PAYLOAD : r.model }));
    const markup = await buildArenaReport(hostile, { dir: PAYLOAD });
    expect(markup).not.toContain('<script>window');
    const { page, problems } = await browser.page();
    await page.setContent(markup);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('h1').textContent()).toContain(PAYLOAD);
    expect(problems.filter((p) => !p.includes('Content Security Policy'))).toEqual([]);
    await page.close();
  });
});
