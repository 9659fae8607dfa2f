/**
 * Human-derived vs judge-derived ratings of the same models, one labelled
 * point per model: the picture behind a Spearman / Pearson correlation (both
 * in the title, from the stats room), with a dashed y = x guide on a shared
 * scale. Labels are placed beside their point where they overlap neither
 * another label nor a point (a greedy search over twenty positions).
 */
import type { TopLevelSpec } from 'vega-lite';
import { InputError } from '../errors.js';
import type { Leaderboard } from '../ratings/leaderboard.js';
import { correlateRatings } from '../stats/correlation.js';
import { finishSpec, PALETTE, readableName, requireFinite, titleBlock, type ChartOptions, type ChartSpec } from './spec.js';

/** A leaderboard, or model -> rating. */
export type RatingSource = Leaderboard | ReadonlyMap<string, number> | Readonly<Record<string, number>>;

export interface RatingScatterOptions extends ChartOptions {
  /** Axis titles; default "human rating" and "judge rating". */
  humanTitle?: string;
  judgeTitle?: string;
}

function toRatings(source: RatingSource): Map<string, number> {
  if (source instanceof Map) return new Map(source);
  if (isLeaderboard(source)) return new Map(source.rows.map((r) => [r.model, r.rating]));
  return new Map(Object.entries(source as Record<string, number>));
}

function isLeaderboard(source: RatingSource): source is Leaderboard {
  return Array.isArray((source as Leaderboard).rows) && typeof (source as Leaderboard).method === 'string';
}

export function ratingScatter(human: RatingSource, judge: RatingSource, options: RatingScatterOptions = {}): ChartSpec {
  const h = toRatings(human);
  const j = toRatings(judge);
  const models = [...h.keys()].filter((m) => j.has(m)).sort();
  if (models.length === 0) throw new InputError('ratingScatter: the two ratings have no model in common');
  const points = models.map((model, i) => ({
    model,
    human: requireFinite(h.get(model)!, i, 'human', 'ratingScatter'),
    judge: requireFinite(j.get(model)!, i, 'judge', 'ratingScatter'),
  }));
  const width = options.width ?? 380;
  const height = typeof options.height === 'number' ? options.height : 340;
  // One domain for both axes, so the y = x guide is the diagonal.
  const all = points.flatMap((p) => [p.human, p.judge]);
  const span = Math.max(1e-9, Math.max(...all) - Math.min(...all));
  const domain: [number, number] = [Math.min(...all) - span * 0.08, Math.max(...all) + span * 0.08];
  const placed = placeLabels(points, domain, width, height);
  const values = points.map((p, i) => ({ ...p, label: readableName(p.model, 24), ...placed[i]! }));
  const x = { field: 'human', type: 'quantitative', scale: { domain, nice: false, zero: false }, axis: { format: 'd' }, title: options.humanTitle ?? 'human rating (Elo scale, points)' } as const;
  const y = { field: 'judge', type: 'quantitative', scale: { domain, nice: false, zero: false }, axis: { format: 'd' }, title: options.judgeTitle ?? 'judge rating (Elo scale, points)' } as const;
  const text = (align: 'left' | 'right' | 'center') => ({
    transform: [{ filter: `datum.align == '${align}'` }],
    mark: { type: 'text' as const, align, baseline: 'middle' as const, fontSize: 10, color: '#222' },
    encoding: {
      x: { field: 'lx', type: 'quantitative' as const, scale: { domain, nice: false, zero: false } },
      y: { field: 'ly', type: 'quantitative' as const, scale: { domain, nice: false, zero: false } },
      text: { field: 'label', type: 'nominal' as const },
    },
  });
  const spec = {
    title: titleBlock(`Judge-derived vs human-derived ratings${correlationText(h, j)}`, options),
    width,
    height,
    data: { values },
    layer: [
      {
        data: { values: [{ v: domain[0] }, { v: domain[1] }] },
        mark: { type: 'line', color: '#888', strokeDash: [5, 4], strokeWidth: 1 },
        encoding: { x: { ...x, field: 'v' }, y: { ...y, field: 'v' } },
      },
      {
        mark: { type: 'point', filled: true, size: 60, color: PALETTE[0], opacity: 1 },
        encoding: {
          x, y,
          tooltip: [
            { field: 'model', type: 'nominal' },
            { field: 'human', type: 'quantitative', format: '.1f' },
            { field: 'judge', type: 'quantitative', format: '.1f' },
          ],
        },
      },
      text('left'), text('right'), text('center'),
    ],
  } satisfies TopLevelSpec;
  return finishSpec(spec as TopLevelSpec);
}

/** ": Spearman 0.93, Pearson 0.95 (n = 10 models)", or nothing with fewer than 3 models in common. */
function correlationText(h: Map<string, number>, j: Map<string, number>): string {
  const common = [...h.keys()].filter((m) => j.has(m)).length;
  if (common < 3) return ` (${common} models in common: too few for a correlation)`;
  const c = correlateRatings(h, j);
  const f = (v: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(2));
  return `: Spearman ${f(c.spearman.statistic)}, Pearson ${f(c.pearson.statistic)} (n = ${c.n} models)`;
}

interface Placement { lx: number; ly: number; align: 'left' | 'right' | 'center' }

/** Approximate text box of a 10 px DejaVu Sans label. */
const CHAR_PX = 6.1;
const LINE_PX = 12;

/**
 * Greedy placement in pixel space (the scale is fixed above, so data and
 * pixels map exactly): each label tries twenty spots around its point and
 * takes the first that stays inside the plot and clears every point and
 * every label placed so far; when none does, the one with least overlap.
 */
function placeLabels(points: readonly { human: number; judge: number; model: string }[], domain: [number, number], width: number, height: number): Placement[] {
  const px = (v: number) => ((v - domain[0]) / (domain[1] - domain[0])) * width;
  const py = (v: number) => height - ((v - domain[0]) / (domain[1] - domain[0])) * height;
  const fromPx = (x: number) => domain[0] + (x / width) * (domain[1] - domain[0]);
  const fromPy = (y: number) => domain[0] + ((height - y) / height) * (domain[1] - domain[0]);
  type Box = [number, number, number, number];
  const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0])) * Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const dots: Box[] = points.map((p) => [px(p.human) - 5, py(p.judge) - 5, px(p.human) + 5, py(p.judge) + 5]);
  const boxes: Box[] = [];
  // Place crowded points first (most neighbours within 40 px): they have the fewest free spots.
  const crowd = (i: number) => points.filter((q) => Math.hypot(px(q.human) - px(points[i]!.human), py(q.judge) - py(points[i]!.judge)) < 40).length;
  const orderIdx = points.map((_, i) => i).sort((a, b) => crowd(b) - crowd(a) || a - b);
  const out: Placement[] = new Array(points.length);
  for (const i of orderIdx) {
    const p = points[i]!;
    const cx = px(p.human);
    const cy = py(p.judge);
    const w = readableName(p.model, 24).length * CHAR_PX;
    // Beside the point first, then above / below it, then stacked further up and down on either side.
    const candidates: { dx: number; dy: number; align: Placement['align'] }[] = [
      { dx: 8, dy: 0, align: 'left' }, { dx: -8, dy: 0, align: 'right' }, { dx: 0, dy: -12, align: 'center' }, { dx: 0, dy: 12, align: 'center' },
      ...[1, 2, 3, 4].flatMap((k) => [-1, 1].flatMap((sign) => [
        { dx: 7, dy: sign * k * (LINE_PX + 1), align: 'left' as const }, { dx: -7, dy: sign * k * (LINE_PX + 1), align: 'right' as const },
      ])),
    ];
    let best: { c: (typeof candidates)[number]; box: Box; cost: number } | undefined;
    for (const c of candidates) {
      const x0 = c.align === 'left' ? cx + c.dx : c.align === 'right' ? cx + c.dx - w : cx - w / 2;
      const y0 = cy + c.dy - LINE_PX / 2;
      const box: Box = [x0, y0, x0 + w, y0 + LINE_PX];
      const outside = box[0] < 0 || box[2] > width || box[1] < 0 || box[3] > height ? 1e6 : 0;
      const cost = outside + [...boxes, ...dots].reduce((sum, b) => sum + overlap(box, b), 0);
      if (!best || cost < best.cost) best = { c, box, cost };
      if (cost === 0) break;
    }
    boxes.push(best!.box);
    out[i] = { lx: fromPx(cx + best!.c.dx), ly: fromPy(cy + best!.c.dy), align: best!.c.align };
  }
  return out;
}
