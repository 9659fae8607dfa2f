/**
 * Batch API input and output lines (the provider's JSONL formats), for any
 * producer of chat requests: the judge, answer generation.
 */
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { parseJsonlText, schemaLines } from '../jobs/index.js';

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

const outputLineSchema = z.looseObject(
  { custom_id: z.string({ error: 'missing' }) },
  { error: 'a batch output line must be a JSON object' },
) as unknown as z.ZodType<BatchOutputLine>;

export function parseOutputFile(text: string, file: string): BatchOutputLine[] {
  // The provider's files end with a newline; one that does not is complete all the same.
  const whole = text.endsWith('\n') || text === '' ? text : `${text}\n`;
  return parseJsonlText(whole, file, schemaLines(outputLineSchema, file)).values;
}
