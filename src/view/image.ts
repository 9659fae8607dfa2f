/**
 * What the image endpoint will serve: bytes that are a PNG, JPEG, GIF or
 * WebP by their magic numbers (never by a recorded MIME type or file name)
 * and no larger than a cap. Anything else is refused.
 */

/** Larger than any real screenshot (the dataset's are at most a few MB). */
export const MAX_IMAGE_BYTES = 16 * 1024 * 1024;

export function sniffImageType(bytes: Uint8Array): string | null {
  const at = (i: number, ...values: number[]) => values.every((v, k) => bytes[i + k] === v);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return null;
}
