/**
 * The viewer on arena records: a real small arena run (demo server, real
 * sandboxes) opened with `startArenaViewer`, browsed in Chromium: the list
 * and its filters, one record with the candidate's and the baseline's
 * answers, highlighted code, executions and both orders' five-point
 * verdicts; the hostile prompt's payloads shown as text, nothing run.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MODELS } from '../../src/arena/index.js';
import { loadArenaViewerData, type ArenaIndex, type ArenaRecordDetail, type ArenaRecordSummary } from '../../src/view/arena.js';
import { startArenaViewer, type Viewer } from '../../src/view/server.js';
import { arenaFixture, HOSTILE_UID, type ArenaFixture } from '../report/arena-run.js';
import { openBrowser, PAYLOAD, type TestBrowser } from '../report/chromium.js';

let fx: ArenaFixture;
let viewer: Viewer<ArenaIndex>;
let browser: TestBrowser;

const api = async <T>(path: string): Promise<T> => (await fetch(new URL(path, viewer.url))).json() as Promise<T>;
const idOf = (uid: string, model: string) => JSON.stringify([uid, model]);

beforeAll(async () => {
  fx = await arenaFixture();
  viewer = await startArenaViewer(loadArenaViewerData(fx.dir, fx.prompts));
  browser = await openBrowser({ width: 1400, height: 1000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await viewer?.close();
  await fx?.server.close();
  if (fx) rmSync(fx.dir, { recursive: true, force: true });
});

describe('the viewer on arena records', () => {
  it('lists one record per prompt and candidate, filtered by model, topic and verdict', async () => {
    const all = await api<{ total: number; records: ArenaRecordSummary[] }>('/api/records?limit=200');
    expect(all.total).toBe(fx.prompts.length * 2);
    expect(viewer.index.verdictCount).toBe(fx.run.judge.total);
    const strong = await api<{ total: number; records: ArenaRecordSummary[] }>(`/api/records?model=${encodeURIComponent(DEMO_MODELS.strong)}&limit=200`);
    expect(strong.total).toBe(fx.prompts.length);
    expect(strong.records.every((r) => r.model === DEMO_MODELS.strong && r.baseline === DEMO_MODELS.baseline)).toBe(true);
    const topic = await api<{ total: number }>('/api/records?topic=web_design&limit=200');
    expect(topic.total).toBe(4);
    const label = all.records.find((r) => r.verdicts.AB && r.verdicts.AB !== 'error')!.verdicts.AB!;
    const byVerdict = await api<{ total: number; records: ArenaRecordSummary[] }>(`/api/records?verdict=${encodeURIComponent(label)}&limit=200`);
    expect(byVerdict.total).toBe(all.records.filter((r) => r.verdicts.AB === label || r.verdicts.BA === label).length);
    expect(byVerdict.total).toBeGreaterThan(0);
  });

  it('opens a record: instruction, both answers with highlighted code and runs, both orders\' verdicts', async () => {
    const uid = fx.prompts[0]!.uid;
    const id = idOf(uid, DEMO_MODELS.weak);
    const detail = await api<ArenaRecordDetail>(`/api/records/${encodeURIComponent(id)}`);
    expect(detail.verdicts.map((v) => v.order).sort()).toEqual(['AB', 'BA']);
    const { page, problems } = await browser.page();
    await page.goto(viewer.url);
    await page.locator('#list a').first().waitFor();
    await page.selectOption('select[name="model"]', DEMO_MODELS.weak);
    await page.locator(`#list a[data-id="${id.replace(/"/g, '\\"')}"]`).click();
    await page.locator('table.verdicts tr.verdict').first().waitFor();
    expect(await page.locator('pre.instruction').textContent()).toBe(fx.prompts[0]!.instruction);
    expect(await page.locator('.side-a h3').textContent()).toBe(`Candidate: ${DEMO_MODELS.weak}`);
    expect(await page.locator('.side-b h3').textContent()).toBe(`Baseline: ${DEMO_MODELS.baseline}`);
    expect(await page.locator('.side-a pre.answer').textContent()).toBe(detail.a!.answer);
    expect(await page.locator('.side-b pre.answer').textContent()).toBe(detail.b!.answer);
    expect(await page.locator('.side-a code.hljs span').count()).toBeGreaterThan(0);
    const rows = await page.locator('table.verdicts tr.verdict td.label').allTextContents();
    expect(rows).toEqual(detail.verdicts.map((v) => v.label ?? 'unparseable'));
    await page.screenshot({ path: join(tmpdir(), 'bcr-arena-viewer.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows a script-bearing prompt, answer, output and reasoning literally: no script runs', async () => {
    const id = idOf(HOSTILE_UID, DEMO_MODELS.strong);
    const { page, problems } = await browser.page();
    await page.goto(`${viewer.url}#/record/${encodeURIComponent(id)}`);
    await page.locator('table.verdicts tr.verdict').first().waitFor();
    expect(await page.locator('pre.instruction').textContent()).toContain(PAYLOAD);
    expect(await page.locator('.side-a pre.answer').textContent()).toContain(PAYLOAD);
    expect(await page.locator('.side-a pre.output').textContent()).toContain('<script>window.__pwned = "output"</script>');
    expect(await page.locator('pre.reasoning').first().textContent()).toContain(PAYLOAD);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('#record script, #record img[src="x"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
