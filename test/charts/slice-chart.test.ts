/**
 * sliceChart regressions seen in the notebooks: the bars hid the lower half
 * of their interval whiskers, and long slice and legend labels were cut.
 * Read back from the SVG vega draws.
 */
import { describe, expect, it } from 'vitest';
import { sliceChart, toSvg } from '../../src/charts/index.js';

const longSeries = 'baseline:longer-answer (code-only), a judge with a long readable name';
const rows = ['environment: Python Runner', 'topic: scientific_computing and data analysis'].flatMap((slice, i) =>
  ['baseline:exec-aware (with-output)', longSeries].map((series, j) => ({
    slice, series, value: 0.4 + 0.1 * i + 0.05 * j, lower: 0.25 + 0.1 * i, upper: 0.6 + 0.1 * i, n: 60 + i,
  })));

/** Where each mark group starts in the SVG: later groups are drawn on top. */
const drawnAt = (svg: string, mark: string) => svg.indexOf(`class="mark-${mark} role-mark`);
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('sliceChart', () => {
  it('draws interval whiskers over the bars, not under them', async () => {
    const svg = await toSvg(sliceChart(rows, 'slice', { metric: 'accuracy', format: '.0%', seriesTitle: 'judge and mode' }));
    expect(drawnAt(svg, 'rect')).toBeGreaterThan(0);
    expect(drawnAt(svg, 'rule')).toBeGreaterThan(drawnAt(svg, 'rect'));
  });

  it('draws dots over their whiskers when the axis does not start at zero', async () => {
    const svg = await toSvg(sliceChart(rows, 'slice', { metric: 'accuracy', zero: false, seriesTitle: 'judge and mode' }));
    expect(drawnAt(svg, 'rule')).toBeGreaterThan(0);
    expect(drawnAt(svg, 'symbol')).toBeGreaterThan(drawnAt(svg, 'rule'));
  });

  it('never cuts slice labels or legend labels', async () => {
    const drawn = texts(await toSvg(sliceChart(rows, 'slice', { metric: 'accuracy', seriesTitle: 'judge and mode' })));
    expect(drawn).toContain('topic: scientific_computing and data analysis (n=61)');
    expect(drawn).toContain(longSeries);
    expect(drawn.filter((t) => t.includes('…'))).toEqual([]);
  });
});
