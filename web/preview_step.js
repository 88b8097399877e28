// preview_step.js - the widget's third step: the preview picture with the
// photo under a before/after slider, zoom towards the hairline, the design
// controls (goal, style, shade, density, keep hair) re-rendered live, and
// downloads of the preview or a labelled before/after image.
import { h, context2d, stepSection } from './dom.js';
import { SHADES, DESIGN_SCHEMA } from './options.js';

/**
 * @typedef {import('./smp').Options} Options
 * @typedef {import('./widget.js').SmpWidget} SmpWidget
 */

export class PreviewStep {
  /** @param {SmpWidget} w */
  constructor(w) {
    this.w = w;
    const t = w.t;
    const sid = (/** @type {string} */ name) => `${w.id}-${name}`;
    /** @param {'goal' | 'style' | 'shade'} name @param {readonly string[]} values */
    const select = (name, values) => {
      const el = h('select', { id: sid(name), name, onchange: () => this.option({ [name]: el.value }) },
        values.map((v) => h('option', { value: v, text: t(`${name}_${v}`) })));
      this[name] = el;
      return h('div', { class: 'field', hidden: values.length < 2 }, h('label', { for: sid(name), text: t(name) }), el);
    };
    /** @type {HTMLSelectElement | undefined} */ this.goal = undefined;
    /** @type {HTMLSelectElement | undefined} */ this.style = undefined;
    /** @type {HTMLSelectElement | undefined} */ this.shade = undefined;
    this.aspect = 1;
    this.densityOut = h('output', { for: sid('density') });
    // The range the core accepts (options.js's copy of its schema).
    this.density = h('input', { type: 'range', id: sid('density'), name: 'density',
      min: DESIGN_SCHEMA.density.min, max: DESIGN_SCHEMA.density.max, step: 10,
      oninput: () => this.option({ density: Number(this.density.value) }) });
    // The full goal shows the hair clipped, as every client has it after
    // treatment; the client may look at the dots over the hair as it is.
    this.keepHair = h('input', { type: 'checkbox', id: sid('keep-hair'), name: 'keepHair',
      onchange: () => this.option({ keepHair: this.keepHair.checked }) });
    this.keepHairField = h('div', { class: 'field check' }, this.keepHair, h('label', { for: sid('keep-hair'), text: t('keepHair') }));
    this.after = h('canvas', { 'aria-label': t('after'), role: 'img' });
    this.before = h('canvas', { class: 'layer before-layer', 'aria-hidden': 'true' });
    this.compareLine = h('div', { class: 'compare-line', 'aria-hidden': 'true' });
    this.frame = h('div', { class: 'frame' }, this.after, this.before, this.compareLine,
      h('span', { class: 'tag left', 'aria-hidden': 'true', text: t('before') }),
      h('span', { class: 'tag right', 'aria-hidden': 'true', text: t('after') }));
    this.compareInput = h('input', { type: 'range', id: sid('compare'), name: 'compare', min: 0, max: 100, value: '50',
      'aria-describedby': sid('compare-help'), oninput: () => this.compare() });
    this.zoomOut = h('output', { for: sid('zoom'), text: '1×' });
    this.zoomInput = h('input', { type: 'range', id: sid('zoom'), name: 'zoom', min: 1, max: 4, step: 0.5, value: '1',
      oninput: () => this.zoom() });
    this.download = h('a', { hidden: true, 'aria-hidden': 'true', tabindex: '-1' });
    this.viewport = h('div', { class: 'viewport', 'data-preview': '' }, this.frame);
    // The picture first: on a phone the step opens with the result in view.
    this.element = stepSection(w, 'preview', t('stepPreview'),
      this.viewport,
      h('div', { class: 'controls' },
        h('div', { class: 'field' }, h('label', { for: sid('compare'), text: t('compare') }), this.compareInput,
          h('span', { id: sid('compare-help'), class: 'muted', text: t('compareHelp') })),
        h('div', { class: 'field' }, h('label', { for: sid('zoom'), text: t('zoom') }), this.zoomInput, this.zoomOut)),
      h('div', { class: 'controls' },
        select('goal', w.embed.goals),
        select('style', w.embed.styles),
        select('shade', SHADES),
        h('div', { class: 'field' }, h('label', { for: sid('density'), text: t('density') }), this.density, this.densityOut),
        this.keepHairField),
      h('p', { class: 'muted', 'data-preview-note': '', text: t('previewNote') }),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', text: t('toAdjust'), onclick: () => w._go('adjust') }),
        h('button', { type: 'button', class: 'secondary', 'data-action': 'download', text: t('download'), onclick: () => this._download(false) }),
        h('button', { type: 'button', class: 'secondary', 'data-action': 'download-compare', text: t('downloadCompare'), onclick: () => this._download(true) }),
        h('button', { type: 'button', 'data-action': 'to-estimate', text: t('toEstimate'), onclick: () => w._go('estimate') })),
      this.download);
  }

  /** The controls show the consultation's options. */
  sync() {
    const c = this.w.c;
    if (!c) return;
    const o = c.options;
    for (const k of /** @type {const} */ (['goal', 'style', 'shade'])) { const el = this[k]; if (el) el.value = o[k]; }
    this.density.value = String(o.density);
    this.densityOut.textContent = this.w.t('densityValue', { n: Math.round(o.density) });
    this.keepHair.checked = o.keepHair;
    this.keepHairField.hidden = o.goal !== 'full';
  }

  /**
   * A control moved: the core takes the option (a refused value puts the control back).
   * @param {Options} partial
   */
  option(partial) {
    const w = this.w;
    try {
      w.c.setOptions(partial);
    } catch {
      this.sync();
      return;
    }
    this.sync();
    if (w.state.photo) {
      if ('goal' in partial || 'style' in partial) w.steps.adjust.suggest();
      w._scheduleRender();
      w.state.estimate = null;
    }
  }

  /** @param {ImageData} before the photo under the slider */
  showPhoto(before) {
    this.aspect = before.width / before.height;
    this.before.width = before.width;
    this.before.height = before.height;
    context2d(this.before).putImageData(before, 0, 0);
    this.zoom();
    this.compare();
  }

  /** @param {ImageData} after the rendered preview */
  draw(after) {
    this.after.width = after.width;
    this.after.height = after.height;
    context2d(this.after).putImageData(after, 0, 0);
  }

  compare() {
    const v = Number(this.compareInput.value);
    this.before.style.setProperty('clip-path', `inset(0 ${100 - v}% 0 0)`);
    this.compareLine.style.setProperty('left', `${v}%`);
  }

  zoom() {
    const z = Number(this.zoomInput.value);
    this.frame.style.setProperty('width', `${z * 100}%`);
    this.frame.style.setProperty('max-width', `calc(75vh * ${this.aspect * z})`);
    this.zoomOut.textContent = `${z}×`;
    // Zoom towards the hairline, where the dots are, not the top-left corner.
    const pts = this.w.steps.adjust.editor.points, p = this.w.state.photo;
    if (z > 1 && pts.length && p) {
      const cx = pts.reduce((a, q) => a + q[0], 0) / pts.length / p.width;
      const cy = pts.reduce((a, q) => a + q[1], 0) / pts.length / p.height;
      const vp = this.viewport, r = this.frame.getBoundingClientRect();
      vp.scrollLeft = cx * r.width - vp.clientWidth / 2;
      vp.scrollTop = cy * r.height - vp.clientHeight / 2;
    }
  }

  /** @param {boolean} compare */
  async _download(compare) {
    const w = this.w;
    try {
      const blob = await w.c.exportImage({ compare, labels: [w.t('before'), w.t('after')] });
      const url = URL.createObjectURL(blob);
      const a = this.download;
      a.href = url;
      a.download = compare ? 'smp-before-after.png' : 'smp-preview.png';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (err) {
      w._showError(w.steps.photo.error, err);
    }
  }
}
