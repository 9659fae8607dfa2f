import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LLMFAO_JUDGE_MAPPING, LLMFAO_MAPPING, readVotes, readVotesFile } from '../../src/data/votes-file.js';
import { aggregateVotes, agreeVotes } from '../../src/eval/agree.js';
import { tempDir } from '../support/parquet-fixtures.js';
import { runPython } from '../support/python.js';

const CROWD = '../shared/data/llmfao/crowd-comparisons.csv';
const GPT4 = '../shared/data/llmfao/gpt4-crowd-comparisons.csv';
const dir = tempDir();

/** A copy of an LLMFAO file with every other row's sides swapped (left<->right, winner flipped). */
function swappedCopy(path: string, name: string): string {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = header!.split(',');
  const [l, r, w] = ['left', 'right', 'winner'].map((c) => cols.indexOf(c));
  const out = lines.map((line, i) => {
    if (i % 2 === 1) return line;
    const f = line.split(',');
    [f[l!], f[r!]] = [f[r!]!, f[l!]!];
    f[w!] = f[w!] === 'left' ? 'right' : f[w!] === 'right' ? 'left' : f[w!]!;
    return f.join(',');
  });
  const target = join(dir, name);
  writeFileSync(target, [header, ...out].join('\n') + '\n');
  return target;
}

describe('agreeVotes on LLMFAO (crowd vs GPT-4)', () => {
  it('matches pairs by item and unordered model pair: half the rows swapped gives the same agreement', async () => {
    const crowd = await readVotesFile(CROWD, LLMFAO_MAPPING);
    const gpt4 = await readVotesFile(GPT4, LLMFAO_JUDGE_MAPPING);
    const swapped = await readVotesFile(swappedCopy(GPT4, 'gpt4-swapped.csv'), LLMFAO_JUDGE_MAPPING);
    const plain = agreeVotes(crowd, gpt4);
    const turned = agreeVotes(crowd, swapped);
    expect(plain.matched).toBe(2139);
    expect(turned.matched).toBe(2139);
    expect(turned.onlyIn).toEqual([0, 0]);
    // The all-pairs agreement without ties is the ~66% of the issue; by position it would be ~44%.
    expect(plain.allPairs.noTies.rate).toBeCloseTo(0.6616, 3);
    expect(turned.allPairs).toEqual(plain.allPairs);
    expect(turned.withTies).toEqual(plain.withTies);
    expect(turned.noTies).toEqual(plain.noTies);
    // Positional matching (the old behaviour) really differs on the swapped copy.
    const byPosition = gpt4.filter((b, i) => b.outcome === swapped[i]!.outcome).length / gpt4.length;
    expect(byPosition).toBeLessThan(0.8);
  });

  it('scores as scikit-learn does (accuracy, macro-F1, kappa, confusion), with and without ties', async () => {
    const crowd = await readVotesFile(CROWD, LLMFAO_MAPPING);
    const gpt4 = await readVotesFile(GPT4, LLMFAO_JUDGE_MAPPING);
    const r = agreeVotes(crowd, gpt4, { aggregate: 'mean-sign' });
    const yA = r.items.map((i) => (i.a === 'A' || i.a === 'B' ? i.a : 'uncertain'));
    const yB = r.items.map((i) => (i.b === 'A' || i.b === 'B' ? i.b : 'uncertain'));
    const ref = (await runPython(
      `
import json, sys
from sklearn.metrics import accuracy_score, f1_score, cohen_kappa_score, confusion_matrix
d = json.load(sys.stdin); a, b = d['a'], d['b']; L = ['A', 'B', 'uncertain']
keep = [i for i, x in enumerate(a) if x in ('A', 'B')]
a2 = [a[i] for i in keep]; b2 = [b[i] for i in keep]
print(json.dumps({
  'acc': accuracy_score(a, b), 'f1': f1_score(a, b, labels=L, average='macro', zero_division=0),
  'kappa': cohen_kappa_score(a, b, labels=L), 'cm': confusion_matrix(a, b, labels=L).tolist(),
  'acc2': accuracy_score(a2, b2), 'f12': f1_score(a2, b2, labels=['A', 'B'], average='macro', zero_division=0),
  'kappa2': cohen_kappa_score(a2, b2, labels=L)}))
`,
      { a: yA, b: yB },
    )) as { acc: number; f1: number; kappa: number; cm: number[][]; acc2: number; f12: number; kappa2: number };
    const m = r.withTies.threeClass;
    expect(m.accuracy).toBeCloseTo(ref.acc, 12);
    expect(m.macroF1).toBeCloseTo(ref.f1, 12);
    expect(m.kappa).toBeCloseTo(ref.kappa, 12);
    expect(m.confusion.matrix).toEqual(ref.cm);
    const n = r.noTies.threeClass;
    expect(n.accuracy).toBeCloseTo(ref.acc2, 12);
    expect(n.macroF1).toBeCloseTo(ref.f12, 12);
    expect(n.kappa).toBeCloseTo(ref.kappa2, 12);
  });

  it('crowd vs crowd: all-pairs agreement between raters, ties matching ties when asked', async () => {
    const crowd = await readVotesFile(CROWD, LLMFAO_MAPPING);
    const r = agreeVotes(crowd, crowd);
    expect(r.withTies.fourClass.accuracy).toBe(1);
    // Same rater ids on both sides are different raters here (the sets are prefixed), so self-pairs count.
    expect(r.allPairs.exact.pairs).toBeGreaterThan(crowd.length);
    expect(r.allPairs.tiesMatch.rate).toBeGreaterThanOrEqual(r.allPairs.exact.rate);
  });
});

describe('aggregation rules', () => {
  it('plurality reads a split top as a tie; first-rater breaks it by the earliest vote; mean-sign by the score', () => {
    expect(aggregateVotes(['A', 'B', 'A'], 'plurality')).toBe('A');
    expect(aggregateVotes(['B', 'A', 'A', 'B', 'tie'], 'plurality')).toBe('tie');
    expect(aggregateVotes(['B', 'A', 'A', 'B', 'tie'], 'first-rater')).toBe('B');
    expect(aggregateVotes(['tie', 'A', 'B', 'A'], 'mean-sign')).toBe('A');
    expect(aggregateVotes(['A', 'B'], 'mean-sign')).toBe('tie');
    expect(aggregateVotes(['both_bad', 'both_bad'], 'mean-sign')).toBe('both_bad');
  });
});

describe('readVotes policies', () => {
  it('several raw values per class, invalid rows skipped and listed with their lines, a row filter, columns from the file name', async () => {
    const path = join(dir, 'gpt-4_vs_llama.csv');
    writeFileSync(path, 'turn,item,winner\n1,a,0\n1,b,Tie\n2,c,left\n1,d,garbage\n1,e,-1\n1,f,\n1,g,right\n');
    const mapping = { left: 'left', right: 'right', winner: 'winner', item: 'item', labels: { left: 'left', right: 'right', tie: ['0', 'Tie'] } };
    const read = await readVotes(path, mapping, { invalid: 'skip', where: { turn: '1' }, fromFilename: '(?<left>[^_]+)_vs_(?<right>[^.]+)\\.csv' });
    expect(read.battles.map((b) => [b.item, b.left, b.right, b.outcome])).toEqual([
      ['a', 'gpt-4', 'llama', 'tie'],
      ['b', 'gpt-4', 'llama', 'tie'],
      ['g', 'gpt-4', 'llama', 'B'],
    ]);
    expect(read.filteredOut).toBe(1);
    expect(read.skipped.map((s) => [s.row, s.line, s.field, s.value])).toEqual([
      [3, 5, 'winner', 'garbage'],
      [4, 6, 'winner', '-1'],
      [5, 7, 'winner', ''],
    ]);
    await expect(readVotes(path, mapping, { where: { turn: '1' }, fromFilename: '(?<left>[^_]+)_vs_(?<right>[^.]+)\\.csv' })).rejects.toThrow(/garbage.*line 5/);
  });
});
