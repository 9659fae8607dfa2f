import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../../src/errors.js';
import {
  buildPrompt,
  createPromptBuilder,
  loadTemplate,
  messagesToText,
  parseTemplate,
  truncateText,
  type ChatMessage,
  type ImagePart,
} from '../../src/judge/prompt/index.js';
import { makeComparison, memoryImage } from '../support/comparisons.js';

/** The fence the built-in template puts around a value without backticks. */
const FENCE = '```';

function textOf(messages: ChatMessage[]): string {
  expect(messages).toHaveLength(1);
  expect(messages[0]!.role).toBe('user');
  const content = messages[0]!.content;
  return typeof content === 'string' ? content : content.map((p) => (p.type === 'text' ? p.text : '<IMG>')).join('');
}

function imageParts(messages: ChatMessage[]): ImagePart[] {
  const content = messages[0]!.content;
  return typeof content === 'string' ? [] : content.filter((p): p is ImagePart => p.type === 'image_url');
}

function decodeDataUrl(url: string): Buffer {
  const match = /^data:image\/jpeg;base64,(.+)$/s.exec(url);
  expect(match).not.toBeNull();
  return Buffer.from(match![1]!, 'base64');
}

/** The first quantisation table of a JPEG (zigzag order), read from its DQT segment. */
function firstQuantTable(jpeg: Buffer): number[] {
  let i = 2;
  while (i < jpeg.length && jpeg[i] === 0xff) {
    const marker = jpeg[i + 1]!;
    const length = jpeg.readUInt16BE(i + 2);
    if (marker === 0xdb) {
      const precision = jpeg[i + 4]! >> 4;
      return Array.from({ length: 64 }, (_, k) =>
        precision ? jpeg.readUInt16BE(i + 5 + 2 * k) : jpeg[i + 5 + k]!,
      );
    }
    i += 2 + length;
  }
  throw new Error('no DQT segment');
}

/** The IJG luminance table scaled for a quality, as libjpeg computes it (Annex K table, zigzag order). */
function ijgLuminanceTable(quality: number): number[] {
  const base = [
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29,
    51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121,
    120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
  ];
  const zigzag = [
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
    28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
    54, 47, 55, 62, 63,
  ];
  const scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
  return zigzag.map((k) => Math.min(255, Math.max(1, Math.floor((base[k]! * scale + 50) / 100))));
}

describe('prompt content per mode', () => {
  const comparison = makeComparison({
    instruction: 'Build a bouncing ball animation.',
    a: { answer: 'ANSWER-OF-A', output: 'OUTPUT-OF-A', error: 'ERROR-OF-A' },
    b: { answer: 'ANSWER-OF-B', output: 'OUTPUT-OF-B', error: null },
  });

  it('code-only shows the instruction and both answers but no execution result', async () => {
    const text = textOf((await buildPrompt({ comparison, mode: 'code-only', order: 'AB' })).messages);
    for (const s of ['Build a bouncing ball animation.', 'ANSWER-OF-A', 'ANSWER-OF-B']) expect(text).toContain(s);
    for (const s of ['OUTPUT-OF-A', 'OUTPUT-OF-B', 'ERROR-OF-A', 'EXECUTION']) expect(text).not.toContain(s);
    expect(text).toContain('{"Overall": {"winner"');
    expect(text).toContain('"A", "B" or "Tie"');
  });

  it('with-output adds each side\'s output, and the error where there is one', async () => {
    const text = textOf((await buildPrompt({ comparison, mode: 'with-output', order: 'AB' })).messages);
    for (const s of ['ANSWER-OF-A', 'OUTPUT-OF-A', 'ERROR-OF-A', 'ANSWER-OF-B', 'OUTPUT-OF-B']) expect(text).toContain(s);
    expect(text).toContain('[ASSISTANT A: EXECUTION ERRORS]\n```\nERROR-OF-A\n```\n[ASSISTANT A: END OF EXECUTION ERRORS]');
    expect(text).not.toContain('[ASSISTANT B: EXECUTION ERRORS]');
    // Section tags on their own lines leave no blank-line debris and no tag text.
    expect(text).not.toMatch(/\{\{[#^/!]?\w|\n\n\n/);
  });

  it('puts each side in a fence between start and end markers, A before B', async () => {
    const text = textOf((await buildPrompt({ comparison, mode: 'code-only', order: 'AB' })).messages);
    expect(text).toContain('[ASSISTANT A: CODE]\n```\nANSWER-OF-A\n```\n[ASSISTANT A: END OF CODE]');
    expect(text).toContain('[ASSISTANT B: CODE]\n```\nANSWER-OF-B\n```\n[ASSISTANT B: END OF CODE]');
    expect(text.indexOf('ANSWER-OF-A')).toBeLessThan(text.indexOf('ANSWER-OF-B'));
  });

  it('falls back to the executed code when the answer is empty, and says when there is nothing', async () => {
    const c = makeComparison({ a: { answer: '  ', code: 'EXECUTED-A' }, b: { answer: '', code: null } });
    const text = textOf((await buildPrompt({ comparison: c, mode: 'code-only', order: 'AB' })).messages);
    expect(text).toContain('[ASSISTANT A: CODE]\n```\nEXECUTED-A\n```\n');
    expect(text).toContain('(assistant B gave no answer)');
  });

  it('the 4-way template offers both_bad', async () => {
    const builder = createPromptBuilder({ template: 'bcr-4way' });
    expect(builder.allowBothBad).toBe(true);
    const text = textOf((await builder.build({ comparison, mode: 'code-only', order: 'AB' })).messages);
    expect(text).toContain('"both_bad"');
  });

  it('an unknown built-in template name is a ConfigError', () => {
    expect(() => createPromptBuilder({ template: 'nope' })).toThrow(ConfigError);
  });
});

describe('truncation', () => {
  it('keeps exactly the limit and marks the cut', () => {
    expect(truncateText('abcdef', 6)).toEqual({ text: 'abcdef', dropped: 0 });
    expect(truncateText('abcdefg', 6)).toEqual({ text: 'abcdef\n…[truncated 1 chars]', dropped: 1 });
    // Never half a surrogate pair: the emoji at the cut is dropped whole.
    expect(truncateText('ab😀cd', 3)).toEqual({ text: 'ab\n…[truncated 4 chars]', dropped: 4 });
  });

  it('applies the published limits: instruction 5,000, code 20,000, output and error 3,000', async () => {
    const comparison = makeComparison({
      instruction: `${'i'.repeat(5_000)}J`,
      a: { answer: `${'c'.repeat(20_000)}DD`, output: `${'o'.repeat(3_000)}PPP`, error: `${'e'.repeat(3_000)}F` },
      b: { answer: 'x'.repeat(20_000), output: 'y'.repeat(3_000), error: 'z'.repeat(2_999) },
    });
    const built = await buildPrompt({ comparison, mode: 'with-output', order: 'AB' });
    const text = textOf(built.messages);
    expect(text).toContain(`\n${'i'.repeat(5_000)}\n…[truncated 1 chars]\n`);
    expect(text).toContain(`\n${'c'.repeat(20_000)}\n…[truncated 2 chars]\n`);
    expect(text).toContain(`\n${'o'.repeat(3_000)}\n…[truncated 3 chars]\n`);
    expect(text).toContain(`\n${'e'.repeat(3_000)}\n…[truncated 1 chars]\n`);
    for (const cutText of ['iJ', 'cD', 'oP', 'eF']) expect(text).not.toContain(cutText);
    // Exactly at the limit: untouched.
    expect(text).toContain(`\n${'x'.repeat(20_000)}\n${FENCE}\n[ASSISTANT B: END OF CODE]`);
    expect(text).toContain(`\n${'y'.repeat(3_000)}\n${FENCE}\n[ASSISTANT B: END OF EXECUTION OUTPUT]`);
    expect(built.truncations).toEqual([
      { field: 'code', side: 'A', dropped: 2 },
      { field: 'output', side: 'A', dropped: 3 },
      { field: 'error', side: 'A', dropped: 1 },
      { field: 'instruction', dropped: 1 },
    ]);
  });

  it('takes user limits and rejects nonsense', async () => {
    const comparison = makeComparison({ instruction: 'abcdefghij' });
    const text = textOf((await buildPrompt({ comparison, mode: 'code-only', order: 'AB' }, { limits: { instruction: 4 } })).messages);
    expect(text).toContain('abcd\n…[truncated 6 chars]');
    expect(() => createPromptBuilder({ limits: { code: 0 } })).toThrow(ConfigError);
  });
});

describe('order BA', () => {
  it('swaps answers, outputs and errors', async () => {
    const comparison = makeComparison({
      a: { answer: 'ANSWER-OF-A', output: 'OUTPUT-OF-A', error: 'ERROR-OF-A' },
      b: { answer: 'ANSWER-OF-B', output: 'OUTPUT-OF-B', error: 'ERROR-OF-B' },
    });
    const text = textOf((await buildPrompt({ comparison, mode: 'with-output', order: 'BA' })).messages);
    expect(text).toContain('[ASSISTANT A: CODE]\n```\nANSWER-OF-B\n');
    expect(text).toContain('[ASSISTANT B: CODE]\n```\nANSWER-OF-A\n');
    expect(text).toContain('[ASSISTANT A: EXECUTION OUTPUT]\n```\nOUTPUT-OF-B\n');
    expect(text).toContain('[ASSISTANT B: EXECUTION OUTPUT]\n```\nOUTPUT-OF-A\n');
    expect(text).toContain('[ASSISTANT A: EXECUTION ERRORS]\n```\nERROR-OF-B\n');
    expect(text).toContain('[ASSISTANT B: EXECUTION ERRORS]\n```\nERROR-OF-A\n');
  });
});

describe('screenshots', () => {
  let big: Buffer; // 2000x1500 PNG with transparency
  let tall: Buffer; // 400x1000
  let small: Buffer; // 300x200: must not be upscaled

  beforeAll(async () => {
    const png = (width: number, height: number, colour: string) =>
      sharp({ create: { width, height, channels: 4, background: colour } }).png().toBuffer();
    [big, tall, small] = await Promise.all([
      png(2000, 1500, 'rgba(200, 30, 30, 0.5)'),
      png(400, 1000, '#1e64c8'),
      png(300, 200, '#1ec864'),
    ]);
  });

  it('attaches JPEGs (quality 70, within 1024x768, no upscaling) for vision judges in with-output mode', async () => {
    const comparison = makeComparison({ a: { screenshot: memoryImage(big) }, b: { screenshot: memoryImage(small) } });
    const built = await buildPrompt({ comparison, mode: 'with-output', order: 'AB' }, { vision: true });
    const parts = imageParts(built.messages);
    expect(parts).toHaveLength(2);
    const decoded = await Promise.all(parts.map((p) => sharp(decodeDataUrl(p.image_url.url)).metadata()));
    expect(decoded.map((m) => [m.format, m.width, m.height])).toEqual([
      ['jpeg', 1024, 768],
      ['jpeg', 300, 200],
    ]);
    for (const part of parts) {
      expect(firstQuantTable(decodeDataUrl(part.image_url.url))).toEqual(ijgLuminanceTable(70));
    }
    expect(firstQuantTable(decodeDataUrl(parts[0]!.image_url.url))).not.toEqual(ijgLuminanceTable(80));
    expect(built.images.map((i) => [i.width, i.height])).toEqual([[1024, 768], [300, 200]]);
    // Each image sits inside its side's screenshot markers.
    expect(textOf(built.messages)).toContain('[ASSISTANT A: SCREENSHOT OF THE RUNNING PROGRAM]\n<IMG>\n');
  });

  it('keeps the aspect ratio of tall images', async () => {
    const comparison = makeComparison({ a: { screenshot: memoryImage(tall) } });
    const built = await buildPrompt({ comparison, mode: 'with-output', order: 'AB' }, { vision: true });
    expect(built.images.map((i) => [i.width, i.height])).toEqual([[307, 768]]);
  });

  it('swaps screenshots in order BA', async () => {
    const comparison = makeComparison({ a: { screenshot: memoryImage(big) }, b: { screenshot: memoryImage(small) } });
    const built = await buildPrompt({ comparison, mode: 'with-output', order: 'BA' }, { vision: true });
    expect(built.images.map((i) => i.width)).toEqual([300, 1024]);
  });

  it('sends no image in code-only mode or to non-vision judges, and a plain string message', async () => {
    const comparison = makeComparison({ a: { screenshot: memoryImage(big) } });
    for (const [mode, vision] of [['code-only', true], ['with-output', false]] as const) {
      const built = await buildPrompt({ comparison, mode, order: 'AB' }, { vision });
      expect(typeof built.messages[0]!.content).toBe('string');
      expect(built.images).toEqual([]);
      expect(textOf(built.messages)).not.toContain('SCREENSHOT');
    }
  });

  it('encodes each screenshot once per builder, across orders', async () => {
    const image = memoryImage(small);
    const builder = createPromptBuilder({ vision: true });
    const comparison = makeComparison({ a: { screenshot: image } });
    await builder.build({ comparison, mode: 'with-output', order: 'AB' });
    await builder.build({ comparison, mode: 'with-output', order: 'BA' });
    expect(image.loads).toBe(1);
  });

  it('names the record and stored side of an undecodable screenshot', async () => {
    const comparison = makeComparison({
      origin: 'data/x.parquet#row 7',
      b: { screenshot: memoryImage(new Uint8Array([1, 2, 3, 4]), 'bytes of row 7') },
    });
    const attempt = buildPrompt({ comparison, mode: 'with-output', order: 'BA' }, { vision: true });
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(/data\/x\.parquet#row 7.*execution_screenshot_B.*bytes of row 7/);
  });

  it('messagesToText summarises images instead of printing base64', async () => {
    const comparison = makeComparison({ a: { screenshot: memoryImage(small) } });
    const built = await buildPrompt({ comparison, mode: 'with-output', order: 'AB' }, { vision: true });
    const text = messagesToText(built.messages);
    expect(text).toMatch(/\[image: image\/jpeg, \d+ bytes\]/);
    expect(text).not.toContain('base64');
  });
});

describe('user templates', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bcr-template-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const TEMPLATE = [
    '{{! my template }}',
    'Task: {{instruction}}',
    'First: {{code_a}}',
    'Second: {{code_b}}',
    '{{#with_output}}',
    'Ran first: {{output_a}}{{#has_error_a}} (error: {{error_a}}){{/has_error_a}}',
    'Ran second: {{output_b}}',
    '{{/with_output}}',
    '{{^with_output}}',
    'No execution shown.',
    '{{/with_output}}',
    '{{screenshot_a}}',
    '{{answer_format}}',
  ].join('\n');

  it('loads a file and renders its placeholders and sections', async () => {
    const path = join(dir, 'mine.txt');
    await writeFile(path, TEMPLATE);
    const template = await loadTemplate(path);
    expect(template.name).toBe('mine');
    const comparison = makeComparison({
      instruction: 'do it',
      a: { answer: 'AAA', output: 'outA', error: 'boom' },
      b: { answer: 'BBB', output: 'outB' },
    });
    const withOutput = textOf((await buildPrompt({ comparison, mode: 'with-output', order: 'AB' }, { template })).messages);
    expect(withOutput.startsWith('Task: do it\nFirst: AAA\nSecond: BBB\nRan first: outA (error: boom)\nRan second: outB\n')).toBe(true);
    const codeOnly = textOf((await buildPrompt({ comparison, mode: 'code-only', order: 'BA' }, { template })).messages);
    expect(codeOnly.startsWith('Task: do it\nFirst: BBB\nSecond: AAA\nNo execution shown.\n\n')).toBe(true);
    expect(codeOnly).not.toContain('outA');
  });

  it('rejects an unknown placeholder, naming the file and the placeholder', async () => {
    const path = join(dir, 'typo.txt');
    await writeFile(path, 'Task: {{instruction}}\nCode: {{code_c}}\n');
    const attempt = loadTemplate(path);
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toThrow(/typo\.txt \(line 2\).*\{\{code_c\}\}/);
  });

  it('rejects unknown or unbalanced sections and unreadable files', async () => {
    const parse = (text: string) => parseTemplate(text, { name: 't', source: 't.txt' });
    expect(() => parse('{{#with_outputs}}x{{/with_outputs}}')).toThrow(/unknown section/);
    expect(() => parse('{{#vision}}x')).toThrow(/never closed/);
    expect(() => parse('{{#vision}}x{{/code_only}}')).toThrow(/still open/);
    expect(() => parse('x{{/vision}}')).toThrow(/never opened/);
    expect(() => parse('{{Code A}}')).toThrow(/malformed placeholder/);
    await expect(loadTemplate(join(dir, 'missing.txt'))).rejects.toThrow(/cannot read prompt template .*missing\.txt/);
  });

  it('does not re-read inserted values as template text', async () => {
    const template = parseTemplate('{{code_a}}|{{code_b}}', { name: 't', source: 't.txt' });
    const comparison = makeComparison({ a: { answer: '{{code_b}}' }, b: { answer: 'B' } });
    const text = textOf((await buildPrompt({ comparison, mode: 'code-only', order: 'AB' }, { template })).messages);
    expect(text).toBe('{{code_b}}|B');
  });
});

describe('prompt version', () => {
  it('is stable for the same settings and changes with anything that shapes the prompt', () => {
    const v = createPromptBuilder().version;
    expect(v).toMatch(/^bigcodereward-v1@[0-9a-f]{12}$/);
    expect(createPromptBuilder().version).toBe(v);
    const others = [
      createPromptBuilder({ template: 'bcr-4way' }).version,
      createPromptBuilder({ vision: true }).version,
      createPromptBuilder({ limits: { code: 10_000 } }).version,
      createPromptBuilder({ template: parseTemplate('{{code_a}} {{code_b}}', { name: 'bigcodereward-v1', source: 'x' }) }).version,
    ];
    expect(new Set([v, ...others]).size).toBe(5);
    // Image settings matter only when images are sent.
    expect(createPromptBuilder({ image: { quality: 90 } }).version).toBe(v);
    expect(createPromptBuilder({ vision: true, image: { quality: 90 } }).version).not.toBe(others[1]);
  });
});
