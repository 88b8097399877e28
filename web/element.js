// element.js - <smp-consultation>: the widget configured by attributes
// (clinic, pricing, currency, locale, theme, goals, styles, lead-endpoint).
// Its events are also dispatched as DOM events named smp-<event>.
import { SmpWidget } from './widget.js';
import { ATTRIBUTES, optionsFromAttributes } from './options.js';
import { EVENTS } from './consultation.js';

export class SmpConsultationElement extends HTMLElement {
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
      p.textContent = `SMP consultation: ${err.message}`;
      root.replaceChildren(p);
      console.error(err);
      return;
    }
    for (const ev of EVENTS) {
      this._widget.forwarders.get(ev).add((detail) => this.dispatchEvent(new CustomEvent(`smp-${ev}`, { detail })));
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

  /** Same as the mount() instance's on(). */
  on(event, handler) { return this._widget.on(event, handler); }
  setOptions(partial) { return this._widget.setOptions(partial); }
  get consultation() { return this._widget.consultation; }
}

/** Registers <smp-consultation> once per page. */
export function defineElement(name = 'smp-consultation') {
  if (globalThis.customElements && !customElements.get(name)) {
    customElements.define(name, class extends SmpConsultationElement {});
  }
}
