// lead_form.js - the optional "ask the clinic" form and the lead it sends.
// Consent to be contacted is required; sending the photo is a separate,
// unticked box.
import { h, context2d } from './dom.js';
import { SmpError } from './errors.js';

/**
 * @typedef {{name: string, contact: string, message: string, photo: boolean}} LeadValues
 * @typedef {import('./smp').Lead} Lead
 */

export class LeadForm {
  /** @param {{t: import('./i18n.js').Translate, idPrefix: string, clinic: string, onSubmit: (v: LeadValues) => Promise<string>}} o */
  constructor({ t, idPrefix, clinic, onSubmit }) {
    const id = (/** @type {string} */ n) => `${idPrefix}-lead-${n}`;
    const field = (/** @type {string} */ name, /** @type {string} */ label, /** @type {HTMLElement} */ input) => h('div', { class: 'field' }, h('label', { for: id(name), text: label }), input);
    this.name = h('input', { type: 'text', id: id('name'), name: 'name', autocomplete: 'name', required: true, maxlength: 120 });
    this.contact = h('input', { type: 'text', id: id('contact'), name: 'contact', autocomplete: 'email', required: true, maxlength: 200 });
    this.message = h('textarea', { id: id('message'), name: 'message', rows: 3, maxlength: 2000 });
    this.consent = h('input', { type: 'checkbox', id: id('consent'), name: 'consent', required: true });
    this.photo = h('input', { type: 'checkbox', id: id('photo'), name: 'photo', 'aria-describedby': id('photo-note') });
    this.submit = h('button', { type: 'submit', text: t('leadSubmit') });
    this.status = h('p', { role: 'status', 'aria-live': 'polite', 'data-lead': 'status' });
    this.form = h('form', { novalidate: true, 'aria-labelledby': id('title') },
      field('name', t('leadName'), this.name),
      field('contact', t('leadContact'), this.contact),
      field('message', t('leadMessage'), this.message),
      h('div', { class: 'check' }, this.consent, h('label', { for: id('consent'), text: t('leadConsent', { clinic }) })),
      h('div', { class: 'check' }, this.photo, h('label', { for: id('photo'), text: t('leadPhoto', { clinic }) })),
      h('p', { id: id('photo-note'), class: 'muted', text: t('leadPhotoNote') }),
      h('div', { class: 'actions' }, this.submit),
      this.status);
    this.element = h('section', { class: 'lead', 'data-lead': '', hidden: true },
      h('h3', { id: id('title'), text: clinic ? t('leadTitle', { clinic }) : t('leadTitleNoClinic') }), this.form);
    this.form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const values = { name: this.name.value.trim(), contact: this.contact.value.trim(),
        message: this.message.value.trim(), photo: this.photo.checked };
      if (!values.name || !values.contact || !this.consent.checked) {
        this._say(t('leadMissing'), true);
        (!values.name ? this.name : !values.contact ? this.contact : this.consent).focus();
        return;
      }
      this.submit.disabled = true;
      this._say(t('leadSending'));
      try {
        const key = await onSubmit(values);
        this._say(t(key, { clinic }));
      } catch (err) {
        this._say(t('leadFailed', { message: err instanceof Error ? err.message : String(err) }), true);
      } finally {
        this.submit.disabled = false;
      }
    });
  }

  /** @param {string} text @param {boolean} [error] */
  _say(text, error = false) {
    this.status.textContent = text;
    this.status.className = error ? 'error' : 'status-ok';
  }
}

/**
 * The lead from the form's values and the consultation, POSTed as JSON to the
 * clinic's endpoint when there is one (no cookies). Throws 'lead_failed' when
 * the endpoint refuses it.
 * @param {{c: import('./consultation.js').Consultation, clinic: string | null, endpoint?: string | null,
 *   locale: string, consentText: string, estimate: import('./smp').Estimate | null}} from
 * @param {LeadValues} values
 * @returns {Promise<Lead>}
 */
export async function sendLead({ c, clinic, endpoint, locale, consentText, estimate }, values) {
  const o = c.options;
  /** @type {Lead} */
  const lead = {
    clinic,
    locale,
    createdAt: new Date().toISOString(),
    name: values.name,
    contact: values.contact,
    message: values.message,
    consent: { contact: true, photo: values.photo, text: consentText },
    design: { goal: o.goal, style: o.style, shape: o.shape, shade: o.shade, density: o.density },
    estimate: estimate ? { sessions: estimate.sessions, cost: estimate.cost } : null,
  };
  if (values.photo) {
    lead.hairline = c.hairline;
    lead.photo = { before: await imageDataUrl(c.photoImageData()), preview: await imageDataUrl(c.previewImageData()) };
  }
  if (endpoint) {
    const res = await fetch(endpoint, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(lead),
      credentials: 'omit', mode: 'cors',
    });
    if (!res.ok) throw new SmpError('lead_failed', `The clinic's server answered ${res.status}.`);
  }
  return lead;
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
