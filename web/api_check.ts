// api_check.ts - ties the implementation (web/*.js, checked with checkJs and
// their JSDoc types) to the published typings (smp.d.ts), so that
// `tsc -p web/tsconfig.json` fails when either drifts from the other. Not
// shipped to host pages. `import ... from './smp.js'` resolves to smp.d.ts.
import type * as Api from './smp.js';
import * as consultation from './consultation.js';
import * as errors from './errors.js';
import * as widget from './widget.js';
import * as element from './element.js';

// Every value export of smp.d.ts, from the module smp.js re-exports it from.
export const exports = {
  createConsultation: consultation.createConsultation,
  Consultation: consultation.Consultation,
  SmpError: errors.SmpError,
  mount: widget.mount,
  defineElement: element.defineElement,
} satisfies {
  createConsultation: typeof Api.createConsultation;
  Consultation: typeof Api.Consultation;
  SmpError: typeof Api.SmpError;
  mount: typeof Api.mount;
  defineElement: typeof Api.defineElement;
};

// Instances, both ways where the JS builds the value: what the JS returns
// must fit the typings, and what callers may pass per the typings must be
// accepted by the JS.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
const check = <T extends true>(): T | undefined => undefined;

export const instanceChecks = [
  check<Equal<Parameters<consultation.Consultation['setOptions']>[0], Api.Options>>(),
  check<Equal<Parameters<consultation.Consultation['estimate']>[0], Api.EstimateOptions | undefined>>(),
  check<Equal<Parameters<consultation.Consultation['loadPhoto']>[0], Api.PhotoInput>>(),
  check<Equal<ReturnType<consultation.Consultation['estimate']>, Promise<Api.Estimate>>>(),
  check<Equal<consultation.Consultation['analysis'], Api.Analysis | null>>(),
  check<Equal<ReturnType<consultation.Consultation['content']>, Api.Content | null>>(),
  check<Equal<consultation.Consultation['design'], Api.Design | null>>(),
  check<Equal<consultation.Consultation['region'], Api.Region | null>>(),
  check<Equal<Parameters<widget.SmpWidget['setOptions']>[0], Api.Options>>(),
  check<Equal<Parameters<typeof widget.mount>[1], Api.Options | undefined>>(),
];

const _consultation: Api.Consultation = {} as consultation.Consultation;
const _widget: Api.WidgetInstance = {} as widget.SmpWidget;
const _element: Omit<Api.SmpConsultationElement, keyof HTMLElement> = {} as element.SmpConsultationElement;
export { _consultation, _widget, _element };
