/** Display helpers for tslab notebooks: charts as Vega-Lite, tables as HTML, images as PNG. */
import { displayChart } from '../charts/display.js';
import type { ChartSpec } from '../charts/spec.js';
import { tableHtml, type TableInput, type TableOptions } from './table.js';
import { tslabDisplay, type TslabDisplay } from './tslab.js';

/** Shows a chart as one output: Vega-Lite v5 for JupyterLab, a PNG for nbconvert, GitHub and the classic Notebook. Await it. */
export function showChart(spec: ChartSpec, display: TslabDisplay = tslabDisplay()): Promise<void> {
  return displayChart(display, spec);
}

/** Shows rows (objects, an Arrow table or an arquero DataFrame) as an HTML table. */
export function showTable(rows: TableInput, options: TableOptions = {}, display: TslabDisplay = tslabDisplay()): void {
  display.html(tableHtml(rows, options));
}

/** Shows PNG bytes (e.g. a screenshot loaded from a `LazyImage`). */
export function showPng(bytes: Uint8Array, display: TslabDisplay = tslabDisplay()): void {
  display.png(bytes);
}
