import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  followUpMessage,
  followUpTurn,
  normaliseWinner,
  parseVerdict,
  PARSE_METHODS,
  parseLenientJson,
  stripThinking,
} from '../../src/judge/parse/index.js';
import { toStoredVerdict } from '../../src/judge/orders.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'malformed-answers');

interface Expectation {
  case: string;
  verdict: string;
  method: string;
  note: string;
  allowBothBad?: boolean;
  errorIncludes?: string;
}

const expectations: Expectation[] = readFileSync(join(FIXTURES, 'expected.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Expectation);

describe('malformed-answer corpus', () => {
  it('has at least 40 cases, each file with exactly one expectation', () => {
    const files = readdirSync(join(FIXTURES, 'cases')).map((f) => f.replace(/\.txt$/, '')).sort();
    expect(expectations.length).toBeGreaterThanOrEqual(40);
    expect(expectations.map((e) => e.case).sort()).toEqual(files);
    for (const e of expectations) expect(PARSE_METHODS).toContain(e.method);
  });

  it('covers every parse method and verdict', () => {
    expect(new Set(expectations.map((e) => e.method))).toEqual(new Set(PARSE_METHODS));
    expect(new Set(expectations.map((e) => e.verdict))).toEqual(new Set(['A', 'B', 'tie', 'both_bad', 'error']));
  });

  for (const e of expectations) {
    it(`${e.case}: ${e.note}`, () => {
      const text = readFileSync(join(FIXTURES, 'cases', `${e.case}.txt`), 'utf8');
      const parsed = parseVerdict(text, { allowBothBad: e.allowBothBad ?? false });
      expect({ verdict: parsed.verdict, method: parsed.method }).toEqual({ verdict: e.verdict, method: e.method });
      if (e.verdict === 'error') {
        expect(parsed.error).toBeDefined();
        if (e.errorIncludes) expect(parsed.error).toContain(e.errorIncludes);
      } else {
        expect(parsed.error).toBeUndefined();
      }
    });
  }
});

describe('parseVerdict details', () => {
  it('returns the reasoning from JSON answers, including cut-off ones', () => {
    expect(parseVerdict('{"Overall": {"winner": "A", "reasoning": "It runs."}}').reasoning).toBe('It runs.');
    const partial = parseVerdict('{"Overall": {"winner": "B", "reasoning": "B handles the edge ca');
    expect(partial).toMatchObject({ verdict: 'B', method: 'partial-json', reasoning: 'B handles the edge ca' });
  });

  it('treats null and undefined as empty answers', () => {
    expect(parseVerdict(null)).toMatchObject({ verdict: 'error', method: 'none', error: 'empty answer' });
    expect(parseVerdict(undefined).verdict).toBe('error');
  });

  it('reads both_bad as tie unless the template allows it', () => {
    const text = '{"Overall": {"winner": "both bad"}}';
    expect(parseVerdict(text).verdict).toBe('tie');
    expect(parseVerdict(text, { allowBothBad: true }).verdict).toBe('both_bad');
  });

  it('gives a verdict about the shown pair, which toStoredVerdict maps back', () => {
    const shown = parseVerdict('{"Overall": {"winner": "A"}}').verdict;
    expect(toStoredVerdict(shown, 'AB')).toBe('A');
    expect(toStoredVerdict(shown, 'BA')).toBe('B');
  });
});

describe('normaliseWinner', () => {
  it.each([
    ['A', 'A'], ['a', 'A'], ['Model A', 'A'], ['assistant_b', 'B'], ['**B**', 'B'], ['vote_model_B', 'B'],
    ['A>B', 'A'], ['B >> A', 'B'], ['TIE', 'tie'], ['Tie.', 'tie'], ['draw', 'tie'], ['A=B', 'tie'],
    ['Response B (clearly)', 'B'], ['[[A]]', 'A'], ['  b  ', 'B'],
  ])('%s -> %s', (value, expected) => {
    expect(normaliseWinner(value, false)).toBe(expected);
  });

  it.each([['A|B|Tie'], ['A or B'], ['a clear win for B'], ['unsure'], [''], ['Model A and model B']])(
    'does not guess on %j',
    (value) => {
      expect(normaliseWinner(value, false)).toBeNull();
    },
  );

  it('maps both-bad wording by protocol', () => {
    expect(normaliseWinner('neither', true)).toBe('both_bad');
    expect(normaliseWinner('vote_both_bad', true)).toBe('both_bad');
    expect(normaliseWinner('neither', false)).toBe('tie');
    expect(normaliseWinner(3, true)).toBeNull();
  });
});

describe('parseLenientJson', () => {
  it('reads near-JSON through jsonrepair and keeps strict JSON as it is', () => {
    expect(parseLenientJson("{'a': 'fine', b: True,}")).toEqual({ a: 'fine', b: true });
    expect(parseLenientJson('{"r": "line1\nline2"}')).toEqual({ r: 'line1\nline2' });
    // Documented loss: an invalid escape keeps its character but not its backslash.
    expect(parseLenientJson('{"r": "x \\( y \\)"}')).toEqual({ r: 'x ( y )' });
    expect(parseLenientJson('{"Overall": {"winner": "A"} // final\n}')).toEqual({ Overall: { winner: 'A' } });
    expect(parseLenientJson('not json at all: {')).toBeUndefined();
  });
});

describe('stripThinking', () => {
  it('removes complete blocks, text before a stray closing tag, and unfinished blocks', () => {
    expect(stripThinking('<think>x</think>answer')).toBe('answer');
    expect(stripThinking('draft</think>answer')).toBe('answer');
    expect(stripThinking('answer <think>more')).toBe('answer ');
    expect(stripThinking('<think>only thinking')).toBeNull();
  });
});

describe('follow-up', () => {
  it('asks for the JSON verdict only, with the right label set', () => {
    expect(followUpMessage()).toContain('{"Overall": {"winner"');
    expect(followUpMessage()).toContain('"A", "B" or "Tie"');
    expect(followUpMessage({ allowBothBad: true })).toContain('"both_bad"');
    const turn = followUpTurn('Model A looks better but');
    expect(turn.map((m) => m.role)).toEqual(['assistant', 'user']);
    expect(turn[0]!.content).toBe('Model A looks better but');
  });
});
