/**
 * The HTML report end to end: a real (small) study on the bundled sample,
 * published verdicts in the experiment-results layout, the report written
 * from the run folder, opened in Chromium: every chart drawn, no console
 * errors, the numbers as scikit-learn computes them, a screenshot saved.
 * Then the same report with script-bearing names everywhere: nothing runs,
 * the text shows literally.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toThreeClass } from '../../src/data/label-spaces.js';
import type { VerdictRecord } from '../../src/data/verdict.js';
import { buildReport } from '../../src/report/build-report.js';
import { reportCharts } from '../../src/report/charts.js';
import { reportContext, type ReportInput } from '../../src/report/input.js';
import { runReportInput } from '../../src/report/from-run.js';
import { runStudy, type StudyReport } from '../../src/study/run-study.js';
import { runPython } from '../support/python.js';
import { openBrowser, PAYLOAD, PAYLOADS, type TestBrowser } from './chromium.js';

let dir: string;
let browser: TestBrowser;
let study: StudyReport;
let input: ReportInput;
let reportFile: string;

const VOTES = { A: 'vote_left', B: 'vote_right', tie: 'vote_tie', both_bad: 'vote_both_bad' } as const;

/** Published verdicts for GPT-4o in the hub layout (default/<split>/0000.jsonl), derived from the human votes so the numbers differ by mode. */
function writePublished(root: string, comparisons: { id: string; vote: keyof typeof VOTES }[]): void {
  for (const [mode, every] of [['without_execution', 3], ['with_execution', 5]] as const) {
    const folder = join(root, 'default', `gpt_4o_2024_11_20_${mode}`);
    mkdirSync(folder, { recursive: true });
    const lines = comparisons.map((c, i) => JSON.stringify({ chat_session_id: c.id, judgment: i % every === 0 ? 'vote_left' : VOTES[c.vote] }));
    writeFileSync(join(folder, '0000.jsonl'), `${lines.join('\n')}\n`);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bcr-report-'));
  const runDir = join(dir, 'run');
  study = await runStudy({ outDir: runDir, limit: 60, orders: 'both', bootstrap: 10, folds: 2 });
  writeFileSync(join(runDir, 'report.json'), JSON.stringify(study));
  const records = await runReportInput(runDir);
  writePublished(join(dir, 'published'), records.comparisons.map((c) => ({ id: c.id, vote: c.vote })));
  input = await runReportInput(runDir, { results: join(dir, 'published'), gainBootstrap: 200 });
  reportFile = join(runDir, 'report.html');
  writeFileSync(reportFile, await buildReport(input));
  browser = await openBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the HTML report', () => {
  it('is self-contained: no script, no remote URL, a strict CSP', () => {
    const page = readFileSync(reportFile, 'utf8');
    expect(page).toContain('http-equiv="Content-Security-Policy"');
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  it('renders every chart, every section and no console error in Chromium', async () => {
    const { page, problems } = await browser.page();
    await page.goto(pathToFileURL(reportFile).href);
    const expected = reportCharts(reportContext(input)).length;
    expect(expected).toBeGreaterThanOrEqual(10);
    const charts = await page.$$eval('figure.chart svg', (svgs) => svgs.map((s) => {
      const box = s.getBoundingClientRect();
      return { marks: s.querySelectorAll('path, rect, text, line').length, width: box.width, height: box.height };
    }));
    expect(charts).toHaveLength(expected);
    for (const c of charts) {
      expect(c.marks).toBeGreaterThan(5);
      expect(c.width).toBeGreaterThan(50);
      expect(c.height).toBeGreaterThan(50);
    }
    const sections = await page.$$eval('main section', (s) => s.map((e) => e.id));
    expect(sections).toEqual(['summary', 'agreement', 'gain', 'slices', 'confusion', 'leaderboards', 'learned', 'position', 'cost', 'reproduce']);
    await expect(page.locator('.banner').textContent()).resolves.toContain('SYNTHETIC');
    // Position bias measured (both orders were judged), and the paper's numbers beside ours.
    await expect(page.locator('#position table tbody tr').count()).resolves.toBe(8);
    const reproduce = await page.locator('#reproduce table').first().textContent();
    expect(reproduce).toContain('GPT-4o');
    expect(reproduce).toContain('54.6'); // the paper's GPT-4o code-only accuracy
    expect(reproduce).toContain('63.8');
    const shot = join(tmpdir(), 'bcr-report-screenshot.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(readFileSync(shot).length).toBeGreaterThan(50_000);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the accuracy, macro-F1 and McNemar p that scikit-learn and SciPy compute for the same verdicts', async () => {
    const { page } = await browser.page();
    await page.goto(pathToFileURL(reportFile).href);
    const human = new Map(input.comparisons.map((c) => [c.id, c.vote] as const));
    const rows: { judge: string; mode: string; human: string[]; judge_labels: string[] }[] = [];
    for (const judge of ['baseline:exec-aware', 'baseline:random']) {
      for (const mode of ['code-only', 'with-output']) {
        const vs = input.verdicts.filter((v: VerdictRecord) => v.judge === judge && v.mode === mode && v.order === 'AB' && v.verdict !== 'error');
        rows.push({
          judge, mode,
          human: vs.map((v) => toThreeClass(human.get(v.id)!)),
          judge_labels: vs.map((v) => toThreeClass(v.verdict as Exclude<typeof v.verdict, 'error'>)),
        });
      }
    }
    const expected = await runPython(`
import json, sys
from sklearn.metrics import accuracy_score, f1_score
rows = json.load(sys.stdin)
print(json.dumps([{"acc": accuracy_score(r["human"], r["judge_labels"]),
  "f1": f1_score(r["human"], r["judge_labels"], labels=["A", "B", "uncertain"], average="macro", zero_division=0)} for r in rows]))
`, rows) as { acc: number; f1: number }[];
    const table = await page.$$eval('#agreement table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    rows.forEach((r, i) => {
      const row = table.find((cells) => cells[0] === r.judge && cells[1] === r.mode && cells[2] === 'AB');
      expect(row, `${r.judge} ${r.mode}`).toBeDefined();
      expect(row![7]).toBe(`${(expected[i]!.acc * 100).toFixed(1)}%`);
      expect(row![8]).toBe(`${(expected[i]!.f1 * 100).toFixed(1)}%`);
    });
    // The gain table's McNemar p against SciPy's exact binomial test on the discordant counts it shows.
    const gains = await page.$$eval('#gain > div.scroll table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const discordant = gains.map((cells) => cells[8]!.split(' / ').map(Number) as [number, number]);
    expect(discordant.some(([b, c]) => b + c > 0)).toBe(true);
    const pScipy = await runPython(`
import json, sys
from scipy.stats import binomtest
print(json.dumps([1.0 if b + c == 0 else binomtest(b, b + c, 0.5).pvalue for b, c in json.load(sys.stdin)]))
`, discordant) as number[];
    gains.forEach((cells, i) => expect(cells[9]).toBe(pScipy[i]! < 1e-4 ? '< 0.0001' : pScipy[i]!.toFixed(4)));
    await page.close();
  });

  it('escapes script-bearing names everywhere: nothing runs, the text shows literally', async () => {
    const hostile = structuredClone(study);
    hostile.dataset = PAYLOAD;
    hostile.human.rows[0]!.model = PAYLOAD;
    hostile.summary.topics = { [PAYLOAD]: 1 };
    for (const row of [...hostile.agreement.rows, ...hostile.agreement.combined]) if (row.judge === 'baseline:random') row.judge = PAYLOAD;
    const verdicts = input.verdicts.map((v) => (v.judge === 'baseline:random' ? { ...v, judge: PAYLOAD, reasoning: PAYLOAD } : v));
    const page = await buildReport({ ...input, study: hostile, verdicts, reproduce: input.reproduce ? { ...input.reproduce, source: PAYLOAD } : null });
    const file = join(dir, 'hostile.html');
    writeFileSync(file, page);
    expect(page).not.toContain('<script>window.__pwned');
    const { page: tab, problems } = await browser.page();
    await tab.goto(pathToFileURL(file).href);
    expect(await tab.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await tab.locator('script, [onerror], [onload], a[href^="javascript:"]').count()).toBe(0);
    const text = await tab.locator('body').innerText();
    for (const p of PAYLOADS) expect(text).toContain(p);
    expect(problems).toEqual([]);
    await tab.close();
  });
});
