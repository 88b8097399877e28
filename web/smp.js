// smp.js - the ES-module entry of the SMP consultation bundle.
export { createConsultation, Consultation } from './consultation.js';
export { SmpError } from './errors.js';
