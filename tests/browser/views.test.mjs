// A second photo of the same head in Chromium: addView() reads the stage
// from the front and the top photo together, refuses what cannot help with
// a code, and the widget's estimate step takes the extra photo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, assertClean, hasShared, SHARED_PHOTOS } from './harness.mjs';

const skip = !hasShared && 'no ../shared/photos';

// The first person in the labels with both a front and a top photo.
function frontAndTop() {
  const rows = fs.readFileSync(path.join(SHARED_PHOTOS, 'hairloss-train/labels.tsv'), 'utf8').trim().split('\n').slice(1)
    .map((l) => l.split('\t'));
  const by = new Map();
  for (const [file, view, , person] of rows) {
    const p = by.get(person) ?? {};
    if (view === 'Front' && !p.front) p.front = file;
    if (view === 'Top-Down' && !p.top) p.top = file;
    by.set(person, p);
  }
  const [p] = [...by.values()].filter((p) => p.front && p.top);
  return [p.front, p.top].map((f) => path.join(SHARED_PHOTOS, 'hairloss-train', f));
}

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

test('API: addView reads the stage from both photos and refuses what cannot help', { skip }, async () => {
  const { page, context, problems } = await h.openConsultationPage();
  const [front, top] = frontAndTop().map((f) => fs.readFileSync(f).toString('base64'));
  const r = await page.evaluate(async ([front, top]) => {
    const c = window.__c;
    const file = (b64, name) => new File([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], name);
    const code = async (p) => { try { await p; return null; } catch (err) { return err.code; } };
    const before = await code(c.addView(file(top, 'top.jpg')));
    await c.loadPhoto(file(front, 'front.jpg'));
    const one = await c.estimate();
    const n = await c.addView(file(top, 'top.jpg'));
    const two = await c.estimate();
    const notImage = await code(c.addView(new File([new TextEncoder().encode('just words')], 'notes.txt')));
    const canvas = new OffscreenCanvas(320, 240);
    const g = canvas.getContext('2d');
    g.fillStyle = '#c8b8a0';
    g.fillRect(0, 0, 320, 240);
    const noHead = await code(c.addView(new File([await canvas.convertToBlob({ type: 'image/png' })], 'wall.png')));
    const kept = c.viewCount;
    await c.loadPhoto(file(front, 'front.jpg'));
    return { before, views: [one.input.stageViews, n, two.input.stageViews], notImage, noHead, kept, after: c.viewCount,
      confidence: [one.input.stageConfidence, two.input.stageConfidence], text: two.assumptions.join(' ') };
  }, [front, top]);
  assert.equal(r.before, 'no_photo');
  assert.deepEqual(r.views, [1, 2, 2]);
  assert.equal(r.notImage, 'not_an_image');
  assert.equal(r.noHead, 'no_head');
  assert.equal(r.kept, 2, 'a refused photo changed the views');
  assert.equal(r.after, 1, 'a new main photo keeps old views');
  assert.match(r.text, /read from 2 photos of your head together/);
  assert.ok(r.confidence[1] > 0 && r.confidence[1] <= 1);
  assertClean(assert, problems);
  await context.close();
});

test('widget: the estimate step takes a photo of the top of the head', { skip }, async () => {
  const [front, top] = frontAndTop();
  const { page, context, problems } = await h.openPage('/examples/at-home/');
  await page.setInputFiles('#consultation input[name=photo] >> nth=0', front);
  await page.locator('#consultation section[data-step=adjust]').waitFor({ state: 'visible', timeout: 20000 });
  await page.locator('#consultation nav button[data-step=estimate]').click();
  await page.locator('#consultation [data-estimate=figures]').waitFor();
  await page.setInputFiles('#consultation input[name=viewPhoto]', top);
  await page.locator('#consultation [data-views]', { hasText: /2 photos/ }).waitFor({ timeout: 20000 });
  await page.locator('#consultation [data-estimate=results]', { hasText: /2 photos of your head together/ }).waitFor();
  assertClean(assert, problems);
  await context.close();
});
