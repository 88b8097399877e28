// estimate_view.js - the estimate and the consultation content as DOM: figures
// in the clinic's currency (Intl.NumberFormat), the candidacy outcome, and the
// longer reading (breakdown, assumptions, aftercare, questions to ask) in
// native <details> sections, collapsed, so the figures fit a phone's screen.
// <summary> is keyboard- and screen-reader-friendly as it is (a button that
// says whether it is expanded; Enter and Space toggle it).
import { h } from './dom.js';

/**
 * @typedef {import('./smp').Estimate} Estimate
 * @typedef {import('./smp').Content} Content
 * @typedef {import('./smp').Range} Range
 * @typedef {import('./i18n.js').Translate} Translate
 * @typedef {import('./dom.js').Child} Child
 */

/**
 * @param {string} locale @param {string} currency
 * @returns {Intl.NumberFormat}
 */
export function moneyFormatter(locale, currency) {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
  } catch {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  }
}

/** @param {Range} v @param {(x: number) => string | number} [fmt] */
function range(v, fmt = (x) => x) {
  return v.min === v.max ? String(fmt(v.min)) : `${fmt(v.min)}–${fmt(v.max)}`;
}

/** @param {string} label @param {string} value */
function figure(label, value) {
  return h('div', { class: 'figure' }, h('dt', { text: label }), h('dd', { text: value }));
}

/**
 * A collapsed section: a native <details> whose <summary> is its title.
 * `attr` names it for styling and tests (data-section, and data-content or
 * data-estimate where the caller passes them).
 * @param {string} attr
 * @param {string} title
 * @param {Child[]} body
 * @param {Record<string, string>} [extra] more attributes
 * @returns {HTMLDetailsElement}
 */
export function disclosure(attr, title, body, extra = {}) {
  return h('details', { class: 'more', 'data-section': attr, ...extra },
    h('summary', { text: title }), h('div', { class: 'more-body' }, ...body));
}

/**
 * The estimate as DOM. `main`: the label, the figures and the candidacy
 * outcome (a "not advised" or "talk first" outcome before the figures), always
 * shown. `more`: the breakdown and the assumptions, as collapsed sections.
 * @param {Estimate} est
 * @param {{t: Translate, locale: string}} o
 * @returns {{main: HTMLElement[], more: HTMLElement[]}}
 */
export function estimateNodes(est, { t, locale }) {
  // The core's pricing configs always state their currency.
  const money = moneyFormatter(locale, est.cost.currency);
  const m = (/** @type {number} */ x) => money.format(x);
  const s = est.sessions, cost = est.cost, tu = est.touchUp, ten = est.tenYearCost;
  /** @type {HTMLElement[]} */
  const main = [
    h('dl', { class: 'figures', 'data-estimate': 'figures' },
      figure(t('sessions'), t('sessionsValue', { typical: s.typical, min: s.min, max: s.max })),
      figure(t('hours'), t('hoursValue', { min: est.hoursPerSession.min, max: est.hoursPerSession.max })),
      figure(t('spacing'), t('spacingValue', { min: est.spacingDays.min, max: est.spacingDays.max })),
      figure(t('totalHours'), t('hoursValue', { min: est.totalHours.min, max: est.totalHours.max })),
      figure(t('cost'), t('costValue', { low: m(cost.low), high: m(cost.high), typical: m(cost.typical) })),
      figure(t('touchUp'), `${range(tu.intervalYears)} ${t('years')} · ${m(tu.cost.low)} – ${m(tu.cost.high)}`),
      figure(t('tenYear'), `${m(ten.low)} – ${m(ten.high)}`)),
  ];
  // A "no" or "talk first" outcome comes before the figures, not after them.
  const outcome = candidacyNode(est.candidacy);
  if (est.candidacy.outcome === 'candidate') main.push(outcome); else main.unshift(outcome);
  main.unshift(h('p', { class: 'estimate-label', text: est.label }));
  const more = [];
  if (est.breakdown.length) {
    more.push(disclosure('breakdown', t('breakdown'), [h('ul', { 'data-estimate': 'breakdown' },
      est.breakdown.map((b) => h('li', { 'data-id': b.id, text: b.text })))]));
  }
  if (est.assumptions.length) {
    more.push(disclosure('assumptions', t('assumptions'), [h('ul', { 'data-estimate': 'assumptions' },
      est.assumptions.map((a) => h('li', { text: a })))]));
  }
  return { main, more };
}

/** @param {Estimate['candidacy']} c */
function candidacyNode(c) {
  const cls = c.outcome === 'not_a_candidate' ? 'stop' : c.outcome === 'candidate' ? '' : 'talk';
  return h('div', { class: `outcome ${cls}`, role: 'status', 'data-estimate': 'candidacy', 'data-outcome': c.outcome },
    h('h3', { text: c.title }),
    c.text ? h('p', { text: c.text }) : null,
    c.reasons.length ? h('ul', {}, c.reasons.map((r) => h('li', { text: r.text }))) : null);
}

/**
 * @typedef {import('./internal').Catalogue} Catalogue
 * @typedef {import('./internal').CatalogueSection} CatalogueSection
 * @typedef {import('./internal').CatalogueItem} CatalogueItem
 */

/**
 * The content catalogue (Consultation#content) as the widget shows it.
 * @param {Content | null} content
 * @returns {Catalogue}
 */
export function readCatalogue(content) {
  if (!content) return { questions: [], factors: [], sections: [] };
  const items = (/** @type {{text: string, when?: string}[]} */ list) =>
    list.map((it) => ({ head: it.when, text: it.text }));
  const a = content.aftercare;
  return {
    questions: content.candidacy.questions.map((q) => ({ id: q.id, text: q.text })),
    factors: content.factors.map((f) => ({ id: f.id, text: f.text })),
    candidacyTitle: content.candidacy.title,
    candidacyIntro: content.candidacy.intro,
    disclaimer: content.disclaimer,
    sections: [
      { attr: 'expectations', title: content.expectations.title, items: items(content.expectations.items) },
      // When to call a doctor belongs with the aftercare: one section.
      { attr: 'aftercare', title: a.title, intro: a.intro, items: items(a.timeline),
        sub: { title: a.callDoctor.title, intro: a.callDoctor.intro, items: items(a.callDoctor.signs) } },
      { attr: 'provider', title: content.providerQuestions.title, items: items(content.providerQuestions.items) },
      { attr: 'technician', title: content.choosingTechnician.title, items: items(content.choosingTechnician.items) },
    ],
  };
}

/** @param {CatalogueItem[]} items */
function timeline(items) {
  return h('ul', { class: 'timeline' }, items.filter((it) => it.text)
    .map((it) => h('li', {}, it.head ? h('strong', { text: it.head }) : null, it.text)));
}

/**
 * A catalogue section as a collapsed <details data-content=attr>, or null when empty.
 * @param {CatalogueSection} section
 * @param {string} [fallbackTitle]
 * @returns {HTMLDetailsElement | null}
 */
export function catalogueSection({ attr, title, intro, items, sub }, fallbackTitle) {
  if (!items.some((it) => it.text)) return null;
  return disclosure(attr, title || fallbackTitle || '', [
    intro ? h('p', { text: intro }) : null,
    timeline(items),
    sub && sub.items.length ? h('div', { 'data-content': 'call-doctor' }, h('h4', { text: sub.title }),
      sub.intro ? h('p', { text: sub.intro }) : null, timeline(sub.items)) : null,
  ], { 'data-content': attr });
}
