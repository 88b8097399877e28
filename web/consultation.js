// consultation.js - the programmatic API: one client's consultation, wrapping
// the wasm Consultation so that callers never see the heap.
import { loadCore } from './core.js';
import { SmpError, unwrap } from './errors.js';
import { readPhotoInput } from './photo_input.js';

export class Consultation {
  /** @param {any} core the Embind module */
  constructor(core) {
    this._core = core;
    this._native = new core.Consultation();
    this._photo = null;
  }

  _live() {
    if (!this._native) throw new SmpError('closed', 'This consultation has been closed.');
    return this._native;
  }

  /** Decodes a photo in the core. Resolves to {width, height} (upright, original pixels). */
  async loadPhoto(input) {
    const data = await readPhotoInput(input);
    const native = this._live();
    if (data.bytes) unwrap(native.loadPhoto(data.bytes));
    else unwrap(native.loadRgba(data.rgba, data.width, data.height));
    this._photo = native.photoInfo();
    return { width: this._photo.width, height: this._photo.height };
  }

  /** The decoded working image as ImageData (copied out of the wasm heap). */
  photoImageData() {
    const native = this._live();
    const info = native.photoInfo();
    if (!info) throw new SmpError('no_photo', 'Load a photo first.');
    const rgb = native.workingPixels();
    const n = info.workingWidth * info.workingHeight;
    const rgba = new Uint8ClampedArray(n * 4);
    for (let i = 0, j = 0; i < n; i++, j += 3) {
      rgba[i * 4] = rgb[j];
      rgba[i * 4 + 1] = rgb[j + 1];
      rgba[i * 4 + 2] = rgb[j + 2];
      rgba[i * 4 + 3] = 255;
    }
    return new ImageData(rgba, info.workingWidth, info.workingHeight);
  }

  /** Frees the wasm memory. Safe to call more than once. */
  close() {
    if (this._native) {
      this._native.delete();
      this._native = null;
    }
  }
}

/** Creates a consultation; resolves once the wasm core is ready. */
export async function createConsultation(options = {}) {
  if (options === null || typeof options !== 'object') {
    throw new SmpError('invalid_option', 'createConsultation() options must be an object.');
  }
  const core = await loadCore();
  return new Consultation(core);
}
