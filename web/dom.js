// dom.js - tiny element builders. Text always goes in through textContent and
// attributes through setAttribute, so nothing the page or a photo supplies is
// ever parsed as HTML; no style attributes (strict CSP).

/**
 * Attributes and properties for h() and s(): `class`, `text` (textContent),
 * `on<event>` listeners, the boolean/value properties, anything else as an attribute.
 * @typedef {Record<string, any>} Props
 * @typedef {Node | string | number | null | undefined | false} ChildItem
 * @typedef {ChildItem | ChildItem[] | ChildItem[][]} Child
 */

/**
 * h('button', {class: 'x', onclick: fn, text: 'Go'}, ...children)
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/**
 * @template {keyof SVGElementTagNameMap} K
 * @param {K} tag
 * @param {Props} [attrs]
 * @param {...(Node | null | undefined | false | (Node | null | undefined | false)[])} children
 * @returns {SVGElementTagNameMap[K]}
 */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setProps(el, attrs);
  for (const c of children.flat()) if (c) el.append(c);
  return el;
}

/** @param {Element} el @param {Props} props */
function setProps(el, props) {
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.setAttribute('class', v);
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'hidden' || k === 'checked' || k === 'disabled' || k === 'value' || k === 'selected') /** @type {any} */ (el)[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

/**
 * The 2D context of a canvas (throws if the browser cannot make one).
 * @param {HTMLCanvasElement | OffscreenCanvas} canvas
 * @returns {CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D}
 */
export function context2d(canvas) {
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('The browser could not make a 2D canvas.');
  return /** @type {CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D} */ (ctx);
}

/**
 * One step of the widget: a <section data-step> titled by a focusable heading
 * (navigation moves focus there), hidden unless it is the current step.
 * @param {{id: string, state: {step: string}}} w the widget
 * @param {import('./internal').Step} step
 * @param {string} title
 * @param {...Child} body
 * @returns {HTMLElement}
 */
export function stepSection(w, step, title, ...body) {
  const heading = `${w.id}-h-${step}`;
  return h('section', { 'data-step': step, 'aria-labelledby': heading, hidden: step !== w.state.step },
    h('h2', { id: heading, tabindex: '-1', text: title }), ...body);
}

/** The lock icon for the privacy line (decorative). */
export function lockIcon() {
  return s('svg', { width: 16, height: 16, viewBox: '0 0 16 16', 'aria-hidden': 'true', focusable: 'false' },
    s('path', { d: 'M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z', fill: 'currentColor' }));
}
