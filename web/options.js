// options.js - the one option vocabulary shared by mount(), createConsultation(),
// setOptions() and the <smp-consultation> attributes. Validation collects every
// problem so a clinic sees all its mistakes in one error.
import { Problems } from './errors.js';

export const GOALS = ['full', 'density', 'scar'];
export const STYLES = ['juvenile', 'mature', 'broken', 'soft'];
export const SHAPES = ['straight', 'rounded', 'widows_peak'];
export const SHADES = ['auto', 'black', 'dark', 'medium', 'light'];
export const PRICING_PRESETS = ['uk', 'us'];

// Theme keys become CSS custom properties --smp-<kebab-key> on the widget host.
export const THEME_KEYS = ['primary', 'onPrimary', 'accent', 'text', 'muted', 'background',
  'surface', 'border', 'error', 'focus', 'radius', 'font'];

/** Embed options: who the clinic is and how the widget looks and talks. */
export const EMBED_KEYS = ['clinic', 'pricing', 'currency', 'locale', 'theme', 'goals', 'styles',
  'leadEndpoint'];

/** Design and render options passed through to the core (same names as the CLI flags). */
export const DESIGN_KEYS = {
  goal: 'string', style: 'string', shape: 'string', shade: 'string', density: 'number',
  seed: 'number', symmetric: 'boolean', heightCm: 'number', female: 'boolean',
  age: 'number', pxPerCm: 'number', scarOutline: 'array',
};
const CHOICES = { goal: GOALS, style: STYLES, shape: SHAPES, shade: SHADES };

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const typeName = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : `a ${typeof v}`);

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

function checkTheme(value, problems) {
  if (!isPlainObject(value)) {
    problems.add('invalid_option', `Option 'theme' must be an object of colours, not ${typeName(value)}.`);
    return undefined;
  }
  const theme = {};
  for (const [k, v] of Object.entries(value)) {
    if (!THEME_KEYS.includes(k)) {
      problems.add('invalid_option', `Theme key '${k}' is not known; use ${THEME_KEYS.join(', ')}.`);
    } else if (typeof v !== 'string' || v.length > 120 || /[;{}<>]/.test(v)) {
      problems.add('invalid_option', `Theme key '${k}' must be a CSS value such as '#0b5cad'.`);
    } else {
      theme[k] = v;
    }
  }
  return theme;
}

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

function checkDesign(key, value, problems) {
  const want = DESIGN_KEYS[key];
  const fits = want === 'array' ? Array.isArray(value)
    : typeof value === want && (want !== 'number' || Number.isFinite(value));
  if (!fits) {
    const article = want === 'number' ? 'a finite number' : want === 'array' ? 'an array' : `a ${want}`;
    problems.add('invalid_option', `Option '${key}' must be ${article}, not ${typeName(value)}.`);
    return undefined;
  }
  if (CHOICES[key] && !CHOICES[key].includes(value)) {
    problems.add('invalid_option', `Option '${key}' must be one of ${CHOICES[key].join(', ')}, not '${value}'.`);
    return undefined;
  }
  return value;
}

/**
 * Validates a partial options object.
 * @returns {{embed: object, design: object}} the accepted values, split by destination
 * @throws SmpError(invalid_option) listing every problem
 */
export function validateOptions(options, where = 'options') {
  const problems = new Problems();
  const out = { embed: {}, design: {} };
  if (options === undefined) return out;
  if (!isPlainObject(options)) {
    problems.add('invalid_option', `${where} must be an object, not ${typeName(options)}.`);
    problems.throwIfAny();
  }
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (EMBED_KEYS.includes(key)) {
      const v = checkEmbed(key, value, problems);
      if (v !== undefined) out.embed[key] = v;
    } else if (key in DESIGN_KEYS) {
      const v = checkDesign(key, value, problems);
      if (v !== undefined) out.design[key] = v;
    } else {
      problems.add('invalid_option', `Option '${key}' is not known.`);
    }
  }
  problems.throwIfAny();
  return out;
}

/** "primary: #0b5cad; text: #111" -> {primary: '#0b5cad', text: '#111'} */
function parseThemeAttribute(text) {
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

export function optionsFromAttributes(el) {
  const o = {};
  const list = (s) => s.split(',').map((x) => x.trim()).filter(Boolean);
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
export function isPricingUrl(pricing) {
  return typeof pricing === 'string' && /[/.]/.test(pricing) && !PRICING_PRESETS.includes(pricing);
}
