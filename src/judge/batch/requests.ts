/**
 * Batch API input and output lines. A request's `custom_id` is its results
 * key without the judge (constant per batch): `<mode>|<order>|<record id>`.
 */
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { InputError } from '../../errors.js';
import { parseJsonlText, schemaLines } from '../../jobs/index.js';
import { JUDGE_MODES, type JudgeMode, type Order } from '../types.js';

export interface BatchInputLine {
  custom_id: string;
  method: 'POST';
  url: '/v1/chat/completions';
  body: ChatCompletionCreateParamsNonStreaming;
}

/** One line of a batch output or error file. */
export interface BatchOutputLine {
  id?: string;
  custom_id: string;
  response: { status_code: number; request_id?: string; body: ChatCompletion | { error?: { message?: string } } } | null;
  error: { code?: string; message?: string } | null;
}

export function customId(mode: JudgeMode, order: Order, id: string): string {
  return `${mode}|${order}|${id}`;
}

export function parseCustomId(value: string, file?: string): { mode: JudgeMode; order: Order; id: string } {
  const first = value.indexOf('|');
  const second = value.indexOf('|', first + 1);
  const mode = value.slice(0, first) as JudgeMode;
  const order = value.slice(first + 1, second) as Order;
  if (first < 0 || second < 0 || !JUDGE_MODES.includes(mode) || (order !== 'AB' && order !== 'BA')) {
    throw new InputError(`custom_id "${value}" is not <mode>|<order>|<id>`, { file, field: 'custom_id' });
  }
  return { mode, order, id: value.slice(second + 1) };
}

const outputLineSchema = z.looseObject(
  { custom_id: z.string({ error: 'missing' }) },
  { error: 'a batch output line must be a JSON object' },
) as unknown as z.ZodType<BatchOutputLine>;

export function parseOutputFile(text: string, file: string): BatchOutputLine[] {
  // The provider's files end with a newline; one that does not is complete all the same.
  const whole = text.endsWith('\n') || text === '' ? text : `${text}\n`;
  return parseJsonlText(whole, file, schemaLines(outputLineSchema, file)).values;
}
