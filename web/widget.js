// widget.js - the consultation UI: the flow from photo to hairline, preview
// and estimate (one module per step), the client's state and the events,
// inside a shadow root so host-page CSS cannot reach in and ours cannot leak
// out. One implementation behind mount(), the <smp-consultation> element and
// window.SMPWidget.
import { createConsultation, EVENTS } from './consultation.js';
import { SmpError } from './errors.js';
import { validateOptions, GOALS, STYLES } from './options.js';
import { resolveLanguage, translator } from './i18n.js';
import { widgetStyleSheet } from './widget_css.js';
import { h } from './dom.js';
import { applyTheme } from './theme.js';
import { PhotoStep } from './photo_step.js';
import { HairlineStep } from './hairline_step.js';
import { PreviewStep } from './preview_step.js';
import { EstimateStep } from './estimate_step.js';
import { sendLead } from './lead_form.js';

/**
 * @typedef {import('./consultation.js').Consultation} Consultation
 * @typedef {import('./smp').WidgetInstance} ApiWidgetInstance
 * @typedef {import('./smp').Options} Options
 * @typedef {import('./smp').EmbedOptions} EmbedOptions
 * @typedef {import('./smp').EventMap} EventMap
 * @typedef {import('./smp').EventName} EventName
 * @typedef {import('./internal').Step} Step
 * @typedef {import('./internal').WidgetState} WidgetState
 * @typedef {{photo: PhotoStep, adjust: HairlineStep, preview: PreviewStep, estimate: EstimateStep}} Steps
 * @typedef {(payload: any) => void} Handler
 */

/** @type {Step[]} */
const STEPS = ['photo', 'adjust', 'preview', 'estimate'];
/** @type {Record<Step, string>} */
const STEP_LABEL = { photo: 'stepPhoto', adjust: 'stepAdjust', preview: 'stepPreview', estimate: 'stepEstimate' };

/** @type {WeakMap<Element, SmpWidget>} */
const widgets = new WeakMap();
let counter = 0;

/** Resolves after the browser has had a chance to paint (progress lines show). */
const nextPaint = () => new Promise((/** @type {(v?: unknown) => void} */ r) => requestAnimationFrame(() => setTimeout(r, 0)));

/** @implements {ApiWidgetInstance} */
export class SmpWidget {
  /** @param {Element & ElementCSSInlineStyle} host @param {Options} [options] the shared option vocabulary */
  constructor(host, options = {}) {
    const { embed, design } = validateOptions(options, 'mount() options');
    this.host = host;
    /** @type {EmbedOptions & {goals: import('./smp').Goal[], styles: import('./smp').Style[]}} */
    this.embed = { goals: [...GOALS], styles: [...STYLES], ...embed };
    this.id = `smp${++counter}`;
    /** @type {Map<string, Set<Handler>>} the page's handlers */
    this.handlers = new Map(EVENTS.map((e) => [e, new Set()]));
    /** @type {Map<string, Set<Handler>>} the custom element's DOM event forwarders */
    this.forwarders = new Map(EVENTS.map((e) => [e, new Set()]));
    /** @type {WidgetState} */
    this.state = { step: 'photo', photo: null, analysis: null, answers: new Set(), factors: new Set(), estimate: null };
    /**
     * The consultation, set once the core has loaded. Every handler that
     * uses it runs after a photo was loaded, which needs it first.
     * @type {Consultation}
     */
    this.c = /** @type {any} */ (undefined);
    this.destroyed = false;
    this.busy = false;
    this._raf = 0;
    this._estimateSeq = 0;
    /** @type {Steps} */
    this.steps = /** @type {any} */ (undefined);  // _build() makes them
    /** @type {{nav: HTMLElement, navButtons: Record<Step, HTMLButtonElement>, honesty: HTMLElement}} */
    this.ui = /** @type {any} */ (undefined);
    this.lang = 'en';
    this.t = translator(this.lang);
    this.clinicName = '';
    this.root = host.shadowRoot || host.attachShadow({ mode: 'open' });
    this.root.adoptedStyleSheets = [widgetStyleSheet()];
    applyTheme(this.host, this.embed.theme);
    this._build();
    this.ready = createConsultation({ ...this.embed, ...design }).then((c) => {
      if (this.destroyed) { c.close(); return c; }
      this.c = c;
      for (const ev of /** @type {const} */ (['analysis', 'change', 'estimate', 'error'])) c.on(ev, (p) => this._emit(ev, p));
      this.steps.preview.sync();
      return c;
    });
    this.ready.catch((err) => this._showError(this.steps.photo.error, err));
    widgets.set(host, this);
  }

  // --- public API ----------------------------------------------------------

  /**
   * Subscribes to 'analysis' | 'change' | 'estimate' | 'error' | 'lead'; returns an unsubscribe function.
   * @template {EventName} E
   * @param {E} event
   * @param {(payload: EventMap[E]) => void} handler
   * @returns {() => void}
   */
  on(event, handler) {
    if (!this.handlers.has(event)) {
      throw new SmpError('invalid_argument', `Unknown event '${event}'; use ${EVENTS.join(', ')}.`);
    }
    if (typeof handler !== 'function') throw new SmpError('invalid_argument', 'on() needs a function.');
    const set = /** @type {Set<Handler>} */ (this.handlers.get(event));
    set.add(handler);
    if (event === 'lead') this._updateLeadVisibility();
    return () => { set.delete(handler); this._updateLeadVisibility(); };
  }

  /**
   * Changes any option of the shared vocabulary; a bad value throws and changes nothing.
   * @param {Options} partial
   * @returns {this}
   */
  setOptions(partial) {
    this._alive();
    const { embed, design } = validateOptions(partial, 'setOptions() argument');
    if (Object.keys(design).length) {
      if (this.c) this.c.setOptions(design);  // throws on out-of-range values, nothing changed
      else this.ready.then((c) => c.setOptions(design)).catch(() => {});
    }
    const rebuild = ['locale', 'clinic', 'goals', 'styles'].some((k) => k in embed);
    Object.assign(this.embed, embed);
    if (this.c && Object.keys(embed).length) this.c.setOptions(embed);
    if ('theme' in embed) applyTheme(this.host, this.embed.theme);
    if (rebuild) this._rebuild();
    else this.steps.preview.sync();
    if (this.c && this.state.photo && Object.keys(design).length) this._scheduleRender();
    // Anything that changes the figures invalidates the shown estimate.
    if (Object.keys(design).length || ['pricing', 'currency', 'locale'].some((k) => k in embed)) {
      this.state.estimate = null;
      if (this.c && this.state.photo && this.state.step === 'estimate') this.steps.estimate.estimate();
    }
    this._updateLeadVisibility();
    return this;
  }

  /**
   * The programmatic consultation behind the widget (resolves once the core is ready).
   * @returns {Promise<Consultation>}
   */
  get consultation() {
    return this.ready;
  }

  /** Removes the UI and frees the wasm memory. Safe to call more than once. */
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    cancelAnimationFrame(this._raf);
    this.steps?.adjust.editor.destroy();
    this.c?.close();
    this.root.replaceChildren();
    widgets.delete(this.host);
  }

  // --- events ----------------------------------------------------------------

  /**
   * @template {EventName} E
   * @param {E} event @param {EventMap[E]} payload
   */
  _emit(event, payload) {
    for (const fn of [...(this.handlers.get(event) ?? []), ...(this.forwarders.get(event) ?? [])]) {
      try { fn(payload); } catch (err) { console.error('SMP: an event handler threw', err); }
    }
  }

  _alive() {
    if (this.destroyed) throw new SmpError('closed', 'This widget has been destroyed.');
  }

  // --- building the UI -------------------------------------------------------

  _rebuild() {
    const step = this.state.step;
    this.steps.adjust.editor.destroy();
    this._build();
    if (this.state.photo) this._showPhoto();
    this._go(step, false);
  }

  _build() {
    this.lang = resolveLanguage(this.embed.locale);
    const t = this.t = translator(this.lang);
    const clinic = this.embed.clinic || '';
    this.clinicName = clinic || t('theClinic');
    /** @type {Record<Step, HTMLButtonElement>} */
    const navButtons = /** @type {any} */ ({});
    const nav = h('nav', { 'aria-label': t('steps') }, h('ol', {}, STEPS.map((st) => h('li', {},
      navButtons[st] = h('button', { type: 'button', 'data-step': st, text: t(STEP_LABEL[st]),
        disabled: st !== 'photo', onclick: () => this._go(st) })))));
    const honesty = h('p', { class: 'muted honesty', text: t('honesty') });
    this.ui = { nav, navButtons, honesty };
    const steps = this.steps = { photo: new PhotoStep(this), adjust: new HairlineStep(this),
      preview: new PreviewStep(this), estimate: new EstimateStep(this) };
    const title = h('p', { class: 'title' }, h('strong', { text: clinic ? t('titleClinic', { clinic }) : t('title') }));
    this.root.replaceChildren(h('div', { class: 'smp', lang: this.lang, 'data-smp-widget': '' },
      title, nav, ...STEPS.map((st) => steps[st].element), honesty));
    steps.preview.sync();
    this._updateLeadVisibility();
  }

  _updateLeadVisibility() {
    const lead = this.steps?.estimate.lead;
    if (!lead) return;
    lead.element.hidden = !(this.embed.leadEndpoint || (this.handlers.get('lead')?.size ?? 0) > 0);
  }

  // --- navigation ------------------------------------------------------------

  /** @param {Step} step @param {boolean} [focus] */
  _go(step, focus = true) {
    if (step !== 'photo' && !this.state.photo) return;
    this.state.step = step;
    // The estimate step carries the honesty note next to its figures.
    this.ui.honesty.hidden = step === 'estimate';
    for (const st of STEPS) {
      this.steps[st].element.hidden = st !== step;
      const b = this.ui.navButtons[st];
      b.disabled = st !== 'photo' && !this.state.photo;
      if (st === step) b.setAttribute('aria-current', 'step'); else b.removeAttribute('aria-current');
    }
    if (step === 'estimate') this.steps.estimate.enter();
    if (focus) this._reveal(step);
  }

  /**
   * Focuses the step's heading and scrolls the step to the top of the window
   * when its start is out of view, or (preview) when the picture would not
   * be wholly visible: each step opens with its beginning, and the preview
   * with its result, on screen.
   * @param {Step} step
   */
  _reveal(step) {
    const heading = this.root.getElementById(`${this.id}-h-${step}`);
    if (!heading) return;
    heading.focus({ preventScroll: true });
    const section = this.steps[step].element;
    const top = section.getBoundingClientRect().top;
    const end = step === 'preview' ? this.steps.preview.viewport.getBoundingClientRect().bottom : top;
    if (top < 0 || end > window.innerHeight) section.scrollIntoView({ block: 'start' });
  }

  // --- photo -----------------------------------------------------------------

  /** @param {HTMLElement} el @param {unknown} err */
  _showError(el, err) {
    console.warn('SMP:', err);
    el.textContent = this.t('photoError', { message: this._errorText(err) });
  }

  // The core's sentence is the most specific but English only; other
  // languages get their catalogue's sentence for the error's code.
  /** @param {unknown} err */
  _errorText(err) {
    const e = /** @type {{code?: string, message?: string} | null | undefined} */ (err);
    const key = e && e.code ? `error_${e.code}` : '';
    if (this.lang !== 'en' && key && this.t(key) !== key) return this.t(key);
    return e && e.message ? e.message : String(err);
  }

  /** @param {File} file */
  /** Warms the core up for the photo about to come (Consultation.warmUp); once per page. */
  _warmUp() {
    if (this.destroyed) return;
    this.ready.then((c) => c.warmUp()).catch(() => {});
  }

  async _loadFile(file) {
    if (this.busy || this.destroyed) return;
    this.busy = true;
    this.steps.photo.error.textContent = '';
    this.steps.photo.progress('decoding');
    try {
      await nextPaint();
      const c = await this.ready;
      await c.loadPhoto(file, { onProgress: async (stage) => { this.steps.photo.progress(stage); await nextPaint(); } });
      this.steps.photo.progress('rendering');
      await nextPaint();
      this._newPhoto();
      const p = /** @type {import('./consultation.js').PhotoInfo} */ (c.photo);
      this.steps.photo.progress('ready', { width: p.width, height: p.height });
      this._go('adjust');
      this.steps.adjust.editor.fitHairline();
    } catch (err) {
      this.steps.photo.progress('');
      this._showError(this.steps.photo.error, err);
    } finally {
      this.busy = false;
    }
  }

  /** A new photo (or the same one turned): everything shown is derived afresh. */
  _newPhoto() {
    const c = this.c;
    this.state.photo = c.photo;
    this.state.analysis = c.analysis;
    this.state.estimate = null;
    this.steps.estimate.newPhoto();
    this.state.proposed = null;
    this.state.moved = false;
    this._showPhoto();
  }

  /** Puts the loaded photo, hairlines and preview into the (possibly rebuilt) UI. */
  _showPhoto() {
    const before = this.c.photoImageData();
    this.steps.adjust.show(before);
    this.steps.preview.showPhoto(before);
    this._renderPreview();
  }

  // --- preview ---------------------------------------------------------------

  _scheduleRender() {
    if (this._raf) return;
    this._raf = requestAnimationFrame(() => { this._raf = 0; this._renderPreview(); });
  }

  _renderPreview() {
    if (!this.c || this.c.closed || !this.state.photo) return;
    try {
      this.steps.preview.draw(this.c.previewImageData());
      this.steps.adjust.showDesign();
    } catch (err) {
      this._showError(this.steps.photo.error, err);
    }
  }

  // --- lead ------------------------------------------------------------------

  /**
   * @param {import('./lead_form.js').LeadValues} values
   * @returns {Promise<string>} the message key of the status line
   */
  async _submitLead(values) {
    const endpoint = this.embed.leadEndpoint;
    const lead = await sendLead({ c: this.c, clinic: this.embed.clinic || null, endpoint, locale: this.lang,
      consentText: this.t('leadConsent', { clinic: this.clinicName }), estimate: this.state.estimate }, values);
    this._emit('lead', lead);
    return endpoint ? 'leadSent' : 'leadSaved';
  }
}

/**
 * Mounts the widget into an element (or the first match of a selector).
 * Returns the instance synchronously; bad options throw one SmpError listing every problem.
 * @param {Element | string} target
 * @param {Options} [options]
 * @returns {SmpWidget}
 */
export function mount(target, options = {}) {
  const el = typeof target === 'string' ? document.querySelector(target) : target;
  if (!(el instanceof Element)) {
    throw new SmpError('invalid_target', `mount() needs an element or a selector that matches one; ${JSON.stringify(String(target))} does not.`);
  }
  widgets.get(el)?.destroy();
  return new SmpWidget(/** @type {Element & ElementCSSInlineStyle} */ (el), options);
}
