// Turning a photo: a portrait whose orientation was lost (messaging apps strip
// EXIF) on its side or upside down. The API turns and re-analyses; the widget
// offers a "Turn photo" button and says when the face looks upside down or
// the photo on its side.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, assertClean, hasShared, SHARED_PHOTOS, SCREENSHOTS } from './harness.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });


test('turn(): a sideways portrait turned upright finds its face; bad turns are refused', { skip: !hasShared && 'no ../shared/photos' }, async () => {
  const { page, context, problems } = await h.openPage('/examples/at-home/');
  const jpeg = fs.readFileSync(path.join(SHARED_PHOTOS, 'misc/deepface__img33.jpg')).toString('base64');
  const r = await page.evaluate(async (b64) => {
    const { createConsultation } = await import('/build/web/smp.js');
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
    // The portrait stored a quarter turn clockwise, as if its EXIF tag was lost.
    const canvas = new OffscreenCanvas(bitmap.height, bitmap.width);
    const ctx = canvas.getContext('2d');
    ctx.translate(bitmap.height, 0);
    ctx.rotate(Math.PI / 2);
    ctx.drawImage(bitmap, 0, 0);
    const sideways = ctx.getImageData(0, 0, canvas.width, canvas.height);
    const c = await createConsultation({ locale: 'en' });
    const upright = await createConsultation({ locale: 'en' });
    await upright.loadPhoto(new Blob([bytes], { type: 'image/jpeg' }));
    let analyses = 0;
    c.on('analysis', () => analyses++);
    const size0 = await c.loadPhoto(sideways);
    const before = c.analysis;
    const size1 = c.turn(-1);
    const after = c.analysis;
    const errors = [];
    for (const bad of ['1', 1.5, NaN, null]) {
      try { c.turn(bad); errors.push(null); } catch (e) { errors.push(e.code); }
    }
    const stillUsable = c.analysis.image.width;
    const want = upright.analysis.landmarks;
    c.close();
    upright.close();
    let closed = null;
    try { c.turn(1); } catch (e) { closed = e.code; }
    return { size0, size1, beforeLandmarks: before.landmarks, after: after.landmarks, want, analyses, errors, stillUsable, closed,
      bitmap: [bitmap.width, bitmap.height] };
  }, jpeg);
  assert.deepEqual([r.size0.width, r.size0.height], [r.bitmap[1], r.bitmap[0]]);
  assert.deepEqual([r.size1.width, r.size1.height], r.bitmap);
  assert.ok(r.after, 'no face after turning upright');
  for (let k = 0; k < 2; k++) {
    const d = Math.hypot(r.after.eyes[k][0] - r.want.eyes[k][0], r.after.eyes[k][1] - r.want.eyes[k][1]);
    assert.ok(d < 6, `eye ${k} is ${d.toFixed(1)} px from the upright photo's`);
  }
  const sidewaysOnEyes = r.beforeLandmarks &&
    Math.hypot(r.beforeLandmarks.eyes[0][1] - r.want.eyes[0][0], r.beforeLandmarks.eyes[0][0] - r.want.eyes[0][1]) < 6;
  assert.ok(!sidewaysOnEyes, 'the sideways photo already had its face: the turn proves nothing');
  assert.equal(r.analyses, 2);
  assert.deepEqual(r.errors, ['invalid_argument', 'invalid_argument', 'invalid_argument', 'invalid_argument']);
  assert.equal(r.stillUsable, r.bitmap[0]);
  assert.equal(r.closed, 'closed');
  assertClean(assert, problems);
  await context.close();
});

// The clinic page's widget with `photo` loaded, on its hairline step.
const host = '#smp-consultation';
// `photo`: a path under ../shared/photos, or {name, mimeType, buffer}.
async function widgetWith(photo) {
  const { page, context, problems } = await h.openPage('/examples/clinic/');
  await page.locator(`${host} [data-smp-widget]`).waitFor();
  await page.setInputFiles(`${host} input[name=photo]`, typeof photo === 'string' ? path.join(SHARED_PHOTOS, photo) : photo);
  await page.locator(`${host} section[data-step=adjust]`).waitFor({ state: 'visible', timeout: 20000 });
  return { page, context, problems };
}

test('widget: an upside-down face is pointed out, and "Turn photo" puts it upright', { skip: !hasShared && 'no ../shared/photos' }, async () => {
  const { page, context, problems } = await widgetWith(await turnedPortrait(2));
  const alert = page.locator(`${host} [data-alert=upside-down]`);
  assert.ok(await alert.isVisible(), 'the upside-down alert is not shown');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'turn-1-upside-down.png'), fullPage: true });
  await page.locator(`${host} button[data-action=turn-upright]`).click();
  await alert.waitFor({ state: 'hidden' });
  // Two quarter turns with the general button bring it back upside down.
  const turn = page.locator(`${host} button[data-action=turn]`);
  await turn.click();
  await turn.click();
  await alert.waitFor({ state: 'visible' });
  await page.locator(`${host} button[data-action=turn-upright]`).click();
  await alert.waitFor({ state: 'hidden' });
  assert.ok((await page.locator(`${host} .handle`).count()) >= 2);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'turn-2-upright.png'), fullPage: true });
  // The preview still renders after the turns.
  await page.locator(`${host} button[data-action=to-preview]`).click();
  await page.locator(`${host} section[data-step=preview]`).waitFor({ state: 'visible' });
  assertClean(assert, problems);
  await context.close();
});

// A bent head photographed from above, stored a quarter turn off: its face
// looking down lies on the right. The analysis finds it there
// (turnToUpright 1), the widget says the photo looks turned on its side,
// and its button brings the face to the bottom, where the alert goes away.
// A face-on portrait stored `quarters` quarter turns clockwise, as a PNG made
// with the page's canvas (the face search finds it in the turn that undoes it).
async function turnedPortrait(quarters) {
  const { page, context } = await h.openPage('/');
  const jpeg = fs.readFileSync(path.join(SHARED_PHOTOS, 'misc/deepface__img33.jpg')).toString('base64');
  const png = await page.evaluate(async ([b64, q]) => {
    const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))]));
    const odd = q % 2 === 1;
    const canvas = new OffscreenCanvas(odd ? bitmap.height : bitmap.width, odd ? bitmap.width : bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.translate(canvas.width / 2, canvas.height / 2);
    ctx.rotate((q * Math.PI) / 2);
    ctx.drawImage(bitmap, -bitmap.width / 2, -bitmap.height / 2);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, [jpeg, quarters]);
  await context.close();
  return { name: `turned-${quarters}.png`, mimeType: 'image/png', buffer: Buffer.from(png, 'base64') };
}

test('widget: a portrait on its side is pointed out, and its button turns it upright', { skip: !hasShared && 'no ../shared/photos' }, async () => {
  const { page, context, problems } = await widgetWith(await turnedPortrait(1));
  const alert = page.locator(`${host} [data-alert=sideways]`);
  assert.ok(await alert.isVisible(), 'the sideways alert is not shown');
  assert.ok(!(await page.locator(`${host} [data-alert=upside-down]`).isVisible()));
  await page.screenshot({ path: path.join(SCREENSHOTS, 'turn-3-sideways.png'), fullPage: true });
  await page.locator(`${host} button[data-action=turn-sideways]`).click();
  await alert.waitFor({ state: 'hidden' });  // the turned photo's turnToUpright is 0
  assert.ok(!(await page.locator(`${host} [data-alert=upside-down]`).isVisible()));
  assert.ok((await page.locator(`${host} .handle`).count()) >= 2);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'turn-4-sideways-turned.png'), fullPage: true });
  assertClean(assert, problems);
  await context.close();
});
