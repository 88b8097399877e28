// The consultation widget on its three host pages, driven like a client would:
// a real photo in, hairline handles dragged with the mouse and moved with the
// keyboard, style and density changed (the preview pixels must change), an
// estimate read, a lead sent with and without the photo. Every page must stay
// free of console errors and of requests to any other origin. Screenshots of
// every step land in build/screenshots/ at desktop and phone (360 px) widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startHarness, assertClean, hasShared, SHARED_PHOTOS, SCREENSHOTS } from './harness.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const PAGES = [
  { name: 'clinic', url: '/examples/clinic/', host: '#smp-consultation', photo: 'misc/deepface__img18.jpg',
    money: /£\s?\d/, leadVia: 'widget', lang: 'en' },
  { name: 'landing', url: '/examples/landing/', host: 'smp-consultation',
    photo: 'misc/deepface__img20.jpg', money: /\d\s?(US\$|\$)|(US\$|\$)\s?\d/, leadVia: 'widget', lang: 'es' },
  { name: 'at-home', url: '/examples/at-home/', host: '#consultation',
    photo: 'hairloss/1-Front_jpg.rf.3ba6007ccc8dd2580304cd31ef5321c5.jpg', money: /\$\s?\d/, leadVia: 'page', lang: 'en' },
];
const VIEWPORTS = [
  { tag: 'desktop', viewport: { width: 1280, height: 900 } },
  { tag: '360', viewport: { width: 360, height: 740 } },
];

/** A hash of the preview canvas pixels inside the widget's shadow root. */
function previewHash(page, host) {
  return page.evaluate((sel) => {
    const c = document.querySelector(sel).shadowRoot.querySelector('[data-preview] canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let hsh = 2166136261 >>> 0;
    for (let i = 0; i < d.length; i += 3) hsh = Math.imul(hsh ^ d[i], 16777619) >>> 0;
    return `${c.width}x${c.height}:${hsh}`;
  }, host);
}

async function waitPreviewChange(page, host, old) {
  const deadline = Date.now() + 10000;
  for (;;) {
    const now = await previewHash(page, host);
    if (now !== old) return now;
    if (Date.now() > deadline) return now;
    await page.waitForTimeout(50);
  }
}

async function handlePos(locator) {
  const tr = await locator.getAttribute('transform');
  const m = /translate\(([-\d.e]+)[ ,]([-\d.e]+)\)/.exec(tr);
  return [Number(m[1]), Number(m[2])];
}

const shot = (page, name) => page.screenshot({ path: path.join(SCREENSHOTS, `widget-${name}.png`), fullPage: true });

for (const p of PAGES) {
  for (const v of VIEWPORTS) {
    test(`${p.name} page (${v.tag}): photo, handles, preview, estimate, lead`, { skip: !hasShared && 'no ../shared/photos' }, async () => {
      const { page, context, problems } = await h.openPage(p.url, { viewport: v.viewport });
      const id = `${p.name}-${v.tag}`;
      const widget = page.locator(`${p.host} [data-smp-widget]`);
      await widget.waitFor();
      assert.equal(await widget.getAttribute('lang'), p.lang);
      await shot(page, `${id}-1-intake`);

      // Photo intake through the file picker.
      await page.setInputFiles(`${p.host} input[name=photo]`, path.join(SHARED_PHOTOS, p.photo));
      await page.locator(`${p.host} section[data-step=adjust]`).waitFor({ state: 'visible', timeout: 20000 });
      const handles = page.locator(`${p.host} .handle`);
      const count = await handles.count();
      assert.ok(count >= 2, `expected hairline handles, found ${count}`);
      await shot(page, `${id}-2-adjust`);

      // Preview: style and density re-render the pixels.
      await page.locator(`${p.host} button[data-action=to-preview]`).click();
      await page.locator(`${p.host} section[data-step=preview]`).waitFor({ state: 'visible' });
      const h0 = await previewHash(page, p.host);
      const styles = await page.locator(`${p.host} select[name=style] option`).evaluateAll((os) => os.map((o) => o.value));
      const current = await page.locator(`${p.host} select[name=style]`).inputValue();
      // An edge style (soft/broken) changes the feathering on every view, with or without a face.
      const next = ['soft', 'broken'].find((s) => styles.includes(s) && s !== current) ?? styles.find((s) => s !== current);
      await page.locator(`${p.host} select[name=style]`).selectOption(next);
      const h1 = await waitPreviewChange(page, p.host, h0);
      assert.notEqual(h1, h0, 'changing the style must change the preview pixels');
      await page.locator(`${p.host} input[name=density]`).fill('300');
      const h2 = await waitPreviewChange(page, p.host, h1);
      assert.notEqual(h2, h1, 'changing the density must change the preview pixels');
      // Before/after slider, zoom and download.
      await page.locator(`${p.host} input[name=compare]`).fill('20');
      assert.match(await page.locator(`${p.host} .before-layer`).evaluate((el) => el.style.clipPath), /inset\(0(px)? 80%/);
      const w1 = await page.locator(`${p.host} [data-preview] .frame`).evaluate((el) => el.getBoundingClientRect().width);
      await page.locator(`${p.host} input[name=zoom]`).fill('3');
      const w3 = await page.locator(`${p.host} [data-preview] .frame`).evaluate((el) => el.getBoundingClientRect().width);
      assert.ok(Math.abs(w3 / w1 - 3) < 0.05, `zoom 3x widens the picture 3x (${w1} -> ${w3})`);
      await shot(page, `${id}-3-preview-zoom`);
      await page.locator(`${p.host} input[name=zoom]`).fill('1');
      const [download] = await Promise.all([page.waitForEvent('download'),
        page.locator(`${p.host} button[data-action=download-compare]`).click()]);
      assert.equal(download.suggestedFilename(), 'smp-before-after.png');
      await shot(page, `${id}-3-preview`);

      // Back to the hairline: drag one handle with the mouse, move another with the keyboard.
      await page.locator(`${p.host} nav button[data-step=adjust]`).click();
      const mid = handles.nth(Math.floor(count / 2));
      await mid.scrollIntoViewIfNeeded();
      const all = async () => Promise.all([...Array(count).keys()].map((i) => handlePos(handles.nth(i))));
      const before = await all();
      const box = await mid.boundingBox();
      const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let i = 1; i <= 8; i++) await page.mouse.move(cx + i, cy + i * 4);
      await page.mouse.up();
      await page.waitForTimeout(100);
      // The handle under the pointer (the middle one, or a neighbour drawn over it) moves down.
      const afterDrag = await all();
      const dy = Math.max(...afterDrag.map((q, i) => q[1] - before[i][1]));
      assert.ok(dy > 5, `a dragged handle must move down (${JSON.stringify(before)} -> ${JSON.stringify(afterDrag)})`);
      const h3 = await waitPreviewChange(page, p.host, h2);
      assert.notEqual(h3, h2, 'moving the hairline must change the preview pixels');

      const first = handles.first();
      const k0 = await handlePos(first);
      await first.focus();
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Shift+ArrowRight');
      const k1 = await handlePos(first);
      assert.ok(k1[1] - k0[1] > 3, `arrow keys must move the focused handle down (${k0} -> ${k1})`);
      assert.ok(k1[0] > k0[0], `shift+arrow must move the focused handle right (${k0} -> ${k1})`);
      assert.equal(await first.evaluate((el) => el.getRootNode().activeElement === el), true, 'focus stays on the handle');
      await shot(page, `${id}-4-adjusted`);

      // Estimate in the clinic's currency.
      await page.locator(`${p.host} nav button[data-step=estimate]`).click();
      const figures = page.locator(`${p.host} [data-estimate=figures]`);
      await figures.waitFor({ timeout: 10000 });
      const text = await figures.textContent();
      assert.match(text, p.money, `cost in the clinic's currency: ${text}`);
      assert.match(text, /\d/);
      if (p.name === 'clinic') {
        await page.waitForFunction(() => /£/.test(document.getElementById('estimate-note').textContent));
      }
      // Candidacy: a keloid answer means "not a candidate", said before the figures.
      // The questions wait in a collapsed <details> section: open it first.
      await page.locator(`${p.host} details[data-section=candidacy] > summary`).click();
      await page.locator(`${p.host} input[name=candidacy][value=keloid]`).check();
      const outcome = page.locator(`${p.host} [data-estimate=candidacy]`);
      await page.locator(`${p.host} [data-outcome=not_a_candidate]`).waitFor({ timeout: 10000 });
      assert.match(await outcome.textContent(), p.lang === 'es' ? /médico|dermat/i : /doctor|dermatologist/i);
      await shot(page, `${id}-5-estimate`);
      await page.locator(`${p.host} input[name=candidacy][value=keloid]`).uncheck();
      await page.locator(`${p.host} [data-outcome=candidate]`).waitFor({ timeout: 10000 });
      // Aftercare and questions for the provider come from the content catalogue.
      assert.ok(await page.locator(`${p.host} [data-content=aftercare] li`).count() >= 3);
      assert.ok(await page.locator(`${p.host} [data-content=provider] li`).count() >= 3);

      // Lead: refused without consent, sent without the photo, then with it.
      const lead = page.locator(`${p.host} section[data-lead]`);
      await lead.waitFor({ state: 'visible' });
      const n0 = h.server.leads.length;
      await lead.locator('input[name=name]').fill(`Test ${id}`);
      await lead.locator('input[name=contact]').fill('client@example.com');
      await lead.locator('button[type=submit]').click();
      await page.waitForTimeout(200);
      assert.equal(h.server.leads.length, n0, 'nothing is sent without consent');
      assert.match(await lead.locator('[data-lead=status]').textContent(), /.{10}/);
      await lead.locator('input[name=consent]').check();
      await lead.locator('button[type=submit]').click();
      await waitFor(() => h.server.leads.length === n0 + 1);
      const noPhoto = h.server.leads.at(-1);
      assert.equal(noPhoto.name, `Test ${id}`);
      assert.equal(noPhoto.consent.photo, false);
      assert.equal(noPhoto.photo, undefined, 'no photo without the photo box');
      assert.equal(JSON.stringify(noPhoto).includes('data:image'), false);
      if (p.leadVia === 'page') assert.equal(noPhoto.via, 'at-home page');
      await lead.locator('input[name=photo]').check();
      await lead.locator('button[type=submit]').click();
      await waitFor(() => h.server.leads.length === n0 + 2);
      const withPhoto = h.server.leads.at(-1);
      assert.equal(withPhoto.consent.photo, true);
      assert.match(withPhoto.photo.before, /^data:image\/jpeg;base64,/);
      assert.match(withPhoto.photo.preview, /^data:image\/jpeg;base64,/);
      assert.ok(withPhoto.photo.before.length > 5000);
      await shot(page, `${id}-6-lead`);

      assertClean(assert, problems);
      await context.close();
    });
  }
}

async function waitFor(cond, ms = 10000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
