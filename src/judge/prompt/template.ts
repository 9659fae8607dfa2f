/**
 * Prompt templates: plain text with a few mustache-like tags, parsed and
 * checked once at load time so that a typo fails before any judge is called.
 *
 *   {{name}}               a text value (see TEMPLATE_VARIABLES)
 *   {{name | fenced}}      the value in a code fence it cannot close (see untrusted.ts)
 *   {{screenshot_a}}       an image slot: becomes an image part (see TEMPLATE_IMAGES)
 *   {{#flag}}...{{/flag}}  kept only when the flag is true (see TEMPLATE_FLAGS)
 *   {{^flag}}...{{/flag}}  kept only when the flag is false
 *   {{! comment }}         dropped
 *
 * A section or comment tag alone on its line removes that whole line, so
 * templates can put tags on their own lines without leaving blank lines.
 * Values are never re-read as template text. Every value but the answer
 * format is untrusted (dataset or model text): lines in it that look like the
 * template's section markers are neutralised before it is inserted (see
 * untrusted.ts), so a judged answer cannot forge the prompt's structure.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ConfigError } from '../../errors.js';
import type { ContentPart, ImagePart } from '../../llm/messages.js';
import { fenced, markerLines, neutraliseMarkers } from './untrusted.js';

export const TEMPLATE_VARIABLES = [
  'instruction',
  /** The side's final answer (the message holding its code), as the published protocol judged it. */
  'code_a', 'code_b',
  /** The code the sandbox ran (may differ from the answer, e.g. extracted from it). */
  'executed_code_a', 'executed_code_b',
  'output_a', 'output_b',
  'error_a', 'error_b',
  'language_a', 'language_b',
  'environment_a', 'environment_b',
  /** The required JSON answer format, matching the template's label set. */
  'answer_format',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

export const TEMPLATE_IMAGES = ['screenshot_a', 'screenshot_b'] as const;
export type TemplateImage = (typeof TEMPLATE_IMAGES)[number];

export const TEMPLATE_FLAGS = [
  'with_output', 'code_only', 'vision', 'allow_both_bad',
  'has_code_a', 'has_code_b',
  'has_output_a', 'has_output_b',
  'has_error_a', 'has_error_b',
  /** True only when the image is actually attached (vision judge, with-output mode, screenshot present). */
  'has_screenshot_a', 'has_screenshot_b',
] as const;
export type TemplateFlag = (typeof TEMPLATE_FLAGS)[number];

export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: TemplateVariable; fenced?: boolean }
  | { kind: 'image'; name: TemplateImage }
  | { kind: 'section'; name: TemplateFlag; inverted: boolean; children: TemplateNode[] };

export interface PromptTemplate {
  /** Short name used in prompt versions and cache keys, e.g. "bigcodereward-v1". */
  name: string;
  /** Where the text came from (a file path, or "built-in"), for error messages. */
  source: string;
  text: string;
  /** Whether the answer format offers "both_bad" as a fourth verdict. */
  allowBothBad: boolean;
  nodes: readonly TemplateNode[];
  /** Whether the template has an image slot (a vision judge with a template lacking one sends no image). */
  usesScreenshots: boolean;
  /** The text variables the template uses anywhere. */
  variables: ReadonlySet<TemplateVariable>;
  /** The template's own lines, normalised: an inserted line equal to one is neutralised. */
  markers: ReadonlySet<string>;
}

export interface TemplateOptions {
  name: string;
  source: string;
  allowBothBad?: boolean;
}

const TAG = /\{\{\s*([#^/!]?)([^}]*?)\s*\}\}/g;
const STANDALONE_LINE = /^[ \t]*(\{\{\s*[#^/!][^}]*\}\})[ \t]*\r?$/;
const NAME = /^[a-z][a-z0-9_]*$/;
const FILTERS = ['fenced'] as const;
/** Variables whose text the template's author writes: inserted as they are. */
const TRUSTED_VARIABLES: ReadonlySet<TemplateVariable> = new Set(['answer_format']);

function staticTexts(nodes: readonly TemplateNode[]): string[] {
  return nodes.flatMap((n) => (n.kind === 'text' ? [n.text] : n.kind === 'section' ? staticTexts(n.children) : []));
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** Removes the lines that hold only a section or comment tag, keeping the tag. */
function stripStandaloneLines(text: string): string {
  const lines = text.split('\n');
  return lines
    .map((line, i) => {
      const standalone = STANDALONE_LINE.exec(line);
      if (standalone) return standalone[1]!;
      return i < lines.length - 1 ? `${line}\n` : line;
    })
    .join('');
}

export function parseTemplate(text: string, options: TemplateOptions): PromptTemplate {
  const body = stripStandaloneLines(text);
  const fail = (index: number, problem: string): never => {
    const line = body.slice(0, index).split('\n').length;
    throw new ConfigError(`prompt template ${options.source} (line ${line}): ${problem}`);
  };
  const root: TemplateNode[] = [];
  const stack: Array<{ name: TemplateFlag; children: TemplateNode[]; index: number }> = [];
  const current = (): TemplateNode[] => stack[stack.length - 1]?.children ?? root;
  let usesScreenshots = false;
  const variables = new Set<TemplateVariable>();
  let last = 0;
  for (const match of body.matchAll(TAG)) {
    const index = match.index ?? 0;
    if (index > last) current().push({ kind: 'text', text: body.slice(last, index) });
    last = index + match[0].length;
    const sigil = match[1]!;
    const [name = '', ...filters] = match[2]!.split('|').map((part) => part.trim());
    if (sigil === '!') continue;
    const unknownFilter = filters.find((f) => !isOneOf(FILTERS, f));
    if (unknownFilter !== undefined) fail(index, `unknown filter "${unknownFilter}" in "${match[0]}" (known: ${FILTERS.join(', ')})`);
    if (filters.length > 0 && (sigil !== '' || !isOneOf(TEMPLATE_VARIABLES, name))) {
      fail(index, `a filter applies to a text value only, not "${match[0]}"`);
    }
    if (!NAME.test(name)) fail(index, `malformed placeholder "${match[0]}"`);
    if (sigil === '#' || sigil === '^') {
      if (!isOneOf(TEMPLATE_FLAGS, name)) {
        fail(index, `unknown section "{{${sigil}${name}}}" (known: ${TEMPLATE_FLAGS.join(', ')})`);
      }
      const children: TemplateNode[] = [];
      current().push({ kind: 'section', name: name as TemplateFlag, inverted: sigil === '^', children });
      stack.push({ name: name as TemplateFlag, children, index });
    } else if (sigil === '/') {
      const open = stack.pop();
      if (!open) fail(index, `"{{/${name}}}" closes a section that was never opened`);
      else if (open.name !== name) fail(index, `"{{/${name}}}" closes "${open.name}", which is still open`);
    } else if (isOneOf(TEMPLATE_VARIABLES, name)) {
      variables.add(name);
      current().push(filters.includes('fenced') ? { kind: 'variable', name, fenced: true } : { kind: 'variable', name });
    } else if (isOneOf(TEMPLATE_IMAGES, name)) {
      usesScreenshots = true;
      current().push({ kind: 'image', name });
    } else {
      fail(
        index,
        `unknown placeholder "{{${name}}}" (known: ${[...TEMPLATE_VARIABLES, ...TEMPLATE_IMAGES].join(', ')})`,
      );
    }
  }
  if (last < body.length) current().push({ kind: 'text', text: body.slice(last) });
  const unclosed = stack.pop();
  if (unclosed) fail(unclosed.index, `section "${unclosed.name}" is never closed`);
  return {
    name: options.name,
    source: options.source,
    text,
    allowBothBad: options.allowBothBad ?? false,
    nodes: root,
    usesScreenshots,
    variables,
    markers: markerLines(staticTexts(root)),
  };
}

/**
 * Reads and checks a user template file. Its name (for prompt versions)
 * defaults to the file name without extension.
 */
export async function loadTemplate(
  path: string,
  options: { name?: string; allowBothBad?: boolean } = {},
): Promise<PromptTemplate> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read prompt template ${path}: ${(err as Error).message}`, { cause: err });
  }
  return parseTemplate(text, {
    name: options.name ?? basename(path, extname(path)),
    source: path,
    allowBothBad: options.allowBothBad ?? false,
  });
}

export interface TemplateContext {
  values: Readonly<Record<TemplateVariable, string>>;
  flags: Readonly<Record<TemplateFlag, boolean>>;
  images: Readonly<Partial<Record<TemplateImage, ImagePart>>>;
}

/** Renders a template to content parts; an image slot without an image renders as nothing. */
export function renderTemplate(template: PromptTemplate, context: TemplateContext): ContentPart[] {
  const parts: ContentPart[] = [];
  const walk = (nodes: readonly TemplateNode[]): void => {
    for (const node of nodes) {
      switch (node.kind) {
        case 'text':
          parts.push({ type: 'text', text: node.text });
          break;
        case 'variable': {
          const raw = context.values[node.name];
          const text = TRUSTED_VARIABLES.has(node.name) ? raw : neutraliseMarkers(raw, template.markers);
          parts.push({ type: 'text', text: node.fenced ? fenced(text) : text });
          break;
        }
        case 'image': {
          const image = context.images[node.name];
          if (image) parts.push(image);
          break;
        }
        case 'section':
          if (context.flags[node.name] !== node.inverted) walk(node.children);
          break;
      }
    }
  };
  walk(template.nodes);
  return parts;
}
