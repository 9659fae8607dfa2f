/**
 * Notebook display without a dependency on any kernel: a chart becomes ONE
 * output carrying several MIME types (the Vega-Lite spec, a PNG of it and a
 * line of text). Each front end shows the richest type it can render:
 * JupyterLab draws the interactive Vega-Lite chart, nbconvert's HTML, GitHub's
 * notebook view and the classic Notebook fall back to the PNG.
 * The tslab-bound display lives in the `notebook` entry point.
 */
import { renderPng, type PngOptions } from './render.js';
import type { ChartSpec } from './spec.js';

/** JupyterLab ships a renderer for this MIME type (v5, not v6). */
export const VEGA_LITE_MIME = 'application/vnd.vegalite.v5+json';

/** MIME type -> data, as in a Jupyter `display_data` message. */
export type MimeBundle = Record<string, unknown>;

/**
 * Sends one output holding a whole bundle (and its per-type metadata); with
 * `update`, replaces what this writer sent before (one display id per writer).
 */
export type BundleWriter = (data: MimeBundle, metadata: Record<string, unknown>, update?: boolean) => void;

/** What a kernel display needs to offer: tslab's `display.raw(contentType, data)`, and ideally a bundle writer. */
export interface NotebookDisplay {
  raw(contentType: string, data: string | Uint8Array): unknown;
  /**
   * A writer bound to the cell running now (so an output rendered after an
   * await still lands in its own cell). Without it, `displayChart` can send
   * only the Vega-Lite type (one MIME type per `raw` call).
   */
  bundleWriter?(): BundleWriter;
}

export interface ChartBundle {
  data: MimeBundle;
  /** Per-type metadata: the PNG's display size (it is drawn at `scale` times that for sharp screens). */
  metadata: Record<string, unknown>;
}

/** The chart as a display bundle: Vega-Lite v5 spec (an object, as `+json` types expect), base64 PNG, plain text. */
export async function chartBundle(spec: ChartSpec, options: PngOptions = {}): Promise<ChartBundle> {
  const scale = options.scale ?? 2;
  const image = await renderPng(spec, { ...options, scale });
  return {
    data: {
      [VEGA_LITE_MIME]: spec,
      'image/png': Buffer.from(image.png).toString('base64'),
      'text/plain': `<chart: ${chartText(spec)}>`,
    },
    metadata: { 'image/png': { width: Math.round(image.width / scale), height: Math.round(image.height / scale) } },
  };
}

/**
 * Shows a chart as one output with the Vega-Lite spec and its PNG fallback.
 * The spec goes out at once and the output is then updated in place with the
 * PNG (rendering is asynchronous): await it in a notebook cell, or a
 * headless run may finish the cell before the update and keep the spec only.
 */
export async function displayChart(display: NotebookDisplay, spec: ChartSpec, options: PngOptions = {}): Promise<void> {
  const write = display.bundleWriter?.();
  if (!write) {
    display.raw(VEGA_LITE_MIME, spec as unknown as string);
    return;
  }
  write({ [VEGA_LITE_MIME]: spec, 'text/plain': `<chart: ${chartText(spec)}>` }, {}, false);
  const bundle = await chartBundle(spec, options);
  write(bundle.data, bundle.metadata, true);
}

function chartText(spec: ChartSpec): string {
  const title = spec.title as { text?: unknown } | string | undefined;
  const text = typeof title === 'string' ? title : title?.text;
  if (typeof text === 'string' && text !== '') return text;
  if (Array.isArray(text)) return text.join(' ');
  return 'Vega-Lite chart';
}

