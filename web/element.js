// element.js - <smp-consultation>: the widget configured by attributes
// (clinic, pricing, currency, locale, theme, goals, styles, lead-endpoint).
// Its events are also dispatched as DOM events named smp-<event>.
import { SmpWidget } from './widget.js';
import { ATTRIBUTES, optionsFromAttributes } from './options.js';
import { EVENTS } from './consultation.js';
import { SmpError } from './errors.js';

/** @typedef {import('./smp').EventMap} EventMap @typedef {import('./smp').EventName} EventName */

export class SmpConsultationElement extends HTMLElement {
  constructor() {
    super();
    /** @type {SmpWidget | undefined} */
    this._widget = undefined;
  }

  static get observedAttributes() { return ATTRIBUTES; }

  connectedCallback() {
    if (this._widget && !this._widget.destroyed) return;  // moved within the page
    try {
      this._widget = new SmpWidget(this, optionsFromAttributes(this));
    } catch (err) {
      // Bad attributes: say so inside the element, and to the developer.
      const root = this.shadowRoot || this.attachShadow({ mode: 'open' });
      const p = document.createElement('p');
      p.setAttribute('role', 'alert');
      p.textContent = `SMP consultation: ${err instanceof Error ? err.message : String(err)}`;
      root.replaceChildren(p);
      console.error(err);
      return;
    }
    for (const ev of EVENTS) {
      this._widget.forwarders.get(ev)?.add((detail) => this.dispatchEvent(new CustomEvent(`smp-${ev}`, { detail })));
    }
  }

  disconnectedCallback() {
    // Only a real removal frees the core; a move reconnects in the same task.
    queueMicrotask(() => { if (!this.isConnected) this._widget?.destroy(); });
  }

  attributeChangedCallback() {
    if (!this._widget || this._widget.destroyed) return;
    try {
      this._widget.setOptions(optionsFromAttributes(this));
    } catch (err) {
      console.error(err);
    }
  }

  /** The widget; it exists from the moment the element is connected. */
  get _live() {
    if (!this._widget) throw new SmpError('closed', 'This <smp-consultation> is not on a page (or its attributes were refused).');
    return this._widget;
  }

  /**
   * Same as the mount() instance's on().
   * @template {EventName} E
   * @param {E} event
   * @param {(payload: EventMap[E]) => void} handler
   * @returns {() => void}
   */
  on(event, handler) { return this._live.on(event, handler); }
  /** @param {import('./smp').Options} partial */
  setOptions(partial) { return this._live.setOptions(partial); }
  get consultation() { return this._live.consultation; }
}

/** Registers <smp-consultation> once per page. */
/** @param {string} [name] */
export function defineElement(name = 'smp-consultation') {
  if (globalThis.customElements && !customElements.get(name)) {
    customElements.define(name, class extends SmpConsultationElement {});
  }
}
