// widget.js - the consultation UI: photo intake, hairline review, live preview,
// estimate and an optional lead form, inside a shadow root so host-page CSS
// cannot reach in and ours cannot leak out. One implementation behind mount(),
// the <smp-consultation> element and window.SMPWidget.
import { createConsultation, EVENTS } from './consultation.js';
import { SmpError } from './errors.js';
import { validateOptions, GOALS, STYLES, SHADES, THEME_KEYS, DESIGN_SCHEMA } from './options.js';
import { resolveLanguage, translator } from './i18n.js';
import { widgetStyleSheet } from './widget_css.js';
import { h, lockIcon, context2d } from './dom.js';
import { HairlineEditor } from './hairline_editor.js';
import { estimateNodes, readCatalogue, catalogueSection } from './estimate_view.js';
import { LeadForm } from './lead_form.js';

/**
 * @typedef {import('./consultation.js').Consultation} Consultation
 * @typedef {import('./smp').WidgetInstance} ApiWidgetInstance
 * @typedef {import('./smp').Analysis} Analysis
 * @typedef {import('./smp').Estimate} Estimate
 * @typedef {import('./smp').Options} Options
 * @typedef {import('./smp').EmbedOptions} EmbedOptions
 * @typedef {import('./smp').EventMap} EventMap
 * @typedef {import('./smp').EventName} EventName
 * @typedef {import('./smp').Point} Point
 * @typedef {import('./smp').Lead} Lead
 * @typedef {import('./internal').Step} Step
 * @typedef {import('./internal').WidgetUI} WidgetUI
 * @typedef {import('./internal').WidgetState} WidgetState
 * @typedef {(payload: any) => void} Handler
 */

/** @type {Step[]} */
const STEPS = ['photo', 'adjust', 'preview', 'estimate'];
/** @type {Record<Step, string>} */
const STEP_LABEL = { photo: 'stepPhoto', adjust: 'stepAdjust', preview: 'stepPreview', estimate: 'stepEstimate' };
// The suggested hairline rests on the face's landmarks. Without a face it is
// a guess from the hair's edge (or a default arc), and a face found with
// less than this confidence may be the wrong one: either way the client is
// asked to check the line. (The analysis' overall `confidence` also carries
// the Norwood stage's doubt, so it is low on most portraits whose hairline
// is well placed.)
const FACE_TRUSTED = 0.6;
/**
 * Quarter turns that bring a photo on its side upright (1 or 3), else 0.
 * @param {Analysis | null} a
 * @returns {number}
 */
function sidewaysTurns(a) {
  return a && !a.upsideDown && (a.turnToUpright === 1 || a.turnToUpright === 3) ? a.turnToUpright : 0;
}

/**
 * Which alert the hairline step shows: a message key, or null.
 * @param {Analysis | null} a
 */
function hairlineDoubt(a) {
  // No person in the photo: nothing is dotted, and the client is told why.
  if (a && a.scalp.headFraction === 0) return 'noHead';
  if (!a || a.upsideDown || sidewaysTurns(a)) return null;  // the turn alerts say it
  if (!a.face) return 'lowConfidenceNoFace';
  return a.faceEvidence < FACE_TRUSTED ? 'lowConfidence' : null;
}

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
    /** @type {ImageData | null} */
    this.beforeImage = null;
    this._raf = 0;
    this._estimateSeq = 0;
    /** @type {WidgetUI} */
    this.ui = /** @type {any} */ (undefined);  // _build() makes it
    /** @type {HairlineEditor} */
    this.editor = /** @type {any} */ (undefined);
    /** @type {LeadForm} */
    this.lead = /** @type {any} */ (undefined);
    this.lang = 'en';
    this.t = translator(this.lang);
    this.clinicName = '';
    this.root = host.shadowRoot || host.attachShadow({ mode: 'open' });
    this.root.adoptedStyleSheets = [widgetStyleSheet()];
    this._applyTheme();
    this._build();
    this.ready = createConsultation({ ...this.embed, ...design }).then((c) => {
      if (this.destroyed) { c.close(); return c; }
      this.c = c;
      for (const ev of /** @type {const} */ (['analysis', 'change', 'estimate', 'error'])) c.on(ev, (p) => this._emit(ev, p));
      this._syncControls();
      return c;
    });
    this.ready.catch((err) => this._showError(this.ui.photoError, err));
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
    if ('theme' in embed) this._applyTheme();
    if (rebuild) this._rebuild();
    else this._syncControls();
    if (this.c && this.state.photo && Object.keys(design).length) this._scheduleRender();
    // Anything that changes the figures invalidates the shown estimate.
    if (Object.keys(design).length || ['pricing', 'currency', 'locale'].some((k) => k in embed)) {
      this.state.estimate = null;
      if (this.c && this.state.photo && this.state.step === 'estimate') this._estimate();
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
    this.editor?.destroy();
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

  _applyTheme() {
    const theme = { ...(this.embed.theme || {}) };
    // A light brand colour under white text would fail 4.5:1: pick the readable ink.
    if (theme.primary && !theme.onPrimary) {
      const ink = readableInk(theme.primary);
      if (ink) theme.onPrimary = ink;
    }
    for (const k of THEME_KEYS) {
      const prop = `--smp-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      if (theme[k]) this.host.style.setProperty(prop, theme[k]);
      else this.host.style.removeProperty(prop);
    }
  }

  _rebuild() {
    const step = this.state.step;
    this.editor?.destroy();
    this._build();
    if (this.state.photo) this._showPhoto();
    this._go(step, false);
  }

  _build() {
    this.lang = resolveLanguage(this.embed.locale);
    const t = this.t = translator(this.lang);
    const clinic = this.embed.clinic || '';
    this.clinicName = clinic || t('theClinic');
    const ui = this.ui = /** @type {WidgetUI} */ ({ navButtons: {}, sections: {} });
    const sid = (/** @type {string} */ name) => `${this.id}-${name}`;

    ui.nav = h('nav', { 'aria-label': t('steps') }, h('ol', {}, STEPS.map((st) => h('li', {},
      ui.navButtons[st] = h('button', { type: 'button', 'data-step': st, text: t(STEP_LABEL[st]),
        disabled: st !== 'photo', onclick: () => this._go(st) })))));

    // Photo intake
    const fileInput = (/** @type {Record<string, string>} */ extra) => h('input', { type: 'file', accept: 'image/*', class: 'visually-hidden',
      onchange: (/** @type {Event & {target: HTMLInputElement}} */ e) => { const f = e.target.files && e.target.files[0]; e.target.value = ''; if (f) this._loadFile(f); }, ...extra });
    ui.drop = h('div', { class: 'drop' },
      h('p', { text: t('dropHere') }),
      h('div', { class: 'actions' },
        h('label', { class: 'button file-label' }, t('choosePhoto'), ui.file = fileInput({ name: 'photo' })),
        h('label', { class: 'button secondary file-label' }, t('takePhoto'),
          ui.camera = fileInput({ name: 'camera', capture: 'user' }))));
    for (const ev of ['dragenter', 'dragover']) ui.drop.addEventListener(ev, (e) => { e.preventDefault(); ui.drop.classList.add('over'); });
    ui.drop.addEventListener('dragleave', () => ui.drop.classList.remove('over'));
    ui.drop.addEventListener('drop', (e) => {
      e.preventDefault();
      ui.drop.classList.remove('over');
      const f = e.dataTransfer && e.dataTransfer.files[0];
      if (f) this._loadFile(f);
    });
    ui.progressBar = h('progress', { hidden: true, 'aria-label': t('working') });
    ui.progressText = h('span', { class: 'progress-text' });
    ui.photoError = h('p', { class: 'error', role: 'alert' });
    const section = (/** @type {Step} */ st, /** @type {string} */ title, /** @type {import('./dom.js').Child[]} */ ...body) => (ui.sections[st] = h('section', {
      'data-step': st, 'aria-labelledby': sid(`h-${st}`), hidden: st !== this.state.step },
    h('h2', { id: sid(`h-${st}`), tabindex: '-1', text: title }), ...body));

    const photo = section('photo', t('stepPhoto'),
      h('p', { class: 'privacy', 'data-privacy': '' }, lockIcon(), h('span', { text: t('privacy') })),
      ui.drop,
      h('div', { class: 'progress', role: 'status', 'aria-live': 'polite' }, ui.progressBar, ui.progressText),
      ui.photoError,
      h('h3', { text: t('guidanceTitle') }),
      h('ul', { class: 'guidance' }, ['guideFaceOn', 'guideHairline', 'guideLight', 'guideTop'].map((k) => h('li', { text: t(k) }))));

    // Review and adjust
    this.editor = new HairlineEditor({ t, idPrefix: this.id, onMove: (/** @type {Point[]} */ pts, /** @type {boolean} */ final) => this._moveHairline(pts, final) });
    ui.lowConfidence = h('p', { class: 'alert', role: 'alert', hidden: true, 'data-alert': 'low-confidence', text: t('lowConfidence') });
    ui.upsideDown = h('p', { class: 'alert', role: 'alert', hidden: true, 'data-alert': 'upside-down' },
      h('span', { text: `${t('upsideDown')} ` }),
      h('button', { type: 'button', class: 'secondary', 'data-action': 'turn-upright', text: t('turnUpright'), onclick: () => this._turn(2) }));
    // A bent head's face looking down, found on a side of the photo: turning
    // brings it to the bottom, where the hairline tools expect it.
    ui.sideways = h('p', { class: 'alert', role: 'alert', hidden: true, 'data-alert': 'sideways' },
      h('span', { text: `${t('sideways')} ` }),
      h('button', { type: 'button', class: 'secondary', 'data-action': 'turn-sideways', text: t('turnUpright'),
        onclick: () => this._turn(sidewaysTurns(this.state.analysis) || 1) }));
    const adjust = section('adjust', t('stepAdjust'),
      h('p', { text: t('adjustIntro') }), ui.upsideDown, ui.sideways, ui.lowConfidence, this.editor.element,
      h('p', { class: 'legend' }, h('span', { class: 'new', text: t('newHairline') }),
        h('span', { class: 'now', text: t('currentHairline') }), h('span', { class: 'area', text: t('region') })),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', text: t('newPhoto'), onclick: () => this._go('photo') }),
        h('button', { type: 'button', class: 'secondary', 'data-action': 'turn', text: t('turnPhoto'),
          'aria-label': t('turnPhotoLabel'), onclick: () => this._turn(1) }),
        h('button', { type: 'button', class: 'secondary', text: t('resetHairline'), onclick: () => this._resetHairline() }),
        h('button', { type: 'button', 'data-action': 'to-preview', text: t('toPreview'), onclick: () => this._go('preview') })));

    // Preview
    /** @param {'goal' | 'style' | 'shade'} name @param {readonly string[]} values @param {string} labelKey @param {string} prefix */
    const select = (name, values, labelKey, prefix) => {
      const el = h('select', { id: sid(name), name, onchange: () => this._option({ [name]: el.value }) },
        values.map((v) => h('option', { value: v, text: t(`${prefix}_${v}`) })));
      return h('div', { class: 'field', hidden: values.length < 2 }, h('label', { for: sid(name), text: t(labelKey) }), (ui[name] = el));
    };
    ui.densityOut = h('output', { for: sid('density') });
    // The range the core accepts (options.js's copy of its schema).
    ui.density = h('input', { type: 'range', id: sid('density'), name: 'density',
      min: DESIGN_SCHEMA.density.min, max: DESIGN_SCHEMA.density.max, step: 10,
      oninput: () => this._option({ density: Number(ui.density.value) }) });
    // The full goal shows the hair clipped, as every client has it after
    // treatment; the client may look at the dots over the hair as it is.
    ui.keepHair = h('input', { type: 'checkbox', id: sid('keep-hair'), name: 'keepHair',
      onchange: () => this._option({ keepHair: ui.keepHair.checked }) });
    ui.keepHairField = h('div', { class: 'field check' }, ui.keepHair, h('label', { for: sid('keep-hair'), text: t('keepHair') }));
    ui.after = h('canvas', { 'aria-label': t('after'), role: 'img' });
    ui.before = h('canvas', { class: 'layer before-layer', 'aria-hidden': 'true' });
    ui.compareLine = h('div', { class: 'compare-line', 'aria-hidden': 'true' });
    ui.previewFrame = h('div', { class: 'frame' }, ui.after, ui.before, ui.compareLine,
      h('span', { class: 'tag left', 'aria-hidden': 'true', text: t('before') }),
      h('span', { class: 'tag right', 'aria-hidden': 'true', text: t('after') }));
    ui.compare = h('input', { type: 'range', id: sid('compare'), name: 'compare', min: 0, max: 100, value: '50',
      'aria-describedby': sid('compare-help'), oninput: () => this._compare() });
    ui.zoomOut = h('output', { for: sid('zoom'), text: '1×' });
    ui.zoom = h('input', { type: 'range', id: sid('zoom'), name: 'zoom', min: 1, max: 4, step: 0.5, value: '1',
      oninput: () => this._zoom() });
    ui.download = h('a', { hidden: true, 'aria-hidden': 'true', tabindex: '-1' });
    // The picture first: on a phone the step opens with the result in view.
    const preview = section('preview', t('stepPreview'),
      (ui.previewViewport = h('div', { class: 'viewport', 'data-preview': '' }, ui.previewFrame)),
      h('div', { class: 'controls' },
        h('div', { class: 'field' }, h('label', { for: sid('compare'), text: t('compare') }), ui.compare,
          h('span', { id: sid('compare-help'), class: 'muted', text: t('compareHelp') })),
        h('div', { class: 'field' }, h('label', { for: sid('zoom'), text: t('zoom') }), ui.zoom, ui.zoomOut)),
      h('div', { class: 'controls' },
        select('goal', this.embed.goals, 'goal', 'goal'),
        select('style', this.embed.styles, 'style', 'style'),
        select('shade', SHADES, 'shade', 'shade'),
        h('div', { class: 'field' }, h('label', { for: sid('density'), text: t('density') }), ui.density, ui.densityOut),
        ui.keepHairField),
      h('p', { class: 'muted', 'data-preview-note': '', text: t('previewNote') }),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', text: t('toAdjust'), onclick: () => this._go('adjust') }),
        h('button', { type: 'button', class: 'secondary', 'data-action': 'download', text: t('download'), onclick: () => this._download(false) }),
        h('button', { type: 'button', class: 'secondary', 'data-action': 'download-compare', text: t('downloadCompare'), onclick: () => this._download(true) }),
        h('button', { type: 'button', 'data-action': 'to-estimate', text: t('toEstimate'), onclick: () => this._go('estimate') })),
      ui.download);

    // Estimate, content and lead
    // On a phone the figures, the outcome and the honesty note come first;
    // the questions and the longer reading wait in collapsed <details>.
    ui.candidacy = h('fieldset', { 'data-estimate': 'candidacy-questions' });
    ui.factors = h('fieldset', { 'data-estimate': 'factors' });
    ui.candidacySection = h('details', { class: 'more', 'data-section': 'candidacy', hidden: true },
      ui.candidacySummary = h('summary', {}), h('div', { class: 'more-body' }, ui.candidacy));
    ui.factorsSection = h('details', { class: 'more', 'data-section': 'factors', hidden: true },
      ui.factorsSummary = h('summary', {}), h('div', { class: 'more-body' }, ui.factors));
    ui.resultsMain = h('div', { 'aria-live': 'polite', 'data-estimate': 'main' });
    ui.resultsMore = h('div', { 'data-estimate': 'more' });
    ui.results = h('div', { 'data-estimate': 'results' }, ui.resultsMain,
      h('p', { class: 'muted honesty-note', 'data-honesty': '', text: t('honesty') }),
      ui.candidacySection, ui.factorsSection, ui.resultsMore);
    const extents = [['photo', t('extentPhoto')], ['photo-ludwig', t('extentPhotoLudwig')],
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => [`norwood-${n}`, t('extentNorwood', { n, what: t(`norwood${n}`) })]),
      ...[1, 2, 3].map((n) => [`ludwig-${n}`, t('extentLudwig', { n, what: t(`ludwig${n}`) })])];
    ui.extent = h('select', { id: sid('extent'), name: 'extent', onchange: () => {
      this.state.extent = ui.extent.value;
      ui.extentNote.textContent = '';  // the client chose: no note on what the photo said
      this._estimate();
    } },
      extents.map(([v, label]) => h('option', { value: v, text: label })));
    ui.extent.value = this.state.extent || this._photoExtent();
    ui.extentNote = h('p', { class: 'alert', role: 'status', hidden: true });
    // A second photo (the top of the head beside a front one) narrows the
    // stage the photos give; it never leaves the device either.
    ui.viewFile = h('input', { type: 'file', accept: 'image/*', name: 'viewPhoto', class: 'visually-hidden',
      onchange: () => { const f = ui.viewFile.files?.[0]; ui.viewFile.value = ''; if (f) this._addView(f); } });
    ui.viewStatus = h('span', { class: 'muted', 'data-views': '' });
    ui.viewError = h('p', { class: 'error', role: 'alert' });
    ui.viewField = h('div', { class: 'field', 'data-field': 'views' },
      h('label', { class: 'button secondary file-label', 'data-action': 'add-view' }, t('addView'), ui.viewFile),
      ui.viewStatus, ui.viewError);
    const extentField = h('div', { class: 'field' }, h('label', { for: sid('extent'), text: t('extentLabel') }), ui.extent);
    ui.content = h('div', { 'data-content': '' });
    this.lead = new LeadForm({ t, idPrefix: this.id, clinic: this.clinicName, onSubmit: (v) => this._submitLead(v) });
    const estimate = section('estimate', t('stepEstimate'),
      h('p', { text: t('estimateIntro') }), extentField, ui.extentNote, ui.viewField, ui.results, ui.content, this.lead.element);

    ui.honesty = h('p', { class: 'muted honesty', text: t('honesty') });
    const title = h('p', { class: 'title' }, h('strong', { text: clinic ? t('titleClinic', { clinic }) : t('title') }));
    this.root.replaceChildren(h('div', { class: 'smp', lang: this.lang, 'data-smp-widget': '' },
      title, ui.nav, photo, adjust, preview, estimate, ui.honesty));
    this._syncControls();
    this._updateLeadVisibility();
  }

  _syncControls() {
    const ui = this.ui;
    if (!this.c) return;
    const o = this.c.options;
    for (const k of /** @type {const} */ (['goal', 'style', 'shade'])) if (ui[k]) ui[k].value = o[k];
    ui.density.value = String(o.density);
    ui.densityOut.textContent = this.t('densityValue', { n: Math.round(o.density) });
    ui.keepHair.checked = o.keepHair;
    ui.keepHairField.hidden = o.goal !== 'full';
  }

  _updateLeadVisibility() {
    if (!this.lead) return;
    this.lead.element.hidden = !(this.embed.leadEndpoint || (this.handlers.get('lead')?.size ?? 0) > 0);
  }

  // --- navigation ------------------------------------------------------------

  /** @param {Step} step @param {boolean} [focus] */
  _go(step, focus = true) {
    if (step !== 'photo' && !this.state.photo) return;
    this.state.step = step;
    // The estimate step carries the honesty note next to its figures.
    this.ui.honesty.hidden = step === 'estimate';
    for (const st of STEPS) {
      this.ui.sections[st].hidden = st !== step;
      const b = this.ui.navButtons[st];
      b.disabled = st !== 'photo' && !this.state.photo;
      if (st === step) b.setAttribute('aria-current', 'step'); else b.removeAttribute('aria-current');
    }
    if (step === 'estimate') this._enterEstimate();
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
    const top = this.ui.sections[step].getBoundingClientRect().top;
    const end = step === 'preview' ? this.ui.previewViewport.getBoundingClientRect().bottom : top;
    if (top < 0 || end > window.innerHeight) this.ui.sections[step].scrollIntoView({ block: 'start' });
  }

  // --- photo -----------------------------------------------------------------

  /** @param {string} key @param {Record<string, unknown>} [params] */
  _progress(key, params) {
    this.ui.progressBar.hidden = !key || key === 'ready';
    this.ui.progressText.textContent = key ? this.t(key, params) : '';
  }

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
  async _loadFile(file) {
    if (this.busy || this.destroyed) return;
    this.busy = true;
    this.ui.photoError.textContent = '';
    this._progress('decoding');
    try {
      await nextPaint();
      const c = await this.ready;
      await c.loadPhoto(file, { onProgress: async (stage) => { this._progress(stage); await nextPaint(); } });
      this._progress('rendering');
      await nextPaint();
      this._newPhoto();
      const p = /** @type {import('./consultation.js').PhotoInfo} */ (c.photo);
      this._progress('ready', { width: p.width, height: p.height });
      this._go('adjust');
      this.editor.fitHairline();
    } catch (err) {
      this._progress('');
      this._showError(this.ui.photoError, err);
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
    this.state.extent = this.ui.extent.value = this._photoExtent();
    this.ui.extentNote.textContent = '';
    this.ui.extentNote.hidden = true;
    // Added views survive a turn of the main photo, not a new photo.
    const views = c.viewCount;
    this.ui.viewStatus.textContent = views > 1 ? this.t('viewsUsed', { n: views }) : '';
    this.ui.viewError.textContent = '';
    this.state.proposed = null;
    this.state.moved = false;
    this._showPhoto();
  }

  /** Quarter turns clockwise, for a photo whose orientation was lost or shot from above. */
  _turn(quarterTurns = 1) {
    if (this.busy || !this.c || !this.state.photo) return;
    try {
      this.c.turn(quarterTurns);
    } catch (err) {
      this._showError(this.ui.photoError, err);
      return;
    }
    this._newPhoto();
    this.editor.fitHairline();
  }

  /** Puts the loaded photo, hairlines and preview into the (possibly rebuilt) UI. */
  _showPhoto() {
    const c = this.c, a = this.state.analysis;
    const p = /** @type {import('./consultation.js').PhotoInfo} */ (this.state.photo);
    const before = this.beforeImage = c.photoImageData();
    this.editor.setImage(before, p.width, p.height);
    this.editor.setCurrent(a ? a.hairline.current : []);
    if (!this.state.proposed) this.state.proposed = c.hairline;
    this.editor.setPoints(this.state.moved ? c.hairline : this.state.proposed);
    const b = this.ui.before;
    b.width = before.width;
    b.height = before.height;
    context2d(b).putImageData(before, 0, 0);
    const doubt = hairlineDoubt(a);
    this.ui.lowConfidence.hidden = !doubt;
    if (doubt) this.ui.lowConfidence.textContent = this.t(doubt);
    this.ui.upsideDown.hidden = !(a && a.upsideDown);
    this.ui.sideways.hidden = !sidewaysTurns(a);
    this._zoom();
    this._compare();
    this._renderPreview();
  }

  // --- hairline and preview --------------------------------------------------

  /** @param {Point[]} points @param {boolean} final the drag or key press ended */
  _moveHairline(points, final) {
    try {
      const placed = this.c.setHairline(points);
      this.state.moved = true;
      if (final) this.editor.setPoints(placed);
    } catch (err) {
      this.editor.setPoints(this.c.hairline);
      return;
    }
    if (final) this._scheduleRender();
  }

  _resetHairline() {
    // The core keeps moved points until the next photo, so put back the proposal.
    if (this.state.proposed) this.editor.setPoints(this.c.setHairline(this.state.proposed));
    this.state.moved = false;
    this._scheduleRender();
  }

  /** @param {Options} partial */
  _option(partial) {
    try {
      this.c.setOptions(partial);
    } catch (err) {
      this._syncControls();
      return;
    }
    this._syncControls();
    if (this.state.photo) {
      if (('goal' in partial || 'style' in partial) && !this.state.moved) {
        this.state.proposed = this.c.hairline;
        this.editor.setPoints(this.state.proposed);
      }
      this._scheduleRender();
      this.state.estimate = null;
    }
  }

  _scheduleRender() {
    if (this._raf) return;
    this._raf = requestAnimationFrame(() => { this._raf = 0; this._renderPreview(); });
  }

  _renderPreview() {
    if (!this.c || this.c.closed || !this.state.photo) return;
    try {
      const after = this.c.previewImageData();
      const canvas = this.ui.after;
      canvas.width = after.width;
      canvas.height = after.height;
      context2d(canvas).putImageData(after, 0, 0);
      const region = this.c.region, design = this.c.design;
      if (region) this.editor.setRegion(region);
      if (design) this.editor.setCurve(design.curve);
    } catch (err) {
      this._showError(this.ui.photoError, err);
    }
  }

  _compare() {
    const v = Number(this.ui.compare.value);
    this.ui.before.style.setProperty('clip-path', `inset(0 ${100 - v}% 0 0)`);
    this.ui.compareLine.style.setProperty('left', `${v}%`);
  }

  _zoom() {
    const z = Number(this.ui.zoom.value);
    const img = this.beforeImage;
    const aspect = img ? img.width / img.height : 1;
    this.ui.previewFrame.style.setProperty('width', `${z * 100}%`);
    this.ui.previewFrame.style.setProperty('max-width', `calc(75vh * ${aspect * z})`);
    this.ui.zoomOut.textContent = `${z}×`;
    // Zoom towards the hairline, where the dots are, not the top-left corner.
    const pts = this.editor.points, p = this.state.photo;
    if (z > 1 && pts.length && p) {
      const cx = pts.reduce((a, q) => a + q[0], 0) / pts.length / p.width;
      const cy = pts.reduce((a, q) => a + q[1], 0) / pts.length / p.height;
      const vp = this.ui.previewViewport, r = this.ui.previewFrame.getBoundingClientRect();
      vp.scrollLeft = cx * r.width - vp.clientWidth / 2;
      vp.scrollTop = cy * r.height - vp.clientHeight / 2;
    }
  }

  /** @param {boolean} compare */
  async _download(compare) {
    try {
      const blob = await this.c.exportImage({ compare, labels: [this.t('before'), this.t('after')] });
      const url = URL.createObjectURL(blob);
      const a = this.ui.download;
      a.href = url;
      a.download = compare ? 'smp-before-after.png' : 'smp-preview.png';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (err) {
      this._showError(this.ui.photoError, err);
    }
  }

  // --- estimate --------------------------------------------------------------

  _enterEstimate() {
    const cat = readCatalogue(this.c.content(this.lang));
    this._buildCandidacy(cat);
    /** @type {Record<string, string>} */
    const fallback = { expectations: 'expectations', aftercare: 'aftercare', provider: 'providerQuestions' };
    const sections = cat.sections.map((sec) => catalogueSection(sec, fallback[sec.attr] && this.t(fallback[sec.attr])));
    this.ui.content.replaceChildren(...sections.filter((x) => x !== null),
      ...(cat.disclaimer ? [h('p', { class: 'muted', text: cat.disclaimer })] : []));
    if (!this.state.estimate) this._estimate();
  }

  /** @param {import('./estimate_view.js').Catalogue} cat */
  _buildCandidacy(cat) {
    this._checkGroup(this.ui.candidacySection, this.ui.candidacySummary, cat.candidacyTitle || this.t('candidacyTitle'),
      cat.candidacyIntro, cat.questions, this.state.answers, 'candidacy');
    this._checkGroup(this.ui.factorsSection, this.ui.factorsSummary, this.t('factorsTitle'), null, cat.factors,
      this.state.factors, 'factor');
  }

  /**
   * A collapsed section with a fieldset of yes-boxes; ticking one re-estimates.
   * The summary says how many were ticked, so a closed section still tells.
   * @param {HTMLDetailsElement} section @param {HTMLElement} summary @param {string} title
   * @param {string | null | undefined} intro @param {{id: string, text: string}[]} items
   * @param {Set<string>} chosen @param {string} name
   */
  _checkGroup(section, summary, title, intro, items, chosen, name) {
    const fs = /** @type {HTMLFieldSetElement} */ (section.querySelector('fieldset'));
    const count = () => summary.replaceChildren(title, ' ', h('span', { class: 'count',
      text: this.t('yesCount', { n: chosen.size, count: items.length }) }));
    // The legend names the group for screen readers; the summary shows it.
    fs.replaceChildren(h('legend', { class: 'visually-hidden', text: title }),
      ...(intro ? [h('p', { class: 'muted', text: intro })] : []));
    section.hidden = items.length === 0;
    items.forEach(({ id, text }, i) => {
      const box = h('input', { type: 'checkbox', id: `${this.id}-${name}-${i}`, name, value: id, checked: chosen.has(id),
        onchange: () => { box.checked ? chosen.add(id) : chosen.delete(id); count(); this._estimate(); } });
      fs.append(h('div', { class: 'check' }, box, h('label', { for: box.id, text })));
    });
    count();
  }

  async _estimate() {
    const t = this.t;
    const seq = (this._estimateSeq = (this._estimateSeq || 0) + 1);
    this.ui.resultsMain.replaceChildren(h('p', { text: t('estimating') }));
    try {
      /** @type {import('./smp').EstimateOptions} */
      const request = { answers: [...this.state.answers], factors: [...this.state.factors], locale: this.lang };
      const [kind, n] = (this.state.extent || this._photoExtent()).split('-');
      if (kind === 'norwood' || kind === 'ludwig') request[kind] = Number(n);
      // Read from the photo on the scale the client picked (an input, never
      // guessed from the photo): the analysis reruns, the hairline stays.
      else if (Boolean(this.c.options.female) !== (n === 'ludwig')) this.c.setOptions({ female: n === 'ludwig' });
      let est;
      try {
        est = await this.c.estimate(request);
        if (kind === 'photo') this._photoExtentNote(est);
        else this.ui.extentNote.hidden = !this.ui.extentNote.textContent;
      } catch (err) {
        // The photo's measured area is unusable (a scar outline at an
        // implausible size: a wrong scale): fall back on the stage the
        // analysis found, say so, and let the client correct it.
        const stage = this.state.analysis?.norwood.stage;
        if (kind !== 'photo' || !stage || seq !== this._estimateSeq) throw err;
        const s = Math.min(7, Math.max(1, Math.round(stage)));
        this.state.extent = this.ui.extent.value = `norwood-${s}`;
        this.ui.extentNote.textContent = t('extentFallback', { n: s });
        this.ui.extentNote.hidden = false;
        est = await this.c.estimate({ ...request, norwood: s });
      }
      if (seq !== this._estimateSeq) return;
      this.state.estimate = est;
      const { main, more } = estimateNodes(est, { t, locale: this.embed.locale || this.lang });
      // A section the client opened stays open when a ticked box re-estimates.
      const open = new Set([...this.ui.resultsMore.querySelectorAll('details[open]')].map((d) => d.getAttribute('data-section')));
      for (const d of more) if (open.has(d.getAttribute('data-section'))) /** @type {HTMLDetailsElement} */ (d).open = true;
      this.ui.resultsMain.replaceChildren(...main);
      this.ui.resultsMore.replaceChildren(...more);
    } catch (err) {
      if (seq !== this._estimateSeq) return;
      this.ui.resultsMore.replaceChildren();
      this.ui.resultsMain.replaceChildren(h('p', { class: 'error', role: 'alert',
        text: t('estimateError', { message: this._errorText(err) }) }));
    }
  }

  /** @param {File} file */
  async _addView(file) {
    if (!this.c || this.destroyed) return;
    this.ui.viewError.textContent = '';
    try {
      const n = await this.c.addView(file);
      this.ui.viewStatus.textContent = this.t('viewsUsed', { n });
      this._estimate();
    } catch (err) {
      console.warn('SMP:', err);
      this.ui.viewError.textContent = this.t('viewError', { message: this._errorText(err) });
    }
  }

  // The photo's own extent on the scale the consultation is set to.
  _photoExtent() {
    return this.c?.options?.female ? 'photo-ludwig' : 'photo';
  }

  // Says which stage the photo gave and how sure the analysis is of it; when
  // it is unsure, asks the client to choose theirs.
  /** @param {Estimate} est */
  _photoExtentNote(est) {
    const x = est.extent;
    const note = this.ui.extentNote;
    if (x.stageSource !== 'photo') {
      note.hidden = true;
      return;
    }
    const stage = x.areaSource === 'ludwig' ? `Ludwig ${x.ludwig}` : `Norwood ${x.norwood}`;
    const pct = Math.round(100 * (est.input.stageConfidence ?? 0));
    note.textContent = this.t(x.stageUnsure ? 'extentFromPhotoUnsure' : 'extentFromPhoto', { stage, pct });
    note.dataset.unsure = String(x.stageUnsure);
    note.hidden = false;
  }

  // --- lead ------------------------------------------------------------------

  /**
   * @param {import('./lead_form.js').LeadValues} values
   * @returns {Promise<string>} the message key of the status line
   */
  async _submitLead(values) {
    const c = this.c;
    const o = c.options;
    const est = this.state.estimate;
    /** @type {Lead} */
    const lead = {
      clinic: this.embed.clinic || null,
      locale: this.lang,
      createdAt: new Date().toISOString(),
      name: values.name,
      contact: values.contact,
      message: values.message,
      consent: { contact: true, photo: values.photo, text: this.t('leadConsent', { clinic: this.clinicName }) },
      design: { goal: o.goal, style: o.style, shape: o.shape, shade: o.shade, density: o.density },
      estimate: est ? { sessions: est.sessions, cost: est.cost } : null,
    };
    if (values.photo) {
      lead.hairline = c.hairline;
      lead.photo = { before: await imageDataUrl(c.photoImageData()), preview: await imageDataUrl(c.previewImageData()) };
    }
    if (this.embed.leadEndpoint) {
      const res = await fetch(this.embed.leadEndpoint, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(lead),
        credentials: 'omit', mode: 'cors',
      });
      if (!res.ok) throw new SmpError('lead_failed', `The clinic's server answered ${res.status}.`);
    }
    this._emit('lead', lead);
    return this.embed.leadEndpoint ? 'leadSent' : 'leadSaved';
  }
}

/** Relative luminance of #rgb / #rrggbb (WCAG 2), or null for other CSS colours. */
/** @param {string} hex */
function luminance(hex) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const v = m[1].length === 3 ? m[1].replace(/./g, '$&$&') : m[1];
  const lin = (/** @type {number} */ i) => { const c = parseInt(v.slice(i, i + 2), 16) / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(0) + 0.7152 * lin(2) + 0.0722 * lin(4);
}

/** '#ffffff' or '#000000', whichever contrasts more with the colour (null if not a hex colour). */
/** @param {string} hex */
export function readableInk(hex) {
  const l = luminance(hex);
  if (l === null) return null;
  return (1.05) / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}

/** A JPEG data URL of an ImageData (for a lead the client chose to send with the photo). */
/** @param {ImageData} image @returns {Promise<string>} */
async function imageDataUrl(image) {
  const canvas = new OffscreenCanvas(image.width, image.height);
  context2d(canvas).putImageData(image, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(/** @type {string} */ (r.result));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(blob);
  });
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
