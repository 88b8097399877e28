// options.js - the one option vocabulary shared by mount(), createConsultation(),
// setOptions() and the <smp-consultation> attributes. Validation collects every
// problem so a clinic sees all its mistakes in one error.
import { Problems } from './errors.js';

/**
 * @typedef {import('./smp').Options} Options
 * @typedef {import('./smp').EmbedOptions} EmbedOptions
 * @typedef {import('./smp').DesignOptions} DesignOptions
 * @typedef {import('./internal').OptionSpec} OptionSpec
 */

/**
 * The core's design and render options (the CLI's names): types, ranges,
 * defaults. The core is the source: this is a copy of core/consultation.cpp's
 * option_schema_json() (`optionSchemaJson()` on the wasm module), kept here
 * because options are validated before the wasm has loaded;
 * tests/browser/widget_api.test.mjs fails when the two differ in anything.
 * The widget's density slider takes its range from here.
 */
export const DESIGN_SCHEMA = /** @type {const} */ ({
  goal: { type: 'string', values: ['full', 'density', 'scar'], default: 'full' },
  style: { type: 'string', values: ['juvenile', 'mature', 'broken', 'soft'], default: 'mature' },
  shape: { type: 'string', values: ['straight', 'rounded', 'widows_peak'], default: 'rounded' },
  shade: { type: 'string', values: ['auto', 'black', 'dark', 'medium', 'light'], default: 'auto' },
  density: { type: 'number', min: 20, max: 400, default: 190 },
  seed: { type: 'number', min: 0, max: 4294967295, default: 1 },
  symmetric: { type: 'boolean', default: true },
  keepHair: { type: 'boolean', alias: 'keep_hair', default: false },
  heightCm: { type: 'number', min: 0, max: 15, alias: 'height_cm', default: 0 },
  age: { type: 'number', min: 0, max: 120, default: 0 },
  pxPerCm: { type: 'number', min: 0, max: 10000, alias: 'px_per_cm', default: 0 },
  scarOutline: { type: 'points', minItems: 3, maxItems: 256, alias: 'scar_outline', default: [] },
  female: { type: 'boolean', default: false },
});
/** @typedef {keyof typeof DESIGN_SCHEMA} DesignKey */

/** @type {readonly import('./smp').Goal[]} */
export const GOALS = DESIGN_SCHEMA.goal.values;
/** @type {readonly import('./smp').Style[]} */
export const STYLES = DESIGN_SCHEMA.style.values;
/** @type {readonly import('./smp').Shape[]} */
export const SHAPES = DESIGN_SCHEMA.shape.values;
/** @type {readonly import('./smp').Shade[]} */
export const SHADES = DESIGN_SCHEMA.shade.values;
export const PRICING_PRESETS = ['uk', 'us'];

// Theme keys become CSS custom properties --smp-<kebab-key> on the widget host.
/** @type {readonly (keyof import('./smp').Theme)[]} */
export const THEME_KEYS = ['primary', 'onPrimary', 'accent', 'text', 'muted', 'background',
  'surface', 'border', 'error', 'focus', 'radius', 'font'];

/**
 * Embed options: who the clinic is and how the widget looks and talks.
 * @type {readonly (keyof EmbedOptions)[]}
 */
export const EMBED_KEYS = ['clinic', 'pricing', 'currency', 'locale', 'theme', 'goals', 'styles',
  'leadEndpoint'];

/** @param {unknown} v @returns {v is Record<string, any>} */
const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
/** @param {unknown} v */
const typeName = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);

/**
 * @template {string} T
 * @param {string} key @param {unknown} value @param {readonly T[]} allowed @param {Problems} problems
 * @returns {T[] | undefined}
 */
function checkList(key, value, allowed, problems) {
  if (!Array.isArray(value) || value.length === 0) {
    problems.add('invalid_option', `Option '${key}' must be a non-empty array of ${allowed.join(', ')}.`);
    return undefined;
  }
  const bad = value.filter((v) => !allowed.includes(v));
  if (bad.length) {
    problems.add('invalid_option', `Option '${key}' has unknown value(s) ${bad.map(String).join(', ')}; allowed: ${allowed.join(', ')}.`);
    return undefined;
  }
  return [...new Set(value)];
}

/** @param {unknown} value @param {Problems} problems @returns {import('./smp').Theme | undefined} */
function checkTheme(value, problems) {
  if (!isPlainObject(value)) {
    problems.add('invalid_option', `Option 'theme' must be an object of colours, not ${typeName(value)}.`);
    return undefined;
  }
  /** @type {Record<string, string>} */
  const theme = {};
  for (const [k, v] of Object.entries(value)) {
    if (!THEME_KEYS.includes(/** @type {keyof import('./smp').Theme} */ (k))) {
      problems.add('invalid_option', `Theme key '${k}' is not known; use ${THEME_KEYS.join(', ')}.`);
    } else if (typeof v !== 'string' || v.length > 120 || /[;{}<>]/.test(v)) {
      problems.add('invalid_option', `Theme key '${k}' must be a CSS value such as '#0b5cad'.`);
    } else {
      theme[k] = v;
    }
  }
  return theme;
}

/** @param {string} key @param {unknown} value @param {Problems} problems @returns {unknown} */
function checkEmbed(key, value, problems) {
  switch (key) {
    case 'clinic':
      if (typeof value === 'string' && value.length <= 120) return value.trim();
      problems.add('invalid_option', `Option 'clinic' must be a name of at most 120 characters, not ${typeName(value)}.`);
      return undefined;
    case 'pricing':
      if ((typeof value === 'string' && value.trim()) || isPlainObject(value)) return value;
      problems.add('invalid_option', `Option 'pricing' must be a preset name (${PRICING_PRESETS.join(', ')}), a pricing config object or a URL, not ${typeName(value)}.`);
      return undefined;
    case 'currency':
      if (typeof value === 'string' && /^[A-Za-z]{3}$/.test(value)) return value.toUpperCase();
      problems.add('invalid_option', `Option 'currency' must be a 3-letter ISO 4217 code such as 'GBP', not ${JSON.stringify(value) ?? typeName(value)}.`);
      return undefined;
    case 'locale':
      try {
        if (typeof value === 'string') return Intl.getCanonicalLocales(value)[0];
      } catch { /* reported below */ }
      problems.add('invalid_option', `Option 'locale' must be a language tag such as 'en' or 'es-MX', not ${JSON.stringify(value) ?? typeName(value)}.`);
      return undefined;
    case 'theme':
      return checkTheme(value, problems);
    case 'goals':
      return checkList(key, value, GOALS, problems);
    case 'styles':
      return checkList(key, value, STYLES, problems);
    case 'leadEndpoint':
      if (value === null || value === '') return null;
      if (typeof value === 'string') {
        try {
          const url = new URL(value, globalThis.document ? document.baseURI : undefined);
          if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
        } catch { /* reported below */ }
      }
      problems.add('invalid_option', `Option 'leadEndpoint' must be an http(s) URL, not ${JSON.stringify(value) ?? typeName(value)}.`);
      return undefined;
    default:
      return undefined;
  }
}

/**
 * A design option checked against the core's schema: type, choice, range.
 * @param {DesignKey} key @param {unknown} value @param {Problems} problems
 * @returns {unknown} the value, or undefined when it was refused
 */
function checkDesign(key, value, problems) {
  const spec = /** @type {OptionSpec} */ (DESIGN_SCHEMA[key]);
  const want = spec.type === 'points' ? 'array' : spec.type;
  const fits = want === 'array' ? Array.isArray(value)
    : typeof value === want && (want !== 'number' || Number.isFinite(value));
  if (!fits) {
    const article = want === 'number' ? 'a finite number' : want === 'array' ? 'an array' : `a ${want}`;
    problems.add('invalid_option', `Option '${key}' must be ${article}, not ${typeName(value)}.`);
    return undefined;
  }
  if (spec.type === 'string' && !spec.values.includes(/** @type {string} */ (value))) {
    problems.add('invalid_option', `Option '${key}' must be one of ${spec.values.join(', ')}, not '${value}'.`);
    return undefined;
  }
  if (spec.type === 'number' && (/** @type {number} */ (value) < spec.min || /** @type {number} */ (value) > spec.max)) {
    problems.add('invalid_option', `Option '${key}' must be between ${spec.min} and ${spec.max}, not ${value}.`);
    return undefined;
  }
  return value;
}

/**
 * Validates a partial options object.
 * @param {unknown} options
 * @param {string} [where] how the message names the argument
 * @returns {{embed: EmbedOptions, design: DesignOptions}} the accepted values, split by destination
 * @throws SmpError(invalid_option) listing every problem
 */
export function validateOptions(options, where = 'options') {
  const problems = new Problems();
  /** @type {{embed: Record<string, unknown>, design: Record<string, unknown>}} */
  const out = { embed: {}, design: {} };
  if (options === undefined) return out;
  if (!isPlainObject(options)) {
    problems.add('invalid_option', `${where} must be an object, not ${typeName(options)}.`);
    problems.throwIfAny();
    return out;  // not reached: throwIfAny() throws
  }
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (EMBED_KEYS.includes(/** @type {keyof EmbedOptions} */ (key))) {
      const v = checkEmbed(key, value, problems);
      if (v !== undefined) out.embed[key] = v;
    } else if (Object.hasOwn(DESIGN_SCHEMA, key)) {
      const v = checkDesign(/** @type {DesignKey} */ (key), value, problems);
      if (v !== undefined) out.design[key] = v;
    } else {
      problems.add('invalid_option', `Option '${key}' is not known.`);
    }
  }
  problems.throwIfAny();
  return /** @type {{embed: EmbedOptions, design: DesignOptions}} */ (out);
}

/** "primary: #0b5cad; text: #111" -> {primary: '#0b5cad', text: '#111'} */
/** @param {string} text @returns {Record<string, string>} */
function parseThemeAttribute(text) {
  /** @type {Record<string, string>} */
  const theme = {};
  for (const part of text.split(';')) {
    const i = part.indexOf(':');
    if (i > 0) theme[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return theme;
}

/** The <smp-consultation> attributes, as options (kebab-case -> the option names). */
export const ATTRIBUTES = ['clinic', 'pricing', 'currency', 'locale', 'theme', 'goals', 'styles',
  'lead-endpoint'];

/**
 * The options an element's attributes give (validated later, by validateOptions).
 * @param {Element} el
 * @returns {Record<string, unknown>}
 */
export function optionsFromAttributes(el) {
  /** @type {Record<string, unknown>} */
  const o = {};
  const list = (/** @type {string} */ s) => s.split(',').map((x) => x.trim()).filter(Boolean);
  for (const name of ATTRIBUTES) {
    const v = el.getAttribute(name);
    if (v === null) continue;
    if (name === 'theme') o.theme = parseThemeAttribute(v);
    else if (name === 'goals' || name === 'styles') o[name] = list(v);
    else if (name === 'lead-endpoint') o.leadEndpoint = v;
    else if (name === 'pricing' && v.trim().startsWith('{')) {
      try { o.pricing = JSON.parse(v); } catch { o.pricing = v; }
    } else o[name] = v;
  }
  return o;
}

/** Is `pricing` a URL to fetch (rather than a preset name)? */
/** @param {unknown} pricing @returns {pricing is string} */
export function isPricingUrl(pricing) {
  return typeof pricing === 'string' && /[/.]/.test(pricing) && !PRICING_PRESETS.includes(pricing);
}
