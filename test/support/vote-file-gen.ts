/**
 * Writes a large synthetic vote CSV (`left,right,winner,item,prompt`) of about
 * `bytes` bytes, for memory tests and the vote-file benchmark. Seeded, so the
 * same size gives the same file; written in 4 MiB pieces.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export const VOTE_FILE_HEADER = 'left,right,winner,item,prompt';

export interface GeneratedVotes {
  rows: number;
  bytes: number;
  models: number;
}

export function writeVoteCsv(path: string, bytes: number, options: { models?: number; promptChars?: number } = {}): GeneratedVotes {
  const models = options.models ?? 20;
  const promptChars = options.promptChars ?? 8;
  const names = Array.from({ length: models }, (_, i) => `model-${String(i).padStart(2, '0')}`);
  const winners = ['left', 'right', 'tie'];
  const fd = openSync(path, 'w');
  let x = 12345;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
  let written = 0;
  let rows = 0;
  try {
    const head = `${VOTE_FILE_HEADER}\n`;
    writeSync(fd, head);
    written += head.length;
    while (written < bytes) {
      const lines: string[] = [];
      let size = 0;
      while (size < 4 * 2 ** 20 && written + size < bytes) {
        const a = next() % models;
        const b = (a + 1 + (next() % (models - 1))) % models;
        const prompt = (next() % 36 ** 6).toString(36).padStart(promptChars, 'q');
        const line = `${names[a]},${names[b]},${winners[next() % 3]},i${rows},${prompt}\n`;
        lines.push(line);
        size += line.length;
        rows++;
      }
      writeSync(fd, lines.join(''));
      written += size;
    }
  } finally {
    closeSync(fd);
  }
  return { rows, bytes: written, models };
}
