// casing.js - the one place where field names change spelling between the
// core (snake_case JSON, shared with the CLI) and the JS API (camelCase), the
// way protobuf's JSON mapping renames fields: names of fields only, never
// string values, and never the keys of maps whose keys are data.

/**
 * 'scale_px_per_cm' -> 'scalePxPerCm'.
 * @param {string} name
 */
export const camelName = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());

/**
 * 'sessionPrice' -> 'session_price'; a snake_case name stays as it is.
 * @param {string} name
 */
export const snakeName = (name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A copy of parsed JSON with every field name passed through `rename`. The
 * objects under a field named in `dataMaps` are maps whose keys are data
 * (stage names, goal names): their keys are copied as they are, their values
 * renamed. Two fields that rename to one name are an error, not a silent
 * overwrite.
 * @param {unknown} value
 * @param {(name: string) => string} rename
 * @param {ReadonlySet<string>} [dataMaps]
 * @param {boolean} [keepKeys] this object is such a map
 * @returns {any}
 */
export function renameFields(value, rename, dataMaps = new Set(), keepKeys = false) {
  if (Array.isArray(value)) return value.map((v) => renameFields(v, rename, dataMaps));
  if (value === null || typeof value !== 'object') return value;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    const name = keepKeys ? key : rename(key);
    if (Object.hasOwn(out, name)) throw new TypeError(`'${name}' is given twice (as '${key}' and another spelling).`);
    out[name] = renameFields(v, rename, dataMaps, !keepKeys && dataMaps.has(key));
  }
  return out;
}

// The core's maps whose keys are data: an analysis' timings are keyed by the
// pipeline's stage names, which vary with the pipeline.
const CORE_DATA_MAPS = new Set(['timings_ms']);
// A pricing config's flat goal prices are keyed by goal names (values of the
// `goal` option), which are not field names.
const PRICING_DATA_MAPS = new Set(['goals']);

/**
 * JSON text from the core as the JS API returns it: field names in camelCase.
 * @param {string} text
 * @returns {any}
 */
export function fromCore(text) {
  return renameFields(JSON.parse(text), camelName, CORE_DATA_MAPS);
}

/**
 * A host's pricing config (camelCase, or the core's snake_case, which the
 * core's files and the CLI use) in the core's spelling.
 * @param {unknown} config
 * @returns {any}
 */
export function pricingToCore(config) {
  return renameFields(config, snakeName, PRICING_DATA_MAPS);
}
