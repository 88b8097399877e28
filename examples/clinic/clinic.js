// The clinic's configuration of the script-tag embed (window.SMPWidget).
const widget = window.SMPWidget.mount('#smp-consultation', {
  clinic: 'Bright Line Clinic',
  pricing: 'uk',
  currency: 'GBP',
  locale: 'en-GB',
  theme: { primary: '#6b1d52', focus: '#1b1b1b' },
  goals: ['full', 'density', 'scar'],
  styles: ['juvenile', 'mature', 'broken', 'soft'],
  leadEndpoint: '/test/lead',
});

// The clinic's page reacts to the widget: here, a line under it.
const note = document.getElementById('estimate-note');
widget.on('estimate', (estimate) => {
  const fmt = new Intl.NumberFormat('en-GB', { style: 'currency', currency: estimate.cost.currency, maximumFractionDigits: 0 });
  note.textContent = `Your estimate: ${fmt.format(estimate.cost.low)} to ${fmt.format(estimate.cost.high)}`;
});
widget.on('lead', () => { note.textContent = 'Thanks, we will be in touch.'; });
