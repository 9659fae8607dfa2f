/**
 * `bcr agree FILE --rater COL` with one file: agreement among the raters of
 * the LLMFAO crowd file (several workers per pair), each aggregation rule's
 * labels, and all-pairs agreement with and without ties, checked against an
 * independent pandas computation on the same file in the same run.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { register } from '../../src/cli/agree.js';
import type { RaterAgreementReport } from '../../src/eval/agree.js';
import { captureIO } from '../support/capture-io.js';
import { runPython } from '../support/python.js';

const CROWD = '../shared/data/llmfao/crowd-comparisons.csv';

async function run(args: string[]) {
  const io = captureIO();
  const code = await main(['agree', ...args], io, [register]);
  return { code, out: io.text(), err: io.stderr.join('') };
}

// Pairs keyed by item and the two models in code-point order; winners re-oriented to that order.
const PANDAS = `
import json, itertools, pandas as pd
df = pd.read_csv('${CROWD}', dtype=str, keep_default_na=False)
swap = df['left'] > df['right']
first = df['left'].where(~swap, df['right'])
second = df['right'].where(~swap, df['left'])
lab = df['winner'].map({'left': 'A', 'right': 'B', 'tie': 'tie'})
lab = lab.where(~swap, lab.map({'A': 'B', 'B': 'A', 'tie': 'tie'}))
d = pd.DataFrame({'key': df['id'] + '|' + first + '|' + second, 'worker': df['worker'], 'label': lab})
out = {'votes': len(d), 'pairs': int(d['key'].nunique()), 'raters': int(d['worker'].nunique()), 'aggregated': {}, 'allPairs': {}}
agg = {r: {'A': 0, 'B': 0, 'tie': 0, 'both_bad': 0} for r in ['plurality', 'first-rater', 'mean-sign']}
multi = split = 0
exact = [0, 0]; noties = [0, 0]
for key, g in d.groupby('key', sort=False):
    labels = list(g['label']); workers = list(g['worker'])
    counts = pd.Series(labels).value_counts()
    top = counts.max(); tops = [l for l in counts.index if counts[l] == top]
    agg['plurality'][tops[0] if len(tops) == 1 else 'tie'] += 1
    agg['first-rater'][next(l for l in labels if l in tops)] += 1
    s = sum(1 if l == 'A' else -1 if l == 'B' else 0 for l in labels)
    agg['mean-sign']['A' if s > 0 else 'B' if s < 0 else 'tie'] += 1
    if len(labels) > 1:
        multi += 1
        split += len(tops) > 1
    for (l1, w1), (l2, w2) in itertools.combinations(zip(labels, workers), 2):
        if w1 == w2: continue
        exact[1] += 1; exact[0] += l1 == l2
        if l1 != 'tie' and l2 != 'tie':
            noties[1] += 1; noties[0] += l1 == l2
out.update(multiVoted=multi, splitTop=int(split), aggregated=agg,
           allPairs={'exact': exact, 'noTies': noties})
print(json.dumps(out))
`;

interface Ref {
  votes: number;
  pairs: number;
  raters: number;
  multiVoted: number;
  splitTop: number;
  aggregated: RaterAgreementReport['aggregated'];
  allPairs: { exact: [number, number]; noTies: [number, number] };
}

describe('bcr agree with one file: agreement among its raters', () => {
  it('LLMFAO crowd workers: aggregation rules and all-pairs agreement equal pandas', async () => {
    const [ours, ref] = await Promise.all([
      run([CROWD, '--item', 'id', '--rater', 'worker', '--json']),
      runPython(PANDAS, null, { timeoutMs: 120_000 }) as Promise<Ref>,
    ]);
    expect(ours.code, ours.err).toBe(0);
    const r = JSON.parse(ours.out) as RaterAgreementReport;
    expect({ votes: r.votes, pairs: r.pairs, raters: r.raters, multiVoted: r.multiVoted, splitTop: r.splitTop }).toEqual(
      { votes: ref.votes, pairs: ref.pairs, raters: ref.raters, multiVoted: ref.multiVoted, splitTop: ref.splitTop },
    );
    expect(r.votes).toBe(8931);
    expect(r.aggregated).toEqual(ref.aggregated);
    // The three rules really differ on this file (a split top is common among crowd workers).
    expect(new Set(Object.values(r.aggregated).map((c) => c.tie)).size).toBe(3);
    expect([r.allPairs.exact.agreeing, r.allPairs.exact.pairs]).toEqual(ref.allPairs.exact);
    expect([r.allPairs.noTies.agreeing, r.allPairs.noTies.pairs]).toEqual(ref.allPairs.noTies);
    // LLMFAO has one tie label, so "any tie matches any tie" equals exact here.
    expect(r.allPairs.tiesMatch).toEqual(r.allPairs.exact);
  }, 180_000);

  it('"any tie matches any tie": tie and both_bad votes on one pair agree only with the option', async () => {
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tempDir } = await import('../support/parquet-fixtures.js');
    const file = join(tempDir('bcr-raters-'), 'votes.csv');
    // Pair 1: a tie and a both_bad vote (and one rater voting twice, never paired with itself); pair 2: (y, x) re-oriented.
    writeFileSync(file, 'id,left,right,winner,worker\n1,x,y,tie,w1\n1,x,y,bad,w2\n1,x,y,bad,w2\n2,x,y,left,w1\n2,y,x,right,w2\n');
    const { code, out, err } = await run([file, '--item', 'id', '--rater', 'worker', '--labels', 'left=left,right=right,tie=tie,both_bad=bad', '--json']);
    expect(code, err).toBe(0);
    const r = JSON.parse(out) as RaterAgreementReport;
    expect(r.allPairs.exact).toMatchObject({ agreeing: 1, pairs: 3 });
    expect(r.allPairs.tiesMatch).toMatchObject({ agreeing: 3, pairs: 3 });
    expect(r.allPairs.noTies).toMatchObject({ agreeing: 1, pairs: 1 });
    expect(r.aggregated['mean-sign']).toEqual({ A: 1, B: 0, tie: 1, both_bad: 0 });
    expect(r.aggregated.plurality).toEqual({ A: 1, B: 0, tie: 0, both_bad: 1 });

    const text = await run([file, '--item', 'id', '--rater', 'worker', '--labels', 'left=left,right=right,tie=tie,both_bad=bad']);
    expect(text.out).toMatch(/any tie matches any tie\s+3\s+100\.0/);
  });
});
