/**
 * The normalised view of one pairwise comparison, used by everything
 * downstream (sandboxes, judges, statistics, ratings). Born here; imported
 * everywhere else.
 */

/** A vote or verdict on a pair: A wins, B wins, tie, or both bad. */
export const OUTCOMES = ['A', 'B', 'tie', 'both_bad'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const TOPICS = [
  'web_design', 'problem_solving', 'game_development', 'scientific_computing', 'creative_coding', 'diagram_creation',
] as const;
export type Topic = (typeof TOPICS)[number];

export const LANGUAGES = [
  'Python', 'JavaScript', 'TypeScript', 'HTML', 'C', 'C++', 'Java', 'Go', 'Rust', 'Markdown',
] as const;

export const ENVIRONMENTS = [
  'HTML', 'React', 'Vue', 'Gradio', 'Streamlit', 'PyGame', 'Mermaid',
  'Python Runner', 'JavaScript Runner', 'C Runner', 'C++ Runner', 'Java Runner', 'Rust Runner', 'Go Runner',
] as const;

/** Loads screenshot bytes on demand: nothing is decoded or copied until asked. */
export interface LazyImage {
  /** Where the bytes come from (file path, URL or a note), for messages. */
  readonly source: string;
  /** Size in bytes when known without reading. */
  readonly size: number | null;
  /** Reads the image bytes (from the file or by a range request), only when asked. */
  load(): Promise<Uint8Array>;
}

/** Where an execution comes from: the dataset's recorded run, or a run made by our executor. */
export const EXECUTION_SOURCES = ['recorded', 'executed'] as const;
export type ExecutionSource = (typeof EXECUTION_SOURCES)[number];

/**
 * What happened when a side's code ran. Read it with `executionOf(side)` and
 * ask it questions through `./execution.js` (what counts as output, whether
 * it ran), never from the fields directly.
 */
export interface Execution {
  source: ExecutionSource;
  /** What the program printed on its output channel (stdout), or null. */
  output: string | null;
  /** The error text (stderr, a traceback, a build error), or null. */
  error: string | null;
  /** The run's own success flag, or null when none was recorded. */
  success: boolean | null;
  /** The screenshot shown to judges (the last one taken), or null. */
  screenshot: LazyImage | null;
}

/** One sandbox round of one side, flattened. */
export interface RoundView {
  round: number;
  code: string | null;
  language: string | null;
  environment: string | null;
  output: string | null;
  error: string | null;
  success: boolean | null;
  hasScreenshot: boolean;
}

export interface SideView {
  model: string;
  /** The final answer judged: the content of the last message. */
  answer: string;
  /** Code that was executed in the chosen round (or extracted from the answer). */
  code: string | null;
  language: string | null;
  environment: string | null;
  /** Recorded execution result of the chosen round (see `pickRound`). */
  output: string | null;
  error: string | null;
  success: boolean | null;
  screenshot: LazyImage | null;
  /**
   * An execution that replaces the recorded one (`withExecution`, e.g. from
   * an executor, `source: 'executed'`); absent, the fields above are the
   * recorded execution.
   */
  execution?: Execution;
  rounds: RoundView[];
  /** Number of user turns in the conversation. */
  turns: number;
}

export interface Comparison {
  id: string;
  instruction: string;
  vote: Outcome;
  topic: string;
  /** Where the record came from, e.g. "data/x.parquet#row 12", for error messages. */
  origin?: string;
  a: SideView;
  b: SideView;
}

/** A bare pairwise vote: what ratings and agreement metrics need. */
export interface Battle {
  left: string;
  right: string;
  outcome: Outcome;
  /** Optional item id (e.g. comparison id or prompt) and rater (annotator or judge). */
  item?: string;
  rater?: string;
}
