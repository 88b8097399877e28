// At-home self-preview: the ES module API used directly. No lead endpoint is
// configured, so the widget itself sends nothing; the page listens for 'lead'
// and decides what to do with it (here: post it to the local test endpoint).
import { mount } from '/build/web/smp.js';

const widget = mount('#consultation', {
  locale: navigator.language.startsWith('es') ? 'es' : 'en',
  pricing: 'us',
  currency: 'USD',
  theme: { primary: '#2f5d1e' },
});

const analysisLine = document.getElementById('summary-analysis');
const estimateLine = document.getElementById('summary-estimate');

widget.on('analysis', (a) => {
  if (!a) return;
  const pct = Math.round((a.confidence || 0) * 100);
  analysisLine.textContent = `View: ${a.view}. Norwood stage ${a.norwood.stage} (estimate). Analysis confidence ${pct}%.`;
});
widget.on('estimate', (e) => {
  const fmt = new Intl.NumberFormat(undefined, { style: 'currency', currency: e.cost.currency, maximumFractionDigits: 0 });
  estimateLine.textContent = `About ${e.sessions.typical} sessions, ${fmt.format(e.cost.low)} to ${fmt.format(e.cost.high)}.`;
});
widget.on('lead', async (lead) => {
  await fetch('/test/lead', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...lead, via: 'at-home page' }) });
});
