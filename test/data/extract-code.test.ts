import { describe, expect, it } from 'vitest';
import {
  canonicalEnvironment,
  canonicalLanguage,
  extractCode,
  findAnswerBlocks,
  findCodeBlocks,
  guessEnvironment,
  guessLanguage,
  jsImports,
  looksLikeTypeScript,
  pythonImports,
} from '../../src/data/extract-code.js';

const fence = (tag: string, body: string) => '```' + tag + '\n' + body + '\n```';

describe('findCodeBlocks', () => {
  it('finds tagged, untagged, tilde and unclosed blocks', () => {
    const answer = ['Intro', fence('py', 'a = 1'), 'text', '~~~\nplain\n~~~', '````js', 'x()', '```', 'still js', '````', '```rust', 'fn main() {'].join('\n');
    expect(findCodeBlocks(answer)).toEqual([
      { tag: 'py', code: 'a = 1', closed: true, info: '', line: 1 },
      { tag: '', code: 'plain', closed: true, info: '', line: 5 },
      // A shorter fence does not close a longer one.
      { tag: 'js', code: 'x()\n```\nstill js', closed: true, info: '', line: 8 },
      { tag: 'rust', code: 'fn main() {', closed: false, info: '', line: 13 },
    ]);
  });

  it('reads info strings like {.python} and "python title=x"', () => {
    expect(findCodeBlocks('```{.python}\n1\n```')[0]!.tag).toBe('python');
    expect(findCodeBlocks('``` python title="a.py"\n1\n```')[0]).toMatchObject({ tag: 'python', info: 'title="a.py"' });
    expect(findCodeBlocks('```js:src/App.js\n1\n```')[0]).toMatchObject({ tag: 'js', info: 'src/App.js' });
  });
});

describe('extractCode', () => {
  it('takes the largest program block, not the install command', () => {
    const answer = ['Install:', fence('bash', 'pip install gradio numpy pandas matplotlib seaborn scikit-learn'), fence('python', 'import gradio as gr\n\ndemo = gr.Interface(fn=f)\ndemo.launch()'), 'Run it.'].join('\n');
    const got = extractCode(answer)!;
    expect(got.tag).toBe('python');
    expect(got.language).toBe('Python');
    expect(got.environment).toBe('Gradio');
  });

  it('on equal size takes the first block, as the reference does', () => {
    const got = extractCode([fence('js', 'let a = 1;'), fence('js', 'let b = 2;')].join('\n'))!;
    expect(got.code).toBe('let a = 1;');
  });

  it('prefers a tagged program block over a longer untagged or output block (the reference ranks untagged low)', () => {
    const untagged = fence('', 'x = 1\n' + 'print(x)\n'.repeat(20));
    const output = fence('text', 'Traceback (most recent call last):\n'.repeat(20));
    const got = extractCode([untagged, output, fence('js', 'console.log(1);')].join('\n'))!;
    expect(got).toMatchObject({ tag: 'js', language: 'JavaScript', environment: 'JavaScript Runner' });
    // With no tagged program block, the longest untagged block wins over shell blocks.
    expect(extractCode([fence('bash', 'pip install numpy scipy pandas matplotlib'), fence('', 'import numpy\nprint(1)')].join('\n'))).toMatchObject({ language: 'Python' });
  });

  it('falls back to non-program blocks when there is nothing else', () => {
    expect(extractCode(fence('bash', 'echo hi'))!.code).toBe('echo hi');
  });

  it('returns null without fences', () => {
    expect(extractCode('Just prose, no code.')).toBeNull();
    expect(extractCode(null)).toBeNull();
    expect(extractCode(fence('python', '   '))).toBeNull();
  });

  it('believes a tag that names a language no environment runs', () => {
    expect(extractCode(fence('csharp', 'public class Program {\n  public static void Main() { }\n}'))).toMatchObject({ language: 'csharp', environment: null });
    expect(extractCode(fence('', 'public class Program {\n  public static void main(String[] a) { }\n}'))).toMatchObject({ language: 'Java' });
  });

  it('guesses the language of an untagged block', () => {
    expect(extractCode(fence('', '#include <iostream>\nint main(){ std::cout << 1; }'))!.language).toBe('C++');
    expect(extractCode(fence('', 'graph TD\n  A --> B'))).toMatchObject({ language: 'Markdown', environment: 'Mermaid' });
  });

  it('maps tags to canonical languages and environments', () => {
    const cases: [string, string, string | null, string | null][] = [
      ['tsx', "import React from 'react';\nexport default function App() { return <div/>; }", 'TypeScript', 'React'],
      ['jsx', 'export default () => <b/>', 'JavaScript', 'React'],
      ['vue', '<template><div/></template>\n<script setup>const a = 1</script>', 'JavaScript', 'Vue'],
      ['vue', '<template><div/></template>\n<script setup lang="ts">const a: number = 1</script>', 'TypeScript', 'Vue'],
      ['html', '<div id="app"></div>\n<script>document.body.append("x")</script>', 'HTML', 'HTML'],
      ['javascript', '<!DOCTYPE html>\n<html><head></head><body></body></html>', 'HTML', 'HTML'],
      ['javascript', 'function App() {\n  return (\n    <div className="app">hi</div>\n  );\n}', 'JavaScript', 'React'],
      ['javascript', 'const el = document.createElement("div");\nel.innerHTML = "<div class=\'x\'>hi</div>";', 'JavaScript', 'JavaScript Runner'],
      ['javascript', "import { createApp } from 'vue';\ncreateApp({}).mount('#app');", 'JavaScript', 'Vue'],
      ['typescript', "import { useState } from 'react';\nexport default function A() { const [n] = useState<number>(0); return <p>{n}</p>; }", 'TypeScript', 'React'],
      ['html', '<html><body>hi</body></html>', 'HTML', 'HTML'],
      ['c', '#include <stdio.h>\nint main(){}', 'C', 'C Runner'],
      ['c++', 'int main(){}', 'C++', 'C++ Runner'],
      ['cpp', 'int main(){}', 'C++', 'C++ Runner'],
      ['java', 'public class Main {}', 'Java', 'Java Runner'],
      ['go', 'package main\nfunc main() {}', 'Go', 'Go Runner'],
      ['rs', 'fn main() {}', 'Rust', 'Rust Runner'],
      ['mermaid', 'sequenceDiagram\n A->>B: hi', 'Markdown', 'Mermaid'],
      ['python', 'import streamlit as st\nst.write(1)', 'Python', 'Streamlit'],
      ['python', 'import pygame\npygame.init()', 'Python', 'PyGame'],
      ['python', 'print(sum(range(10)))', 'Python', 'Python Runner'],
      ['ts', 'const x: number = 1;\nconsole.log(x);', 'TypeScript', 'JavaScript Runner'],
    ];
    for (const [tag, body, language, environment] of cases) {
      expect(extractCode(fence(tag, body)), tag).toMatchObject({ language, environment });
    }
  });
});

describe('findAnswerBlocks', () => {
  it('recovers code whose opening fence was lost, and only then', () => {
    const headless = 'import math\n\nprint(math.pi)\nprint(math.e)\n```\n\nThat prints two constants.';
    expect(findAnswerBlocks(headless)[0]).toMatchObject({ tag: 'python', code: 'import math\n\nprint(math.pi)\nprint(math.e)', info: 'headless' });
    expect(extractCode(headless)).toMatchObject({ language: 'Python', environment: 'Python Runner' });
    // Prose first and a real (untagged) block after it: the bare fence is an opener.
    const prose = 'Sure!\n\nimport this into your project\nand call it:\n```\nconst x = 1;\nconsole.log(x);\n```';
    expect(findAnswerBlocks(prose)).toEqual(findCodeBlocks(prose));
    expect(extractCode(prose)).toMatchObject({ language: 'JavaScript' });
    // Code, a lost opener, prose, then a tagged usage block: read normally, the bare fence would swallow it.
    const offByOne = 'const add = (a, b) => a + b;\nconst sub = (a, b) => a - b;\nconsole.log(add(1, 2), sub(3, 1));\n```\n\nUsage:\n```javascript\nconsole.log(add(2, 2));\n```';
    expect(findAnswerBlocks(offByOne).map((b) => [b.tag, b.info])).toEqual([['javascript', 'headless'], ['javascript', '']]);
    expect(extractCode(offByOne)?.code).toContain('const sub');
  });

  it('does not take markup in a Python string for a Vue component', () => {
    const code = 'from flask import Flask, render_template_string\nPAGE = """\n<template>\n<script>let a = 1</script>\n"""\napp = Flask(__name__)';
    expect(guessEnvironment('python', 'Python', code)).toBe('Python Runner');
  });
});

describe('imports and TypeScript markers', () => {
  it('lists Python and JS imports', () => {
    expect(pythonImports('import os, sys\nimport numpy as np\nfrom matplotlib.pyplot import plot\nfrom . import local\n  import pygame  # game')).toEqual(['os', 'sys', 'numpy', 'pygame', 'matplotlib']);
    expect(jsImports("import React, { useState } from 'react';\nimport './App.css';\nimport * as THREE from 'three';\nconst _ = require('lodash/fp');\nimport x from '@mui/material/Button';\nimport y from 'https://cdn.x/y.js';\nimport fs from 'node:fs';")).toEqual(['react', 'three', '@mui/material', 'lodash']);
  });

  it('tells TypeScript from JavaScript', () => {
    expect(looksLikeTypeScript('interface Props { a: number }')).toBe(true);
    expect(looksLikeTypeScript('function f(a: string, b?: number): void {}')).toBe(true);
    expect(looksLikeTypeScript('const [s, setS] = useState<string[]>([]);')).toBe(true);
    expect(looksLikeTypeScript('const o = { a: 1, b: "x" };\nconst c = a ? b : Infinity;\nexport default { props: { msg: String } }')).toBe(false);
  });
});

describe('guessers', () => {
  it('guessLanguage on unmistakable markers only', () => {
    expect(guessLanguage('<!DOCTYPE html>\n<html>')).toBe('HTML');
    expect(guessLanguage('#include <stdio.h>\nint main(void){return 0;}')).toBe('C');
    expect(guessLanguage('package main\n\nfunc main() {}')).toBe('Go');
    expect(guessLanguage('use std::io;\nfn main() {}')).toBe('Rust');
    expect(guessLanguage('import java.util.List;\npublic class A {}')).toBe('Java');
    expect(guessLanguage('def f(x):\n    return x')).toBe('Python');
    expect(guessLanguage('hello world')).toBeNull();
  });

  it('does not mistake a module named like a framework', () => {
    expect(guessEnvironment('python', 'Python', 'import gradio_client\n')).toBe('Python Runner');
    expect(guessEnvironment('python', 'Python', 'from streamlit.components import v1\n')).toBe('Streamlit');
    expect(guessEnvironment('', null, 'whatever')).toBeNull();
  });

  it('canonical names keep unknown values and drop empty ones', () => {
    expect(canonicalLanguage('PYTHON')).toBe('Python');
    expect(canonicalLanguage('Kotlin')).toBe('Kotlin');
    expect(canonicalLanguage('  ')).toBeNull();
    expect(canonicalEnvironment('pygame')).toBe('PyGame');
    expect(canonicalEnvironment('Some New Runner')).toBe('Some New Runner');
  });
});
