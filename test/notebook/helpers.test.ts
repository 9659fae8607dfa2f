/**
 * The notebooks' library helpers: judging several judges resumably, the
 * published-results layout round trip, the shipped LLMFAO files, the gain
 * test on vote files (checked against statsmodels on the real LLMFAO votes,
 * pairing and orientation redone in pandas), Holm across judges, and the
 * recorded-vs-fresh rows of a real sandbox run.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Comparison } from '../../src/data/comparison.js';
import { openDataset } from '../../src/data/dataset.js';
import { loadPublishedVerdicts } from '../../src/data/published-verdicts.js';
import { LLMFAO_JUDGE_MAPPING, LLMFAO_MAPPING, readVotesFile } from '../../src/data/votes-file.js';
import type { VerdictRecord } from '../../src/data/verdict.js';
import { InputError } from '../../src/errors.js';
import { localBackend } from '../../src/exec/backends/local.js';
import { executeDataset } from '../../src/exec/execute-dataset.js';
import { readExecutions } from '../../src/exec/executions-file.js';
import { loadPaperTable } from '../../src/eval/reproduce-paper.js';
import { reproduceTable } from '../../src/eval/reproduce.js';
import {
  gainOnVotes, gainRows, judgeAll, llmfaoFile, LLMFAO_FILES, modeGainRows, modeGainsByJudge, reproduceRows, resultsFileName,
  sideExecutionRows, writeExperimentResults, type LlmfaoFile,
} from '../../src/notebook/index.js';
import { runPython } from '../support/python.js';

const SHARED_LLMFAO = new URL('../../../shared/data/llmfao/', import.meta.url);

let comparisons: Comparison[] = [];
let verdicts: VerdictRecord[] = [];

beforeAll(async () => {
  comparisons = await (await openDataset()).loadComparisons({ limit: 120 });
  const outDir = mkdtempSync(join(tmpdir(), 'bcr-judgeall-'));
  ({ verdicts } = await judgeAll(comparisons, ['baseline:random', 'baseline:exec-aware'], { outDir }));
}, 60_000);

describe('judgeAll', () => {
  it('writes one results file per judge, both modes, and resumes from them', async () => {
    expect(verdicts).toHaveLength(120 * 2 * 2);
    const outDir = mkdtempSync(join(tmpdir(), 'bcr-judgeall-'));
    const first = await judgeAll(comparisons, ['baseline:longer-answer'], { outDir, modes: ['with-output'] });
    const again = await judgeAll(comparisons, ['baseline:longer-answer'], { outDir, modes: ['with-output'] });
    expect(first.runs[0]).toMatchObject({ judge: 'baseline:longer-answer', tasks: 120, alreadyDone: 0, written: 120, file: join(outDir, 'baseline_longer-answer.jsonl') });
    expect(again.runs[0]).toMatchObject({ tasks: 120, alreadyDone: 120, written: 0 });
    expect(again.verdicts).toEqual(first.verdicts);
    expect(resultsFileName('openai:gpt-4o/x')).toBe('openai_gpt-4o_x.jsonl');
  });
});

describe('writeExperimentResults', () => {
  it('round-trips through the published-verdicts loader and scores the same as the verdicts themselves', async () => {
    const dir = writeExperimentResults(verdicts, mkdtempSync(join(tmpdir(), 'bcr-results-')));
    const read = await loadPublishedVerdicts(dir);
    expect(read.unknownJudgments).toEqual([]);
    expect(read.splits.map((s) => s.split).sort()).toEqual([
      'baseline_exec_aware_with_execution', 'baseline_exec_aware_without_execution', 'baseline_random_with_execution', 'baseline_random_without_execution',
    ]);
    const key = (v: { id: string; mode: string; verdict: string }) => `${v.id} ${v.mode} ${v.verdict}`;
    const byJudge = (name: string) => verdicts.filter((v) => v.judge === `baseline:${name}`).map(key).sort();
    expect(read.verdicts.filter((v) => v.judge === 'baseline_random').map(key).sort()).toEqual(byJudge('random'));
    expect(read.verdicts.filter((v) => v.judge === 'baseline_exec_aware').map(key).sort()).toEqual(byJudge('exec-aware'));
    // The paper's table from the round trip equals the one from the original verdicts (judge names aside).
    const strip = (rows: ReturnType<typeof reproduceRows>) => rows.map(({ judge: _judge, ...rest }) => rest);
    const renamed = verdicts.map((v) => ({ ...v, judge: v.judge.replace(/[^A-Za-z0-9]/g, '_') }));
    expect(strip(reproduceRows(reproduceTable(comparisons, read.verdicts, loadPaperTable()), { topics: 'all' })))
      .toEqual(strip(reproduceRows(reproduceTable(comparisons, renamed, loadPaperTable()), { topics: 'all' })));
  });
});

describe('llmfaoFile', () => {
  it('finds every shipped file, byte-identical to the upstream copy, licence beside them', () => {
    for (const name of LLMFAO_FILES) expect(readFileSync(llmfaoFile(name)).equals(readFileSync(new URL(name, SHARED_LLMFAO))), name).toBe(true);
    expect(readFileSync(join(llmfaoFile('crowd-comparisons.csv'), '..', 'LICENSE.CC-BY'), 'utf8')).toContain('Attribution 4.0 International');
    expect(() => llmfaoFile('nope.csv' as LlmfaoFile)).toThrow(InputError);
  });
});

describe('gainOnVotes on the real LLMFAO votes', () => {
  it('equals a pandas + statsmodels reimplementation: plurality of the crowd, unordered pairs, exact McNemar', async () => {
    const crowd = await readVotesFile(llmfaoFile('crowd-comparisons.csv'), LLMFAO_MAPPING);
    const gpt4 = await readVotesFile(llmfaoFile('gpt4-crowd-comparisons.csv'), LLMFAO_JUDGE_MAPPING);
    const gpt3 = await readVotesFile(llmfaoFile('gpt3-crowd-comparisons.csv'), LLMFAO_JUDGE_MAPPING);
    const report = gainOnVotes(crowd, gpt3, gpt4, { bootstrap: 200, seed: 1 });
    const ref = (await runPython(
      `import json, sys, pandas as pd
from statsmodels.stats.contingency_tables import mcnemar
files = json.load(sys.stdin)
def oriented(df):
    # Canonical order: the two names in code-point order; the winner flipped when swapped. left/right/tie -> A/B/tie.
    swap = df["right"] < df["left"]
    first = df["left"].where(~swap, df["right"]); second = df["right"].where(~swap, df["left"])
    w = df["winner"].map({"left": "A", "right": "B", "tie": "tie"})
    w = w.where(~swap, w.map({"A": "B", "B": "A", "tie": "tie"}))
    return pd.DataFrame({"key": df["id"].astype(str) + "|" + first + "|" + second, "label": w})
def plurality(labels):
    counts = labels.value_counts()
    top = counts[counts == counts.max()]
    return top.index[0] if len(top) == 1 else "tie"
def uncertain(x):
    return "uncertain" if x in ("tie", "both_bad") else x
crowd = oriented(pd.read_csv(files["crowd"])).groupby("key")["label"].agg(plurality).map(uncertain)
a = oriented(pd.read_csv(files["a"])).set_index("key")["label"].map(uncertain)
b = oriented(pd.read_csv(files["b"])).set_index("key")["label"].map(uncertain)
keys = crowd.index.intersection(a.index).intersection(b.index)
ra = a[keys] == crowd[keys]; rb = b[keys] == crowd[keys]
table = [[int((ra & rb).sum()), int((ra & ~rb).sum())], [int((~ra & rb).sum()), int((~ra & ~rb).sum())]]
print(json.dumps({"n": len(keys), "accA": float(ra.mean()), "accB": float(rb.mean()), "b": table[0][1], "c": table[1][0],
  "p": float(mcnemar(table, exact=True).pvalue)}))`,
      { crowd: llmfaoFile('crowd-comparisons.csv'), a: llmfaoFile('gpt3-crowd-comparisons.csv'), b: llmfaoFile('gpt4-crowd-comparisons.csv') },
    )) as { n: number; accA: number; accB: number; b: number; c: number; p: number };
    expect(report.overall.n).toBe(ref.n);
    expect(report.overall.accuracyA).toBeCloseTo(ref.accA, 12);
    expect(report.overall.accuracyB).toBeCloseTo(ref.accB, 12);
    expect([report.overall.mcnemar.b, report.overall.mcnemar.c]).toEqual([ref.b, ref.c]);
    expect(report.overall.mcnemar.pExact).toBeCloseTo(ref.p, 12);
    const rows = gainRows(report);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ slice: 'overall', n: ref.n, 'A right, B wrong': ref.b, 'A wrong, B right': ref.c });
    expect(rows[0]!['interval low']! as number).toBeLessThan(rows[0]!['accuracy B - A'] as number);
  }, 60_000);
});

describe('modeGainsByJudge', () => {
  it('tests each judge\'s with-output against its code-only verdicts, Holm across judges as statsmodels does', async () => {
    const human = new Map(comparisons.map((c) => [c.id, c.vote] as const));
    const oneMode = verdicts.filter((v) => v.judge === 'baseline:random' && v.mode === 'code-only').map((v) => ({ ...v, judge: 'only-code' }));
    const gains = modeGainsByJudge(human, [...verdicts, ...oneMode], { bootstrap: 0 });
    expect(gains.oneModeOnly).toEqual(['only-code']);
    expect(gains.judges.map((j) => j.judge)).toEqual(['baseline:exec-aware', 'baseline:random']);
    const ps = gains.judges.map((j) => j.report.overall.mcnemar.pExact);
    const holm = (await runPython(
      `import json, sys
from statsmodels.stats.multitest import multipletests
print(json.dumps(list(multipletests(json.load(sys.stdin), method="holm")[1])))`,
      ps,
    )) as number[];
    gains.judges.forEach((j, i) => expect(j.pHolm).toBeCloseTo(holm[i]!, 12));
    const rows = modeGainRows(gains);
    expect(rows.map((r) => r.judge)).toEqual(['baseline:exec-aware', 'baseline:random']);
    // The random baseline ignores the mode (seeded per record): no gain, nothing discordant.
    expect(rows[1]).toMatchObject({ gain: 0, 'McNemar p': 1 });
  });
});

describe('sideExecutionRows', () => {
  it('puts a real sandbox run beside the recording, per side', async () => {
    const python = comparisons.filter((c) => c.a.environment === 'Python Runner' && c.b.environment === 'Python Runner').slice(0, 1);
    expect(python).toHaveLength(1);
    const out = join(mkdtempSync(join(tmpdir(), 'bcr-exec-rows-')), 'executions.jsonl');
    await executeDataset({ comparisons: python, backend: localBackend(), out, limits: { wallMs: 20_000 } });
    const rows = sideExecutionRows(python, readExecutions(out));
    expect(rows.map((r) => r.side).sort()).toEqual(['a', 'b']);
    for (const r of rows) {
      const side = python[0]![r.side];
      expect(r).toMatchObject({ id: python[0]!.id, environment: 'Python Runner', 'recorded success': side.success });
      expect(r['recorded output']).toBe(side.output ?? side.error ?? '');
      // The sample's programs are real, and their recorded outputs were made by running them.
      expect(r['same output']).toBe(true);
      expect(r.similarity).toBe(1);
    }
  }, 60_000);
});

describe('slice intervals (sliceAgreement, as the notebooks show them)', () => {
  it('gives each slice its n and a seeded bootstrap interval of the right width', async () => {
    const { sliceAgreement } = await import('../../src/eval/slices.js');
    const rows = sliceAgreement(comparisons, verdicts, 'topic', { bootstrap: 2000, seed: 3 });
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.lower).not.toBeNull();
      expect(r.lower!).toBeLessThanOrEqual(r.value);
      expect(r.upper!).toBeGreaterThanOrEqual(r.value);
      // A percentile bootstrap of a proportion is close to the normal approximation's width.
      const normal = 2 * 1.959964 * Math.sqrt((r.value * (1 - r.value)) / r.n);
      if (r.value > 0.1 && r.value < 0.9 && r.n >= 20) expect(Math.abs(r.upper! - r.lower! - normal) / normal, `${r.topic} ${r.series}`).toBeLessThan(0.25);
    }
    expect(sliceAgreement(comparisons, verdicts, 'topic', { bootstrap: 2000, seed: 3 })).toEqual(rows);
    // Every verdict right: the interval collapses on 1.
    const perfect = comparisons.map((c) => ({ id: c.id, judge: 'oracle', mode: 'with-output' as const, order: 'AB' as const, verdict: c.vote }));
    expect(sliceAgreement(comparisons, perfect, 'language', { bootstrap: 200 }).every((r) => r.value === 1 && r.lower === 1 && r.upper === 1)).toBe(true);
  });
});
