// estimate_step.js - the widget's last step: the extent the figures rest on
// (the stage read from the photo, or one the client chooses), an optional
// second photo, the estimate and the candidacy outcome, the questions and
// skin factors that change it, the consultation content, and the lead form.
import { h, stepSection } from './dom.js';
import { estimateNodes, readCatalogue, catalogueSection } from './estimate_view.js';
import { LeadForm } from './lead_form.js';

/**
 * @typedef {import('./smp').Estimate} Estimate
 * @typedef {import('./widget.js').SmpWidget} SmpWidget
 */

export class EstimateStep {
  /** @param {SmpWidget} w */
  constructor(w) {
    this.w = w;
    const t = w.t;
    const sid = (/** @type {string} */ name) => `${w.id}-${name}`;
    // On a phone the figures, the outcome and the honesty note come first;
    // the questions and the longer reading wait in collapsed <details>.
    this.candidacySummary = h('summary', {});
    this.factorsSummary = h('summary', {});
    this.candidacySection = h('details', { class: 'more', 'data-section': 'candidacy', hidden: true },
      this.candidacySummary, h('div', { class: 'more-body' }, h('fieldset', { 'data-estimate': 'candidacy-questions' })));
    this.factorsSection = h('details', { class: 'more', 'data-section': 'factors', hidden: true },
      this.factorsSummary, h('div', { class: 'more-body' }, h('fieldset', { 'data-estimate': 'factors' })));
    this.resultsMain = h('div', { 'aria-live': 'polite', 'data-estimate': 'main' });
    this.resultsMore = h('div', { 'data-estimate': 'more' });
    const results = h('div', { 'data-estimate': 'results' }, this.resultsMain,
      h('p', { class: 'muted honesty-note', 'data-honesty': '', text: t('honesty') }),
      this.candidacySection, this.factorsSection, this.resultsMore);
    const extents = [['photo', t('extentPhoto')], ['photo-ludwig', t('extentPhotoLudwig')],
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => [`norwood-${n}`, t('extentNorwood', { n, what: t(`norwood${n}`) })]),
      ...[1, 2, 3].map((n) => [`ludwig-${n}`, t('extentLudwig', { n, what: t(`ludwig${n}`) })])];
    this.extent = h('select', { id: sid('extent'), name: 'extent', onchange: () => {
      w.state.extent = this.extent.value;
      this.extentNote.textContent = '';  // the client chose: no note on what the photo said
      this.estimate();
    } },
      extents.map(([v, label]) => h('option', { value: v, text: label })));
    this.extent.value = w.state.extent || this.photoExtent();
    this.extentNote = h('p', { class: 'alert', role: 'status', hidden: true });
    // A second photo (the top of the head beside a front one) narrows the
    // stage the photos give; it never leaves the device either.
    const viewFile = h('input', { type: 'file', accept: 'image/*', name: 'viewPhoto', class: 'visually-hidden',
      onchange: () => { const f = viewFile.files?.[0]; viewFile.value = ''; if (f) this._addView(f); } });
    this.viewStatus = h('span', { class: 'muted', 'data-views': '' });
    this.viewError = h('p', { class: 'error', role: 'alert' });
    const viewField = h('div', { class: 'field', 'data-field': 'views' },
      h('label', { class: 'button secondary file-label', 'data-action': 'add-view' }, t('addView'), viewFile),
      this.viewStatus, this.viewError);
    const extentField = h('div', { class: 'field' }, h('label', { for: sid('extent'), text: t('extentLabel') }), this.extent);
    this.content = h('div', { 'data-content': '' });
    this.lead = new LeadForm({ t, idPrefix: w.id, clinic: w.clinicName, onSubmit: (v) => w._submitLead(v) });
    this.element = stepSection(w, 'estimate', t('stepEstimate'),
      h('p', { text: t('estimateIntro') }), extentField, this.extentNote, viewField, results, this.content, this.lead.element);
  }

  /** A new photo (or the same one turned): the extent is the photo's again. */
  newPhoto() {
    const w = this.w;
    w.state.extent = this.extent.value = this.photoExtent();
    this.extentNote.textContent = '';
    this.extentNote.hidden = true;
    // Added views survive a turn of the main photo, not a new photo.
    const views = w.c.viewCount;
    this.viewStatus.textContent = views > 1 ? w.t('viewsUsed', { n: views }) : '';
    this.viewError.textContent = '';
  }

  /** The step opens: the content in the client's language, and an estimate if none is shown. */
  enter() {
    const w = this.w;
    const cat = readCatalogue(w.c.content(w.lang));
    this._checkGroup(this.candidacySection, this.candidacySummary, cat.candidacyTitle || w.t('candidacyTitle'),
      cat.candidacyIntro, cat.questions, w.state.answers, 'candidacy');
    this._checkGroup(this.factorsSection, this.factorsSummary, w.t('factorsTitle'), null, cat.factors,
      w.state.factors, 'factor');
    /** @type {Record<string, string>} */
    const fallback = { expectations: 'expectations', aftercare: 'aftercare', provider: 'providerQuestions' };
    const sections = cat.sections.map((sec) => catalogueSection(sec, fallback[sec.attr] && w.t(fallback[sec.attr])));
    this.content.replaceChildren(...sections.filter((x) => x !== null),
      ...(cat.disclaimer ? [h('p', { class: 'muted', text: cat.disclaimer })] : []));
    if (!w.state.estimate) this.estimate();
  }

  /**
   * A collapsed section with a fieldset of yes-boxes; ticking one re-estimates.
   * The summary says how many were ticked, so a closed section still tells.
   * @param {HTMLDetailsElement} section @param {HTMLElement} summary @param {string} title
   * @param {string | null | undefined} intro @param {{id: string, text: string}[]} items
   * @param {Set<string>} chosen @param {string} name
   */
  _checkGroup(section, summary, title, intro, items, chosen, name) {
    const t = this.w.t;
    const fs = /** @type {HTMLFieldSetElement} */ (section.querySelector('fieldset'));
    const count = () => summary.replaceChildren(title, ' ', h('span', { class: 'count',
      text: t('yesCount', { n: chosen.size, count: items.length }) }));
    // The legend names the group for screen readers; the summary shows it.
    fs.replaceChildren(h('legend', { class: 'visually-hidden', text: title }),
      ...(intro ? [h('p', { class: 'muted', text: intro })] : []));
    section.hidden = items.length === 0;
    items.forEach(({ id, text }, i) => {
      const box = h('input', { type: 'checkbox', id: `${this.w.id}-${name}-${i}`, name, value: id, checked: chosen.has(id),
        onchange: () => { box.checked ? chosen.add(id) : chosen.delete(id); count(); this.estimate(); } });
      fs.append(h('div', { class: 'check' }, box, h('label', { for: box.id, text })));
    });
    count();
  }

  async estimate() {
    const w = this.w, t = w.t, c = w.c;
    const seq = ++w._estimateSeq;
    this.resultsMain.replaceChildren(h('p', { text: t('estimating') }));
    try {
      /** @type {import('./smp').EstimateOptions} */
      const request = { answers: [...w.state.answers], factors: [...w.state.factors], locale: w.lang };
      const [kind, n] = (w.state.extent || this.photoExtent()).split('-');
      if (kind === 'norwood' || kind === 'ludwig') request[kind] = Number(n);
      // Read from the photo on the scale the client picked (an input, never
      // guessed from the photo): the analysis reruns, the hairline stays.
      else if (c.options.female !== (n === 'ludwig')) c.setOptions({ female: n === 'ludwig' });
      let est;
      try {
        est = await c.estimate(request);
        if (kind === 'photo') this._photoExtentNote(est);
        else this.extentNote.hidden = !this.extentNote.textContent;
      } catch (err) {
        // The photo's measured area is unusable (a scar outline at an
        // implausible size: a wrong scale): fall back on the stage the
        // analysis found, say so, and let the client correct it.
        const stage = w.state.analysis?.norwood.stage;
        if (kind !== 'photo' || !stage || seq !== w._estimateSeq) throw err;
        const s = Math.min(7, Math.max(1, Math.round(stage)));
        w.state.extent = this.extent.value = `norwood-${s}`;
        this.extentNote.textContent = t('extentFallback', { n: s });
        this.extentNote.hidden = false;
        est = await c.estimate({ ...request, norwood: s });
      }
      if (seq !== w._estimateSeq) return;
      w.state.estimate = est;
      const { main, more } = estimateNodes(est, { t, locale: w.embed.locale || w.lang });
      // A section the client opened stays open when a ticked box re-estimates.
      const open = new Set([...this.resultsMore.querySelectorAll('details[open]')].map((d) => d.getAttribute('data-section')));
      for (const d of more) if (open.has(d.getAttribute('data-section'))) /** @type {HTMLDetailsElement} */ (d).open = true;
      this.resultsMain.replaceChildren(...main);
      this.resultsMore.replaceChildren(...more);
    } catch (err) {
      if (seq !== w._estimateSeq) return;
      this.resultsMore.replaceChildren();
      this.resultsMain.replaceChildren(h('p', { class: 'error', role: 'alert',
        text: t('estimateError', { message: w._errorText(err) }) }));
    }
  }

  /** @param {File} file */
  async _addView(file) {
    const w = this.w;
    if (!w.c || w.destroyed) return;
    this.viewError.textContent = '';
    try {
      const n = await w.c.addView(file);
      this.viewStatus.textContent = w.t('viewsUsed', { n });
      this.estimate();
    } catch (err) {
      console.warn('SMP:', err);
      this.viewError.textContent = w.t('viewError', { message: w._errorText(err) });
    }
  }

  // The photo's own extent on the scale the consultation is set to.
  photoExtent() {
    return this.w.c?.options.female ? 'photo-ludwig' : 'photo';
  }

  // Says which stage the photo gave and how sure the analysis is of it; when
  // it is unsure, asks the client to choose theirs.
  /** @param {Estimate} est */
  _photoExtentNote(est) {
    const x = est.extent;
    const note = this.extentNote;
    if (x.stageSource !== 'photo') {
      note.hidden = true;
      return;
    }
    const stage = x.areaSource === 'ludwig' ? `Ludwig ${x.ludwig}` : `Norwood ${x.norwood}`;
    const pct = Math.round(100 * (est.input.stageConfidence ?? 0));
    note.textContent = this.w.t(x.stageUnsure ? 'extentFromPhotoUnsure' : 'extentFromPhoto', { stage, pct });
    note.dataset.unsure = String(x.stageUnsure);
    note.hidden = false;
  }
}
