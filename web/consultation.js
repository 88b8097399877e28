// consultation.js - the programmatic API: one client's consultation, wrapping
// the wasm Consultation so that callers never see the heap. Every JSON text
// the core hands over is read with fromCore (camelCase field names), every
// host config handed to it is written in the core's spelling.
import { loadCore } from './core.js';
import { SmpError, unwrap, unwrapError } from './errors.js';
import { readPhotoInput, decodeInBrowser, decodeReducedInBrowser, sniffFormat } from './photo_input.js';
import { validateOptions, isPricingUrl } from './options.js';
import { resolveLanguage } from './i18n.js';
import { fromCore, pricingToCore, renameFields, snakeName } from './casing.js';

/**
 * @typedef {import('./smp').Analysis} Analysis
 * @typedef {import('./smp').Estimate} Estimate
 * @typedef {import('./smp').EstimateOptions} EstimateOptions
 * @typedef {import('./smp').Options} Options
 * @typedef {import('./smp').DesignOptions} DesignOptions
 * @typedef {import('./smp').EmbedOptions} EmbedOptions
 * @typedef {import('./smp').EventMap} EventMap
 * @typedef {import('./smp').EventName} EventName
 * @typedef {import('./smp').Point} Point
 * @typedef {import('./smp').Content} Content
 * @typedef {import('./smp').Region} Region
 * @typedef {NonNullable<import('./smp').Consultation['photo']>} PhotoInfo
 * @typedef {(payload: any) => void} Handler
 * @typedef {import('./smp').Consultation} ApiConsultation
 */

/** @type {EventName[]} */
export const EVENTS = ['analysis', 'change', 'estimate', 'error', 'lead'];

/**
 * The core's ways in for one photo: encoded bytes, pixels, pixels reduced
 * from a photo of a stated size, and a look at a file without decoding it.
 * @typedef {import('./smp_core').Reply} Reply
 * @typedef {{
 *   bytes: (bytes: Uint8Array) => Reply,
 *   rgba: (rgba: Uint8Array | Uint8ClampedArray, width: number, height: number) => Reply,
 *   reduced: (rgba: Uint8Array | Uint8ClampedArray, width: number, height: number, originalWidth: number, originalHeight: number) => Reply,
 *   plan: (bytes: Uint8Array) => import('./smp_core').PlanReply,
 * }} Loader
 */

/**
 * Hands a read photo to the core. A file the core would reduce is decoded
 * by the browser straight to the working size (the core checked it first,
 * so broken files get the core's own sentence); the rest by the core. WebP,
 * AVIF, HEIC, CMYK JPEG...: the browser may decode what the core cannot; if
 * it cannot either, the core's sentence is the answer. Throws the core's
 * error; returns which decoder read the photo.
 * @param {Awaited<ReturnType<typeof readPhotoInput>>} data
 * @param {Loader} load
 * @returns {Promise<{decoder: 'core' | 'browser', format: string | null, orientation?: number}>}
 */
async function handOver(data, load) {
  if (!data.bytes) {
    unwrap(load.rgba(/** @type {Uint8Array | Uint8ClampedArray} */ (data.rgba), /** @type {number} */ (data.width),
      /** @type {number} */ (data.height)));
    return { decoder: 'core', format: null };
  }
  const plan = load.plan(data.bytes);
  // JPEG only, oriented by EXIF or not at all: browsers differ on other
  // formats' metadata and ignore XMP, and the core's orientation must hold.
  if (plan.value && plan.value.format === 'jpeg' && !plan.value.orientationFromXmp &&
    (plan.value.workingWidth < plan.value.width || plan.value.workingHeight < plan.value.height)) {
    const p = plan.value;
    const pixels = await decodeReducedInBrowser(data.blob || data.bytes, p.workingWidth, p.workingHeight);
    if (pixels) {
      unwrap(load.reduced(pixels.rgba, pixels.width, pixels.height, p.width, p.height));
      return { decoder: 'browser', format: p.format, orientation: p.orientation };
    }
  }
  const reply = plan.error ? plan : load.bytes(data.bytes);
  if (!(reply && reply.error && reply.error.code === 'unsupported_format')) {
    unwrap(reply);
    return { decoder: 'core', format: null };
  }
  const pixels = await decodeInBrowser(data.blob || data.bytes);
  if (!pixels) throw unwrapError(reply);
  unwrap(load.rgba(pixels.rgba, pixels.width, pixels.height));
  return { decoder: 'browser', format: sniffFormat(data.bytes) };
}

/**
 * A pricing option as the core reads it: a preset name as it is, a config
 * (an object, or JSON text) with its field names in the core's spelling.
 * Text that is not a JSON object goes as it is, for the core to name its fault.
 * @param {string | import('./smp').PricingConfig} pricing
 * @returns {string}
 */
function pricingText(pricing) {
  let config = pricing;
  if (typeof pricing === 'string') {
    try { config = JSON.parse(pricing); } catch { return pricing; }
    if (config === null || typeof config !== 'object' || Array.isArray(config)) return pricing;
  }
  try {
    return JSON.stringify(pricingToCore(config));
  } catch (err) {
    throw new SmpError('invalid_pricing', `Pricing config: ${/** @type {Error} */ (err).message}`);
  }
}

/** Per core module: the warm-up run, once. @type {WeakMap<object, Promise<boolean>>} */
const warmUps = new WeakMap();

/**
 * The synthetic head the warm-up analyses: a skin-toned oval under a dark cap
 * of "hair" on a grey ground, with a little texture, at a phone photo's
 * aspect and about half the default working size (the memory and code a real
 * photo needs, for a fraction of its time).
 * @returns {ImageData}
 */
function warmUpImage() {
  const w = 1024, h = 768, px = new Uint8ClampedArray(w * h * 4);
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i += 4) {
      const dx = (x - 512) / 174, dy = (y - 422) / 253, d = dx * dx + dy * dy < 1 ? (dy < -0.35 ? 1 : 2) : 0;
      const v = [120, 60, 200][d] + ((x * 7 + y * 13) % 16);
      px[i] = v + 10 * d, px[i + 1] = v, px[i + 2] = v - 10 * d, px[i + 3] = 255;
    }
  }
  return new ImageData(px, w, h);
}

/** @param {import('./smp_core').SmpCoreModule} core @returns {Promise<boolean>} */
async function runWarmUp(core) {
  await new Promise((resolve) => setTimeout(resolve, 0));  // let the picker or the drag paint first
  const scratch = new Consultation(core);
  try {
    await scratch.loadPhoto(warmUpImage());
    scratch.previewImageData();
    return true;
  } catch {
    return false;
  } finally {
    scratch.close();
  }
}

/** @implements {ApiConsultation} */
export class Consultation {
  /**
   * @param {import('./smp_core').SmpCoreModule} core the Embind module
   * @param {EmbedOptions} [embed]
   */
  constructor(core, embed = {}) {
    this._core = core;
    /** @type {import('./smp_core').CoreConsultation | null} */
    this._native = new core.Consultation();
    /** @type {PhotoInfo | null} */
    this._photo = null;
    /** @type {Analysis | null | undefined} parsed analysis JSON, cached per photo/options */
    this._analysis = undefined;
    /** @type {EmbedOptions} */
    this._embed = { ...embed };
    /** @type {Map<string, Set<Handler>>} */
    this._handlers = new Map(EVENTS.map((e) => [e, new Set()]));
    /** @type {string | null} resolved pricing for the core, cached per option value */
    this._pricingText = null;
  }

  _live() {
    if (!this._native) throw new SmpError('closed', 'This consultation has been closed.');
    return this._native;
  }

  /**
   * Runs fn; reports a failure to 'error' listeners, then rethrows it.
   * @template T
   * @param {() => T} fn
   * @returns {T}
   */
  _guard(fn) {
    try {
      return fn();
    } catch (err) {
      this._emit('error', /** @type {SmpError} */ (err));
      throw err;
    }
  }

  /**
   * Decodes a photo in the core and analyses it. Resolves to {width, height}
   * (upright, original pixels). `onProgress('analysing')` is awaited between
   * decode and analysis so a UI can paint its progress line.
   * @param {import('./smp').PhotoInput} input
   * @param {{onProgress?: (stage: 'analysing') => void | Promise<void>}} [options]
   * @returns {Promise<{width: number, height: number}>}
   */
  async loadPhoto(input, { onProgress } = {}) {
    try {
      const core = this._live();
      const { decoder, format, orientation } = await handOver(await readPhotoInput(input), {
        bytes: (bytes) => core.loadPhoto(bytes),
        rgba: (rgba, w, h) => core.loadRgba(rgba, w, h),
        reduced: (rgba, w, h, ow, oh) => core.loadReducedRgba(rgba, w, h, ow, oh),
        plan: (bytes) => core.planPhoto(bytes),
      });
      const info = /** @type {import('./smp_core').CorePhotoInfo} */ (core.photoInfo());
      this._photo = { ...info, format: format || info.format, decoder, orientation: orientation ?? info.orientation };
    } catch (err) {
      this._emit('error', /** @type {SmpError} */ (err));
      throw err;
    }
    return this._afterPhoto(onProgress);
  }

  /**
   * Adds another photo of the same head (a top view beside a front one): the
   * core analyses it and reads the Norwood stage from every photo together,
   * which narrows it. The preview stays on the main photo. Resolves to the
   * number of photos the stage is read from. Errors as loadPhoto, plus
   * 'no_photo' before the main photo and 'no_head' for a photo without a head;
   * the consultation is unchanged by an error.
   * @param {import('./smp').PhotoInput} input
   * @returns {Promise<number>}
   */
  async addView(input) {
    try {
      const core = this._live();
      await handOver(await readPhotoInput(input), {
        bytes: (bytes) => core.addView(bytes),
        rgba: (rgba, w, h) => core.addViewRgba(rgba, w, h),
        reduced: (rgba, w, h, ow, oh) => core.addViewReducedRgba(rgba, w, h, ow, oh),
        plan: (bytes) => core.planPhoto(bytes),
      });
    } catch (err) {
      this._emit('error', /** @type {SmpError} */ (err));
      throw err;
    }
    this._emit('change', { views: true });
    return this.viewCount;
  }

  /** Photos the stage is read from: 1 + the added views (0 without a photo). */
  get viewCount() {
    return this._live().viewCount();
  }

  /** Drops the added views: the stage is read from the main photo alone again. */
  clearViews() {
    this._live().clearViews();
    this._emit('change', { views: true });
  }

  /** @param {((stage: 'analysing') => void | Promise<void>) | undefined} onProgress */
  async _afterPhoto(onProgress) {
    this._analysis = undefined;
    if (typeof onProgress === 'function') await onProgress('analysing');
    return this._photoChanged();
  }

  /** The photo changed (this._analysis already dropped): analyse and tell listeners. */
  /** @returns {{width: number, height: number}} */
  _photoChanged() {
    const analysis = this.analysis;  // analyses now so 'analysis' listeners get it
    this._emit('analysis', analysis);
    this._emit('change', { photo: true });
    const p = /** @type {PhotoInfo} */ (this._photo);
    return { width: p.width, height: p.height };
  }

  /**
   * Turns the loaded photo clockwise by quarterTurns x 90 degrees (negative:
   * counter-clockwise), for a photo whose orientation was lost or that shows
   * the face upside down (analysis.upside_down). Re-analyses; moved handles
   * are dropped. Returns the new {width, height}.
   * @param {number} [quarterTurns]
   * @returns {{width: number, height: number}}
   */
  turn(quarterTurns = 1) {
    return this._guard(() => {
      if (!Number.isInteger(quarterTurns)) {
        throw new SmpError('invalid_argument', 'turn() takes a whole number of quarter turns, such as 1, -1 or 2.');
      }
      const native = this._live();
      // Reduced here so any integer (1e9, -7) fits the binding's 32-bit int.
      unwrap(native.turn(((quarterTurns % 4) + 4) % 4));
      const info = /** @type {import('./smp_core').CorePhotoInfo} */ (native.photoInfo());
      const old = /** @type {PhotoInfo} */ (this._photo);
      this._photo = { ...old, ...info, format: old.format };
      this._analysis = undefined;
      return this._photoChanged();
    });
  }

  /**
   * Size of the loaded photo: original and working pixels, or null.
   * @returns {PhotoInfo | null}
   */
  get photo() {
    return this._photo ? { ...this._photo } : null;
  }

  /**
   * The head analysis (core/analysis/analysis.cpp's JSON object, camelCase), or null before a photo.
   * @returns {Analysis | null}
   */
  get analysis() {
    if (this._analysis === undefined) {
      const text = this._guard(() => unwrap(this._live().analysisJson()));
      /** @type {Analysis | null} */
      const parsed = fromCore(text);
      this._analysis = parsed;
      return parsed;
    }
    return this._analysis;
  }

  /**
   * Current options: the embed vocabulary plus the core's design/render options.
   * @returns {Required<DesignOptions> & EmbedOptions}
   */
  get options() {
    return { ...this._embed, ...fromCore(this._live().optionsJson()) };
  }

  /**
   * Partial update. Every bad key is reported in one SmpError('invalid_option');
   * on error nothing changes and the consultation stays usable.
   * @param {Options} partial
   * @returns {Required<DesignOptions> & EmbedOptions}
   */
  setOptions(partial) {
    return this._guard(() => {
      const { embed, design } = validateOptions(partial, 'setOptions() argument');
      const native = this._live();
      if (Object.keys(design).length) unwrap(native.setOptions(JSON.stringify(design)));
      if ('pricing' in embed) this._pricingText = null;
      Object.assign(this._embed, embed);
      if ('female' in design) this._analysis = undefined;
      this._emit('change', { options: { ...embed, ...design } });
      return this.options;
    });
  }

  /**
   * Hairline control points [[x, y], ...] in original photo pixels, left to right.
   * @returns {Point[]}
   */
  get hairline() {
    return this._guard(() => fromCore(unwrap(this._live().hairlineJson())));
  }

  /**
   * The design the preview is drawn from, null before a photo.
   * @returns {import('./smp').Design | null}
   */
  get design() {
    if (!this._photo) return null;
    return /** @type {import('./smp').Design} */ (unwrap(this._live().designInfo()));
  }

  /**
   * The design's treatment region (where the preview puts dots) at the
   * working size, null before a photo: coverage 0..255 per pixel, a copy.
   * @returns {Region | null}
   */
  get region() {
    if (!this._photo) return null;
    return this._guard(() => {
      const reply = this._live().region();
      if (reply.error) throw unwrapError(reply);
      return { width: reply.width, height: reply.height, coverage: reply.coverage };
    });
  }

  /** @param {Point[]} points */
  set hairline(points) {
    this.setHairline(points);
  }

  /**
   * Moves the hairline to these control points (the core keeps the curve smooth).
   * @param {Point[]} points
   * @returns {Point[]}
   */
  setHairline(points) {
    return this._guard(() => {
      const ok = Array.isArray(points) && points.every((p) => Array.isArray(p) && p.length === 2 &&
        p.every((n) => typeof n === 'number' && Number.isFinite(n)));
      if (!ok) throw new SmpError('invalid_hairline', 'The hairline must be an array of [x, y] number pairs.');
      unwrap(this._live().setHairline(JSON.stringify(points)));
      this._emit('change', { hairline: true });
      return this.hairline;
    });
  }

  /**
   * Per-pixel labels of the photo at the working size (the size of
   * previewImageData()): 0 background, 1 skin (face, bare scalp, ears, neck),
   * 2 hair (facial hair included), 3 the rest of the person (clothes,
   * glasses, hats). The Uint8Array is a copy, owned by the caller.
   * @returns {import('./smp').Segmentation}
   */
  segmentation() {
    return this._guard(() => {
      const reply = this._live().segmentation();
      if (reply.error) throw unwrapError(reply);
      return { width: reply.width, height: reply.height, labels: reply.labels };
    });
  }

  /**
   * The preview (photo with dots) as ImageData, copied out of the wasm heap.
   * @returns {ImageData}
   */
  previewImageData() {
    return this._guard(() => {
      const reply = this._live().render();
      if (reply.error) throw unwrapError(reply);
      const pixels = new Uint8ClampedArray(reply.pixels);  // copy before the next wasm call
      return new ImageData(pixels, reply.width, reply.height);
    });
  }

  /**
   * Draws the current preview into a canvas (resized to the working size).
   * @param {HTMLCanvasElement | OffscreenCanvas} canvas
   * @returns {{width: number, height: number}}
   */
  render(canvas) {
    const isCanvas = canvas && typeof canvas.getContext === 'function';
    if (!isCanvas) {
      const err = new SmpError('invalid_argument', 'render() expects a canvas element or OffscreenCanvas.');
      this._emit('error', /** @type {SmpError} */ (err));
      throw err;
    }
    const image = this.previewImageData();
    if (canvas.width !== image.width) canvas.width = image.width;
    if (canvas.height !== image.height) canvas.height = image.height;
    /** @type {CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d')).putImageData(image, 0, 0);
    return { width: image.width, height: image.height };
  }

  /**
   * The decoded working image as ImageData (copied out of the wasm heap).
   * @returns {ImageData}
   */
  photoImageData() {
    const native = this._live();
    const info = native.photoInfo();
    if (!info) throw new SmpError('no_photo', 'Load a photo first.');
    const rgb = /** @type {Uint8Array} */ (native.workingPixels());
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

  /**
   * Pricing for the core: a preset name or config JSON text (URLs fetched once).
   * @returns {Promise<string>}
   */
  async _pricing() {
    const p = this._embed.pricing ?? 'uk';
    if (this._pricingText !== null) return this._pricingText;
    let text;
    if (typeof p === 'object' || p.trim().startsWith('{')) text = pricingText(p);
    else if (isPricingUrl(p)) {
      let res;
      try {
        res = await fetch(new URL(p, globalThis.document ? document.baseURI : undefined), { credentials: 'omit' });
      } catch {
        throw new SmpError('pricing_unavailable', `The pricing config at ${p} could not be fetched.`);
      }
      if (!res.ok) throw new SmpError('pricing_unavailable', `The pricing config at ${p} answered ${res.status}.`);
      text = pricingText(await res.text());
    } else text = p;
    this._pricingText = text;
    return text;
  }

  /**
   * The estimate (core/estimate/estimate_json.cpp's object, camelCase: sessions,
   * hoursPerSession, cost, touchUp, tenYearCost, candidacy, breakdown, assumptions, ...).
   * @param {EstimateOptions} [options]
   * @returns {Promise<Estimate>}
   */
  async estimate(options = {}) {
    try {
      if (options === null || typeof options !== 'object' || Array.isArray(options)) {
        throw new SmpError('invalid_option', 'estimate() options must be an object.');
      }
      /** @type {Omit<EstimateOptions, 'pricing'> & {pricing?: string}} */
      const request = { ...options, pricing: undefined };
      request.pricing = options.pricing !== undefined ? pricingText(options.pricing) : await this._pricing();
      if (request.locale === undefined) request.locale = resolveLanguage(this._embed.locale);
      // areaCm2 -> area_cm2; string values (answers, factors) stay as they are.
      const json = JSON.stringify(renameFields(request, snakeName));
      /** @type {Estimate} */
      const result = fromCore(unwrap(this._live().estimate(json)));
      this._emit('estimate', result);
      return result;
    } catch (err) {
      this._emit('error', /** @type {SmpError} */ (err));
      throw err;
    }
  }

  /**
   * The preview as a PNG Blob; with {compare: true} the photo and the preview
   * side by side, labelled.
   * @param {{compare?: boolean, labels?: [string, string]}} [options]
   * @returns {Promise<Blob>}
   */
  async exportImage({ compare = false, labels = ['Before', 'After (simulation)'] } = {}) {
    const after = this.previewImageData();
    const before = compare ? this.photoImageData() : null;
    const w = after.width, h = after.height;
    const band = compare ? Math.max(24, Math.round(h * 0.05)) : 0;
    const canvas = new OffscreenCanvas(compare ? w * 2 : w, h + band);
    const ctx = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d'));
    ctx.putImageData(after, compare ? w : 0, band);
    if (before) {
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, w * 2, band);
      ctx.fillStyle = '#1b1b1b';
      ctx.font = `${Math.round(band * 0.6)}px sans-serif`;
      ctx.textBaseline = 'middle';
      ctx.fillText(String(labels[0]), band * 0.4, band / 2);
      ctx.fillText(String(labels[1]), w + band * 0.4, band / 2);
    }
    return canvas.convertToBlob({ type: 'image/png' });
  }

  /**
   * Content catalogue (candidacy questions, aftercare, provider questions) or null.
   * @param {string} [locale]
   * @returns {Content | null}
   */
  content(locale = resolveLanguage(this._embed.locale)) {
    if (typeof this._core.contentJson !== 'function') return null;
    try {
      return fromCore(unwrap(this._core.contentJson(String(locale).split('-')[0])));
    } catch {
      return null;
    }
  }

  /**
   * Bytes of wasm memory in use by the page's core (it only grows).
   * @returns {number}
   */
  get memoryBytes() {
    return this._core.HEAP8 ? this._core.HEAP8.buffer.byteLength : 0;
  }

  /**
   * Subscribes to 'analysis' | 'change' | 'estimate' | 'error' | 'lead'; returns an unsubscribe function.
   * @template {EventName} E
   * @param {E} event
   * @param {(payload: EventMap[E]) => void} handler
   * @returns {() => void}
   */
  on(event, handler) {
    if (!this._handlers.has(event)) {
      throw new SmpError('invalid_argument', `Unknown event '${event}'; use ${EVENTS.join(', ')}.`);
    }
    if (typeof handler !== 'function') throw new SmpError('invalid_argument', 'on() needs a function.');
    const set = /** @type {Set<Handler>} */ (this._handlers.get(event));
    set.add(handler);
    return () => { set.delete(handler); };
  }

  /**
   * Number of handlers on an event (the widget shows the lead form when someone listens).
   * @param {string} event
   */
  listeners(event) {
    return this._handlers.get(event)?.size ?? 0;
  }

  /**
   * @template {EventName} E
   * @param {E} event
   * @param {EventMap[E]} payload
   */
  _emit(event, payload) {
    for (const h of [...(this._handlers.get(event) || [])]) {
      try {
        h(payload);
      } catch (err) {
        console.error('SMP: an event handler threw', err);
      }
    }
  }

  /**
   * Runs the core once on a synthetic head, in a throwaway consultation of
   * the same module (this one is unchanged), so the browser has compiled the
   * core's hot code and grown its memory before the client's photo arrives.
   * The first photo after a fresh page load is otherwise about half as fast
   * again as later ones. It blocks the page for about 0.2 s, so call it when
   * the page is waiting anyway: the widget does when its file picker or
   * camera opens or a file is dragged over it. Later calls resolve at once.
   * Resolves to true once warm; false if the core could not run (the
   * consultation then behaves as without it).
   * @returns {Promise<boolean>}
   */
  warmUp() {
    if (!this._native) return Promise.reject(new SmpError('closed', 'This consultation has been closed.'));
    if (!warmUps.has(this._core)) warmUps.set(this._core, runWarmUp(this._core));
    return /** @type {Promise<boolean>} */ (warmUps.get(this._core));
  }

  /** Frees the wasm memory. Safe to call more than once. */
  close() {
    if (this._native) {
      this._native.delete();
      this._native = null;
      this._analysis = null;
      this._photo = null;
    }
  }

  /** @returns {boolean} */
  get closed() {
    return !this._native;
  }
}

/**
 * Creates a consultation; resolves once the wasm core is ready.
 * @param {Options} [options]
 * @returns {Promise<Consultation>}
 */
export async function createConsultation(options = {}) {
  const { embed, design } = validateOptions(options, 'createConsultation() options');
  const core = await loadCore();
  // The networks load once per page (parsed and checked in the core); a
  // damaged bundle fails here, with the loader's message, not on a photo.
  const ready = core.prepareNetworks();
  if (ready.error) throw new SmpError(ready.error.code, ready.error.message);
  const c = new Consultation(core, embed);
  if (Object.keys(design).length) c.setOptions(design);
  return c;
}
