/**
 * A text file read as strict UTF-8 in blocks of whole lines, in bounded
 * memory. Bytes that are not UTF-8 are an InputError naming the file and the
 * 1-based line, never replaced: a replaced byte silently turns one model name
 * into two.
 *
 * Why blocks cut at newlines: 0x0A never occurs inside a multi-byte UTF-8
 * sequence, so a block that ends at a newline decodes on its own, and when it
 * fails, the bad line can be found by decoding that block's lines one by one.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { InputError } from '../errors.js';

export interface TextBlock {
  /** Decoded text: whole lines (each ending in "\n"), except maybe the file's last. */
  text: string;
  /** 1-based line number of the block's first line. */
  firstLine: number;
}

export interface ByteBlock {
  /** Bytes checked to be UTF-8: whole lines, except maybe the file's last. */
  bytes: Buffer;
  /** 1-based line number of the block's first line. */
  firstLine: number;
}

const NEWLINE = 0x0a;
const BLOCK_BYTES = 1 << 20;

/**
 * The blocks of `path` as bytes, each checked to be UTF-8 (a leading
 * byte-order mark is left in). For parsers that take bytes: checking is much
 * cheaper than decoding, and they decode each field themselves.
 */
export async function* utf8ByteBlocks(path: string): AsyncGenerator<ByteBlock> {
  let carry: Buffer | null = null;
  let line = 1;
  const check = (bytes: Buffer): Buffer => {
    if (!isUtf8(bytes)) {
      throw new InputError(`line ${line + badLineOffset(bytes)}: not valid UTF-8 text (save the file as UTF-8)`, { file: path });
    }
    return bytes;
  };
  let stream;
  try {
    stream = createReadStream(path, { highWaterMark: BLOCK_BYTES });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      const cut = buf.lastIndexOf(NEWLINE);
      if (cut < 0) {
        carry = buf;
        continue;
      }
      const block = buf.subarray(0, cut + 1);
      carry = cut + 1 < buf.length ? Buffer.from(buf.subarray(cut + 1)) : null;
      yield { bytes: check(block), firstLine: line };
      line += countNewlines(block);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read file: ${(err as Error).message}`, { file: path }, { cause: err });
  } finally {
    stream?.destroy();
  }
  if (carry && carry.length > 0) yield { bytes: check(carry), firstLine: line };
}

/** The blocks of `path` as text; a leading byte-order mark is dropped. */
export async function* utf8Blocks(path: string): AsyncGenerator<TextBlock> {
  let first = true;
  for await (const { bytes, firstLine } of utf8ByteBlocks(path)) {
    let text = bytes.toString('utf8');
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    yield { text, firstLine };
  }
}

function countNewlines(bytes: Buffer): number {
  let n = 0;
  for (let at = bytes.indexOf(NEWLINE); at >= 0; at = bytes.indexOf(NEWLINE, at + 1)) n++;
  return n;
}

/** 0-based index of the first line of `bytes` that is not valid UTF-8. */
function badLineOffset(bytes: Buffer): number {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let start = 0;
  for (let index = 0; start < bytes.length; index++) {
    const end = bytes.indexOf(NEWLINE, start);
    const stop = end < 0 ? bytes.length : end;
    try {
      strict.decode(bytes.subarray(start, stop));
    } catch {
      return index;
    }
    start = stop + 1;
  }
  return 0;
}

/** One JSON object of a JSONL file, with its 1-based line number. */
export interface JsonlObject {
  value: Record<string, unknown>;
  line: number;
}

/**
 * The objects of a JSONL file, streamed as strict UTF-8; blank lines are
 * skipped. `row` is called for the InputError's row (the caller's count of
 * data rows), so errors name file, row and line alike in every reader.
 */
export async function* jsonlObjects(path: string, row: () => number): AsyncGenerator<JsonlObject> {
  for await (const block of utf8Blocks(path)) {
    const lines = block.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i]!.trim();
      if (text === '') continue;
      const line = block.firstLine + i;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw new InputError(`line ${line}: invalid JSON (${(err as Error).message})`, { file: path, row: row() }, { cause: err });
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new InputError(`line ${line}: expected a JSON object`, { file: path, row: row() });
      }
      yield { value: value as Record<string, unknown>, line };
    }
  }
}
