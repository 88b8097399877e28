// The first end-to-end slice: a real photo through the file input, decoded by
// the wasm core, drawn back on the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { startHarness, assertClean, hasShared, SHARED_PHOTOS, SCREENSHOTS } from './harness.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

test('demo decodes a real photo chosen in the file input', { skip: !hasShared && 'no ../shared/photos' }, async () => {
  const { page, context, problems } = await h.openPage('/');
  await page.setInputFiles('#photo', path.join(SHARED_PHOTOS, 'misc/deepface__img18.jpg'));
  await page.waitForFunction(() => /\d+ x \d+/.test(document.getElementById('status').textContent));
  assert.equal(await page.textContent('#status'), '1200 x 1200');
  // The canvas holds the decoded photo, not a blank: sample its pixels.
  const stats = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let sum = 0, sq = 0, n = 0;
    for (let i = 0; i < d.length; i += 4 * 97) { const v = d[i]; sum += v; sq += v * v; n++; }
    const mean = sum / n;
    return { width: c.width, height: c.height, std: Math.sqrt(sq / n - mean * mean) };
  });
  assert.equal(stats.width, 1200);
  assert.equal(stats.height, 1200);
  assert.ok(stats.std > 20, `canvas looks blank (std ${stats.std})`);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'demo.png') });
  assertClean(assert, problems);
  await context.close();
});

test('demo shows a clear error for a non-image and stays usable', async () => {
  const { page, context, problems } = await h.openPage('/');
  await page.setInputFiles('#photo', { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a photo at all') });
  await page.waitForSelector('#status.error');
  assert.match(await page.textContent('#status'), /not a photo/i);
  // Still usable: a synthetic valid image decodes afterwards.
  const png = fs.readFileSync(new URL('./fixtures/gradient.png', import.meta.url));
  await page.setInputFiles('#photo', { name: 'ok.png', mimeType: 'image/png', buffer: png });
  await page.waitForFunction(() => /\d+ x \d+/.test(document.getElementById('status').textContent));
  assert.equal(await page.textContent('#status'), '96 x 80');
  assertClean(assert, problems);
  await context.close();
});
