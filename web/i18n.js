// i18n.js - picks the message catalogue for a locale and fills {placeholders}.
import en from './messages_en.js';
import es from './messages_es.js';

/** @typedef {keyof typeof en} MessageKey */
/** @type {Record<string, Partial<Record<MessageKey, string>>>} */
const CATALOGUES = { en, es };
export const LOCALES = Object.keys(CATALOGUES);

/** The supported language for a locale option or, failing that, the page's language. */
/**
 * @param {unknown} [locale]
 * @returns {string}
 */
export function resolveLanguage(locale) {
  const candidates = [locale, globalThis.document?.documentElement?.lang,
    ...(globalThis.navigator?.languages || [])];
  for (const c of candidates) {
    const lang = typeof c === 'string' ? c.toLowerCase().split('-')[0] : '';
    if (CATALOGUES[lang]) return lang;
  }
  return 'en';
}

/**
 * A translate function: t('key', {name: value}) fills {name}; English fills gaps.
 * @typedef {(key: string, params?: Record<string, unknown>) => string} Translate
 */

/**
 * A translate function for a language. English fills gaps.
 * @param {string} lang
 * @returns {Translate}
 */
export function translator(lang) {
  const cat = CATALOGUES[lang] || en;
  return (key, params) => {
    const text = cat[/** @type {MessageKey} */ (key)] ?? en[/** @type {MessageKey} */ (key)] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (/** @type {string} */ m, /** @type {string} */ k) => (k in params ? String(params[k]) : m)) : text;
  };
}
