// The widget on a phone (390 x 844 CSS px, an iPhone 12-15's viewport): the
// preview step opens with its result wholly on screen, and the estimate step
// fits in about two screens before its first collapsed section. The longer
// reading (candidacy questions, skin factors, breakdown, assumptions,
// aftercare, questions to ask) sits in native <details> sections that open
// and close from the keyboard, while the estimate's label and the honesty
// note ("SMP does not grow hair") stay in view. No console errors, nothing
// requested from another origin. Screenshots: build/screenshots/phone-390-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startHarness, assertClean, hasShared, SHARED_PHOTOS, SCREENSHOTS } from './harness.mjs';

let h;
before(async () => { h = await startHarness(); });
after(async () => { await h?.close(); });

const SCREEN = { width: 390, height: 844 };
const HOST = '#consultation';
const shot = (page, name) => page.screenshot({ path: path.join(SCREENSHOTS, `phone-390-${name}.png`), fullPage: true });

test('phone (390 x 844): preview opens on its result; the estimate fits two screens before its collapsed sections',
  { skip: !hasShared && 'no ../shared/photos' }, async () => {
    const { page, context, problems } = await h.openPage('/examples/at-home/', { viewport: SCREEN });
    await page.locator(`${HOST} [data-smp-widget]`).waitFor();
    await page.setInputFiles(`${HOST} input[name=photo]`, path.join(SHARED_PHOTOS, 'misc/deepface__img18.jpg'));
    await page.locator(`${HOST} section[data-step=adjust]`).waitFor({ state: 'visible', timeout: 20000 });

    // Preview: the picture is on screen, top to bottom, as the step opens.
    await page.locator(`${HOST} button[data-action=to-preview]`).click();
    await page.locator(`${HOST} section[data-step=preview]`).waitFor({ state: 'visible' });
    await page.waitForTimeout(100);
    const picture = await page.locator(`${HOST} [data-preview]`).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: r.height };
    });
    assert.ok(picture.height > 200, `the preview picture is drawn (${JSON.stringify(picture)})`);
    assert.ok(picture.top >= 0 && picture.bottom <= SCREEN.height,
      `the preview picture is wholly visible without scrolling (${JSON.stringify(picture)})`);
    await shot(page, '1-preview');

    // Estimate.
    await page.locator(`${HOST} button[data-action=to-estimate]`).click();
    await page.locator(`${HOST} [data-estimate=figures]`).waitFor({ timeout: 10000 });
    await page.locator(`${HOST} [data-estimate=assumptions]`).waitFor({ state: 'attached' });
    await page.locator(`${HOST} details[data-content=aftercare]`).waitFor({ state: 'attached' });
    const layout = await page.locator(`${HOST} section[data-step=estimate]`).evaluate((sec) => {
      const top = sec.getBoundingClientRect().top;
      const below = (el) => (el ? el.getBoundingClientRect().bottom - top : null);
      const details = [...sec.querySelectorAll('details')].filter((d) => d.offsetParent !== null);
      return {
        firstDetails: details.length ? details[0].getBoundingClientRect().top - top : null,
        sections: details.map((d) => d.dataset.section),
        open: details.filter((d) => d.open).map((d) => d.dataset.section),
        figures: below(sec.querySelector('[data-estimate=figures]')),
        label: below(sec.querySelector('.estimate-label')),
        honesty: below(sec.querySelector('[data-honesty]')),
        honestyText: sec.querySelector('[data-honesty]')?.textContent ?? '',
        labelText: sec.querySelector('.estimate-label')?.textContent ?? '',
        outcome: below(sec.querySelector('[data-estimate=candidacy]')),
        collapsedHeight: sec.getBoundingClientRect().height,
      };
    });
    await shot(page, '2-estimate');
    if (process.env.SMP_PHONE_DEBUG) console.log(JSON.stringify({ picture, layout }));
    const twoScreens = 2 * SCREEN.height;
    assert.ok(layout.firstDetails !== null, 'the estimate step has <details> sections');
    assert.ok(layout.firstDetails <= twoScreens,
      `content before the first <details>: ${Math.round(layout.firstDetails)} px, at most ${twoScreens} (${JSON.stringify(layout)})`);
    for (const s of ['candidacy', 'factors', 'breakdown', 'assumptions', 'aftercare', 'provider']) {
      assert.ok(layout.sections.includes(s), `a <details> section for ${s} (${layout.sections.join(', ')})`);
    }
    assert.deepEqual(layout.open, [], 'every section starts collapsed');
    // What must not hide: the figures, the outcome, and the honest framing.
    for (const k of ['figures', 'label', 'honesty', 'outcome']) {
      assert.ok(layout[k] !== null && layout[k] <= layout.firstDetails, `${k} shows before the collapsed sections`);
    }
    assert.match(layout.labelText, /estimate/i);
    assert.match(layout.honestyText, /does not grow hair/);
    // The top of the widget's own honesty line is hidden here: the estimate carries it.
    assert.equal(await page.locator(`${HOST} .smp > p.honesty`).isVisible(), false);

    // Keyboard: Tab reaches the first summary from the stage selector; Enter
    // and Space open and close it; the ticked count shows on the summary.
    await page.locator(`${HOST} select[name=extent]`).focus();
    let reached = null;
    for (let i = 0; i < 6 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate((sel) => {
        const a = document.querySelector(sel).shadowRoot.activeElement;
        return a && a.tagName === 'SUMMARY' ? a.parentElement.dataset.section : null;
      }, HOST);
    }
    assert.equal(reached, 'candidacy', 'Tab from the stage selector reaches the candidacy questions\' summary');
    const candidacy = page.locator(`${HOST} details[data-section=candidacy]`);
    await page.keyboard.press('Enter');
    assert.equal(await candidacy.evaluate((d) => d.open), true, 'Enter opens the section');
    await page.keyboard.press('Tab');  // into the section: the first question
    await page.keyboard.press('Space');
    await page.locator(`${HOST} [data-outcome=not_a_candidate]`).waitFor({ timeout: 10000 });
    assert.match(await candidacy.locator('summary').textContent(), /1 of \d+ ticked/);
    await shot(page, '3-candidacy-open');
    await page.keyboard.press('Space');  // untick
    await page.locator(`${HOST} [data-outcome=candidate]`).waitFor({ timeout: 10000 });
    await candidacy.locator('summary').focus();
    await page.keyboard.press('Space');
    assert.equal(await candidacy.evaluate((d) => d.open), false, 'Space closes it again');
    // A section opened stays open when the estimate is redone.
    const assumptions = page.locator(`${HOST} details[data-section=assumptions]`);
    await assumptions.locator('summary').focus();
    await page.keyboard.press('Enter');
    assert.equal(await assumptions.evaluate((d) => d.open), true);
    await page.locator(`${HOST} select[name=extent]`).selectOption('norwood-5');
    await page.locator(`${HOST} [data-estimate=results]`, { hasText: /Norwood stage 5/ }).waitFor();
    assert.equal(await page.locator(`${HOST} details[data-section=assumptions]`).evaluate((d) => d.open), true,
      'the assumptions stay open across a re-estimate');
    assert.ok(await page.locator(`${HOST} [data-content=aftercare] li`).count() >= 3);
    assert.ok(await page.locator(`${HOST} [data-content=provider] li`).count() >= 3);

    assertClean(assert, problems);
    await context.close();
  });
