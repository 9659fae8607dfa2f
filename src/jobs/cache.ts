/**
 * A content-keyed cache on disk: one append-only JSONL file (lines
 * `{"k": key, "r": value}`), loaded into memory on first use, so a hit is a
 * map lookup. The caller names the file (one per producer identity) and says
 * which values may be stored (a judge never caches errors). A damaged line is
 * only a miss: the work is done again.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { JsonlAppender, readJsonlFile } from './jsonl.js';

export interface ContentCacheOptions<V> {
  /** Values that may be stored and served (default: all). */
  accept?: (value: V) => boolean;
  /** What is stored of a value (e.g. without timings that belong to the original call). */
  store?: (value: V) => V;
}

interface CacheLine<V> {
  k: string;
  r: V;
}

export class ContentCache<V> {
  private entries: Map<string, V> | null = null;
  private appender: JsonlAppender | null = null;

  constructor(readonly file: string, private readonly opts: ContentCacheOptions<V> = {}) {}

  get dir(): string {
    return dirname(this.file);
  }

  get size(): number {
    return this.load().size;
  }

  get(key: string): V | undefined {
    return this.load().get(key);
  }

  /** Stores a value; false when refused by `accept` or already cached. */
  put(key: string, value: V): boolean {
    if (this.opts.accept && !this.opts.accept(value)) return false;
    const entries = this.load();
    if (entries.has(key)) return false;
    const stored = this.opts.store ? this.opts.store(value) : value;
    entries.set(key, stored);
    this.appender ??= new JsonlAppender(this.file);
    this.appender.append({ k: key, r: stored } satisfies CacheLine<V>);
    return true;
  }

  close(): void {
    this.appender?.close();
    this.appender = null;
  }

  private load(): Map<string, V> {
    if (this.entries) return this.entries;
    const entries = new Map<string, V>();
    if (existsSync(this.file)) {
      const read = readJsonlFile<CacheLine<V> | null>(
        this.file,
        (v) => {
          const line = v as Partial<CacheLine<V>> | null;
          return line && typeof line.k === 'string' && line.r !== undefined ? (line as CacheLine<V>) : null;
        },
        { repair: true, skipInvalid: true },
      );
      for (const line of read.values) {
        if (line && (!this.opts.accept || this.opts.accept(line.r))) entries.set(line.k, line.r);
      }
    }
    this.entries = entries;
    return entries;
  }
}
