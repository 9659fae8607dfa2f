/**
 * arquero DataFrames from rows and Arrow tables; describe, groupCount and CSV
 * export checked against Debian's pandas on the same data in the same run.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe as suite, expect, it } from 'vitest';
import { comparisonsToArrow } from '../../src/data/arrow.js';
import { InputError } from '../../src/errors.js';
import { describe, frameCsv, frameRows, groupCount, numericColumns, tableHtml, toDataFrame, writeFrameCsv } from '../../src/notebook/index.js';
import { makeComparison } from '../support/comparisons.js';
import { runPython } from '../support/python.js';

// Text that breaks naive CSV writers: commas, quotes, line breaks (LF and CRLF), a leading space, non-ASCII.
const ROWS = [
  { name: 'plain', score: 1.5, count: 3, note: 'ok', flag: true },
  { name: 'a, b', score: 2.25, count: null, note: 'he said "hi"', flag: false },
  { name: 'line\nbreak', score: null, count: 7, note: ' lead space', flag: true },
  { name: 'crlf\r\nend', score: -4, count: 1, note: 'naïve — ü', flag: null },
  { name: '"quoted"', score: 10, count: 2, note: '', flag: false },
];

suite('toDataFrame', () => {
  it('builds a frame from the flat comparison view that groupCount can count', () => {
    const comparisons = [
      makeComparison({ id: '1', topic: 'web_design', vote: 'A' }),
      makeComparison({ id: '2', topic: 'web_design', vote: 'B' }),
      makeComparison({ id: '3', topic: 'game_development', vote: 'A', b: { success: null } }),
    ];
    const df = toDataFrame(comparisonsToArrow(comparisons));
    expect([df.numRows(), df.numCols()]).toEqual([3, 23]);
    expect(df.columnNames().slice(0, 5)).toEqual(['id', 'model_a', 'model_b', 'vote', 'topic']);
    expect(frameRows(groupCount(df, ['topic']))).toEqual([{ topic: 'game_development', count: 1 }, { topic: 'web_design', count: 2 }]);
    // A null stays null (not the string "null") in the frame.
    expect(frameRows(df).find((r) => r.id === '3')!.success_b).toBeNull();
    // showTable takes the frame as it is.
    expect(tableHtml(df)).toContain('<td style="text-align:left">web_design</td>');
  });

  it('builds a frame from row objects, objects as JSON text', () => {
    const rows = frameRows(toDataFrame([{ a: 1, b: 'x', c: { k: 1 } }, { a: 2, b: 'y', c: { k: 2 } }]));
    expect(rows).toEqual([{ a: 1, b: 'x', c: '{"k":1}' }, { a: 2, b: 'y', c: '{"k":2}' }]);
  });

  it('rejects an empty input, and an unknown column in describe or groupCount', () => {
    expect(() => toDataFrame([])).toThrow(InputError);
    const df = toDataFrame(ROWS);
    expect(() => describe(df, ['nope'])).toThrow(/no column "nope"/);
    expect(() => groupCount(df, ['nope'])).toThrow(/no column "nope"/);
    expect(() => describe(toDataFrame([{ s: 'x' }]))).toThrow(/no numeric column/);
  });
});

suite('the same answers as pandas', () => {
  const df = toDataFrame(ROWS);

  it('CSV export with commas, quotes and line breaks in fields reads back in pandas unchanged', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bcr-df-')), 'frame.csv');
    writeFrameCsv(df, file);
    const back = (await runPython(
      `import json, sys, pandas as pd
df = pd.read_csv(json.load(sys.stdin), keep_default_na=False, dtype=str)
print(json.dumps({"columns": list(df.columns), "rows": df.values.tolist()}))`,
      file,
    )) as { columns: string[]; rows: string[][] };
    expect(back.columns).toEqual(['name', 'score', 'count', 'note', 'flag']);
    // Read as text: each field exactly as written, null as the empty field.
    const text = (v: unknown) => (v === null ? '' : String(v));
    expect(back.rows).toEqual(ROWS.map((r) => [r.name, text(r.score), text(r.count), r.note, text(r.flag)]));
    expect(frameCsv(df).split('\n')[0]).toBe('name,score,count,note,flag');
  });

  it('describe equals pandas describe() on the numeric columns (nulls skipped, booleans left out)', async () => {
    expect(numericColumns(df)).toEqual(['score', 'count']);
    const ours = frameRows(describe(df));
    const theirs = (await runPython(
      `import json, sys, pandas as pd
rows = json.load(sys.stdin)
d = pd.DataFrame(rows).describe()
print(json.dumps({"index": list(d.index), "columns": list(d.columns), "values": d.values.tolist()}))`,
      ROWS,
    )) as { index: string[]; columns: string[]; values: number[][] };
    expect(theirs.columns).toEqual(['score', 'count']);
    expect(ours.map((r) => r.statistic)).toEqual(theirs.index);
    theirs.index.forEach((stat, i) => {
      theirs.columns.forEach((c, j) => expect(ours[i]![c] as number, `${stat} of ${c}`).toBeCloseTo(theirs.values[i]![j]!, 12));
    });
  });

  it('groupCount equals pandas groupby(...).size() on the comparison view', async () => {
    const comparisons = Array.from({ length: 40 }, (_, i) =>
      makeComparison({ id: String(i), topic: ['web_design', 'problem_solving', 'game_development'][i % 3]!, vote: (['A', 'B', 'tie', 'both_bad'] as const)[(i * 7) % 4]! }));
    const frame = toDataFrame(comparisonsToArrow(comparisons));
    const ours = frameRows(groupCount(frame, ['topic', 'vote'])).map((r) => [r.topic, r.vote, r.count]);
    const theirs = (await runPython(
      `import json, sys, pandas as pd
rows = json.load(sys.stdin)
g = pd.DataFrame(rows).groupby(["topic", "vote"]).size()
print(json.dumps([[t, v, int(n)] for (t, v), n in g.items()]))`,
      frameRows(frame).map((r) => ({ topic: r.topic, vote: r.vote })),
    )) as unknown[][];
    expect(ours).toEqual(theirs);
  });
});
