/**
 * The judge's batch request ids: a request's `custom_id` is its results key
 * without the judge (constant per batch), `<mode>|<order>|<record id>`.
 */
import { InputError } from '../../errors.js';
import { JUDGE_MODES, type JudgeMode, type Order } from '../types.js';

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
