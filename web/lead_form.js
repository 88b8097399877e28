// lead_form.js - the optional "ask the clinic" form. Consent to be contacted
// is required; sending the photo is a separate, unticked box.
import { h } from './dom.js';

/** @typedef {{name: string, contact: string, message: string, photo: boolean}} LeadValues */

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
