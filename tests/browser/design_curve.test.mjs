// The design as the core returns it, and the widget drawing the core's own
// curve (the one the dots follow) once a handle is let go, not a curve of
// its own making.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, assertClean, hasShared, SHARED_PHOTOS } from './harness.mjs';

const PORTRAIT = 'misc/face_recognition__obama.jpg';
const skip = !hasShared && 'no ../shared/photos';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

test('consultation.design: null before a photo, then the curve through the control points', { skip }, async () => {
  const { page, context, problems } = await h.openConsultationPage();
  const r = await page.evaluate(async (b64) => {
    const c = window.__c;
    const before = c.design;
    await window.__loadBytes(b64, 'portrait.jpg');
    const d = c.design;
    return { before, d, hairline: c.hairline };
  }, fs.readFileSync(path.join(SHARED_PHOTOS, PORTRAIT)).toString('base64'));
  assert.equal(r.before, null);
  assert.equal(r.d.controlPoints.length, r.hairline.length);
  r.d.controlPoints.forEach((p, i) => assert.ok(Math.hypot(p[0] - r.hairline[i][0], p[1] - r.hairline[i][1]) < 0.01, `point ${i}`));
  assert.ok(r.d.curve.length > 4 * r.d.controlPoints.length, `${r.d.curve.length} curve samples`);
  // The curve passes through the first and last control points.
  const near = (p, q) => Math.hypot(p[0] - q[0], p[1] - q[1]) < 3;
  assert.ok(near(r.d.curve[0], r.d.controlPoints[0]), JSON.stringify([r.d.curve[0], r.d.controlPoints[0]]));
  assert.equal(typeof r.d.basis, 'string');
  assert.ok(Array.isArray(r.d.notes));
  assertClean(assert, problems);
  await context.close();
});

test('widget: the drawn new hairline is the curve of the core after a render', { skip }, async () => {
  const { page, context, problems } = await h.openPage('/examples/at-home/');
  await page.setInputFiles('#consultation input[name=photo] >> nth=0', path.join(SHARED_PHOTOS, PORTRAIT));
  await page.locator('#consultation section[data-step=adjust]').waitFor({ state: 'visible', timeout: 20000 });
  await page.locator('#consultation button[data-action=to-preview]').click();
  await page.locator('#consultation [data-preview] canvas').first().waitFor();
  const d = await page.locator('#consultation path.curve-new').getAttribute('d');
  assert.ok(d && !d.includes('C'), 'the drawn curve is still a Bézier path of the widget');
  assert.ok((d.match(/L/g) || []).length > 10, d);
  assertClean(assert, problems);
  await context.close();
});
