// The shaved look in Chromium: with the full goal the client's hair is shown
// clipped (lighter, skin-toned where dark hair was), keepHair shows it as it
// is, the other goals never shave, and the widget's toggle changes the picture.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, assertClean, hasShared, SHARED_PHOTOS } from './harness.mjs';

const PORTRAITS = ['misc/face_recognition__obama.jpg', 'misc/deepface__img18.jpg', 'misc/deepface__img33.jpg'];
const skip = !hasShared && 'no ../shared/photos';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

test('API: the full goal shaves the hair, keepHair keeps it, other goals never shave', { skip }, async () => {
  const { page, context, problems } = await h.openConsultationPage();
  for (const rel of PORTRAITS) {
    const r = await page.evaluate(async (b64) => {
      const c = window.__c;
      await window.__loadBytes(b64, 'portrait.jpg');
      const labels = c.segmentation().labels;
      const luma = (d, i) => 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
      // Hair pixels: how many the two renders tell apart, and their mean luma in each.
      const compare = (a, b) => {
        let hair = 0, differ = 0, la = 0, lb = 0, elsewhere = 0;
        for (let p = 0; p < labels.length; p++) {
          const i = 4 * p;
          const d = Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
          if (labels[p] === 2) {
            hair++;
            differ += d > 24;
            la += luma(a, i);
            lb += luma(b, i);
          } else if (labels[p] === 0) elsewhere += d > 24;
        }
        return { hair, differ: differ / hair, la: la / hair, lb: lb / hair, background: elsewhere };
      };
      c.setOptions({ goal: 'full', keepHair: false });
      const shaved = c.previewImageData().data.slice();
      const keepOption = c.options.keepHair;
      c.setOptions({ keepHair: true });
      const kept = c.previewImageData().data.slice();
      c.setOptions({ goal: 'density', keepHair: false });
      const densityA = c.previewImageData().data.slice();
      c.setOptions({ keepHair: true });
      const densityB = c.previewImageData().data.slice();
      let densitySame = true;
      for (let i = 0; i < densityA.length && densitySame; i++) densitySame = densityA[i] === densityB[i];
      c.setOptions({ keepHair: false, goal: 'full' });
      return { ...compare(shaved, kept), keepOption, densitySame };
    }, fs.readFileSync(path.join(SHARED_PHOTOS, rel)).toString('base64'));
    assert.equal(r.keepOption, false, rel);
    assert.ok(r.hair > 1000, `${rel}: only ${r.hair} hair pixels`);
    assert.ok(r.differ > 0.3, `${rel}: the shaved look changed only ${(100 * r.differ).toFixed(1)} % of the hair`);
    assert.ok(r.la > r.lb + 10, `${rel}: shaved hair reads no lighter (${r.la.toFixed(1)} vs ${r.lb.toFixed(1)})`);
    assert.equal(r.background, 0, `${rel}: shaving changed ${r.background} background pixels`);
    assert.equal(r.densitySame, true, `${rel}: keepHair changed a density preview`);
  }
  assertClean(assert, problems);
  await context.close();
});

test('widget: the keep-my-hair toggle shows only for the full goal and changes the preview', { skip }, async () => {
  const { page, context, problems } = await h.openPage('/examples/at-home/');
  await page.setInputFiles('#consultation input[name=photo] >> nth=0', path.join(SHARED_PHOTOS, PORTRAITS[0]));
  await page.locator('#consultation section[data-step=adjust]').waitFor({ state: 'visible', timeout: 20000 });
  await page.locator('#consultation button[data-action=to-preview]').click();
  const toggle = page.locator('#consultation input[name=keepHair]');
  await toggle.waitFor({ state: 'visible' });
  assert.equal(await toggle.isChecked(), false);
  const pixels = () => page.locator('#consultation [data-preview] canvas').first().evaluate((cv) => {
    const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += d[i] + d[i + 1] + d[i + 2];
    return sum / (d.length / 4);
  });
  const shaved = await pixels();
  await toggle.check();
  await page.waitForFunction(async (before) => {
    const cv = document.querySelector('#consultation')?.shadowRoot?.querySelector('[data-preview] canvas')
      ?? document.querySelector('#consultation [data-preview] canvas');
    if (!cv) return false;
    const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += d[i] + d[i + 1] + d[i + 2];
    return Math.abs(sum / (d.length / 4) - before) > 0.5;
  }, shaved, { timeout: 10000 });
  const kept = await pixels();
  assert.ok(shaved > kept, `the shaved preview should be lighter than the kept hair (${shaved} vs ${kept})`);
  assert.match(await page.locator('#consultation [data-preview-note]').textContent(), /does not grow hair/);
  await page.locator('#consultation select[name=goal]').selectOption('density');
  await toggle.waitFor({ state: 'hidden' });
  assertClean(assert, problems);
  await context.close();
});
