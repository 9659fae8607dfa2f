import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENTS } from '../../src/data/comparison.js';
import {
  extractProgram,
  javaFileName,
  parseInstallLine,
  programFromCode,
  programOfSide,
  recordedDependencies,
  type Program,
} from '../../src/exec/program/index.js';

interface Fixture {
  name: string;
  answer: string;
  expect: {
    language?: string;
    environment?: string;
    entry?: string;
    pip?: string[];
    npm?: string[];
    files?: string[];
    noCode?: string;
    /** A text the program's entry file must not contain. */
    absent?: string;
    /** A text one of the notes must contain. */
    note?: string;
  };
}

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/answers.json', import.meta.url), 'utf8')) as Fixture[];
const sorted = (xs: readonly string[]) => [...xs].sort();

describe('extractProgram on real-looking answers (fixtures/answers.json)', () => {
  it('has at least 40 answers covering every environment and runner', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    const environments = new Set(fixtures.map((f) => f.expect.environment).filter(Boolean));
    for (const e of ENVIRONMENTS) expect(environments, e).toContain(e);
    expect(new Set(fixtures.map((f) => f.expect.language))).toContain('TypeScript');
    expect(fixtures.some((f) => f.expect.noCode)).toBe(true);
  });

  for (const f of fixtures) {
    it(f.name, () => {
      const got = extractProgram(f.answer);
      if (f.expect.noCode) {
        expect(got.kind).toBe('no-code');
        if (got.kind !== 'no-code') return;
        expect(got.reason).toBe(f.expect.noCode);
        expect(got.message).not.toBe('');
        if (f.expect.pip) expect(sorted(got.dependencies.pip)).toEqual(sorted(f.expect.pip));
        return;
      }
      expect(got.kind, got.kind === 'no-code' ? got.message : '').toBe('program');
      const p = (got as { program: Program }).program;
      expect({ language: p.language, environment: p.environment, entry: p.entry }).toEqual({
        language: f.expect.language,
        environment: f.expect.environment,
        entry: f.expect.entry,
      });
      expect(Object.keys(p.files)).toContain(p.entry);
      if (f.expect.files) expect(sorted(Object.keys(p.files))).toEqual(sorted(f.expect.files));
      else expect(Object.keys(p.files)).toEqual([p.entry]);
      if (f.expect.pip) expect(sorted(p.dependencies.pip)).toEqual(sorted(f.expect.pip));
      if (f.expect.npm) expect(sorted(p.dependencies.npm)).toEqual(sorted(f.expect.npm));
      if (f.expect.absent) expect(p.files[p.entry]).not.toContain(f.expect.absent);
      if (f.expect.note) expect(p.notes.join('\n')).toContain(f.expect.note);
    });
  }
});

describe('pieces', () => {
  it('parses install lines with flags, pins, operators and several tools', () => {
    expect(parseInstallLine('pip install -q --upgrade numpy "pandas>=2" -r req.txt && python app.py')).toEqual({ pip: ['numpy', 'pandas>=2'], npm: [] });
    expect(parseInstallLine('$ python3 -m pip install pygame==2.5.2  # the game')).toEqual({ pip: ['pygame==2.5.2'], npm: [] });
    expect(parseInstallLine('npm install --save-dev @types/node@20 typescript; npm run build')).toEqual({ pip: [], npm: ['@types/node@20', 'typescript'] });
    expect(parseInstallLine('yarn add three')).toEqual({ pip: [], npm: ['three'] });
    expect(parseInstallLine('cd app && npm install')).toEqual({ pip: [], npm: [] });
    expect(parseInstallLine('pip show numpy')).toEqual({ pip: [], npm: [] });
  });

  it('names Java files after the public class, else the class with main, else Main', () => {
    expect(javaFileName('public final class Game { public static void main(String[] a) {} }')).toBe('Game.java');
    expect(javaFileName('class A {}\nclass Runner {\n  public static void main(String[] a) {}\n}')).toBe('Runner.java');
    expect(javaFileName('/* public class Fake */\nclass X { }')).toBe('Main.java');
    // A nested public type does not name the file; the top-level class with main does.
    expect(javaFileName('class Light {\n  public enum State { RED, GREEN }\n}\nclass Sim {\n  public static void main(String[] a) { System.out.println("class Fake"); }\n}')).toBe('Sim.java');
  });

  it('keeps the names of a file given by the answer only inside the workspace', () => {
    const answer = '**../../etc/evil.py**\n```python\nprint(1)\n```';
    const got = extractProgram(answer);
    expect(got.kind === 'program' && got.program.entry).toBe('main.py');
  });

  it('takes bare code when asked, and reports it otherwise', () => {
    expect(extractProgram('print(1)').kind).toBe('no-code');
    const got = extractProgram('import pygame\npygame.init()', { unfenced: 'code' });
    expect(got.kind === 'program' && got.program.environment).toBe('PyGame');
  });

  it('programFromCode trusts recorded names it knows and detects the rest', () => {
    const recorded = programFromCode('import streamlit as st\nst.write(1)', { language: 'python', environment: 'Streamlit', dependencies: { pip: ['streamlit==1.38'], npm: [] } });
    expect(recorded.kind === 'program' && recorded.program).toMatchObject({ language: 'Python', environment: 'Streamlit', entry: 'main.py', dependencies: { pip: ['streamlit==1.38'] } });
    const golang = programFromCode('package main\nfunc main() {}', { environment: 'Golang Runner' });
    expect(golang.kind === 'program' && golang.program).toMatchObject({ language: 'Go', environment: 'Go Runner', entry: 'main.go' });
    const unknown = programFromCode('fn main() { println!("x"); }', { language: 'Klingon' });
    expect(unknown.kind === 'program' && unknown.program.language).toBe('Rust');
    expect(programFromCode('  ').kind).toBe('no-code');
  });

  it('reads recorded code_dependencies in both shapes the arena stores', () => {
    expect(recordedDependencies([['numpy', 'pygame'], ['three']])).toEqual({ pip: ['numpy', 'pygame'], npm: ['three'] });
    expect(recordedDependencies([['python', 'numpy', '==1.26'], ['npm', 'react', 'latest'], ['python', ' ', '']])).toEqual({ pip: ['numpy==1.26'], npm: ['react'] });
    expect(recordedDependencies([[], []])).toEqual({ pip: [], npm: [] });
    expect(recordedDependencies(null)).toEqual({ pip: [], npm: [] });
  });

  it('programOfSide runs recorded code when there is some, else the answer', () => {
    const answer = '```python\nimport gradio as gr\ngr.Interface(lambda x: x, "text", "text").launch()\n```';
    const fromAnswer = programOfSide({ code: null, language: null, environment: null, answer });
    expect(fromAnswer.kind === 'program' && fromAnswer.program.environment).toBe('Gradio');
    const recorded = programOfSide({ code: 'print(2)', language: 'Python', environment: 'Python Runner', answer }, { pip: ['rich'], npm: [] });
    expect(recorded.kind === 'program' && recorded.program).toMatchObject({ environment: 'Python Runner', files: { 'main.py': 'print(2)' }, dependencies: { pip: ['rich'] } });
  });
});
