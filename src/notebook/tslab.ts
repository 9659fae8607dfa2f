/**
 * The running tslab kernel's `display`. tslab is the kernel, not a library
 * dependency: it is looked up when first needed (from this package, then
 * from the notebook's folder), so importing this entry outside a kernel
 * works and only displaying fails, with a message that says why.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { NotebookDisplay } from '../charts/display.js';
import { ConfigError } from '../errors.js';

/** tslab's display: `raw` plus the typed shortcuts used here. */
export interface TslabDisplay extends NotebookDisplay {
  html(s: string): void;
  png(b: Uint8Array): void;
  markdown(s: string): void;
  text(s: string): void;
}

let cached: TslabDisplay | undefined;

export function tslabDisplay(): TslabDisplay {
  if (cached) return cached;
  const bases = [import.meta.url, join(process.cwd(), 'notebook.js')];
  for (const base of bases) {
    try {
      const req = createRequire(base);
      const tslab = req('tslab') as { display?: TslabDisplay };
      if (tslab.display) return (cached = withBundles(tslab.display, req));
    } catch {
      // Not resolvable from here: try the next place.
    }
  }
  throw new ConfigError('tslab is not installed: notebook display helpers need the tslab kernel (npm i -D tslab)');
}

/**
 * tslab's `display.raw` sends one MIME type per output. A multi-type output
 * (a chart's Vega-Lite spec with its PNG) goes through the kernel's own
 * `display_data` writer, which tslab keeps in `dist/jupyter.js` as
 * `lastWriteDisplayData` for the cell being executed; it is taken at call
 * time so a bundle finished after an await still lands in its own cell, and
 * each writer has its own display id so a later send can update the output.
 */
function withBundles(display: TslabDisplay, req: NodeJS.Require): TslabDisplay {
  const bundleWriter = () => {
    const jupyter = req('tslab/dist/jupyter.js') as { lastWriteDisplayData?: ((content: unknown, update: boolean) => void) | null };
    const write = jupyter.lastWriteDisplayData;
    if (typeof write !== 'function') throw new ConfigError('tslab is not running a cell: displays work only inside the tslab kernel');
    const displayId = randomBytes(8).toString('hex');
    return (data: Record<string, unknown>, metadata: Record<string, unknown>, update = false) =>
      write({ data, metadata, transient: { display_id: displayId } }, update);
  };
  return Object.assign(Object.create(display) as TslabDisplay, { bundleWriter });
}
