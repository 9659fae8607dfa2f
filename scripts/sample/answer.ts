/**
 * Assistant answers as chat models write them: some prose, one fenced code
 * block with a language tag, and (for chattier models) an explanation.
 */
import type { Rng } from '../../src/util/rng.js';
import type { Environment, ProgramTask } from './programs/types.js';
import type { SyntheticModel } from './truth.js';

const RUN_HINTS: Record<Environment, string> = {
  'Python Runner': 'Run it with `python main.py`.',
  'JavaScript Runner': 'Run it with `node main.js`.',
  'C Runner': 'Compile it with `gcc main.c -o main` and run `./main`.',
  'C++ Runner': 'Compile it with `g++ main.cpp -o main` and run `./main`.',
  'Java Runner': 'Save it as `Main.java`, then run `javac Main.java && java Main`.',
  'Go Runner': 'Run it with `go run main.go`.',
  'Rust Runner': 'Compile it with `rustc main.rs` and run `./main`.',
  HTML: 'Save it as an `.html` file and open it in a browser.',
  React: 'Use it as the default export of a React app (for example `App.jsx`).',
  Vue: 'Use it as `App.vue` in a Vue 3 project.',
  Gradio: 'Run it with `python app.py` and open the local URL that Gradio prints.',
  Streamlit: 'Run it with `streamlit run app.py`.',
  PyGame: 'Run it with `python main.py` (needs `pygame`).',
  Mermaid: 'Paste it into any Mermaid renderer (or a Markdown file with Mermaid support).',
};

const pick = <T>(items: readonly T[], rng: Rng): T => items[rng.int(0, items.length - 1)]!;

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function fenced(task: ProgramTask, code: string): string {
  return '```' + task.fence + '\n' + code + (code.endsWith('\n') ? '' : '\n') + '```';
}

function dependencyNote(task: ProgramTask): string {
  const [pip, npm] = task.dependencies;
  if (pip.length > 0) return `Install the dependencies first: \`pip install ${pip.join(' ')}\`.`;
  if (npm.length > 0) return `It only needs ${npm.join(', ')}.`;
  return 'It uses only the standard library, so there is nothing to install.';
}

function howItWorks(task: ProgramTask): string[] {
  const visual = task.scene !== undefined;
  return [
    `- The whole ${visual ? 'app' : 'program'} is in one file, so it runs directly in the sandbox.`,
    visual ? '- The layout and colours are set inline, with no external assets.' : '- The results are printed to standard output.',
    `- ${dependencyNote(task)}`,
  ];
}

export interface AnswerRequest {
  model: SyntheticModel;
  task: ProgramTask;
  code: string;
  /** 1-based user turn this answer replies to. */
  turn: number;
}

/** One assistant message: prose plus exactly one fenced code block. */
export function formatAnswer(req: AnswerRequest, rng: Rng): string {
  const { model, task, code, turn } = req;
  const summary = task.summary;
  const block = fenced(task, code);
  const hint = RUN_HINTS[task.environment];
  if (turn > 1) {
    const intro = pick(['Sure, here is the revised version:', 'Good point. Here is the updated code:', 'Done. The updated version:'], rng);
    return model.style === 'terse' ? `${intro}\n\n${block}` : `${intro}\n\n${block}\n\n${hint}`;
  }
  switch (model.style) {
    case 'terse':
      return `${pick([`Here is ${summary}:`, `${capitalise(summary)}:`], rng)}\n\n${block}`;
    case 'plain':
      return `${pick([`Here's ${summary} that does what you asked.`, `Below is ${summary}.`], rng)}\n\n${block}\n\n${hint}`;
    case 'chatty':
      return [
        pick([`Great idea! Let's build ${summary}.`, `Sure! Here is a complete, self-contained solution: ${summary}.`], rng),
        '## Solution',
        block,
        '### How it works',
        howItWorks(task).join('\n'),
        `${hint} Let me know if you'd like any changes!`,
      ].join('\n\n');
  }
}
