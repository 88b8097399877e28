// The estimator and the consultation content in the browser: the wasm core
// gives the same estimate object as the native CLI, the content catalogue in
// each locale, and pricing errors that name the bad field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startHarness, assertClean, CLI, hasCli } from './harness.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

// Runs `fn(arg)` in a page whose window.smpCore is the loaded Embind module
// (Playwright evaluates functions without eval, so the page's CSP holds).
async function withCore(fn, arg) {
  const { page, context, problems } = await h.openPage('/');
  await page.evaluate(async () => {
    const { default: createSmpCore } = await import('/build/web/smp_core.js');
    window.smpCore = await createSmpCore({ locateFile: (f) => new URL(f, new URL('/build/web/', location.href)).href });
  });
  const result = await page.evaluate(fn, arg);
  assertClean(assert, problems);
  await context.close();
  return result;
}

test('estimate in the browser equals the CLI object', { skip: !hasCli && `no CLI at ${CLI} (set SMP_CLI)` }, async () => {
  const request = { norwood: 5, goal: 'full', factors: ['scar', 'oily_skin'], answers: ['keloid'], pricing: 'us', locale: 'es' };
  const browser = await withCore((req) => {
    const core = window.smpCore;
    const c = new core.Consultation();
    const r = c.estimate(JSON.stringify(req));
    c.delete();
    return r.error ? r : JSON.parse(r.value);
  }, request);
  const cli = JSON.parse(execFileSync(CLI, ['estimate', '--norwood', '5', '--goal', 'full', '--factors', 'scar,oily_skin',
    '--answers', 'keloid', '--pricing', 'us', '--locale', 'es'], { encoding: 'utf8' }));
  assert.deepEqual(browser, cli);
  assert.equal(browser.candidacy.outcome, 'not_a_candidate');
  assert.equal(browser.cost.currency, 'USD');
  assert.ok(browser.cost.low >= 1500 && browser.cost.high <= 4000);
  assert.equal(browser.sessions.max, 5);
});

test('content catalogue per locale, with machine-readable candidacy questions', async () => {
  const { en, es, fr } = await withCore(() => {
    const core = window.smpCore;
    const get = (l) => { const r = core.contentJson(l); return r.error ? r : JSON.parse(r.value); };
    return { en: get('en'), es: get('es-MX'), fr: get('fr') };
  });
  assert.equal(en.locale, 'en');
  assert.equal(es.locale, 'es');
  assert.deepEqual(fr, en, 'unknown locales fall back to English');
  const ids = en.candidacy.questions.map((q) => q.id);
  assert.deepEqual(ids, es.candidacy.questions.map((q) => q.id));
  assert.equal(en.candidacy.questions.find((q) => q.id === 'keloid').if_yes, 'not_a_candidate');
  assert.equal(en.candidacy.questions.find((q) => q.id === 'pigment_allergy').if_yes, 'patch_test');
  assert.notEqual(en.aftercare.timeline[0].text, es.aftercare.timeline[0].text);
  assert.match(en.expectations.items[0].text, /does not grow hair/);
});

test('pricing configs are validated by field', async () => {
  const r = await withCore(() => ({
    preset: window.smpCore.validatePricing('uk'),
    bad: window.smpCore.validatePricing(JSON.stringify({ currency: 'EUR', model: 'per_stage', touch_up: 100,
      bands: [{ norwood: [1, 3], low: 1, high: 2 }, { norwood: [4, 7], low: 'cheap', high: 3 }] })),
    estimate: (() => {
      const c = new window.smpCore.Consultation();
      const out = c.estimate(JSON.stringify({ area_cm2: 90, pricing: '{"currency":"EUR","model":"per_session"}' }));
      c.delete();
      return out;
    })(),
  }));
  assert.equal(r.preset.error, undefined);
  assert.equal(r.bad.error.code, 'invalid_pricing');
  assert.match(r.bad.error.message, /pricing\.bands\[1\]\.low must be a number/);
  assert.equal(r.estimate.error.code, 'invalid_pricing');
  assert.match(r.estimate.error.message, /pricing\.session_price is required/);
});
