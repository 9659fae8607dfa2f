/**
 * The report's sections, in order: each a small function from the context
 * (and the section's rendered charts) to HTML, or null when it has nothing to
 * show. A new section (e.g. an arena leaderboard) is one more entry in
 * `REPORT_SECTIONS`.
 */
import { OVERALL, type ReproduceRow } from '../eval/reproduce.js';
import type { MetricSet } from '../stats/report.js';
import { html, type SafeHtml } from './html.js';
import { num, pct, pp, pValue, table } from './format.js';
import type { ReportContext } from './input.js';

export interface ReportSection {
  id: string;
  title: string;
  render(ctx: ReportContext, charts: SafeHtml): SafeHtml | null;
}

const counts = (record: Readonly<Record<string, number>>): string =>
  Object.entries(record).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';

const summary: ReportSection = {
  id: 'summary',
  title: 'Dataset',
  render({ study }) {
    const s = study.summary;
    const rows: [string, string][] = [
      ['dataset', study.dataset],
      ['records', String(s.records)],
      ['human votes', counts(s.votes)],
      ['topics', counts(s.topics)],
      ['languages (per side)', counts(s.languages)],
      ['environments (per side)', counts(s.environments)],
      ['models (appearances)', counts(s.models)],
      ['sides with code / output / error / screenshot', `${s.sidesWithCode} / ${s.sidesWithOutput} / ${s.sidesWithError} / ${s.sidesWithScreenshot} of ${s.sides}`],
      ['seed', String(study.seed)],
    ];
    if (study.executions) rows.push(['executions judged', `${study.executions.file}: ${study.executions.replaced} sides replaced, ${study.executions.missing} missing`]);
    return html`<dl class="facts">${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
${table(['results file', 'tasks', 'resumed', 'new', 'failed'], study.runs.map((r) => [r.out, r.total, r.alreadyDone, r.written, r.failed]), 'Judge runs')}`;
  },
};

const metricCells = (m: MetricSet) => [pct(m.accuracy), pct(m.macroF1)];

const agreement: ReportSection = {
  id: 'agreement',
  title: 'Judges x modes: agreement with human votes',
  render({ study }, charts) {
    const rows = [...study.agreement.rows, ...study.agreement.combined];
    if (rows.length === 0) return html`<p>No verdicts.</p>`;
    return html`<p>Accuracy and macro-F1 against the ${study.agreement.humanVotes} human votes, in both class spaces: 4 classes (A, B, tie, both_bad) and 3 (tie and both_bad merged, the paper's definition). Order <code>both</code> combines a judge's two orders per record. "No ties" keeps only decisive human votes.</p>
${table(
  ['judge', 'mode', 'order', 'n', 'errors', 'acc. 4 cl.', 'macro-F1 4 cl.', 'acc. 3 cl.', 'macro-F1 3 cl.', 'kappa 3 cl.', 'n no ties', 'acc. no ties'],
  rows.map((r) => [
    r.judge, r.mode, r.order, r.counts.n, r.counts.errors,
    ...metricCells(r.withTies.fourClass), ...metricCells(r.withTies.threeClass), num(r.withTies.threeClass.kappa),
    r.counts.decisive, pct(r.noTies.threeClass.accuracy),
  ]),
)}
${charts}`;
  },
};

const gain: ReportSection = {
  id: 'gain',
  title: 'Does execution output help? With vs without, paired',
  render({ gains }, charts) {
    if (gains.length === 0) return html`<p>No judge was run in both modes, so there is no gain to test.</p>`;
    const first = gains[0]!.report;
    const level = `${Math.round(first.confidence * 100)}%`;
    const interval = (i: { lo: number; hi: number } | undefined) => (i ? `${pp(i.lo)} to ${pp(i.hi)}` : 'n/a');
    return html`<p>Per judge: the same records judged with and without execution output (${first.space === 'three-class' ? '3 classes' : '4 classes'}), the difference with-output minus code-only, its paired-bootstrap ${level} interval (${first.bootstrap} rounds, seed ${first.seed}) and McNemar's exact test on the records exactly one mode got right.</p>
${table(
  ['judge', 'paired n', 'acc. code-only', 'acc. with output', 'gain', `${level} interval`, 'macro-F1 gain', `${level} interval`, 'McNemar b / c', 'p (exact)'],
  gains.map(({ judge, report: { overall: t } }) => [
    judge, t.n, pct(t.accuracyA), pct(t.accuracyB), pp(t.accuracyDifference), interval(t.intervals?.accuracy),
    pp(t.macroF1Difference), interval(t.intervals?.macroF1), `${t.mcnemar.b} / ${t.mcnemar.c}`, pValue(t.mcnemar.pExact),
  ]),
)}
${charts}
${gains.map((g) => html`<details><summary>${g.judge}: the gain per slice (McNemar, Holm-adjusted within each slice key; slices under ${first.minSlice} paired records are not tested)</summary>
${table(
  ['slice key', 'slice', 'paired n', 'tested', 'acc. code-only', 'acc. with output', 'gain', 'p (exact)', 'p (Holm)'],
  g.slices.map((s) => [
    s.key, s.slice, s.n, s.tested ? 'yes' : 'no (too few)', pct(s.test.accuracyA), pct(s.test.accuracyB), pp(s.test.accuracyDifference),
    s.tested ? pValue(s.test.mcnemar.pExact) : 'n/a', s.pHolm === null ? 'n/a' : pValue(s.pHolm),
  ]),
)}</details>`)}`;
  },
};

const slices: ReportSection = {
  id: 'slices',
  title: 'Slices: language, environment, topic',
  render({ slices: tables }, charts) {
    const parts = tables.flatMap((t) => {
      if (t.accuracy.length === 0) return [];
      // One row per slice value, one column per judge and mode: n first, so thin slices show.
      const series = [...new Set(t.accuracy.map((r) => r.series))];
      const values = [...new Set(t.accuracy.map((r) => r[t.key]))];
      const cell = new Map(t.accuracy.map((r) => [`${r[t.key]}\u0000${r.series}`, r]));
      const f1 = new Map(t.macroF1.map((r) => [`${r[t.key]}\u0000${r.series}`, r.value]));
      return [table(
        [t.key, 'n', ...series],
        values.map((v) => [
          v, Math.max(...series.map((s) => cell.get(`${v}\u0000${s}`)?.n ?? 0)),
          ...series.map((s) => {
            const r = cell.get(`${v}\u0000${s}`);
            return r ? `${pct(r.value)} / ${pct(f1.get(`${v}\u0000${s}`))}` : 'n/a';
          }),
        ]),
        `By ${t.key}: accuracy / macro-F1 (3 classes, order AB; a pair whose sides differ is "mixed")`,
      )];
    });
    if (parts.length === 0) return null;
    return html`<p>Agreement within each slice, with the number of records behind it: thin slices are noisy.</p>${parts}${charts}`;
  },
};

const confusion: ReportSection = {
  id: 'confusion',
  title: 'Confusion matrices',
  render(_ctx, charts) {
    return charts.toString() === '' ? null : html`<div class="grid">${charts}</div>`;
  },
};

const leaderboards: ReportSection = {
  id: 'leaderboards',
  title: 'Leaderboards and correlations',
  render({ study }, charts) {
    const boot = study.human.bootstrap;
    const truth = study.truth;
    return html`<p>Human-vote ${study.human.method === 'bt' ? 'Bradley-Terry' : 'Elo'} leaderboard${boot ? `, ${boot.rounds} bootstrap rounds, ${Math.round(boot.confidence * 100)}% intervals` : ''}.</p>
${table(['rank', 'model', 'rating', 'lower', 'upper', 'battles'], study.human.rows.map((r) => [r.rank, r.model, num(r.rating, 1), num(r.lower, 1), num(r.upper, 1), r.battles]))}
${table(
  ['judge', 'mode', 'models', 'errors', 'Spearman', 'p', 'Pearson', 'Kendall'],
  study.judges.map((j) => [
    j.judge, j.mode, j.leaderboard.rows.length, j.errors, num(j.correlation?.spearman.statistic), pValue(j.correlation?.spearman.pValue),
    num(j.correlation?.pearson.statistic), num(j.correlation?.kendall.statistic),
  ]),
  'Judge-derived leaderboards against the human one (correlation of ratings across common models)',
)}
${truth ? html`<p>Recovery of the synthetic sample's latent strengths: Spearman ${num(truth.correlation.spearman.statistic)}, Pearson ${num(truth.correlation.pearson.statistic)}, interval coverage ${pct(truth.coverage)}.</p>` : null}
<div class="grid">${charts}</div>`;
  },
};

const learned: ReportSection = {
  id: 'learned',
  title: 'The learned judge',
  render({ study }) {
    const l = study.learned;
    if (!l) return null;
    const ci = l.gain?.accuracy.ci95;
    return html`<p>A TensorFlow.js logistic judge, ${l.folds}-fold cross-validated on ${l.n} records (labels ${l.labels.join(', ')}), with code-only and with-output features on the same folds.</p>
${table(
  ['features', 'accuracy (mean)', 'sd', 'macro-F1 (mean)', 'sd', 'pooled accuracy'],
  [
    ...l.modes.map((m) => [m.mode, pct(m.accuracy.mean), pct(m.accuracy.sd), pct(m.macroF1.mean), pct(m.macroF1.sd), pct(m.pooled.accuracy)]),
    ['majority class', pct(l.majority.accuracy.mean), pct(l.majority.accuracy.sd), pct(l.majority.macroF1.mean), pct(l.majority.macroF1.sd), pct(l.majority.pooled.accuracy)],
  ],
)}
${l.gain ? html`<p>Gain from execution features: accuracy ${pp(l.gain.accuracy.mean)}${ci ? `, 95% interval ${pp(ci.lo)} to ${pp(ci.hi)}` : ''} (paired bootstrap, ${l.gain.bootstrap} rounds).</p>` : null}`;
  },
};

const position: ReportSection = {
  id: 'position',
  title: 'Position bias',
  render({ position: rows }) {
    if (rows.length === 0) return html`<p>Every judge saw order AB only (as published), so position bias cannot be measured here: run with <code>--orders both</code>.</p>`;
    return html`<p>Judges run in both orders: how often the verdict survives swapping the sides, and how often the first-shown side wins (0.5 means no bias).</p>
${table(
  ['judge', 'mode', 'pairs', 'consistent', 'consistent (3 cl.)', 'first-shown win rate', 'acc. consistent', 'acc. inconsistent'],
  rows.map((r) => [
    r.judge, r.mode, r.pairs, pct(r.consistency), pct(r.consistencyMerged), num(r.firstShownWinRate),
    pct(r.accuracy?.consistentAccuracy), pct(r.accuracy?.inconsistentAccuracy),
  ]),
)}`;
  },
};

const cost: ReportSection = {
  id: 'cost',
  title: 'Cost and latency',
  render({ costs, prices }) {
    if (costs.length === 0) return null;
    const ms = (v: number | undefined) => (v === undefined ? 'n/a' : `${v.toFixed(0)} ms`);
    return html`<p>Tokens and latency of the answers not served from cache; cost from ${prices ? html`the price table <code>${prices.file}</code>${prices.asOf ? ` (prices as of ${prices.asOf})` : ''}` : 'no price table'}.</p>
${table(
  ['judge', 'mode', 'verdicts', 'errors', 'cached', 'retried', 'prompt tokens', 'completion tokens', 'cost ($)', 'p50', 'p90', 'p99'],
  costs.map((c) => [
    c.judge, c.mode, c.verdicts, c.errors, c.cached, c.retried, c.promptTokens, c.completionTokens,
    c.cost === null ? (c.recordedCost === null ? 'n/a' : num(c.recordedCost, 4)) : num(c.cost, 4),
    ms(c.latencyMs?.p50), ms(c.latencyMs?.p90), ms(c.latencyMs?.p99),
  ]),
)}`;
  },
};

const one = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(1));
const signed = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? 'n/a' : `${v >= 0 ? '+' : ''}${v.toFixed(1)}`);

function reproduceRow(r: ReproduceRow, metric: 'accuracy' | 'macroF1') {
  return [
    r.judge, r.paperJudge ?? '(not in paper)', r.topic,
    one(r.codeOnly?.[metric]), one(r.published?.codeOnly[metric]), one(r.withOutput?.[metric]), one(r.published?.withOutput[metric]),
    signed(r.gain?.[metric]), r.published ? signed(r.published.withOutput[metric] - r.published.codeOnly[metric]) : 'n/a',
    `${r.codeOnly?.n ?? '-'} / ${r.withOutput?.n ?? '-'}`, `${r.codeOnly?.errors ?? '-'} / ${r.withOutput?.errors ?? '-'}`,
  ];
}

const reproduce: ReportSection = {
  id: 'reproduce',
  title: "The paper's table, reproduced",
  render({ reproduce: input }, charts) {
    if (!input) return null;
    const headers = ['judge', 'paper name', 'topic', 'code-only', 'published', 'with output', 'published', 'gain', 'published gain', 'n', 'errors'];
    const overall = input.report.rows.filter((r) => r.topic === OVERALL);
    const topics = input.report.rows.filter((r) => r.topic !== OVERALL);
    return html`<p>Verdicts from <code>${input.source}</code> against ${input.report.humanVotes} human votes, in the paper's definition (3 classes, valid judgments only, order AB, percent). Published numbers: ${input.citation}.${input.report.unmatchedVerdicts > 0 ? ` ${input.report.unmatchedVerdicts} verdicts match no record and are not scored.` : ''}</p>
${table(headers, overall.map((r) => reproduceRow(r, 'accuracy')), 'Accuracy (%)')}
${table(headers, overall.map((r) => reproduceRow(r, 'macroF1')), 'Macro-F1 (%)')}
${topics.length > 0 ? html`<details><summary>Per topic</summary>${table(headers, topics.map((r) => reproduceRow(r, 'accuracy')), 'Accuracy per topic (%)')}${table(headers, topics.map((r) => reproduceRow(r, 'macroF1')), 'Macro-F1 per topic (%)')}</details>` : null}
${charts}`;
  },
};

export const REPORT_SECTIONS: readonly ReportSection[] = [summary, agreement, gain, slices, confusion, leaderboards, learned, position, cost, reproduce];

