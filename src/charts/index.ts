/** Charts: typed functions returning Vega-Lite v5 specs, and renderers (SVG, PNG, notebook MIME). */
export {
  VEGA_LITE_SCHEMA, CHART_FONT, SYNTHETIC_SUFFIX, chartTitle,
  type ChartSpec, type ChartOptions,
} from './spec.js';
export { leaderboardChart, type LeaderboardPoint, type LeaderboardChartOptions } from './leaderboard.js';
export { modeComparisonChart, modeScores, type ModeScore, type ModeScoreSelection } from './mode-comparison.js';
export { confusionChart, type ConfusionChartOptions } from './confusion.js';
export { sliceChart, sliceRatingRows, type SliceDatum, type SliceChartOptions } from './slices.js';
export { ratingScatter, type RatingSource, type RatingScatterOptions } from './scatter.js';
export { reproduceChart, reproducePoints, type ReproducePoint } from './reproduce.js';
export { arenaChart, type ArenaChartPoint, type ArenaChartOptions } from './arena.js';
export { toVega, toSvg, toPng, renderPng, chartFontFiles, type PngOptions, type PngImage } from './render.js';
export { displayChart, VEGA_LITE_MIME, type NotebookDisplay } from './display.js';
