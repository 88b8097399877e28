// The result contract: the JS API returns the core's objects with camelCase
// field names (web/casing.js), string values and data-keyed maps as the core
// writes them, and takes a clinic's pricing config in camelCase or in the
// core's snake_case. Checked on the function itself and against the CLI,
// whose JSON is the core's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, assertClean, hasShared, SHARED_PHOTOS, CLI, hasCli } from './harness.mjs';
import { camelName, snakeName, fromCore, pricingToCore } from '../../web/casing.js';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

// The same clinic config in both spellings, written out by hand.
const SNAKE_PRICING = {
  name: 'test', currency: 'EUR', model: 'per_area', touch_up: { low: 200, high: 300 },
  bands: [{ max_cm2: 80, low: 900, high: 1200 }, { max_cm2: 400, low: 1500, high: 2100 }],
  goals: { scar: { low: 700, high: 900 } }, sessions_included: 3, extra_session: 250, minimum_charge: 800,
};
const CAMEL_PRICING = {
  name: 'test', currency: 'EUR', model: 'per_area', touchUp: { low: 200, high: 300 },
  bands: [{ maxCm2: 80, low: 900, high: 1200 }, { maxCm2: 400, low: 1500, high: 2100 }],
  goals: { scar: { low: 700, high: 900 } }, sessionsIncluded: 3, extraSession: 250, minimumCharge: 800,
};

/** Every key path of a JSON value ('scalp.baldFraction', 'breakdown[].effect.costLow'). */
function keyPaths(value, where = '') {
  if (Array.isArray(value)) return [...new Set(value.flatMap((v) => keyPaths(v, `${where}[]`)))];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [`${where}.${k}`, ...keyPaths(v, `${where}.${k}`)]);
}

test('casing.js renames field names only: not values, not the keys of data maps', () => {
  assert.equal(camelName('scale_px_per_cm'), 'scalePxPerCm');
  assert.equal(camelName('area_cm2'), 'areaCm2');
  assert.equal(camelName('view'), 'view');
  assert.equal(snakeName('sessionPrice'), 'session_price');
  assert.equal(snakeName('maxCm2'), 'max_cm2');
  assert.equal(snakeName('touch_up'), 'touch_up');
  const core = JSON.stringify({
    is_estimate: true, sessions: { min: 2, fourth_session: 'more_likely' }, touch_up: { interval_years: { min: 1 } },
    breakdown: [{ id: 'goal.full', effect: { sessions_max: 4 } }], input: { factors: ['dry_skin'] },
    timings_ms: { face_runs: 2, person: 10.5 }, none: null,
  });
  assert.deepEqual(fromCore(core), {
    isEstimate: true, sessions: { min: 2, fourthSession: 'more_likely' }, touchUp: { intervalYears: { min: 1 } },
    breakdown: [{ id: 'goal.full', effect: { sessionsMax: 4 } }], input: { factors: ['dry_skin'] },
    timingsMs: { face_runs: 2, person: 10.5 }, none: null,
  });
  assert.deepEqual(fromCore('[[1, 2], [3, 4]]'), [[1, 2], [3, 4]]);
  assert.equal(fromCore('null'), null);
  assert.deepEqual(pricingToCore(CAMEL_PRICING), SNAKE_PRICING);
  assert.deepEqual(pricingToCore(SNAKE_PRICING), SNAKE_PRICING);
  // Goal prices are keyed by goal names, which are data.
  assert.deepEqual(pricingToCore({ goals: { fullLook: 1 } }), { goals: { fullLook: 1 } });
  assert.throws(() => pricingToCore({ touchUp: 1, touch_up: 2 }), /'touch_up' is given twice/);
});

test('the JS API\'s estimate is the CLI\'s object with camelCase field names, pricing in either spelling',
  { skip: !hasCli && `no CLI at ${CLI} (set SMP_CLI)` }, async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'smp-casing-')), 'pricing.json');
    fs.writeFileSync(file, JSON.stringify(SNAKE_PRICING));
    const cli = fromCore(execFileSync(CLI, ['estimate', '--area-cm2', '120', '--factors', 'scar,oily_skin',
      '--answers', 'keloid', '--pricing', file, '--locale', 'es'], { encoding: 'utf8' }));
    fs.rmSync(path.dirname(file), { recursive: true });
    const { page, context, problems } = await h.openPage('/');
    const r = await page.evaluate(async ({ camel, snake }) => {
      const { createConsultation } = await import('/build/web/smp.js');
      const request = { areaCm2: 120, factors: ['scar', 'oily_skin'], answers: ['keloid'], locale: 'es' };
      const c = await createConsultation({ pricing: camel });
      const out = {
        camel: await c.estimate(request),
        snake: await c.estimate({ ...request, pricing: snake }),
        text: await c.estimate({ ...request, pricing: JSON.stringify(camel) }),
      };
      try {
        await c.estimate({ ...request, pricing: { ...camel, sessionsIncluded: 'three' } });
      } catch (err) {
        out.bad = { code: err.code, message: err.message };
      }
      try {
        await c.estimate({ ...request, pricing: { ...camel, touch_up: 5 } });
      } catch (err) {
        out.twice = { code: err.code, message: err.message };
      }
      c.close();
      return out;
    }, { camel: CAMEL_PRICING, snake: SNAKE_PRICING });
    assert.deepEqual(r.camel, cli, 'the JS estimate is not the CLI\'s with camelCase names');
    assert.deepEqual(r.snake, cli, 'a snake_case pricing config gave another estimate');
    assert.deepEqual(r.text, cli, 'pricing config as JSON text gave another estimate');
    assert.equal(r.camel.candidacy.outcome, 'not_a_candidate');
    assert.equal(r.camel.sessions.fourthSession, 'about_1_in_5');
    assert.equal(r.camel.cost.currency, 'EUR');
    // The core names the field in its own spelling.
    assert.equal(r.bad?.code, 'invalid_pricing');
    assert.match(r.bad.message, /sessions_included/);
    assert.equal(r.twice?.code, 'invalid_pricing');
    assertClean(assert, problems);
    await context.close();
  });

test('the JS API\'s analysis and content: camelCase fields, the CLI\'s analysis renamed, stage names kept',
  { skip: (!hasCli && `no CLI at ${CLI}`) || (!hasShared && 'no ../shared/photos') }, async () => {
    const photo = path.join(SHARED_PHOTOS, 'misc/deepface__img18.jpg');
    const cli = fromCore(execFileSync(CLI, ['analyze', photo], { encoding: 'utf8' }));
    const { page, context, problems } = await h.openConsultationPage();
    const r = await page.evaluate(async (b64) => {
      const { analysis } = await window.__loadBytes(b64, 'photo.jpg', 'image/jpeg');
      return { analysis, estimate: await window.__c.estimate(), content: window.__c.content('es') };
    }, fs.readFileSync(photo).toString('base64'));
    assert.deepEqual(keyPaths(r.analysis), keyPaths(cli));
    assert.deepEqual(Object.keys(r.analysis.timingsMs), Object.keys(cli.timingsMs));
    assert.ok('face_runs' in r.analysis.timingsMs, 'a stage name was renamed');
    assert.equal(r.analysis.norwood.stage, cli.norwood.stage);
    assert.equal(r.analysis.scaleMethod, cli.scaleMethod);
    // No field name outside the stage timings is snake_case.
    const snake = [r.analysis, r.estimate, r.content].flatMap((v) => keyPaths(v))
      .filter((p) => !p.startsWith('.timingsMs.') && p.includes('_'));
    assert.deepEqual(snake, []);
    assert.equal(r.content.candidacy.questions.find((q) => q.id === 'keloid').ifYes, 'not_a_candidate');
    assert.equal(r.content.aftercare.callDoctor.signs[0].key, 'aftercare.call_doctor.fever');
    assertClean(assert, problems);
    await context.close();
  });
