import { beforeAll, describe, expect, it } from 'vitest';
import { OUTCOMES, type Outcome } from '../../src/data/comparison.js';
import type { JudgeMode, Order, VerdictLabel, VerdictRecord } from '../../src/data/verdict.js';
import { InputError } from '../../src/errors.js';
import { alignVerdicts } from '../../src/stats/align.js';
import { agreementReport } from '../../src/eval/agreement.js';
import { scorePairs, type MetricSet } from '../../src/stats/report.js';
import { createRng } from '../../src/util/rng.js';
import { runPython } from '../support/python.js';
import { expectClose, weightedPick } from './helpers.js';

const rec = (id: string, verdict: VerdictLabel, extra: Partial<VerdictRecord> = {}): VerdictRecord => ({
  id,
  judge: 'j',
  mode: 'with-output',
  order: 'AB',
  verdict,
  ...extra,
});

describe('alignment', () => {
  const human = new Map<string, Outcome>([['1', 'A'], ['2', 'B'], ['3', 'tie'], ['4', 'A']]);

  it('counts errors, unmatched verdicts, unjudged votes and duplicates instead of scoring them', () => {
    // id 1 appears twice: the last verdict (B) wins, as in results files
    const a = alignVerdicts(human, [rec('1', 'A'), rec('2', 'error'), rec('1', 'B'), rec('9', 'A'), rec('8', 'error'), rec('3', 'both_bad')]);
    expect(a.pairs).toEqual([{ id: '1', human: 'A', judge: 'B' }, { id: '3', human: 'tie', judge: 'both_bad' }]);
    expect(a).toMatchObject({ errors: 1, unmatchedVerdicts: 2, unjudged: 1, duplicates: 1 });
  });

  it('rejects an unknown verdict label, naming the record', () => {
    expect(() => alignVerdicts(human, [rec('4', 'left' as VerdictLabel)])).toThrow(InputError);
    expect(() => alignVerdicts(human, [rec('4', 'left' as VerdictLabel)])).toThrow(/record "4"/);
  });
});

describe('agreement report by hand', () => {
  const human = new Map<string, Outcome>([['1', 'A'], ['2', 'B'], ['3', 'tie'], ['4', 'both_bad'], ['5', 'A']]);
  const verdicts: VerdictRecord[] = [
    rec('1', 'A'), rec('2', 'A'), rec('3', 'both_bad'), rec('4', 'tie'), rec('5', 'error'),
    rec('1', 'A', { order: 'BA' }), rec('2', 'B', { order: 'BA' }), rec('3', 'tie', { order: 'BA' }), rec('4', 'error', { order: 'BA' }),
    rec('1', 'B', { mode: 'code-only' }),
  ];
  const report = agreementReport(human, verdicts);

  it('makes one row per judge x mode x order, sorted', () => {
    expect(report.rows.map((r) => `${r.judge}/${r.mode}/${r.order}`)).toEqual(['j/code-only/AB', 'j/with-output/AB', 'j/with-output/BA']);
    expect(report.humanVotes).toBe(5);
    expect(report.verdicts).toBe(10);
  });

  it('reports counts and both label spaces and both variants', () => {
    const row = report.rows[1]!;
    expect(row.counts).toEqual({ n: 4, decisive: 2, errors: 1, errorRate: 0.2, unmatchedVerdicts: 0, unjudged: 0, duplicates: 0 });
    // 4 classes: only id 1 right; 3 classes: 1 right, and 3 and 4 become uncertain = uncertain
    expect(row.withTies.fourClass.accuracy).toBe(0.25);
    expect(row.withTies.threeClass.accuracy).toBe(0.75);
    expect(row.withTies.fourClass.labels).toEqual(['A', 'B', 'tie', 'both_bad']);
    expect(row.withTies.threeClass.confusion).toEqual({ labels: ['A', 'B', 'uncertain'], matrix: [[1, 0, 0], [1, 0, 0], [0, 0, 2]] });
    // no ties: ids 1 (A->A) and 2 (B->A); averaged over A and B
    expect(row.noTies.fourClass.n).toBe(2);
    expect(row.noTies.fourClass.accuracy).toBe(0.5);
    expect(row.noTies.fourClass.averagedOver).toEqual(['A', 'B']);
    expect(row.noTies.fourClass.macroF1).toBeCloseTo((2 / 3 + 0) / 2, 12);
  });

  it('reports AB/BA consistency and position bias over records with two parsed verdicts', () => {
    // ids 1 (A/A), 2 (A/B), 3 (both_bad/tie); 4 has an error; 5 only in AB
    // first-shown wins: 1 AB=A, 2 AB=A, 2 BA=B; second-shown: 1 BA=A; undecided: 3 AB, 3 BA, 4 AB
    expect(report.consistency).toEqual([
      {
        judge: 'j', mode: 'with-output', pairs: 3, consistent: 1, consistency: 1 / 3, consistentMerged: 2, consistencyMerged: 2 / 3,
        pairsWithError: 1, singleOrder: 1, firstShownWins: 3, secondShownWins: 1, undecided: 3, firstShownWinRate: 3 / 4,
      },
    ]);
  });

  it('scores both orders combined by the README rule: agreement stands, disagreement is a tie, one error keeps the other', () => {
    // combined: 1 A/A -> A, 2 A/B -> tie, 3 both_bad/tie -> tie, 4 tie/error -> tie, 5 error (AB only) -> error
    expect(report.combined.map((r) => `${r.judge}/${r.mode}/${r.order}`)).toEqual(['j/with-output/both']);
    const both = report.combined[0]!;
    expect(both.counts).toMatchObject({ n: 4, errors: 1, duplicates: 0 });
    // humans 1 A, 2 B, 3 tie, 4 both_bad: right on 1 and 3 (4 classes); 1, 3 and 4 with tie and both_bad merged
    expect(both.withTies.fourClass.accuracy).toBe(0.5);
    expect(both.withTies.threeClass.accuracy).toBe(0.75);
    expect(both.withTies.fourClass.confusion.matrix[1]).toEqual([0, 0, 1, 0]); // human B, combined tie
  });

  it('gives NaN metrics, not zeros, for a group with nothing to score', () => {
    const empty = agreementReport(human, [rec('x', 'A')]).rows[0]!;
    expect(empty.counts).toMatchObject({ n: 0, unmatchedVerdicts: 1, unjudged: 5 });
    expect(empty.counts.errorRate).toBeNaN();
    expect(empty.withTies.fourClass.macroF1).toBeNaN();
    expect(empty.withTies.fourClass.kappa).toBeNaN();
  });
});

/** Seeded verdicts for two judges, two modes, both orders, with errors and ids missing on both sides. */
function simulate(): { human: Map<string, Outcome>; verdicts: VerdictRecord[] } {
  const rng = createRng(99);
  const human = new Map<string, Outcome>();
  for (let i = 0; i < 300; i++) human.set(`r${i}`, weightedPick(rng, OUTCOMES, [0.4, 0.35, 0.15, 0.1]));
  const verdicts: VerdictRecord[] = [];
  for (const judge of ['judge-x', 'judge-y']) {
    for (const mode of ['code-only', 'with-output'] as JudgeMode[]) {
      for (const order of ['AB', 'BA'] as Order[]) {
        const skill = mode === 'with-output' ? 0.6 : 0.4;
        for (let i = 0; i < 320; i++) {
          if (rng.next() < 0.05) continue; // unjudged
          const id = `r${i}`;
          const truth = human.get(id) ?? 'A';
          const verdict: VerdictLabel =
            rng.next() < 0.04 ? 'error' : rng.next() < skill ? truth : weightedPick(rng, OUTCOMES, [0.5, 0.3, 0.2, 0]);
          verdicts.push({ id, judge, mode, order, verdict });
        }
      }
    }
  }
  return { human, verdicts };
}

// The published analysis, re-done independently: match ids, drop errors, sklearn with fixed label lists.
const SKLEARN_REPORT = String.raw`
import json, sys, math, warnings
warnings.filterwarnings('ignore')
from sklearn.metrics import precision_recall_fscore_support as prf, accuracy_score, cohen_kappa_score, matthews_corrcoef
d = json.load(sys.stdin)
human = d['human']
groups = {}
for v in d['verdicts']:
    groups.setdefault((v['judge'], v['mode'], v['order']), []).append(v)
merge = lambda x: 'uncertain' if x in ('tie', 'both_bad') else x
def score(t, p, labels, avg_labels):
    return {'accuracy': accuracy_score(t, p),
            'macroF1': prf(t, p, labels=avg_labels, average='macro', zero_division=0)[2],
            'microF1': prf(t, p, labels=avg_labels, average='micro', zero_division=0)[2],
            'weightedF1': prf(t, p, labels=avg_labels, average='weighted', zero_division=0)[2],
            'kappa': cohen_kappa_score(t, p), 'mcc': matthews_corrcoef(t, p)}
out = []
for key in sorted(groups):
    pairs = [(human[v['id']], v['verdict']) for v in groups[key] if v['id'] in human and v['verdict'] != 'error']
    t = [a for a, _ in pairs]; p = [b for _, b in pairs]
    dec = [(a, b) for a, b in pairs if a in ('A', 'B')]
    td = [a for a, _ in dec]; pd_ = [b for _, b in dec]
    out.append({'key': list(key), 'n': len(pairs),
        'four': score(t, p, None, ['A', 'B', 'tie', 'both_bad']),
        'three': score([merge(x) for x in t], [merge(x) for x in p], None, ['A', 'B', 'uncertain']),
        'fourNoTies': score(td, pd_, None, ['A', 'B']),
        'threeNoTies': score([merge(x) for x in td], [merge(x) for x in pd_], None, ['A', 'B'])})
print(json.dumps(out))
`;

type Scores = Record<'accuracy' | 'macroF1' | 'microF1' | 'weightedF1' | 'kappa' | 'mcc', number>;
interface RefRow {
  key: [string, string, string];
  n: number;
  four: Scores;
  three: Scores;
  fourNoTies: Scores;
  threeNoTies: Scores;
}

describe('agreement report against the published sklearn recipe', () => {
  const { human, verdicts } = simulate();
  let refs: RefRow[] = [];
  beforeAll(async () => {
    refs = (await runPython(SKLEARN_REPORT, { human: Object.fromEntries(human), verdicts })) as RefRow[];
  });

  it('matches every metric of every row, in both label spaces and both variants', () => {
    const report = agreementReport(human, verdicts);
    expect(report.rows).toHaveLength(8);
    expect(refs).toHaveLength(8);
    const check = (got: MetricSet, ref: Scores, what: string) => {
      for (const m of ['accuracy', 'macroF1', 'microF1', 'weightedF1', 'kappa', 'mcc'] as const) expectClose(got[m], ref[m], 1e-9, `${what} ${m}`);
    };
    report.rows.forEach((row, i) => {
      const ref = refs[i]!;
      expect([row.judge, row.mode, row.order]).toEqual(ref.key);
      expect(row.counts.n).toBe(ref.n);
      expect(row.counts.errors).toBeGreaterThan(0);
      expect(row.counts.unmatchedVerdicts).toBeGreaterThan(0);
      const name = ref.key.join('/');
      check(row.withTies.fourClass, ref.four, `${name} 4-class`);
      check(row.withTies.threeClass, ref.three, `${name} 3-class`);
      check(row.noTies.fourClass, ref.fourNoTies, `${name} 4-class no ties`);
      check(row.noTies.threeClass, ref.threeNoTies, `${name} 3-class no ties`);
    });
    expect(report.consistency).toHaveLength(4);
  });

  it("can average the no-ties variant over the full label set instead", () => {
    const { pairs } = alignVerdicts(human, verdicts.filter((v) => v.judge === 'judge-x' && v.mode === 'code-only' && v.order === 'AB'));
    const decisive = scorePairs(pairs, 'four-class', 'no-ties');
    const all = scorePairs(pairs, 'four-class', 'no-ties', { noTiesAverage: 'all' });
    expect(all.averagedOver).toEqual(['A', 'B', 'tie', 'both_bad']);
    // tie and both_bad have no support without ties: their F1 is 0, so the 4-label mean is lower
    expect(all.macroF1).toBeLessThan(decisive.macroF1);
    expect(all.accuracy).toBe(decisive.accuracy);
  });
});
