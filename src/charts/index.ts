/** Charts: typed functions returning Vega-Lite v5 specs, and renderers (SVG, PNG, notebook MIME). */
export {
  VEGA_LITE_SCHEMA, CHART_FONT, SYNTHETIC_SUFFIX, PALETTE, MODE_COLORS, VOTE_COLORS, chartTitle, classSpaceText, readableName,
  type ChartSpec, type ChartOptions,
} from './spec.js';
export { agreementChart, sliceAgreementChart, type AgreementChartOptions, type SliceAgreementChartOptions } from './agreement.js';
export { gainForestChart, type GainForestOptions } from './gain.js';
export { confusionGridChart, type ConfusionGridOptions } from './confusion-grid.js';
export { voteDistributionChart } from './votes.js';
export { winRateMatrixChart } from './win-rates.js';
export { leaderboardChart, type LeaderboardPoint, type LeaderboardChartOptions } from './leaderboard.js';
export { modeComparisonChart, modeScores, type ModeScore, type ModeScoreSelection } from './mode-comparison.js';
export { confusionChart, type ConfusionChartOptions } from './confusion.js';
export { sliceChart, sliceRatingRows, type SliceDatum, type SliceChartOptions } from './slices.js';
export { ratingScatter, type RatingSource, type RatingScatterOptions } from './scatter.js';
export { reproduceChart, reproducePoints, type ReproducePoint } from './reproduce.js';
export { arenaChart, type ArenaChartPoint, type ArenaChartOptions } from './arena.js';
export { toVega, toSvg, toPng, renderPng, chartFontFiles, type PngOptions, type PngImage } from './render.js';
export { displayChart, chartBundle, VEGA_LITE_MIME, type NotebookDisplay, type BundleWriter, type MimeBundle, type ChartBundle } from './display.js';
