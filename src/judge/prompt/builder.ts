/**
 * Builds the judge's prompt for one comparison: one user message holding the
 * instruction, each side's code between markers, and in `with-output` mode
 * each side's execution output and error (and screenshot, for vision judges).
 *
 * The order `BA` swaps everything that belongs to a side (code, output,
 * error, screenshot), so the judge's "A" is the stored B; map its verdict back
 * with `toStoredVerdict` from `../orders.js`.
 */
import { createHash } from 'node:crypto';
import type { Comparison, LazyImage, SideView } from '../../data/comparison.js';
import { answerJudged, codeOf, errorText, executionOf, hasError, hasOutput, outputText } from '../../data/execution.js';
import { shownSides } from '../orders.js';
import type { JudgeMode, Order } from '../types.js';
import { compactContent, type ChatMessage, type ImagePart } from '../../llm/messages.js';
import {
  encodeLazyScreenshot,
  resolveImageSettings,
  type EncodedImage,
  type ImageSettings,
} from './screenshot.js';
import { builtinTemplate, DEFAULT_TEMPLATE, answerFormat } from './templates.js';
import {
  renderTemplate,
  type PromptTemplate,
  type TemplateContext,
  type TemplateImage,
  type TemplateVariable,
} from './template.js';
import { resolveLimits, truncateText, type TruncationLimits } from './truncate.js';

/** Bump when the builder's own logic changes what it sends, so caches keyed on `version` go stale. */
export const PROMPT_BUILDER_VERSION = 2;

export interface PromptOptions {
  /** A built-in template name (default `bigcodereward-v1`) or a template from `loadTemplate`. */
  template?: string | PromptTemplate;
  /** Attach screenshots as image parts (with-output mode only). Default false. */
  vision?: boolean;
  /** Character limits; defaults are the published 5,000 / 20,000 / 3,000. */
  limits?: Partial<TruncationLimits>;
  /** Screenshot re-encoding; defaults are the published JPEG q70 within 1024x768. */
  image?: Partial<ImageSettings>;
}

export interface PromptRequest {
  comparison: Comparison;
  mode: JudgeMode;
  order: Order;
}

/** A field that was cut; `side` is the shown side ("A" is shown first). */
export interface TruncationNote {
  field: 'instruction' | 'code' | 'executed_code' | 'output' | 'error';
  side?: 'A' | 'B';
  dropped: number;
}

export interface BuiltPrompt {
  messages: ChatMessage[];
  /** The attached images, in the order they appear in the message. */
  images: EncodedImage[];
  truncations: TruncationNote[];
}

export interface PromptBuilder {
  readonly template: PromptTemplate;
  /** Whether the answer format offers "both_bad" (pass it to `parseVerdict`). */
  readonly allowBothBad: boolean;
  readonly vision: boolean;
  /** Changes whenever anything that shapes the prompt changes: use it in cache keys. */
  readonly version: string;
  build(request: PromptRequest): Promise<BuiltPrompt>;
}

/** `<template name>@<12 hex digits>` over the template text and every setting that shapes the prompt. */
export function promptVersion(
  template: PromptTemplate,
  settings: { vision: boolean; limits: TruncationLimits; image: ImageSettings },
): string {
  const digest = createHash('sha256')
    .update(
      JSON.stringify({
        builder: PROMPT_BUILDER_VERSION,
        text: template.text,
        allowBothBad: template.allowBothBad,
        vision: settings.vision,
        limits: settings.limits,
        image: settings.vision ? settings.image : null,
      }),
    )
    .digest('hex');
  return `${template.name}@${digest.slice(0, 12)}`;
}

export function createPromptBuilder(options: PromptOptions = {}): PromptBuilder {
  const template =
    typeof options.template === 'object' ? options.template : builtinTemplate(options.template ?? DEFAULT_TEMPLATE);
  const vision = options.vision ?? false;
  const limits = resolveLimits(options.limits);
  const imageSettings = resolveImageSettings(options.image);
  const version = promptVersion(template, { vision, limits, image: imageSettings });
  // The same screenshot is sent for both orders and to several judges: encode it once per builder.
  const encoded = new WeakMap<LazyImage, Promise<EncodedImage>>();

  const encode = (image: LazyImage, where: { file?: string; field: string }): Promise<EncodedImage> => {
    let pending = encoded.get(image);
    if (!pending) {
      pending = encodeLazyScreenshot(image, imageSettings, where);
      // Do not keep a failure: a read error may be transient.
      pending.catch(() => encoded.delete(image));
      encoded.set(image, pending);
    }
    return pending;
  };

  const build = async ({ comparison, mode, order }: PromptRequest): Promise<BuiltPrompt> => {
    const withOutput = mode === 'with-output';
    const truncations: TruncationNote[] = [];
    // Only the variables the template uses are cut, so the notes describe what the judge saw.
    const value = (
      name: TemplateVariable,
      text: string,
      limit: number,
      field: TruncationNote['field'],
      side?: 'A' | 'B',
    ): string => {
      if (!template.variables.has(name)) return '';
      const result = truncateText(text, limit);
      if (result.dropped > 0) truncations.push({ field, ...(side ? { side } : {}), dropped: result.dropped });
      return result.text;
    };
    const { first, second } = shownSides(comparison, order);
    const sideValues = (side: SideView, shown: 'A' | 'B') => {
      const s = shown === 'A' ? 'a' : 'b';
      return {
        code: value(`code_${s}`, answerJudged(side), limits.code, 'code', shown),
        executedCode: value(`executed_code_${s}`, codeOf(side), limits.code, 'executed_code', shown),
        output: withOutput ? value(`output_${s}`, outputText(executionOf(side)), limits.output, 'output', shown) : '',
        error: withOutput ? value(`error_${s}`, errorText(executionOf(side)), limits.output, 'error', shown) : '',
      };
    };
    const a = sideValues(first, 'A');
    const b = sideValues(second, 'B');

    const images: Partial<Record<TemplateImage, ImagePart>> = {};
    const encodedByUrl = new Map<string, EncodedImage>();
    if (vision && withOutput && template.usesScreenshots) {
      // The stored letter names the dataset column in error messages, whatever the order.
      const shots: Array<[TemplateImage, SideView, 'A' | 'B']> =
        order === 'AB'
          ? [['screenshot_a', first, 'A'], ['screenshot_b', second, 'B']]
          : [['screenshot_a', first, 'B'], ['screenshot_b', second, 'A']];
      for (const [slot, side, storedLetter] of shots) {
        const screenshot = executionOf(side).screenshot;
        if (!screenshot) continue;
        const image = await encode(screenshot, {
          ...(comparison.origin !== undefined ? { file: comparison.origin } : {}),
          field: `execution_screenshot_${storedLetter}`,
        });
        images[slot] = { type: 'image_url', image_url: { url: image.dataUrl } };
        encodedByUrl.set(image.dataUrl, image);
      }
    }

    const context: TemplateContext = {
      values: {
        instruction: value('instruction', comparison.instruction, limits.instruction, 'instruction'),
        code_a: a.code,
        code_b: b.code,
        executed_code_a: a.executedCode,
        executed_code_b: b.executedCode,
        output_a: a.output,
        output_b: b.output,
        error_a: a.error,
        error_b: b.error,
        language_a: first.language ?? '',
        language_b: second.language ?? '',
        environment_a: first.environment ?? '',
        environment_b: second.environment ?? '',
        answer_format: answerFormat(template.allowBothBad),
      },
      flags: {
        with_output: withOutput,
        code_only: !withOutput,
        vision,
        allow_both_bad: template.allowBothBad,
        has_code_a: answerJudged(first).trim() !== '',
        has_code_b: answerJudged(second).trim() !== '',
        has_output_a: withOutput && hasOutput(executionOf(first)),
        has_output_b: withOutput && hasOutput(executionOf(second)),
        has_error_a: withOutput && hasError(executionOf(first)),
        has_error_b: withOutput && hasError(executionOf(second)),
        has_screenshot_a: images.screenshot_a !== undefined,
        has_screenshot_b: images.screenshot_b !== undefined,
      },
      images,
    };
    const parts = renderTemplate(template, context);
    const attached = parts.flatMap((p) => (p.type === 'image_url' ? [encodedByUrl.get(p.image_url.url)!] : []));
    return { messages: [{ role: 'user', content: compactContent(parts) }], images: attached, truncations };
  };

  return { template, allowBothBad: template.allowBothBad, vision, version, build };
}

/** One-off convenience; prefer one `createPromptBuilder` per run so screenshots are encoded once. */
export function buildPrompt(request: PromptRequest, options: PromptOptions = {}): Promise<BuiltPrompt> {
  return createPromptBuilder(options).build(request);
}
