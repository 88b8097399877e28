// photo_input.js - turns whatever the page hands us into bytes for the
// core's own decoder, or RGBA pixels the browser decoded.
//
// Encoded files go to the core first: it reads EXIF orientation, checks the
// limits from the header and refuses broken files with a precise reason.
// A file the core accepts but would reduce (a phone photo) is decoded by the
// browser straight to the core's working size, via decodeReducedInBrowser(),
// which is several times faster than a full decode in wasm. What the core
// reports as `unsupported_format` (WebP, AVIF, HEIC, CMYK JPEG...) is
// decoded by the browser, via decodeInBrowser().
import { SmpError } from './errors.js';

// Mirrors the core's DecodeOptions defaults (core/intake/photo.h). Checked here
// only where the browser would otherwise read or allocate first: a huge file
// is refused before it is read, a huge bitmap before a canvas is made.
export const LIMITS = Object.freeze({
  maxFileBytes: 40 * 1024 * 1024,
  maxPixels: 50_000_000,
  maxSide: 16384,
});

const EXPECTS = 'loadPhoto() expects a File, Blob, ArrayBuffer, typed array, ImageData, ' +
  'HTMLImageElement, HTMLCanvasElement or ImageBitmap.';

/** @param {number} bytes */
function mb(bytes) {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** @param {number} size */
function checkFileSize(size) {
  if (size === 0) throw new SmpError('empty_file', 'The file is empty.');
  if (size > LIMITS.maxFileBytes) {
    throw new SmpError('file_too_large',
      `The file is ${mb(size)}; photos over ${mb(LIMITS.maxFileBytes)} are not accepted.`);
  }
}

/** @param {number} width @param {number} height */
function checkPixelSize(width, height) {
  if (width > LIMITS.maxSide || height > LIMITS.maxSide || width * height > LIMITS.maxPixels) {
    throw new SmpError('too_large', `The image is ${width} x ${height} pixels, larger than this tool ` +
      `accepts (at most ${LIMITS.maxPixels / 1e6} megapixels and ${LIMITS.maxSide} pixels on a side).`);
  }
}

/** Is this global constructor there (workers and old browsers lack some)? @param {string} name */
const has = (name) => typeof (/** @type {Record<string, unknown>} */ (/** @type {unknown} */ (globalThis)))[name] === 'function';

/**
 * An encoded file for the core's decoder, or pixels the browser decoded.
 * @typedef {{bytes: Uint8Array, blob?: Blob, rgba?: undefined}} EncodedPhoto
 * @typedef {{rgba: Uint8Array, width: number, height: number, bytes?: undefined, blob?: undefined}} PhotoPixels
 */

/**
 * Draws any CanvasImageSource into a fresh canvas and reads its RGBA.
 * @param {CanvasImageSource} source @param {number} width @param {number} height
 * @returns {PhotoPixels}
 */
function pixelsOf(source, width, height) {
  if (!(width > 0 && height > 0)) {
    throw new SmpError('invalid_argument', 'The image has no pixels (not loaded yet, or already closed).');
  }
  checkPixelSize(width, height);
  const canvas = typeof OffscreenCanvas !== 'undefined'
    ? new OffscreenCanvas(width, height)
    : Object.assign(document.createElement('canvas'), { width, height });
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new SmpError('out_of_memory', 'The browser could not make a canvas for this image.');
  ctx.drawImage(source, 0, 0, width, height);
  let data;
  try {
    data = ctx.getImageData(0, 0, width, height).data;
  } catch (err) {
    if (err instanceof Error && err.name === 'SecurityError') {
      throw new SmpError('cross_origin',
        'This image comes from another website, and the browser does not let the page read its pixels.');
    }
    throw err;
  }
  return { rgba: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width, height };
}

/** @param {HTMLImageElement} img @returns {Promise<PhotoPixels>} */
async function imageElementPixels(img) {
  if (!img.complete || img.naturalWidth === 0) {
    try {
      await img.decode();
    } catch {
      throw new SmpError('not_an_image', 'The image element holds no picture the browser could load.');
    }
  }
  // naturalWidth/Height and drawImage are already upright (EXIF applied).
  return pixelsOf(img, img.naturalWidth, img.naturalHeight);
}

/**
 * @param {import('./smp').PhotoInput} input
 * @returns {Promise<EncodedPhoto | PhotoPixels>}
 */
export async function readPhotoInput(input) {
  if (input === null || input === undefined) throw new SmpError('invalid_argument', EXPECTS);
  if (has('Blob') && input instanceof Blob) {
    checkFileSize(input.size);
    return { bytes: new Uint8Array(await input.arrayBuffer()), blob: input };
  }
  if (input instanceof ArrayBuffer) {
    checkFileSize(input.byteLength);
    return { bytes: new Uint8Array(input) };
  }
  if (ArrayBuffer.isView(input)) {
    checkFileSize(input.byteLength);
    return { bytes: new Uint8Array(input.buffer, input.byteOffset, input.byteLength) };
  }
  if (has('ImageData') && input instanceof ImageData) {
    return { rgba: new Uint8Array(input.data.buffer, input.data.byteOffset, input.data.byteLength),
      width: input.width, height: input.height };
  }
  if (has('HTMLImageElement') && input instanceof HTMLImageElement) return imageElementPixels(input);
  if ((has('HTMLCanvasElement') && input instanceof HTMLCanvasElement) ||
    (has('OffscreenCanvas') && input instanceof OffscreenCanvas) || (has('ImageBitmap') && input instanceof ImageBitmap)) {
    return pixelsOf(input, input.width, input.height);
  }
  throw new SmpError('invalid_argument', EXPECTS);
}

/** The container format from the first bytes, for photos the browser decoded. */
/** @param {Uint8Array} bytes */
export function sniffFormat(bytes) {
  const ascii = (/** @type {number} */ from, /** @type {number} */ to) => String.fromCharCode(...bytes.subarray(from, to));
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(4, 8) === 'ftyp') return /^avi[fs]$/.test(ascii(8, 12)) ? 'avif' : 'heic';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpeg';
  if (ascii(0, 4) === '\x89PNG') return 'png';
  return 'unknown';
}

/**
 * Decodes an encoded file (a Blob, or bytes) with the browser's own decoders
 * (createImageBitmap, orientation taken from the image). Resolves to RGBA
 * pixels, or null when the browser cannot decode it either.
 * @param {Blob | Uint8Array} file
 * @returns {Promise<PhotoPixels | null>}
 */
export async function decodeInBrowser(file) {
  if (typeof createImageBitmap !== 'function') return null;
  const blob = file instanceof Blob ? file : new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (file)]);
  let bitmap;
  try {
    bitmap = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  } catch {
    return null;
  }
  try {
    return pixelsOf(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

/**
 * Decodes an encoded file with the browser's decoder, upright and reduced
 * while decoding to exactly width x height. Resolves to RGBA pixels, or null
 * when the browser cannot (the caller then decodes in the core). Colours
 * are left as stored, as the core's decoder leaves them.
 * @param {Blob | Uint8Array} file @param {number} width @param {number} height
 * @returns {Promise<PhotoPixels | null>}
 */
export async function decodeReducedInBrowser(file, width, height) {
  if (typeof createImageBitmap !== 'function') return null;
  const blob = file instanceof Blob ? file : new Blob([/** @type {Uint8Array<ArrayBuffer>} */ (file)]);
  let bitmap;
  try {
    bitmap = await createImageBitmap(blob, {
      imageOrientation: 'from-image', resizeWidth: width, resizeHeight: height, resizeQuality: 'high',
      colorSpaceConversion: 'none', premultiplyAlpha: 'none',
    });
  } catch {
    return null;
  }
  try {
    // A browser that orients after resizing would hand back the axes swapped.
    if (bitmap.width !== width || bitmap.height !== height) return null;
    return pixelsOf(bitmap, width, height);
  } finally {
    bitmap.close();
  }
}
