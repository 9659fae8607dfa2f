/**
 * The record viewer end to end: the bundled sample, verdicts from real
 * baseline-judge runs read from a run folder, a real loopback server, and
 * Chromium: load, filter, page, open a record with both screenshots and its
 * verdicts, follow a permalink, and a script-bearing record that must show as
 * text. The HTTP rules (loopback only, Host check, CSP, image checks, page
 * caps) are checked on the wire.
 */
import { request } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison, LazyImage } from '../../src/data/comparison.js';
import { executionOf } from '../../src/data/execution.js';
import { openDataset } from '../../src/data/dataset.js';
import { pairSlice } from '../../src/data/slices.js';
import { ConfigError } from '../../src/errors.js';
import { prepareJudge } from '../../src/judge/registry.js';
import { runJudge } from '../../src/judge/runner/run.js';
import { loadViewerData } from '../../src/view/load.js';
import type { RecordDetail, RecordPage, ViewerData } from '../../src/view/records.js';
import { MAX_IMAGE_BYTES } from '../../src/view/image.js';
import { CONTENT_SECURITY_POLICY, startViewer, type Viewer } from '../../src/view/server.js';
import { openBrowser, PAYLOAD, PAYLOADS, type TestBrowser } from '../report/chromium.js';

const HOSTILE_ID = 'evil/"<img src=x onerror=window.__pwned=9>';
const BAD_IMAGES_ID = 'bad-images';

let dir: string;
let data: ViewerData;
let viewer: Viewer;
let browser: TestBrowser;
let withShots: Comparison;

const image = (bytes: Uint8Array, size: number | null = bytes.length): LazyImage => ({ source: 'test', size, load: async () => bytes });

function hostileCopy(c: Comparison): Comparison {
  const side = (s: Comparison['a']) => ({ ...s, model: PAYLOAD, answer: PAYLOAD, code: `print(1)\n# ${PAYLOAD}`, output: PAYLOAD, error: PAYLOAD, execution: undefined });
  return { ...c, id: HOSTILE_ID, instruction: PAYLOAD, topic: PAYLOAD, a: side(c.a), b: side(c.b) };
}

async function get(path: string, host?: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const url = new URL(path, viewer.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: host ? { host } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}
const json = async <T>(path: string): Promise<T> => JSON.parse((await get(path)).body.toString('utf8')) as T;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bcr-view-'));
  const comparisons = await (await openDataset()).loadComparisons();
  withShots = comparisons.find((c) => executionOf(c.a).screenshot && executionOf(c.b).screenshot)!;
  const judged = [withShots, ...comparisons.filter((c) => c !== withShots).slice(0, 40)];
  for (const name of ['baseline:exec-aware', 'baseline:random']) {
    const { judge } = prepareJudge(name, { modes: ['code-only', 'with-output'] });
    await runJudge({ comparisons: judged, judge, modes: ['code-only', 'with-output'], orders: 'both', out: join(dir, `${name.replace(':', '_')}.jsonl`) });
  }
  const loaded = await loadViewerData({ runs: dir });
  const hostile = hostileCopy(withShots);
  const notAnImage = new TextEncoder().encode('<svg onload="alert(1)"></svg>');
  const badImages: Comparison = {
    ...withShots, id: BAD_IMAGES_ID,
    a: { ...withShots.a, execution: undefined, screenshot: image(notAnImage) },
    b: { ...withShots.b, execution: undefined, screenshot: image(new Uint8Array(8), MAX_IMAGE_BYTES + 1) },
  };
  const verdict = { judge: PAYLOAD, mode: 'with-output', order: 'AB', verdict: 'A', reasoning: PAYLOAD } as const;
  data = { ...loaded, comparisons: [...loaded.comparisons, hostile, badImages], verdicts: [...loaded.verdicts, { ...verdict, id: HOSTILE_ID }] };
  viewer = await startViewer(data);
  browser = await openBrowser({ width: 1400, height: 1000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await viewer?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the viewer server', () => {
  it('binds to the loopback interface only', async () => {
    expect(new URL(viewer.url).hostname).toBe('127.0.0.1');
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'example.com']) {
      await expect(startViewer(data, { host })).rejects.toThrow(ConfigError);
      await expect(startViewer(data, { host })).rejects.toThrow(/loopback/);
    }
  });

  it('answers only requests addressed to its loopback name, GET only, with a strict CSP everywhere', async () => {
    expect((await get('/', 'attacker.example:80')).status).toBe(421);
    expect((await get('/', undefined, 'POST')).status).toBe(405);
    for (const path of ['/', '/app.js', '/app.css', '/api/info', '/api/records']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect((await get('/api/records/no-such-id')).status).toBe(404);
  });

  it('pages and filters through the JSON API, never more than the page cap', async () => {
    const first = await json<RecordPage>('/api/records?offset=0&limit=50');
    expect(first.total).toBe(data.comparisons.length);
    expect(first.records).toHaveLength(50);
    const second = await json<RecordPage>('/api/records?offset=50&limit=50');
    expect(second.records[0]!.id).toBe(data.comparisons[50]!.id);
    expect((await json<RecordPage>('/api/records?limit=100000')).records).toHaveLength(200);
    const topic = withShots.topic;
    const byTopic = await json<RecordPage>(`/api/records?topic=${encodeURIComponent(topic)}&limit=200`);
    expect(byTopic.total).toBe(data.comparisons.filter((c) => c.topic === topic).length);
    expect(byTopic.records.every((r) => r.topic === topic)).toBe(true);
    for (const [name, value, pick] of [
      ['language', pairSlice(withShots, 'language'), (c: Comparison) => pairSlice(c, 'language')],
      ['environment', pairSlice(withShots, 'environment'), (c: Comparison) => pairSlice(c, 'environment')],
      ['vote', withShots.vote, (c: Comparison) => c.vote],
    ] as const) {
      const page = await json<RecordPage>(`/api/records?${name}=${encodeURIComponent(value)}&limit=200`);
      expect(page.total, name).toBe(data.comparisons.filter((c) => pick(c) === value).length);
      expect(page.total, name).toBeGreaterThan(0);
    }
    const disagree = await json<RecordPage>('/api/records?disagree=1&limit=200');
    const merged = (label: string) => (label === 'both_bad' ? 'tie' : label);
    const expectedDisagree = data.comparisons.filter((c) =>
      data.verdicts.some((v) => v.id === c.id && v.verdict !== 'error' && merged(v.verdict) !== merged(c.vote))).length;
    expect(expectedDisagree).toBeGreaterThan(0);
    expect(disagree.total).toBe(expectedDisagree);
    expect(disagree.records.every((r) => r.disagree && r.verdicts > 0)).toBe(true);
  });

  it('serves screenshots one at a time, by sniffed type, and refuses non-images and oversized ones', async () => {
    const a = await get(`/api/records/${encodeURIComponent(withShots.id)}/screenshot/a`);
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toMatch(/^image\/(png|jpeg|webp|gif)$/);
    expect(a.body.length).toBeGreaterThan(100);
    expect((await get(`/api/records/${BAD_IMAGES_ID}/screenshot/a`)).status).toBe(415);
    expect((await get(`/api/records/${BAD_IMAGES_ID}/screenshot/b`)).status).toBe(413);
    const none = data.comparisons.find((c) => !executionOf(c.a).screenshot)!;
    expect((await get(`/api/records/${encodeURIComponent(none.id)}/screenshot/a`)).status).toBe(404);
    expect((await get(`/api/records/${encodeURIComponent(withShots.id)}/screenshot/c`)).status).toBe(404);
  });
});

describe('the viewer page in Chromium', () => {
  it('loads, filters, opens a record with both screenshots and every verdict, with no console error', async () => {
    const { page, problems } = await browser.page();
    await page.goto(viewer.url);
    await page.locator('#list li').first().waitFor();
    await expect(page.locator('#list li').count()).resolves.toBe(50);
    await expect(page.locator('#range').textContent()).resolves.toBe(`1–50 of ${data.comparisons.length}`);
    await expect(page.locator('#banner').isVisible()).resolves.toBe(true);

    await page.locator('#next').click();
    await expect.poll(() => page.locator('#range').textContent()).toBe(`51–100 of ${data.comparisons.length}`);

    const topic = withShots.topic;
    await page.locator('select[name=topic]').selectOption(topic);
    const expectedTopic = data.comparisons.filter((c) => c.topic === topic).length;
    await expect.poll(() => page.locator('#range').textContent()).toBe(`1–${Math.min(50, expectedTopic)} of ${expectedTopic}`);
    const metas = await page.locator('#list .meta').allTextContents();
    expect(metas.length).toBe(Math.min(50, expectedTopic));
    expect(metas.every((m) => m.startsWith(`${topic} ·`))).toBe(true);

    await page.locator('input[name=disagree]').check();
    const disagree = await json<RecordPage>(`/api/records?topic=${encodeURIComponent(topic)}&disagree=1`);
    expect(disagree.total).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#range').textContent()).toBe(`1–${Math.min(50, disagree.total)} of ${disagree.total}`);
    expect(await page.locator('#list .meta').allTextContents()).toSatisfy((m: string[]) => m.every((t) => t.includes('judges disagree')));

    await page.locator('input[name=disagree]').uncheck();
    await page.locator('select[name=topic]').selectOption('');
    await expect.poll(() => page.locator('#range').textContent()).toBe(`1–50 of ${data.comparisons.length}`);
    await page.locator(`#list a[data-id="${withShots.id}"]`).click();
    await page.waitForURL(`**#/record/${encodeURIComponent(withShots.id)}`);
    await page.locator('table.verdicts').waitFor();

    const detail = await json<RecordDetail>(`/api/records/${encodeURIComponent(withShots.id)}`);
    expect(detail.verdicts).toHaveLength(8); // 2 judges x 2 modes x 2 orders
    await expect(page.locator('table.verdicts tr.verdict').count()).resolves.toBe(8);
    await expect(page.locator('#human-vote').textContent()).resolves.toBe(withShots.vote);
    await expect(page.locator('pre.instruction').textContent()).resolves.toBe(withShots.instruction);
    await expect(page.locator('.side-a pre.answer').textContent()).resolves.toBe(withShots.a.answer);
    expect(await page.locator('.side-a code span[class^="hljs-"]').count()).toBeGreaterThan(0);
    for (const side of ['a', 'b']) {
      const img = page.locator(`.side-${side} .screenshot img`);
      await img.scrollIntoViewIfNeeded();
      await expect.poll(() => img.evaluate((el) => {
        const loaded = el as unknown as { complete: boolean; naturalWidth: number };
        return loaded.complete && loaded.naturalWidth > 0;
      }), { timeout: 15_000 }).toBe(true);
      await expect(img.isVisible()).resolves.toBe(true);
    }
    const shot = join(tmpdir(), 'bcr-viewer-screenshot.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(readFileSync(shot).length).toBeGreaterThan(50_000);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens a record from its link, and shows script-bearing model text literally without running it', async () => {
    const { page, problems } = await browser.page();
    await page.goto(`${viewer.url}#/record/${encodeURIComponent(HOSTILE_ID)}`);
    await page.locator('table.verdicts').waitFor();
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('main [onerror], main [onload], main script, main svg, main a[href^="javascript:"]').count()).toBe(0);
    await expect(page.locator('pre.instruction').textContent()).resolves.toBe(PAYLOAD);
    await expect(page.locator('.side-a pre.answer').textContent()).resolves.toBe(PAYLOAD);
    await expect(page.locator('.side-b pre.output').textContent()).resolves.toBe(PAYLOAD);
    await expect(page.locator('.side-b pre.error').textContent()).resolves.toBe(PAYLOAD);
    await expect(page.locator('td.reasoning').first().textContent()).resolves.toBe(PAYLOAD);
    const text = await page.locator('main').innerText();
    for (const p of PAYLOADS) expect(text).toContain(p);
    // ?id= works as a link too.
    await page.goto(`${viewer.url}?id=${encodeURIComponent(withShots.id)}`);
    await page.locator('table.verdicts').waitFor();
    await expect(page.locator('main h2').textContent()).resolves.toBe(`Record ${withShots.id}`);
    expect(problems).toEqual([]);
    await page.close();
  });
});
