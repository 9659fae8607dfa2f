/**
 * Keeps at most `cap` bytes of a stream while counting all of it, so a
 * program printing 100 MB never has more than the cap in memory.
 */
export class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  /** Every byte seen, kept or not. */
  total = 0;

  constructor(private readonly cap: number) {}

  /** Adds a chunk; returns false once the stream went past the cap. */
  push(chunk: Buffer): boolean {
    this.total += chunk.length;
    const room = this.cap - this.kept;
    if (room > 0) {
      const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
      this.chunks.push(part);
      this.kept += part.length;
    }
    return this.total <= this.cap;
  }

  get truncated(): boolean {
    return this.total > this.cap;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
