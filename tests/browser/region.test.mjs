// consultation.region: the design's treatment region from the core, on real
// photos. It is non-empty with the full goal, lies on the analysed
// head (skin or hair, above the brows), follows the design when the
// hairline or the goal changes, and is what the hairline step draws.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, assertClean, hasShared, SHARED_PHOTOS } from './harness.mjs';

// A front view with hair loss and a face-on portrait with hair.
const PHOTOS = ['hairloss/12-Front_jpg.rf.27c0e575c1f3bd3e34e7b0de89cddfb4.jpg', 'misc/deepface__img18.jpg'];
const skip = !hasShared && 'no ../shared/photos';
const base64 = (rel) => fs.readFileSync(path.join(SHARED_PHOTOS, rel)).toString('base64');

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

test('region: null before a photo; on the head with the full goal; follows the hairline and the goal', { skip }, async () => {
  const { page, context, problems } = await h.openConsultationPage();
  for (const [rel, photo] of PHOTOS.map((p) => [p, base64(p)])) {
    const r = await page.evaluate(async (b64) => {
      const c = window.__c;
      const fresh = await (await import('/build/web/smp.js')).createConsultation();
      const none = fresh.region;
      fresh.close();
      await window.__loadBytes(b64, 'photo.jpg', 'image/jpeg');
      c.setOptions({ goal: 'full' });
      const count = (reg) => reg.coverage.reduce((n, v) => n + (v > 0 ? 1 : 0), 0);
      const region = c.region, seg = c.segmentation(), a = c.analysis;
      // Covered pixels the analysis does not call head (background, clothes),
      // and covered pixels below the brows.
      const s = region.width / a.image.width;
      const brow = a.landmarks ? a.landmarks.browY * s : Infinity;
      let offHead = 0, belowBrows = 0;
      for (let k = 0; k < region.coverage.length; k++) {
        if (!region.coverage[k]) continue;
        if (seg.labels[k] !== 1 && seg.labels[k] !== 2) offHead++;
        if (Math.floor(k / region.width) > brow) belowBrows++;
      }
      const full = count(region);
      // The line moved up by a tenth of the photo: less is treated.
      const line = c.hairline;
      c.hairline = line.map(([x, y]) => [x, y - a.image.height / 10]);
      const raised = c.region;
      let differ = 0;
      for (let k = 0; k < raised.coverage.length; k++) differ += raised.coverage[k] !== region.coverage[k];
      c.hairline = line;
      const back = count(c.region);
      c.setOptions({ goal: 'density' });
      const density = c.region;
      let thinned = 0;
      for (let k = 0; k < density.coverage.length; k++) thinned += density.coverage[k] < region.coverage[k];
      c.setOptions({ goal: 'full' });
      return { none, size: [region.width, region.height, region.coverage.length], segSize: [seg.width, seg.height],
        full, offHead, belowBrows, hasFace: Boolean(a.landmarks), raised: count(raised), differ, back, thinned };
    }, photo);
    assert.equal(r.none, null, 'a region before any photo');
    assert.deepEqual(r.size.slice(0, 2), r.segSize, `${rel}: the region is not at the working size`);
    assert.equal(r.size[2], r.size[0] * r.size[1]);
    assert.ok(r.full > 0.01 * r.size[2], `${rel}: only ${r.full} pixels treated with the full goal`);
    assert.equal(r.offHead, 0, `${rel}: ${r.offHead} treated pixels off the analysed head`);
    assert.ok(r.hasFace, `${rel}: no face found, the brow check checks nothing`);
    assert.equal(r.belowBrows, 0, `${rel}: ${r.belowBrows} treated pixels below the brows`);
    assert.ok(r.raised < r.full, `${rel}: raising the line did not shrink the region (${r.raised} vs ${r.full})`);
    assert.ok(r.differ > 0.05 * r.full, `${rel}: raising the line changed only ${r.differ} pixels`);
    // The line goes out in original pixels and comes back: a pixel or so of
    // the feathered edge may round the other way.
    assert.ok(Math.abs(r.back - r.full) <= 0.001 * r.full, `${rel}: the same line gave another region (${r.back} vs ${r.full})`);
    assert.ok(r.thinned > 0, `${rel}: the density goal thinned nothing`);
  }
  assertClean(assert, problems);
  await context.close();
});

test('widget: the hairline step draws the core\'s region, and redraws it when a handle moves', { skip }, async () => {
  const { page, context, problems } = await h.openPage('/');
  await page.evaluate(async () => {
    const { mount } = await import('/build/web/smp.js');
    const host = document.createElement('div');
    host.id = 'w';
    document.body.append(host);
    window.__w = mount(host, { locale: 'en' });
    await window.__w.consultation;
  });
  await page.setInputFiles('#w input[name=photo] >> nth=0', path.join(SHARED_PHOTOS, PHOTOS[0]));
  await page.locator('#w section[data-step=adjust]').waitFor({ state: 'visible', timeout: 20000 });
  // The tint's opacity is the coverage, pixel for pixel.
  const drawn = () => page.evaluate(async () => {
    const c = await window.__w.consultation;
    const canvas = document.querySelector('#w').shadowRoot.querySelector('canvas.region');
    const alpha = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const { width, height, coverage } = c.region;
    let same = true, covered = 0;
    for (let k = 0; k < coverage.length; k++) {
      if (alpha[4 * k + 3] !== coverage[k]) same = false;
      covered += coverage[k] > 0;
    }
    return { size: [canvas.width, canvas.height], want: [width, height], same, covered };
  });
  const first = await drawn();
  assert.deepEqual(first.size, first.want);
  assert.ok(first.covered > 1000, `only ${first.covered} pixels covered`);
  assert.ok(first.same, 'the drawn area is not the core\'s region');
  const handle = page.locator('#w .handle').nth(2);
  await handle.focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+ArrowUp');
  await page.waitForFunction(async (before) => {
    const c = await window.__w.consultation;
    return c.region.coverage.reduce((n, v) => n + (v > 0), 0) !== before;
  }, first.covered);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const moved = await drawn();
  assert.notEqual(moved.covered, first.covered, 'moving a handle left the region as it was');
  assert.ok(moved.same, 'the redrawn area is not the core\'s new region');
  assertClean(assert, problems);
  await context.close();
});
