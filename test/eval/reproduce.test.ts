/**
 * `bcr reproduce` end to end: a generated dataset and a published-verdicts
 * repository served by the stand-in hub, the real `bin/bcr.js` (run
 * `npm run build` first), and every printed number checked against
 * scikit-learn computed independently from the same raw rows. Also the
 * paper-name mapping and the shipped paper table.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPaperTable, paperJudgeName } from '../../src/eval/reproduce-paper.js';
import { presetCorrelations, RATING_PRESETS } from '../../src/eval/presets.js';
import { battlesFromVerdicts, compareLeaderboards } from '../../src/eval/leaderboards.js';
import { rateBattles } from '../../src/ratings/rate.js';
import { battlesFromComparisons } from '../../src/ratings/slices.js';
import { makeComparison } from '../support/comparisons.js';
import { ConfigError, InputError } from '../../src/errors.js';
import { createRng } from '../../src/util/rng.js';
import { startHubServer, type HubServer } from '../support/hub-server.js';
import { hubRow, tempDir, writeHubParquet } from '../support/parquet-fixtures.js';
import { runPython } from '../support/python.js';
import { writeFlatSplit, type FlatVerdictRow } from '../data/published-verdicts-fixtures.js';
import type { BigCodeRewardRow } from '../../src/data/row.js';

const BIN = new URL('../../bin/bcr.js', import.meta.url).pathname;
const RESULTS = 'bigcode/bigcodereward-experiment-results';
const tmp = tempDir('bcr-reproduce-');
const MODELS = ['m1', 'm2', 'm3', 'm4', 'm5'];
const TOPICS = ['web_design', 'problem_solving', 'game_development'];
const JUDGMENTS = ['vote_left', 'vote_right', 'vote_tie', 'vote_both_bad', 'vote_model_A', 'vote_model_B'];

interface Fixture {
  rows: Pick<BigCodeRewardRow, 'chat_session_id' | 'human_vote' | 'category_name'>[];
  splits: Record<string, FlatVerdictRow[]>;
}

/** 90 records; a judge that mostly agrees with people, more so with output; failures, an unknown label and ids absent from the dataset. */
function generate(): Fixture {
  const rng = createRng(42);
  const rows: BigCodeRewardRow[] = [];
  for (let i = 0; i < 90; i++) {
    const a = MODELS[rng.int(0, 4)]!;
    let b = MODELS[rng.int(0, 4)]!;
    if (b === a) b = MODELS[(MODELS.indexOf(a) + 1) % MODELS.length]!;
    // Stronger models (lower index) win more often, so leaderboards have a shape.
    const u = rng.next();
    const vote = u < 0.15 ? 'vote_tie' : u < 0.22 ? 'vote_both_bad' : (rng.next() < 0.7) === (MODELS.indexOf(a) < MODELS.indexOf(b)) ? 'vote_model_A' : 'vote_model_B';
    rows.push(hubRow({ chat_session_id: `s${i}`, model_A: a, model_B: b, human_vote: vote, category_name: TOPICS[i % 3]!, category_id: (i % 3) + 1 }));
  }
  writeHubParquet(join(tmp, 'dataset.parquet'), rows);
  const asJudgment = (vote: string) => ({ vote_model_A: 'vote_left', vote_model_B: 'vote_right', vote_tie: 'vote_tie', vote_both_bad: 'vote_both_bad' })[vote]!;
  const judge = (agree: number): FlatVerdictRow[] => rows.map((r, i) => ({
    chat_session_id: r.chat_session_id,
    judgment: i % 17 === 5 ? null : rng.next() < agree ? asJudgment(r.human_vote) : JUDGMENTS[rng.int(0, JUDGMENTS.length - 1)]!,
    model_A: r.model_A,
    model_B: r.model_B,
  }));
  const withOut = [...judge(0.7), { chat_session_id: 'ghost-1', judgment: 'vote_left' }, { chat_session_id: 'ghost-2', judgment: 'vote_tie' }];
  const codeOnly = judge(0.45);
  codeOnly[3] = { ...codeOnly[3]!, judgment: 'A>>B' };
  const splits = {
    gpt_4o_2024_11_20_with_execution: withOut,
    gpt_4o_2024_11_20_without_execution: codeOnly,
    acme_new_judge_with_execution: judge(0.6),
  };
  for (const [split, verdicts] of Object.entries(splits)) writeFlatSplit(join(tmp, 'repo'), split, verdicts);
  return { rows, splits };
}

let fixture: Fixture;
let hub: HubServer;
beforeAll(async () => {
  fixture = generate();
  hub = await startHubServer({ datasets: { [RESULTS]: join(tmp, 'repo') } });
});
afterAll(async () => {
  await hub.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Async on purpose: the stand-in hub runs in this process, and a synchronous spawn would block it. */
function bcr(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, HF_ENDPOINT: hub.url, BCR_CACHE_DIR: join(tmp, 'cache') };
  delete env.HF_TOKEN;
  delete env.HUGGING_FACE_HUB_TOKEN;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: tmp, encoding: 'utf8', timeout: 180_000, env }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, out: stdout, err: stderr });
    });
  });
}

// Independent of our code: the paper's definition written out with pandas-free Python and sklearn.
const SKLEARN = `
import json, sys
from sklearn.metrics import accuracy_score, f1_score
d = json.load(sys.stdin)
human = {r['chat_session_id']: r for r in d['rows']}
hv = {'vote_model_A': 'A', 'vote_model_B': 'B', 'vote_tie': 'uncertain', 'vote_both_bad': 'uncertain'}
jv = {'vote_left': 'A', 'vote_model_A': 'A', 'vote_right': 'B', 'vote_model_B': 'B', 'vote_tie': 'uncertain', 'vote_both_bad': 'uncertain'}
out = []
for split, verdicts in d['splits'].items():
    for topic in ['overall'] + sorted({r['category_name'] for r in d['rows']}):
        t, p, errors = [], [], 0
        for v in verdicts:
            r = human.get(v['chat_session_id'])
            if r is None or (topic != 'overall' and r['category_name'] != topic):
                continue
            if v['judgment'] not in jv:
                errors += 1
                continue
            t.append(hv[r['human_vote']]); p.append(jv[v['judgment']])
        out.append({'split': split, 'topic': topic, 'n': len(t), 'errors': errors,
                    'accuracy': 100 * accuracy_score(t, p),
                    'macroF1': 100 * f1_score(t, p, labels=['A', 'B', 'uncertain'], average='macro', zero_division=0)})
print(json.dumps(out))
`;

interface JsonRow {
  judge: string;
  paperJudge?: string;
  topic: string;
  codeOnly?: { accuracy: number; macroF1: number; n: number; errors: number };
  withOutput?: { accuracy: number; macroF1: number; n: number; errors: number };
  gain?: { accuracy: number; macroF1: number };
  published?: { codeOnly: { accuracy: number; macroF1: number }; withOutput: { accuracy: number; macroF1: number } };
  diff?: { codeOnly?: { accuracy: number }; withOutput?: { accuracy: number; macroF1: number } };
}

describe('bcr reproduce through bin/bcr.js and the stand-in hub', () => {
  it('prints the paper-definition numbers that sklearn computes, with the published ones beside them', async () => {
    const chart = join(tmp, 'reproduce.png');
    const r = await bcr(['reproduce', '--dataset', join(tmp, 'dataset.parquet'), '--results', RESULTS, '--json', '--chart', chart]);
    expect(r.err).toContain('unknown judgment "A>>B" x1 in gpt_4o_2024_11_20_without_execution');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { rows: JsonRow[]; unmatchedVerdicts: number; humanVotes: number; ratings: { preset: { name: string }; judges: { judge: string; mode: string; preset: string; correlation: { n: number } }[] } };
    const expected = (await runPython(SKLEARN, fixture)) as { split: string; topic: string; n: number; errors: number; accuracy: number; macroF1: number }[];
    const mode = (split: string) => (split.endsWith('_with_execution') ? 'withOutput' : 'codeOnly');
    const judgeOf = (split: string) => split.replace(/_(with|without)_execution$/, '');
    expect(expected.length).toBe(3 * 4);
    for (const e of expected) {
      const row = report.rows.find((x) => x.judge === judgeOf(e.split) && x.topic === e.topic);
      const ours = row?.[mode(e.split)];
      expect(ours, `${e.split} ${e.topic}`).toBeDefined();
      expect(ours!.n).toBe(e.n);
      expect(ours!.errors).toBe(e.errors);
      expect(ours!.accuracy).toBeCloseTo(e.accuracy, 9);
      expect(ours!.macroF1).toBeCloseTo(e.macroF1, 9);
    }
    expect(report.humanVotes).toBe(90);
    expect(report.unmatchedVerdicts).toBe(2);
    const gpt = report.rows.find((x) => x.judge === 'gpt_4o_2024_11_20' && x.topic === 'overall')!;
    expect(gpt.paperJudge).toBe('GPT-4o');
    expect(gpt.published!.codeOnly.accuracy).toBe(54.6);
    expect(gpt.published!.withOutput.accuracy).toBe(63.8);
    expect(gpt.diff!.withOutput!.accuracy).toBeCloseTo(gpt.withOutput!.accuracy - 63.8, 9);
    expect(gpt.gain!.accuracy).toBeCloseTo(gpt.withOutput!.accuracy - gpt.codeOnly!.accuracy, 9);
    // Per topic, the paper's topic rows are beside ours.
    const web = report.rows.find((x) => x.judge === 'gpt_4o_2024_11_20' && x.topic === 'web_design')!;
    expect(web.published!.withOutput.macroF1).toBe(52.9);
    // A judge the paper does not have: ours only, in one mode.
    const acme = report.rows.find((x) => x.judge === 'acme_new_judge' && x.topic === 'overall')!;
    expect(acme.paperJudge).toBeUndefined();
    expect(acme.published).toBeUndefined();
    expect(acme.codeOnly).toBeUndefined();
    // The rating correlations say which preset made them.
    expect(report.ratings.preset.name).toBe('reference');
    expect(report.ratings.judges.map((j) => [j.judge, j.mode, j.preset, j.correlation.n])).toEqual([
      ['acme_new_judge', 'with-output', 'reference', 5],
      ['gpt_4o_2024_11_20', 'code-only', 'reference', 5],
      ['gpt_4o_2024_11_20', 'with-output', 'reference', 5],
    ]);
    expect(existsSync(chart)).toBe(true);
    expect(readFileSync(chart).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('the text table shows ours, published and the difference, and names the preset', async () => {
    const r = await bcr(['reproduce', '--dataset', join(tmp, 'dataset.parquet'), '--results', join(tmp, 'repo'), '--preset', 'arena']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('published: BigCodeArena, arXiv 2510.08697 v2');
    expect(r.out).toMatch(/gpt_4o_2024_11_20 +GPT-4o +overall +[\d.]+ +54\.6 +[\d.]+ +63\.8/);
    expect(r.out).toContain('acme_new_judge');
    expect(r.out).toContain('(not in paper)');
    expect(r.out).toContain('preset "arena": Bradley-Terry, 100 bootstrap rounds, 95% intervals');
    expect(r.out).toContain('2 verdicts have an id that is in no record of the dataset');
  });

  it('an unknown preset is a usage error (exit 2) naming the known ones', async () => {
    const r = await bcr(['reproduce', '--dataset', join(tmp, 'dataset.parquet'), '--results', join(tmp, 'repo'), '--preset', 'fastest']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--preset must be one of reference, default, arena; got "fastest"');
  });
});

describe('the paper table and judge names', () => {
  it('loads 15 judges x 7 topics from the shipped files', () => {
    const table = loadPaperTable();
    expect(new Set(table.map((e) => e.judge)).size).toBe(15);
    expect(table).toHaveLength(15 * 7);
    expect(table.find((e) => e.judge === 'Claude-Sonnet-4' && e.topic === 'overall')).toEqual({
      judge: 'Claude-Sonnet-4', topic: 'overall', codeOnly: { accuracy: 56.7, macroF1: 43.4 }, withOutput: { accuracy: 62.3, macroF1: 48.9 },
    });
  });

  it('a bad cell in the paper table is an InputError naming file, row and field', () => {
    const dir = tempDir('bcr-paper-');
    writeFileSync(join(dir, 'accuracy.csv'), 'judge,topic,without_execution,with_execution\nGPT-4o,overall,54.6,63.8\nGPT-4o,web_design,57.7,abc\n');
    writeFileSync(join(dir, 'macro_f1.csv'), 'judge,topic,without_execution,with_execution\nGPT-4o,overall,46.2,52.1\n');
    expect(() => loadPaperTable(dir)).toThrow(InputError);
    expect(() => loadPaperTable(dir)).toThrow(`${join(dir, 'accuracy.csv')}, row 2, field "with_execution": must be a number`);
    writeFileSync(join(dir, 'accuracy.csv'), 'judge,topic,without_execution,with_execution\nGPT-4o,overall,54.6,63.8\nGPT-4o,web_design,57.7,65\n');
    expect(() => loadPaperTable(dir)).toThrow('judge GPT-4o, topic web_design has no macro-F1 row');
  });

  it('maps the splits\' model ids to the paper names, and no paper name to an unknown judge', () => {
    const names = [...new Set(loadPaperTable().map((e) => e.judge))];
    const cases: [string, string | undefined][] = [
      ['gpt_4o_2024_11_20', 'GPT-4o'], ['gpt_4o_mini_2024_07_18', 'GPT-4o-mini'], ['gpt_4_1', 'GPT-4.1'], ['gpt_4_1_mini_2025_04_14', 'GPT-4.1-mini'],
      ['claude_sonnet_4_20250514', 'Claude-Sonnet-4'], ['claude_3_7_sonnet_20250219', 'Claude-3.7-Sonnet'], ['claude_3_5_sonnet_20241022', 'Claude-3.5-Sonnet'],
      ['OpenGVLab_InternVL3_78B', 'InternVL3-78B'], ['OpenGVLab_InternVL3_38B', 'InternVL3-38B'], ['Qwen_Qwen2_5_VL_72B_Instruct', 'Qwen2.5-VL-72B-Instruct'],
      ['Qwen_Qwen2_5_VL_32B_Instruct', 'Qwen2.5-VL-32B-Instruct'], ['google_gemma_3_27b_it', 'Gemma-3-27B'], ['zai_org_GLM_4_5V', 'GLM-4.5V'],
      ['XiaomiMiMo_MiMo_VL_7B_RL', 'MiMo-VL-7B-RL'], ['moonshotai_Kimi_VL_A3B_Thinking_2506', 'Kimi-VL-A3B-Thinking'],
      ['acme_new_judge', undefined], ['gpt_5', undefined],
    ];
    for (const [split, paper] of cases) expect(paperJudgeName(split, names), split).toBe(paper);
  });
});

describe('rating presets', () => {
  it('holds the reference method, the default and the arena as documented', () => {
    expect(RATING_PRESETS.reference.rate).toMatchObject({ method: 'elo', elo: { k: 4 }, bootstrap: 1000, confidence: 0.9 });
    expect(RATING_PRESETS.arena.rate).toMatchObject({ method: 'bt', bootstrap: 100, confidence: 0.95 });
    expect(RATING_PRESETS.reference.headline).toBe('spearman');
  });

  it('reference: online Elo over the verdicts in dataset row order, whatever order they arrive in', async () => {
    const rng = createRng(9);
    const models = ['p', 'q', 'r', 's'];
    const outcomes = ['A', 'B', 'tie', 'both_bad'] as const;
    const comparisons = Array.from({ length: 60 }, (_, i) => makeComparison({
      id: `c${i}`, vote: outcomes[rng.int(0, 3)]!, a: { model: models[i % 4]! }, b: { model: models[(i + 1 + (i % 3)) % 4]! },
    }));
    const verdicts = comparisons.map((c) => ({ id: c.id, judge: 'j', mode: 'with-output' as const, order: 'AB' as const, verdict: outcomes[rng.int(0, 3)]! }));
    const inOrder = await presetCorrelations(comparisons, verdicts, 'reference');
    const shuffled = await presetCorrelations(comparisons, [...verdicts].reverse(), 'reference');
    expect(shuffled.judges[0]!.correlation).toEqual(inOrder.judges[0]!.correlation);
    // The same numbers by hand: Elo K=4 with 1000 rounds at 90% on the judge's battles in dataset order.
    const human = await rateBattles(battlesFromComparisons(comparisons), { method: 'elo', elo: { k: 4 }, bootstrap: 1000, confidence: 0.9, seed: 0 });
    const judge = await rateBattles(battlesFromVerdicts(comparisons, verdicts).battles, { method: 'elo', elo: { k: 4 }, bootstrap: 1000, confidence: 0.9, seed: 0 });
    expect(inOrder.judges[0]!.correlation).toEqual(compareLeaderboards(human, judge));
    expect(inOrder.judges[0]!.preset).toBe('reference');
    // Fed in reverse without the reordering, online Elo gives other ratings.
    const reversed = await rateBattles(battlesFromVerdicts(comparisons, [...verdicts].reverse()).battles, { method: 'elo', elo: { k: 4 } });
    const forward = await rateBattles(battlesFromVerdicts(comparisons, verdicts).battles, { method: 'elo', elo: { k: 4 } });
    expect(reversed.rows.map((r) => r.rating)).not.toEqual(forward.rows.map((r) => r.rating));
  });

  it('an unknown preset is a ConfigError', async () => {
    await expect(presetCorrelations([], [], 'nope')).rejects.toBeInstanceOf(ConfigError);
  });
});
