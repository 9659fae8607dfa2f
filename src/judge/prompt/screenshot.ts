/**
 * Screenshot re-encoding for vision judges, as in the published protocol:
 * JPEG quality 70, scaled down (never up) to fit within 1024x768, keeping the
 * aspect ratio. Transparent areas are flattened onto white, since JPEG has no
 * alpha channel and a black background would misrepresent a web page.
 */
import { ConfigError, InputError } from '../../errors.js';
import type { LazyImage } from '../../data/comparison.js';

export interface ImageSettings {
  maxWidth: number;
  maxHeight: number;
  /** JPEG quality, 1-100. */
  quality: number;
}

export const PUBLISHED_IMAGE_SETTINGS: Readonly<ImageSettings> = Object.freeze({
  maxWidth: 1024,
  maxHeight: 768,
  quality: 70,
});

export interface EncodedImage {
  /** `data:image/jpeg;base64,...` */
  dataUrl: string;
  width: number;
  height: number;
  /** Size of the JPEG in bytes. */
  bytes: number;
}

export function resolveImageSettings(settings: Partial<ImageSettings> = {}): ImageSettings {
  const resolved = { ...PUBLISHED_IMAGE_SETTINGS, ...settings };
  for (const field of ['maxWidth', 'maxHeight'] as const) {
    if (!Number.isInteger(resolved[field]) || resolved[field] <= 0) {
      throw new ConfigError(`image setting "${field}" must be a positive integer, got ${resolved[field]}`);
    }
  }
  if (!Number.isInteger(resolved.quality) || resolved.quality < 1 || resolved.quality > 100) {
    throw new ConfigError(`image setting "quality" must be an integer from 1 to 100, got ${resolved.quality}`);
  }
  return resolved;
}

/** Re-encodes image bytes (any format sharp reads: PNG, JPEG, WebP, GIF...) as a JPEG data URL. */
export async function reencodeScreenshot(input: Uint8Array, settings: ImageSettings): Promise<EncodedImage> {
  // Loaded on first use: the native image library costs ~70 ms to load and only vision judges need it.
  const { default: sharp } = await import('sharp');
  const { data, info } = await sharp(input)
    .flatten({ background: '#ffffff' })
    .resize({ width: settings.maxWidth, height: settings.maxHeight, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: settings.quality })
    .toBuffer({ resolveWithObject: true });
  return {
    dataUrl: `data:image/jpeg;base64,${data.toString('base64')}`,
    width: info.width,
    height: info.height,
    bytes: data.length,
  };
}

/**
 * Loads and re-encodes a lazy screenshot, saying which record and side it
 * belongs to when the bytes cannot be read or decoded.
 */
export async function encodeLazyScreenshot(
  image: LazyImage,
  settings: ImageSettings,
  where: { file?: string; field: string },
): Promise<EncodedImage> {
  let bytes: Uint8Array;
  try {
    bytes = await image.load();
  } catch (err) {
    throw new InputError(`cannot read screenshot from ${image.source}: ${(err as Error).message}`, where, { cause: err });
  }
  try {
    return await reencodeScreenshot(bytes, settings);
  } catch (err) {
    throw new InputError(`cannot decode screenshot from ${image.source}: ${(err as Error).message}`, where, {
      cause: err,
    });
  }
}
