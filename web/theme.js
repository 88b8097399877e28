// theme.js - a host's theme as CSS custom properties --smp-<kebab-name> on
// the widget's host element, with readable button text on the brand colour.
import { THEME_KEYS } from './options.js';

/**
 * Relative luminance of #rgb / #rrggbb (WCAG 2), or null for other CSS colours.
 * @param {string} hex
 */
function luminance(hex) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const v = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1];
  const lin = (/** @type {number} */ i) => { const c = parseInt(v.slice(i, i + 2), 16) / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(0) + 0.7152 * lin(2) + 0.0722 * lin(4);
}

/**
 * '#ffffff' or '#000000', whichever contrasts more with the colour (null if not a hex colour).
 * @param {string} hex
 */
export function readableInk(hex) {
  const l = luminance(hex);
  if (l === null) return null;
  return (1.05) / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}

/**
 * Sets the theme's properties on the host and removes the ones it leaves out.
 * @param {ElementCSSInlineStyle} host @param {import('./smp').Theme} [given]
 */
export function applyTheme(host, given) {
  const theme = { ...(given || {}) };
  // A light brand colour under white text would fail 4.5:1: pick the readable ink.
  if (theme.primary && !theme.onPrimary) {
    const ink = readableInk(theme.primary);
    if (ink) theme.onPrimary = ink;
  }
  for (const k of THEME_KEYS) {
    const prop = `--smp-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    if (theme[k]) host.style.setProperty(prop, theme[k]);
    else host.style.removeProperty(prop);
  }
}
