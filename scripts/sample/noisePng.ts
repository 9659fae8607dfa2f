/**
 * Large, incompressible but valid PNGs for the full-size benchmark dataset.
 * Real screenshots are ~150 KB of already-compressed data; rendering 9,000 of
 * them would take minutes, so we store random RGB pixels uncompressed
 * (deflate "stored" blocks): valid PNG, right size, no compression wins.
 */
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * A `width` x `height` RGB PNG whose pixels come from a xorshift32 stream
 * seeded with `seed` (a seed drawn from the sample's `Rng`, so files stay
 * reproducible while generating bytes fast).
 */
export function noisePng(width: number, height: number, seed: number): Uint8Array {
  const stride = width * 3 + 1;
  const raw = new Uint8Array(stride * height);
  const words = new Uint32Array(raw.buffer, 0, Math.floor(raw.length / 4));
  let x = (seed | 0) || 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  for (let row = 0; row < height; row++) raw[row * stride] = 0; // filter type "None" on every scanline
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, adaptive filtering, no interlace
  const idat = deflateSync(raw, { level: 0 });
  const parts = [SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Width and height of a 4:3 noise PNG of about `bytes` bytes. */
export function noisePngSize(bytes: number): { width: number; height: number } {
  const pixels = Math.max(1, bytes / 3);
  const width = Math.max(4, Math.round(Math.sqrt((pixels * 4) / 3)));
  return { width, height: Math.max(3, Math.round(pixels / width)) };
}
