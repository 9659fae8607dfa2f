/**
 * What every chart shares: the public spec type, the common options, the
 * title rule ("(synthetic sample)" on synthetic data) and the base config
 * (a sans-serif font that the PNG renderer can find).
 *
 * Specs are built and checked against vega-lite's own `TopLevelSpec` type
 * inside this room, but handed out as the small `ChartSpec` type, so that a
 * notebook kernel with an older TypeScript never has to type-check
 * vega-lite's declaration files.
 */
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../errors.js';

/** JupyterLab renders Vega-Lite v5 specs; vega-lite 6 compiles them unchanged. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** The font named in every spec; `toPng` loads the matching font files. */
export const CHART_FONT = 'DejaVu Sans';

export const SYNTHETIC_SUFFIX = '(synthetic sample)';

/** A Vega-Lite spec as plain JSON (what `toSvg`, `toPng` and the notebook display take). */
export interface ChartSpec {
  $schema: string;
  [key: string]: unknown;
}

export interface ChartOptions {
  /** Replaces the chart's default title. */
  title?: string;
  /** One line, or several (Vega sizes the canvas by an estimate of the longest line, so a long one widens the image). */
  subtitle?: string | string[];
  /** When true, the title says "(synthetic sample)". Pass `dataset.synthetic`. */
  synthetic?: boolean;
  /** Plot size in pixels (of one panel for faceted charts). */
  width?: number;
  /** Pixels, or `{ step }` pixels per row of a discrete axis. */
  height?: number | { step: number };
  /** The label space the numbers were scored in; named in the subtitle ("3 classes: tie and both_bad merged"). */
  space?: 'three-class' | 'four-class';
}

/**
 * Okabe-Ito: distinguishable with every common colour-vision deficiency
 * (Okabe & Ito 2008), black left out so text stays the darkest ink.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'] as const;

/** The study's two modes always in the same colours: light orange before, dark blue after. */
export const MODE_COLORS = { domain: ['code-only', 'with-output'], range: ['#E69F00', '#0072B2'] } as const;

/** The human vote classes in fixed colours (A and B the strong pair, tie and both_bad the muted pair). */
export const VOTE_COLORS = { domain: ['A', 'B', 'tie', 'both_bad'], range: ['#0072B2', '#D55E00', '#999999', '#CC79A7'] } as const;

/** A heat map's two layers: cells coloured by `color` with a tooltip, and each cell's label, white where `darkWhen` holds. */
export function heatCellLayers(o: { color: object; tooltip: object[]; text: object; fontSize: number; darkWhen: string }): object[] {
  return [
    { mark: { type: 'rect', stroke: 'white', strokeWidth: 1 }, encoding: { color: o.color, tooltip: o.tooltip } },
    { mark: { type: 'text', fontSize: o.fontSize }, encoding: { text: o.text, color: { condition: { test: o.darkWhen, value: 'white' }, value: 'black' } } },
  ];
}

export function classSpaceText(space: 'three-class' | 'four-class'): string {
  return space === 'three-class' ? '3 classes: A, B, uncertain (tie and both_bad merged)' : '4 classes: A, B, tie, both_bad';
}

/**
 * A model or judge name as people read it: an organisation prefix
 * (`org/`) dropped and long ids shortened in the middle, so axes stay
 * narrow without two names becoming the same.
 */
export function readableName(name: string, max = 32): string {
  const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
  if (base.length <= max) return base;
  const keep = max - 1;
  return `${base.slice(0, Math.ceil(keep / 2))}…${base.slice(base.length - Math.floor(keep / 2))}`;
}

/** The title text: a synthetic dataset must never be mistaken for real data. */
export function chartTitle(text: string, synthetic: boolean | undefined): string {
  return synthetic && !text.includes(SYNTHETIC_SUFFIX) ? `${text} ${SYNTHETIC_SUFFIX}` : text;
}

export function titleBlock(defaultText: string, options: ChartOptions): { text: string; subtitle?: string | string[] } {
  const text = chartTitle(options.title ?? defaultText, options.synthetic);
  const lines = [options.subtitle ?? [], options.space ? classSpaceText(options.space) : []].flat().filter((l) => l !== '');
  return lines.length === 0 ? { text } : { text, subtitle: lines.length === 1 ? lines[0]! : lines };
}

const BASE_CONFIG = {
  font: CHART_FONT,
  background: 'white',
  padding: 8,
  view: { stroke: null },
  range: { category: [...PALETTE] },
  title: { anchor: 'start', fontSize: 14, subtitleFontSize: 11, subtitleColor: '#444', offset: 10 },
  axis: { titleFontSize: 12, labelFontSize: 11, labelLimit: 320, titleFontWeight: 'normal' },
  // Legends never cut a label (Vega's default limit is 160 px).
  legend: { labelLimit: 0, titleLimit: 0, labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal' },
  header: { labelFontSize: 12, titleFontSize: 12, labelLimit: 0 },
} as const;

/** Adds schema and config; the `satisfies` check happens at each call site. */
export function finishSpec(spec: TopLevelSpec): ChartSpec {
  return { $schema: VEGA_LITE_SCHEMA, ...spec, config: { ...BASE_CONFIG, ...(spec.config ?? {}) } } as ChartSpec;
}

/** A finite number, or an InputError naming the row and field (charts must not plot NaN silently). */
export function requireFinite(value: number, row: number, field: string, chart: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError(`${chart}: ${field} is not a finite number (${String(value)})`, { row, field });
  }
  return value;
}

export function requireRows(rows: readonly unknown[], chart: string): void {
  if (rows.length === 0) throw new InputError(`${chart}: no rows to plot`);
}
