// hairline_editor.js - the photo with the current hairline, the proposed
// hairline and the treated area drawn over it, and draggable control points
// (mouse, touch, pen; keyboard: focus a point and use the arrow keys).
// Coordinates are ORIGINAL photo pixels, as in the core's hairline JSON.
import { h, s, context2d } from './dom.js';

/** @typedef {import('./smp').Point} Point */

const HANDLE_PX = 10;  // visible radius on screen
const HIT_PX = 22;     // touch target radius on screen (44 px across)

/**
 * A smooth path through the points (Catmull-Rom as cubic Béziers).
 * @param {Point[]} points
 */
export function smoothPath(points) {
  if (points.length === 0) return '';
  const p = points;
  let d = `M${p[0][0]},${p[0][1]}`;
  for (let i = 0; i < p.length - 1; i++) {
    const p0 = p[Math.max(0, i - 1)], p1 = p[i], p2 = p[i + 1], p3 = p[Math.min(p.length - 1, i + 2)];
    const c1 = [p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6];
    const c2 = [p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6];
    d += ` C${c1[0]},${c1[1]} ${c2[0]},${c2[1]} ${p2[0]},${p2[1]}`;
  }
  return d;
}

export class HairlineEditor {
  /**
   * @param {{t: import('./i18n.js').Translate, idPrefix: string, onMove: (points: Point[], final: boolean) => void}} opts
   */
  constructor({ t, idPrefix, onMove }) {
    this.t = t;
    this.onMove = onMove;
    /** @type {Point[]} */
    this.points = [];
    this.aspect = 1;
    this.width = 1;
    this.height = 1;
    this.scale = 1;  // original px per screen px
    this.canvas = h('canvas', { 'aria-hidden': 'true' });
    this.regionCanvas = h('canvas', { class: 'layer region', 'aria-hidden': 'true' });
    this.curveNow = s('path', { class: 'curve-now' });
    this.curveNew = s('path', { class: 'curve-new' });
    this.handles = s('g');
    this.helpId = `${idPrefix}-handle-help`;
    this.svg = s('svg', { role: 'group', 'aria-label': t('newHairline'), preserveAspectRatio: 'none' },
      this.curveNow, this.curveNew, this.handles);
    this.help = h('p', { id: this.helpId, class: 'muted', text: t('handleHelp') });
    this.frame = h('div', { class: 'frame' }, this.canvas, this.regionCanvas, this.svg);
    this.viewport = h('div', { class: 'viewport' }, this.frame);
    this.zoom = 1;
    this.zoomInput = h('input', { type: 'range', id: `${idPrefix}-adjust-zoom`, name: 'adjust-zoom', min: 1, max: 4,
      step: 0.5, value: '1', oninput: () => this.setZoom(Number(this.zoomInput.value)) });
    this.zoomOut = h('output', { for: `${idPrefix}-adjust-zoom`, text: '1×' });
    this.element = h('div', {}, this.viewport, this.help,
      h('div', { class: 'field zoom-field' }, h('label', { for: `${idPrefix}-adjust-zoom`, text: t('zoom') }),
        this.zoomInput, this.zoomOut));
    this._resize = new ResizeObserver(() => this._sizeHandles());
    this._resize.observe(this.frame);
  }

  /**
   * The photo (ImageData at working size) and its original size.
   * @param {ImageData} image @param {number} originalWidth @param {number} originalHeight
   */
  setImage(image, originalWidth, originalHeight) {
    this.canvas.width = image.width;
    this.canvas.height = image.height;
    context2d(this.canvas).putImageData(image, 0, 0);
    this.width = originalWidth;
    this.height = originalHeight;
    this.svg.setAttribute('viewBox', `0 0 ${originalWidth} ${originalHeight}`);
    this.aspect = image.width / image.height;
    this.setZoom(this.zoom);
  }

  /**
   * Magnifies the photo inside its scrolling viewport (handles keep their on-screen size).
   * @param {number} z @param {Point} [centre] original pixels to centre on
   */
  setZoom(z, centre) {
    this.zoom = z;
    this.zoomInput.value = String(z);
    this.zoomOut.textContent = `${z}×`;
    this.frame.style.setProperty('width', `${z * 100}%`);
    this.frame.style.setProperty('max-width', `calc(75vh * ${(this.aspect || 1) * z})`);
    this._sizeHandles();
    if (centre) {
      const vp = this.viewport, r = this.frame.getBoundingClientRect();
      vp.scrollLeft = centre[0] / this.width * r.width - vp.clientWidth / 2;
      vp.scrollTop = centre[1] / this.height * r.height - vp.clientHeight / 2;
    }
  }

  /**
   * On small screens the points crowd together: zoom until the hairline spans
   * a comfortable width (at least ~260 px) and centre it.
   */
  fitHairline() {
    if (this.points.length < 2) return;
    const xs = this.points.map((p) => p[0]), ys = this.points.map((p) => p[1]);
    const shown = this.frame.getBoundingClientRect().width / this.zoom;
    const spanPx = ((Math.max(...xs) - Math.min(...xs)) / this.width) * shown;
    const z = spanPx > 0 && spanPx < 200 ? Math.min(4, Math.round((260 / spanPx) * 2) / 2) : 1;
    /** @type {Point} */
    const centre = [(Math.min(...xs) + Math.max(...xs)) / 2, ys.reduce((a, b) => a + b, 0) / ys.length];
    this.setZoom(Math.max(1, z), centre);
  }

  /** @param {Point[]} polyline the current hairline */
  setCurrent(polyline) {
    this.curveNow.setAttribute('d', polyline && polyline.length > 1
      ? `M${polyline.map((p) => `${p[0]},${p[1]}`).join(' L')}` : '');
  }

  /**
   * The treated area: the core's region at the working size, tinted, its
   * coverage as the tint's opacity (a feathered edge fades out).
   * @param {import('./smp').Region} region
   */
  setRegion({ width, height, coverage }) {
    const image = new ImageData(width, height);
    const px = image.data;
    for (let k = 0, i = 0; k < coverage.length; k++, i += 4) {
      if (!coverage[k]) continue;
      px[i] = 158; px[i + 1] = 63; px[i + 2] = 181; px[i + 3] = coverage[k];
    }
    this.regionCanvas.width = width;
    this.regionCanvas.height = height;
    context2d(this.regionCanvas).putImageData(image, 0, 0);
  }

  /** @param {Point[]} points the proposed hairline's control points */
  setPoints(points) {
    const active = /** @type {Document | ShadowRoot} */ (this.handles.getRootNode()).activeElement;
    const focused = active && this.handles.contains(active) ? [...this.handles.children].indexOf(active) : -1;
    this.points = points.map((p) => [p[0], p[1]]);
    if (this.handles.children.length !== points.length) this._buildHandles();
    this._place();
    const g = /** @type {SVGGElement | undefined} */ (this.handles.children[focused]);
    if (focused >= 0 && g) g.focus();
  }

  _buildHandles() {
    this.handles.replaceChildren();
    this.points.forEach((_, i) => {
      const g = s('g', {
        class: 'handle', tabindex: '0', role: 'button', 'data-index': i,
        'aria-roledescription': this.t('handleRole'),
        'aria-label': this.t('handle', { n: i + 1, count: this.points.length }),
        'aria-describedby': this.helpId,
      }, s('circle', { class: 'hit' }), s('circle', { class: 'ring' }));
      g.addEventListener('pointerdown', (e) => this._down(e, i, g));
      g.addEventListener('keydown', (e) => this._key(e, i));
      this.handles.append(g);
    });
    this._sizeHandles();
  }

  _place() {
    [...this.handles.children].forEach((g, i) => {
      g.setAttribute('transform', `translate(${this.points[i][0]} ${this.points[i][1]})`);
    });
    // While a handle moves, a quick curve through the points; setCurve then
    // draws the core's own curve, the one the dots follow.
    this.curveNew.setAttribute('d', smoothPath(this.points));
  }

  /** @param {Point[]} curve the design's curve as the core samples it */
  setCurve(curve) {
    if (curve && curve.length > 1) this.curveNew.setAttribute('d', `M${curve.map((p) => `${p[0]},${p[1]}`).join(' L')}`);
  }

  _sizeHandles() {
    const shown = this.frame.getBoundingClientRect().width;
    if (shown > 0) this.scale = this.width / shown;
    for (const g of this.handles.children) {
      g.firstElementChild?.setAttribute('r', String(HIT_PX * this.scale));
      g.lastElementChild?.setAttribute('r', String(HANDLE_PX * this.scale));
    }
  }

  /** @param {PointerEvent} e @returns {Point | null} */
  _toImage(e) {
    const m = this.svg.getScreenCTM();
    if (!m) return null;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
    return [Math.min(this.width, Math.max(0, p.x)), Math.min(this.height, Math.max(0, p.y))];
  }

  /** @param {PointerEvent} e @param {number} i @param {SVGGElement} g */
  _down(e, i, g) {
    if (e.button !== 0) return;
    e.preventDefault();
    g.focus();
    g.setPointerCapture(e.pointerId);
    g.classList.add('dragging');
    let frame = 0;
    const move = (/** @type {PointerEvent} */ ev) => {
      const p = this._toImage(ev);
      if (!p) return;
      this.points[i] = p;
      this._place();
      if (!frame) {
        frame = requestAnimationFrame(() => { frame = 0; this.onMove(this.points, false); });
      }
    };
    const up = (/** @type {PointerEvent} */ ev) => {
      move(ev);
      if (frame) cancelAnimationFrame(frame);
      g.classList.remove('dragging');
      g.removeEventListener('pointermove', move);
      g.removeEventListener('pointerup', up);
      g.removeEventListener('pointercancel', up);
      this.onMove(this.points, true);
    };
    g.addEventListener('pointermove', move);
    g.addEventListener('pointerup', up);
    g.addEventListener('pointercancel', up);
  }

  /** @param {KeyboardEvent} e @param {number} i */
  _key(e, i) {
    const step = Math.max(1, Math.round(Math.max(this.width, this.height) / 200)) * (e.shiftKey ? 5 : 1);
    /** @type {Record<string, Point>} */
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const d = moves[e.key];
    if (!d) return;
    e.preventDefault();
    const p = this.points[i];
    this.points[i] = [Math.min(this.width, Math.max(0, p[0] + d[0])), Math.min(this.height, Math.max(0, p[1] + d[1]))];
    this._place();
    this.onMove(this.points, true);
  }

  destroy() {
    this._resize.disconnect();
  }
}
