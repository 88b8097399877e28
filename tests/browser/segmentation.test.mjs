// Segmentation in Chromium: consultation.segmentation() gives the labels the
// native `smp segment` writes, a picture without a person gets no head and
// no dots, and asking before a photo is a clear error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHarness, assertClean, hasShared, SHARED_PHOTOS, CLI, hasCli } from './harness.mjs';

const PORTRAITS = ['misc/face_recognition__obama.jpg', 'misc/deepface__img18.jpg'];

let h, page, context, problems;
before(async () => {
  h = await startHarness();
  ({ page, context, problems } = await h.openConsultationPage());
});
after(async () => {
  await context?.close();
  await h?.close();
});

test('segmentation() before a photo is a no_photo error', async () => {
  const r = await page.evaluate(async () => {
    const { createConsultation } = await import('/build/web/smp.js');
    const c = await createConsultation();
    try {
      c.segmentation();
      return null;
    } catch (err) {
      return { code: err.code, isError: err instanceof Error };
    } finally {
      c.close();
    }
  });
  assert.ok(r, 'no error thrown');
  assert.equal(r.isError, true);
  assert.equal(r.code, 'no_photo');
});

test('a picture without a person: no head, all background, no dots', async () => {
  const r = await page.evaluate(async () => {
    // A plain wall with a soft light gradient and a door frame.
    const canvas = new OffscreenCanvas(480, 360);
    const g = canvas.getContext('2d');
    const grad = g.createLinearGradient(0, 0, 480, 360);
    grad.addColorStop(0, '#d8cbb5');
    grad.addColorStop(1, '#a89a84');
    g.fillStyle = grad;
    g.fillRect(0, 0, 480, 360);
    g.fillStyle = '#6b5a45';
    g.fillRect(300, 40, 24, 320);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const c = window.__c;
    await c.loadPhoto(new File([blob], 'wall.png'));
    c.setOptions({ goal: 'full' });
    const seg = c.segmentation();
    const before = c.photoImageData().data, after = c.previewImageData().data;
    let changed = 0;
    for (let i = 0; i < before.length; i += 4)
      if (Math.abs(before[i] - after[i]) + Math.abs(before[i + 1] - after[i + 1]) + Math.abs(before[i + 2] - after[i + 2]) > 24) changed++;
    let labelled = 0;
    for (const v of seg.labels) labelled += v !== 0;
    return { head: c.analysis.scalp.headFraction, view: c.analysis.view, size: [seg.width, seg.height, seg.labels.length], labelled, changed };
  });
  assert.deepEqual(r.size, [480, 360, 480 * 360]);
  assert.equal(r.head, 0);
  assert.equal(r.view, 'unknown');
  assert.equal(r.labelled, 0);
  assert.equal(r.changed, 0, 'the preview dotted a picture without a person');
  assertClean(assert, problems);
});

test('real portraits: labels match the native `smp segment`, face and hair found',
  { skip: (!hasShared || !hasCli) && 'needs ../shared/photos and the native CLI' }, async () => {
    for (const rel of PORTRAITS) {
      const file = path.join(SHARED_PHOTOS, rel);
      const out = path.join(os.tmpdir(), `smp-seg-${process.pid}.png`);
      execFileSync(CLI, ['segment', file, '-o', out]);
      const r = await page.evaluate(async ([photo, png]) => {
        const bytes = (b64) => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
        await window.__c.loadPhoto(new File([bytes(photo)], 'photo.jpg'));
        const seg = window.__c.segmentation();
        // The CLI's PNG at the original size, read back through a canvas.
        const bitmap = await createImageBitmap(new Blob([bytes(png)], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(seg.width, seg.height);
        const g = canvas.getContext('2d');
        g.imageSmoothingEnabled = false;
        g.drawImage(bitmap, 0, 0, seg.width, seg.height);
        const native = g.getImageData(0, 0, seg.width, seg.height).data;
        const counts = [0, 0, 0, 0];
        let same = 0;
        for (let i = 0; i < seg.labels.length; i++) {
          counts[seg.labels[i]]++;
          same += seg.labels[i] === native[4 * i];
        }
        return { same: same / seg.labels.length, counts, n: seg.labels.length, face: !!window.__c.analysis.face };
      }, [fs.readFileSync(file).toString('base64'), fs.readFileSync(out).toString('base64')]);
      fs.rmSync(out, { force: true });
      assert.ok(r.face, `${rel}: no face`);
      assert.ok(r.same > 0.99, `${rel}: only ${(100 * r.same).toFixed(2)} % of the labels agree with the CLI`);
      for (const [label, share] of [[0, 0.05], [1, 0.02], [2, 0.01]])
        assert.ok(r.counts[label] > share * r.n, `${rel}: label ${label} on ${r.counts[label]} of ${r.n} pixels`);
    }
    assertClean(assert, problems);
  });
