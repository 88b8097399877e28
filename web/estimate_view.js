// estimate_view.js - the estimate and the consultation content as DOM: figures
// in the clinic's currency (Intl.NumberFormat), the breakdown, the assumptions
// in plain words, the candidacy outcome, aftercare and questions to ask.
// Tolerant of missing fields: anything the core does not report is left out.
import { h } from './dom.js';

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Plain text of a catalogue entry that may be a string or {title, text, ...}. */
export function textOf(item) {
  if (item === null || item === undefined) return '';
  if (typeof item !== 'object') return String(item);
  for (const k of ['text', 'message', 'label', 'question', 'title', 'summary', 'description', 'effect']) {
    if (typeof item[k] === 'string') return item[k];
  }
  return '';
}

export function moneyFormatter(locale, currency) {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
  } catch {
    return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  }
}

function range(v, fmt = (x) => x) {
  if (!isObj(v)) return typeof v === 'number' ? fmt(v) : '';
  if ('min' in v && 'max' in v) return v.min === v.max ? fmt(v.min) : `${fmt(v.min)}–${fmt(v.max)}`;
  if ('low' in v && 'high' in v) return `${fmt(v.low)} – ${fmt(v.high)}`;
  return '';
}

function figure(label, value, extra) {
  if (!value) return null;
  return h('div', { class: 'figure' }, h('dt', { text: label }), h('dd', { text: value }),
    extra ? h('dd', { class: 'muted', text: extra }) : null);
}

/** Touch-up line: "every 3–6 years, about £200 – £400". */
function touchUpText(tu, money, t) {
  if (!isObj(tu)) return typeof tu === 'number' ? money.format(tu) : textOf(tu);
  const parts = [];
  const years = tu.interval_years ?? tu.every_years ?? tu.interval;
  if (years !== undefined) parts.push(`${range(years)} ${t('years')}`);
  const cost = tu.cost ?? tu.price;
  if (cost !== undefined) parts.push(isObj(cost) ? range(cost, (x) => money.format(x)) : money.format(cost));
  return parts.join(' · ') || textOf(tu);
}

/** The estimate's figures, breakdown, assumptions and candidacy outcome. */
export function estimateNodes(est, { t, locale, currency }) {
  const cur = (isObj(est.cost) && est.cost.currency) || currency || 'GBP';
  const money = moneyFormatter(locale, cur);
  const m = (x) => money.format(x);
  const nodes = [];
  const s = est.sessions;
  const spacing = est.spacing_days ?? est.session_spacing_days ?? est.days_between_sessions;
  const cost = est.cost;
  nodes.push(h('dl', { class: 'figures', 'data-estimate': 'figures' },
    isObj(s) ? figure(t('sessions'), t('sessionsValue', { typical: s.typical, min: s.min, max: s.max })) : null,
    est.hours_per_session ? figure(t('hours'), t('hoursValue', { min: est.hours_per_session.min, max: est.hours_per_session.max })) : null,
    isObj(spacing) ? figure(t('spacing'), t('spacingValue', { min: spacing.min, max: spacing.max })) : null,
    isObj(est.total_hours) ? figure(t('totalHours'), t('hoursValue', { min: est.total_hours.min, max: est.total_hours.max })) : null,
    isObj(cost) ? figure(t('cost'), t('costValue', { low: m(cost.low), high: m(cost.high), typical: m(cost.typical ?? cost.low) })) : null,
    est.touch_up ? figure(t('touchUp'), touchUpText(est.touch_up, money, t)) : null,
    est.ten_year_cost !== undefined ? figure(t('tenYear'), isObj(est.ten_year_cost)
      ? range(est.ten_year_cost, m) : m(est.ten_year_cost)) : null,
  ));
  if (Array.isArray(est.breakdown) && est.breakdown.length) {
    nodes.push(h('h3', { text: t('breakdown') }), h('ul', { 'data-estimate': 'breakdown' },
      est.breakdown.map((b) => {
        if (!isObj(b)) return h('li', { text: textOf(b) });
        const name = b.label ?? b.name ?? b.factor ?? '';
        const text = textOf(b) || (typeof b.effect === 'string' ? b.effect : '');
        return h('li', { 'data-id': b.id ?? null }, name ? h('strong', { text: `${name}: ` }) : null, text);
      })));
  }
  const assumptions = est.assumptions ?? est.notes;
  if (Array.isArray(assumptions) && assumptions.length) {
    nodes.push(h('h3', { text: t('assumptions') }), h('ul', { 'data-estimate': 'assumptions' },
      assumptions.map((a) => h('li', { text: textOf(a) }))));
  }
  if (est.candidacy) {
    // A "no" or "talk first" outcome comes before the figures, not after them.
    const node = candidacyNode(est.candidacy, t);
    if (/not|talk|patch/.test(est.candidacy.outcome || '')) nodes.unshift(node); else nodes.push(node);
  }
  if (typeof est.label === 'string') nodes.unshift(h('p', { class: 'estimate-label', text: est.label }));
  return nodes;
}

function candidacyNode(c, t) {
  const outcome = isObj(c) ? (c.outcome ?? c.status ?? c.result ?? '') : String(c);
  const cls = /not|stop|no_/.test(outcome) ? 'stop' : /talk|discuss|doctor|provider|caution|patch/.test(outcome) ? 'talk' : '';
  const reasons = isObj(c) ? (c.reasons ?? c.messages ?? c.notes ?? []) : [];
  const title = isObj(c) && typeof c.title === 'string' ? c.title : t('candidacyOutcome');
  const summary = isObj(c) && typeof c.text === 'string' ? c.text : '';
  return h('div', { class: `outcome ${cls}`, role: 'status', 'data-estimate': 'candidacy', 'data-outcome': outcome },
    h('h3', { text: title }),
    summary ? h('p', { text: summary }) : null,
    Array.isArray(reasons) && reasons.length ? h('ul', {}, reasons.map((r) => h('li', { text: textOf(r) }))) : null);
}

/** A titled list from a catalogue section (array of strings or {title, text}). */
export function listSection(title, items, attr) {
  if (!Array.isArray(items) || items.length === 0) return null;
  return h('section', { 'data-content': attr }, h('h3', { text: title }),
    h('ul', { class: 'timeline' }, items.map((it) => {
      if (!isObj(it)) return h('li', { text: textOf(it) });
      const head = it.when ?? it.title ?? it.heading;
      const body = it.text ?? it.body ?? it.advice ?? it.description ?? (Array.isArray(it.items) ? it.items.map(textOf).join(' ') : '');
      return h('li', {}, head ? h('strong', { text: head }) : null, textOf(body) || (head ? '' : textOf(it)));
    })));
}

/** Entries of a flat catalogue under `prefix.` (one level), in catalogue order. */
function under(cat, prefix, skip = ['title', 'intro']) {
  return Object.keys(cat).filter((k) => k.startsWith(`${prefix}.`) && !k.slice(prefix.length + 1).includes('.') &&
    !skip.includes(k.slice(prefix.length + 1))).map((k) => ({ id: k.slice(prefix.length + 1), text: cat[k] }));
}

/**
 * Normalises the content catalogue (issue 6: a flat {"candidacy.question.keloid": "..."}
 * map, or nested objects) into what the widget shows.
 * @returns {{questions: {id: string, text: string}[], candidacyTitle?: string, candidacyIntro?: string,
 *   sections: {attr: string, title?: string, intro?: string, items: {head?: string, text: string}[]}[], disclaimer?: string}}
 */
export function readCatalogue(content) {
  const out = { questions: [], factors: [], sections: [] };
  if (!isObj(content)) return out;
  const cat = isObj(content.messages) ? content.messages : content;
  if (typeof cat['candidacy.title'] === 'string' || Object.keys(cat).some((k) => k.startsWith('candidacy.question.'))) {
    out.questions = under(cat, 'candidacy.question');
    out.candidacyTitle = cat['candidacy.title'];
    out.candidacyIntro = cat['candidacy.intro'];
    out.disclaimer = cat['content.disclaimer'];
    const steps = [...new Set(Object.keys(cat).filter((k) => k.startsWith('aftercare.step.')).map((k) => k.split('.')[2]))];
    out.sections.push(
      { attr: 'expectations', title: cat['expectations.title'], items: under(cat, 'expectations') },
      { attr: 'aftercare', title: cat['aftercare.title'], intro: cat['aftercare.intro'],
        items: steps.map((s) => ({ head: cat[`aftercare.step.${s}.when`], text: cat[`aftercare.step.${s}.text`] || '' })) },
      { attr: 'call-doctor', title: cat['aftercare.call_doctor.title'], intro: cat['aftercare.call_doctor.intro'],
        items: under(cat, 'aftercare.call_doctor') },
      { attr: 'provider', title: cat['provider.title'], items: under(cat, 'provider.q') },
      { attr: 'technician', title: cat['technician.title'], items: under(cat, 'technician') });
    return out;
  }
  // Structured catalogue (contentJson): {candidacy: {title, intro, questions}, expectations: {title, items}, ...}
  const items = (v) => (Array.isArray(v) ? v : []).map((it) => (isObj(it)
    ? { head: typeof it.when === 'string' ? it.when : undefined, text: textOf(it) } : { text: textOf(it) }));
  const c = content.candidacy;
  const qs = isObj(c) ? c.questions : content.candidacy_questions;
  if (Array.isArray(qs)) out.questions = qs.map((q, i) => ({ id: String(q?.id ?? `q${i}`), text: textOf(q) }));
  if (isObj(c)) { out.candidacyTitle = c.title; out.candidacyIntro = c.intro; }
  if (Array.isArray(content.factors)) out.factors = content.factors.map((f) => ({ id: String(f.id), text: textOf(f) }));
  out.disclaimer = typeof content.disclaimer === 'string' ? content.disclaimer : undefined;
  const sec = (attr, v, list) => isObj(v) && out.sections.push({ attr, title: v.title, intro: v.intro, items: items(list) });
  sec('expectations', content.expectations, content.expectations?.items);
  sec('aftercare', content.aftercare, content.aftercare?.timeline ?? content.aftercare?.items);
  sec('call-doctor', content.aftercare?.call_doctor, content.aftercare?.call_doctor?.signs ?? content.aftercare?.call_doctor?.items);
  sec('provider', content.provider_questions, content.provider_questions?.items);
  sec('technician', content.choosing_technician, content.choosing_technician?.items);
  return out;
}

/** A titled list section of the catalogue. */
export function catalogueSection({ attr, title, intro, items }, fallbackTitle) {
  const shown = items.filter((it) => it.text);
  if (!shown.length) return null;
  return h('section', { 'data-content': attr }, h('h3', { text: title || fallbackTitle || '' }),
    intro ? h('p', { text: intro }) : null,
    h('ul', { class: 'timeline' }, shown.map((it) => h('li', {}, it.head ? h('strong', { text: it.head }) : null, it.text))));
}
