// i18n.js - picks the message catalogue for a locale and fills {placeholders}.
import en from './messages_en.js';
import es from './messages_es.js';

const CATALOGUES = { en, es };
export const LOCALES = Object.keys(CATALOGUES);

/** The supported language for a locale option or, failing that, the page's language. */
export function resolveLanguage(locale) {
  const candidates = [locale, globalThis.document?.documentElement?.lang,
    ...(globalThis.navigator?.languages || [])];
  for (const c of candidates) {
    const lang = typeof c === 'string' ? c.toLowerCase().split('-')[0] : '';
    if (CATALOGUES[lang]) return lang;
  }
  return 'en';
}

/** A translate function for a language: t('key', {name: value}). English fills gaps. */
export function translator(lang) {
  const cat = CATALOGUES[lang] || en;
  return (key, params) => {
    const text = cat[key] ?? en[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m)) : text;
  };
}
