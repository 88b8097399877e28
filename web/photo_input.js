// photo_input.js - turns whatever the page hands us into bytes or RGBA pixels
// for the core. Encoded files go to the core's own decoder first.
import { SmpError } from './errors.js';

/**
 * @returns {Promise<{bytes: Uint8Array} | {rgba: Uint8Array, width: number, height: number}>}
 */
export async function readPhotoInput(input) {
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    if (input.size === 0) throw new SmpError('empty_file', 'The file is empty.');
    return { bytes: new Uint8Array(await input.arrayBuffer()) };
  }
  if (input instanceof ArrayBuffer) return { bytes: new Uint8Array(input) };
  if (ArrayBuffer.isView(input)) {
    return { bytes: new Uint8Array(input.buffer, input.byteOffset, input.byteLength) };
  }
  if (typeof ImageData !== 'undefined' && input instanceof ImageData) {
    return { rgba: new Uint8Array(input.data.buffer), width: input.width, height: input.height };
  }
  throw new SmpError('invalid_argument',
    'loadPhoto() expects a File, Blob, ArrayBuffer, typed array or ImageData.');
}
