/**
 * Our detection against recorded reality: the bundled sample's recorded
 * `code_language` / `sandbox_environment`, and the environments BigCodeArena's
 * own pipeline chose for the 58 generated solutions in ../shared/data.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDataset } from '../../src/data/dataset.js';
import { extractProgram, programOfSide } from '../../src/exec/program/index.js';

describe('the bundled sample: detected vs recorded language and environment', () => {
  it('agrees on almost every side, and lists the disagreements', async () => {
    const comparisons = await (await openDataset()).loadComparisons({ columns: ['states'] });
    const disagreements: string[] = [];
    let sides = 0;
    let language = 0;
    let environment = 0;
    for (const c of comparisons) {
      for (const [name, side] of [['A', c.a], ['B', c.b]] as const) {
        sides++;
        const got = extractProgram(side.answer);
        const lang = got.kind === 'program' ? got.program.language : `no code (${got.reason})`;
        const env = got.kind === 'program' ? got.program.environment : `no code (${got.reason})`;
        if (lang === side.language) language++;
        if (env === side.environment) environment++;
        if (lang !== side.language || env !== side.environment) {
          disagreements.push(`${c.id} ${name}: recorded ${side.language}/${side.environment}, detected ${lang}/${env}`);
        }
      }
    }
    console.log(
      `bundled sample: ${sides} sides, language agreement ${(language / sides).toFixed(3)}, environment agreement ${(environment / sides).toFixed(3)}` +
        (disagreements.length ? `\n  ${disagreements.join('\n  ')}` : ', no disagreement'),
    );
    expect(sides).toBe(600);
    expect(environment / sides).toBeGreaterThanOrEqual(0.98);
    expect(language / sides).toBeGreaterThanOrEqual(0.98);
  });

  it('programOfSide gives every side a program in its recorded environment, with its recorded code as the entry', async () => {
    const comparisons = await (await openDataset()).loadComparisons({ columns: ['states'] });
    const wrong: string[] = [];
    for (const c of comparisons) {
      for (const side of [c.a, c.b]) {
        const got = programOfSide(side);
        if (got.kind !== 'program') wrong.push(`${c.id}: ${got.message}`);
        else if (got.program.environment !== side.environment || got.program.files[got.program.entry] !== side.code) wrong.push(`${c.id}: ${got.program.environment}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

const DIR = join('..', 'shared', 'data', 'generated-solutions');

interface Solution { uid: string; category: string; solution: string }
interface Recorded { uid: string; environment: string; stderr: string | null }

const readJsonl = <T>(file: string): T[] =>
  readFileSync(join(DIR, file), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);

/**
 * Pairs each recorded result with its solution. uids repeat across
 * categories, and the results file is in completion order (the reference ran
 * five at a time through the categories in order), so a result belongs to the
 * first solution, in file order, with its uid that is not yet taken.
 */
function pairResults(solutions: Solution[], results: Recorded[]): [Solution, Recorded][] {
  const taken = new Set<number>();
  return results.map((r) => {
    const i = solutions.findIndex((s, k) => !taken.has(k) && s.uid === r.uid);
    if (i < 0) throw new Error(`no solution for result ${r.uid}`);
    taken.add(i);
    return [solutions[i]!, r];
  });
}

/**
 * Where we differ from the reference, and why. The generated solutions are
 * bare code (their opening fence was stripped); the reference found no fence
 * pair in most of them and fell back to substring rules (`prepare_for_execution`):
 * non-Python code defaults to Python Runner, any `//` comment without `import`
 * makes React, the word "mermaid" makes Mermaid, `<style>` makes HTML. Each
 * entry: category/uid -> [the environment we detect, the reason].
 */
const EXPLAINED: Record<string, [string, string]> = {
  'creative_coding/gen_000006': ['JavaScript Runner', 'JavaScript whose opening fence and comment opener were cut: the reference paired the later fences, recorded "No code to execute" and defaulted to Python Runner'],
  'diagram_creation/gen_000001': ['Python Runner', 'a Python script with a ```mermaid fence inside a string: the reference\'s fence regex matches inside strings and rendered that diagram; we read fences at line starts only'],
  'diagram_creation/gen_000003': ['Rust Runner', 'Rust without fences: the reference\'s fallback turns `//` comments without `def `/`class `/`import ` into React'],
  'diagram_creation/gen_000006': ['Python Runner', 'a Flask server with an inline template: the reference matched `<style>` and said HTML'],
  'game_development/gen_000001': ['Java Runner', 'Java: the reference defaults to Python Runner'],
  'game_development/gen_000004': ['JavaScript Runner', 'JavaScript: the reference paired two fences around the prose between them and ran that prose as Python (its recorded SyntaxError quotes it)'],
  'problem_solving/gen_000001': ['C Runner', 'C: the reference defaults to Python Runner'],
  'problem_solving/gen_000008': ['C Runner', 'C: the reference defaults to Python Runner'],
  'problem_solving/gen_000009': ['C++ Runner', 'C++: the reference defaults to Python Runner'],
  'scientific_computing/gen_000003': ['Rust Runner', 'Rust with only an unclosed fence at the end: the reference\'s fallback turns `//` comments into React'],
  'scientific_computing/gen_000005': ['Rust Runner', 'Rust with only an unclosed fence at the end: the reference\'s fallback turns `//` comments into React'],
  'web_design/gen_000003': ['React', 'a React component whose opening fence was cut, then a CSS block: the reference recorded "No code to execute" and defaulted to Python Runner'],
};

describe('generated solutions: our environment vs the one BigCodeArena chose', () => {
  const solutions = readJsonl<Solution>('solutions_and_tests.jsonl');
  const results = readJsonl<Recorded>('reference_execution_results.jsonl');
  const pairs = pairResults(solutions, results);

  it('pairs every result with the solution it ran (the quoted source line is in it)', () => {
    expect(pairs).toHaveLength(58);
    let checked = 0;
    for (const [s, r] of pairs) {
      const quoted = /line \d+\n {4}(.+)\n/.exec(r.stderr ?? '')?.[1]?.trim();
      if (!quoted) continue;
      checked++;
      expect(s.solution, `${s.category}/${s.uid}`).toContain(quoted);
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('agrees on at least 75%, and every disagreement is an explained reference fallback', () => {
    const unexplained: string[] = [];
    const lines: string[] = [];
    let agree = 0;
    for (const [s, r] of pairs) {
      const key = `${s.category}/${s.uid}`;
      const got = extractProgram(s.solution, { unfenced: 'code' });
      const env = got.kind === 'program' ? got.program.environment : `no code (${got.reason})`;
      if (env === r.environment) {
        agree++;
        continue;
      }
      const why = EXPLAINED[key];
      lines.push(`${key}: reference ${r.environment}, ours ${env}${why ? ` (${why[1]})` : ' (UNEXPLAINED)'}`);
      if (!why || why[0] !== env) unexplained.push(`${key}: reference ${r.environment}, ours ${env}`);
    }
    console.log(`generated solutions: environment agreement ${agree}/${pairs.length} (${(agree / pairs.length).toFixed(3)})\n  ${lines.join('\n  ')}`);
    expect(unexplained).toEqual([]);
    expect(agree / pairs.length).toBeGreaterThanOrEqual(0.75);
  });

  it('agrees on every solution whose environment the reference detected from the code itself', () => {
    // Apps (Streamlit, PyGame, React, HTML) are the reference's import and pattern rules, which we follow.
    const apps = pairs.filter(([, r]) => ['Streamlit', 'PyGame', 'HTML', 'React'].includes(r.environment));
    const wrong = apps.filter(([s, r]) => {
      const got = extractProgram(s.solution, { unfenced: 'code' });
      return (got.kind === 'program' ? got.program.environment : null) !== r.environment && !EXPLAINED[`${s.category}/${s.uid}`];
    });
    expect(apps.length).toBeGreaterThanOrEqual(15);
    expect(wrong.map(([s]) => `${s.category}/${s.uid}`)).toEqual([]);
  });
});
