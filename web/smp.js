// smp.js - the ES-module entry of the SMP consultation bundle. Importing it
// also registers the <smp-consultation> custom element.
import { defineElement } from './element.js';

export { createConsultation, Consultation } from './consultation.js';
export { SmpError } from './errors.js';
export { mount, SmpWidget } from './widget.js';
export { SmpConsultationElement, defineElement } from './element.js';

defineElement();
