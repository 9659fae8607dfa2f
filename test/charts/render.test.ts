/**
 * Rendering: SVG with the chart font named, PNG with the right signature and
 * size, text actually drawn (resvg draws nothing for text whose font it could
 * not load), and the notebook MIME bundle.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  chartFontFiles, displayChart, leaderboardChart, renderPng, toPng, toSvg, toVega, VEGA_LITE_MIME, type ChartSpec,
} from '../../src/charts/index.js';
import { ConfigError } from '../../src/errors.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const spec = leaderboardChart([{ model: 'alpha', rating: 1010, lower: 990, upper: 1030 }, { model: 'beta', rating: 990 }], { synthetic: true });

/** Dark pixels (any channel < 128) in a horizontal band of a PNG. */
async function darkPixels(png: Uint8Array, top: number, height: number): Promise<number> {
  const image = sharp(png);
  const { width } = await image.metadata();
  const { data, info } = await image.extract({ left: 0, top, width: width!, height }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let dark = 0;
  for (let i = 0; i < data.length; i += info.channels) if (data[i]! < 128 && data[i + 1]! < 128 && data[i + 2]! < 128) dark++;
  return dark;
}

describe('render', () => {
  it('finds the DejaVu Sans font files on this machine', () => {
    expect(chartFontFiles().some((f) => f.endsWith('DejaVuSans.ttf'))).toBe(true);
  });

  it('compiles to a Vega spec and renders SVG whose text uses the sans-serif chart font', async () => {
    const vega = await toVega(spec);
    expect(vega.$schema).toMatch(/vega\/v\d+\.json$/);
    const svg = await toSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('font-family="DejaVu Sans"');
    expect(svg).not.toMatch(/font-family="[^"]*serif/i);
    expect(svg).toContain('(synthetic sample)');
  });

  it('renders a PNG with the signature and the size the SVG asks for, times the scale', async () => {
    const svg = await toSvg(spec);
    const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
    const { png, width, height } = await renderPng(spec, { scale: 2 });
    expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([width, height]);
    expect([width, height]).toEqual([w! * 2, h! * 2]);
    expect((await sharp(await toPng(spec, { scale: 1 })).metadata()).width).toBe(w);
  });

  it('draws the title text (fonts loaded), and draws nothing there without a title', async () => {
    const withTitle = await toPng(spec, { scale: 1 });
    const untitled: ChartSpec = { ...spec, title: { text: '' } };
    const without = await toPng(untitled, { scale: 1 });
    // The title sits in the top ~20 px of a vega chart.
    expect(await darkPixels(withTitle, 0, 20)).toBeGreaterThan(200);
    expect(await darkPixels(without, 0, 8)).toBe(0);
  });

  it('reports a spec vega-lite cannot compile as a ConfigError', async () => {
    const broken = { $schema: spec.$schema, mark: 'no-such-mark', data: { values: [] } } as ChartSpec;
    await expect(toSvg(broken)).rejects.toThrow(ConfigError);
  });
});

describe('displayChart', () => {
  it('sends one bundle with the Vega-Lite spec object, a base64 PNG and text when the display can', async () => {
    const sent: [Record<string, unknown>, Record<string, unknown>, boolean | undefined][] = [];
    const raw: unknown[] = [];
    const shown = displayChart({ raw: (m) => raw.push(m), bundleWriter: () => (data, metadata, update) => sent.push([data, metadata, update]) }, spec);
    // The spec goes out at once (a cell that forgets to await still shows the chart), then the output is updated with the PNG.
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0]![0]).sort()).toEqual([VEGA_LITE_MIME, 'text/plain']);
    expect(sent[0]![2]).toBe(false);
    await shown;
    expect(raw).toEqual([]);
    expect(sent).toHaveLength(2);
    const [data, metadata, update] = sent[1]!;
    expect(update).toBe(true);
    expect(VEGA_LITE_MIME).toBe('application/vnd.vegalite.v5+json');
    expect(data[VEGA_LITE_MIME]).toBe(spec);
    const png = Buffer.from(data['image/png'] as string, 'base64');
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(data['text/plain']).toContain('(synthetic sample)');
    const { width } = await sharp(png).metadata();
    expect((metadata['image/png'] as { width: number }).width * 2).toBe(width);
  });

  it('falls back to the Vega-Lite type alone on a display with raw only', async () => {
    const calls: [string, unknown][] = [];
    await displayChart({ raw: (mime, data) => calls.push([mime, data]) }, spec);
    expect(calls).toEqual([[VEGA_LITE_MIME, spec]]);
  });
});
