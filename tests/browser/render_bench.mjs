#!/usr/bin/env node
// render_bench.mjs - the preview's re-render speed in headless Chromium,
// against a Canvas 2D baseline drawing the same dots with arc(), in one run.
//
//   SMP_WEB_DIR=build/web-NAME node tests/browser/render_bench.mjs
//
// A bald top from ../shared/photos/hairloss-train drawn at 1080 x 1080 (the
// most bald Top-Down photo listed first), at least 100,000 dots. Each timed
// frame changes a parameter (the pigment shade), re-renders and draws the
// result into a canvas; the baseline draws the photo and then every dot with
// arc() + fill(). Both end with a 1-pixel getImageData so the drawing is
// finished inside the timing. Medians over 20 frames each, interleaved.
// Prints both medians and the ratio, plus the slower paths (density change:
// dots re-placed; hairline drag: design redone). Exits 1 only if the set-up
// or the pixels are wrong (fewer than 100,000 dots, a core error, a shade
// change without effect, different pixels for the same options), never on
// speed.
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, hasShared, SHARED_PHOTOS } from './harness.mjs';

const FRAMES = 20;

// The first Top-Down photo at the highest Norwood level: a bald top.
function baldTop() {
  const rows = fs.readFileSync(path.join(SHARED_PHOTOS, 'hairloss-train/labels.tsv'), 'utf8').trim().split('\n').slice(1)
    .map((l) => l.split('\t')).filter((r) => r[1] === 'Top-Down');
  rows.sort((a, b) => Number(b[2]) - Number(a[2]));
  return fs.readFileSync(path.join(SHARED_PHOTOS, 'hairloss-train', rows[0][0])).toString('base64');
}

async function main() {
  if (!hasShared) {
    console.log('render bench: skipped (needs ../shared/photos for a photo with a head)');
    return;
  }
  const photo = baldTop();
  const h = await startHarness();
  try {
    const { page, context } = await h.openPage('/');
    const result = await page.evaluate(async ([FRAMES, photo]) => {
      const mod = await import('/build/web/smp_core.js');
      const core = await mod.default({ locateFile: (f) => '/build/web/' + f });
      const W = 1080, H = 1080;
      // A bald top seen from above, drawn at 1080 x 1080: the dots need a
      // head, which only a photo of a person gives.
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(photo), (ch) => ch.charCodeAt(0))]));
      const draw = new OffscreenCanvas(W, H);
      draw.getContext('2d').drawImage(bitmap, 0, 0, W, H);
      const rgba = new Uint8Array(draw.getContext('2d').getImageData(0, 0, W, H).data.buffer);
      const c = new core.Consultation();
      const check = (r) => { if (r && r.error) throw new Error(r.error.code + ': ' + r.error.message); return r; };
      check(c.loadRgba(rgba, W, H));
      // The whole photo is scalp: a hairline below the bottom edge.
      check(c.setHairline(JSON.stringify([[-50, H + 40], [W / 2, H + 40], [W + 50, H + 40]])));
      // Default density (190/cm^2); the scale is calibrated (pxPerCm) so the
      // photo holds at least 100,000 dots, as a close-up of a scalp would.
      const density = 190;
      let pxPerCm = 40;
      check(c.setOptions(JSON.stringify({ density, shade: 'dark', pxPerCm })));
      let field = check(c.dotField());
      for (let k = 0; k < 4 && field.count < 100000; k++) {
        pxPerCm = Math.floor(pxPerCm * Math.sqrt(field.count / 100000) * 0.98 * 10) / 10;
        check(c.setOptions(JSON.stringify({ pxPerCm })));
        field = check(c.dotField());
      }
      const info = check(c.designInfo()).value;

      const canvas = document.createElement('canvas');
      canvas.width = W; canvas.height = H;
      const ctx = canvas.getContext('2d', { willReadFrequently: false });
      const base = document.createElement('canvas');
      base.width = W; base.height = H;
      base.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(rgba.buffer), W, H), 0, 0);
      const dots = field.dots;
      const n = field.count;

      const shades = ['dark', 'medium'];
      const colours = ['rgb(60,60,62)', 'rgb(95,92,92)'];
      // The core's preview onto the canvas, read back so the draw is finished.
      function drawCore() {
        const r = check(c.render());
        const view = new Uint8ClampedArray(r.pixels.buffer, r.pixels.byteOffset, r.pixels.length);
        ctx.putImageData(new ImageData(view, r.width, r.height), 0, 0);
        ctx.getImageData(0, 0, 1, 1);
      }
      function wasmFrame(k) {
        const t0 = performance.now();
        check(c.setOptions(JSON.stringify({ shade: shades[k % 2] })));
        drawCore();
        return performance.now() - t0;
      }
      function canvasFrame(k) {
        const t0 = performance.now();
        ctx.globalAlpha = 1;
        ctx.drawImage(base, 0, 0);
        ctx.fillStyle = colours[k % 2];
        for (let i = 0; i < n; i++) {
          const j = i * 4;
          ctx.globalAlpha = dots[j + 3];
          ctx.beginPath();
          ctx.arc(dots[j], dots[j + 1], Math.max(0.3, dots[j + 2]), 0, 2 * Math.PI);
          ctx.fill();
        }
        ctx.globalAlpha = 1;
        ctx.getImageData(0, 0, 1, 1);
        return performance.now() - t0;
      }
      function replaceFrame(k) {  // density change: dots re-placed, then drawn
        const t0 = performance.now();
        check(c.setOptions(JSON.stringify({ density: density - 1 + (k % 2) })));
        drawCore();
        return performance.now() - t0;
      }
      function dragFrame(k) {  // a hairline handle moved: design, dots and pixels redone
        const t0 = performance.now();
        const y = H + 40 - (k % 2) * 6;
        check(c.setHairline(JSON.stringify([[-50, H + 40], [W / 2, y], [W + 50, H + 40]])));
        drawCore();
        return performance.now() - t0;
      }
      // Correctness alongside speed: a shade change re-renders the same dots
      // (pixels change), and coming back to a shade gives identical pixels.
      const snapshot = () => { const r = check(c.render()); return r.pixels.slice(); };
      check(c.setOptions(JSON.stringify({ shade: 'dark' })));
      const a1 = snapshot();
      check(c.setOptions(JSON.stringify({ shade: 'light' })));
      const b1 = snapshot();
      check(c.setOptions(JSON.stringify({ shade: 'dark' })));
      const a2 = snapshot();
      let same = a1.length === a2.length, differ = 0;
      for (let i = 0; i < a1.length; i++) { if (a1[i] !== a2[i]) same = false; if (a1[i] !== b1[i]) differ++; }
      for (let k = 0; k < 3; k++) { wasmFrame(k); canvasFrame(k); }  // warm-up
      const tw = [], tc = [], tr = [];
      for (let k = 0; k < FRAMES; k++) { tw.push(wasmFrame(k)); tc.push(canvasFrame(k)); }
      for (let k = 0; k < 6; k++) tr.push(replaceFrame(k));
      const td = [];
      for (let k = 0; k < 6; k++) td.push(dragFrame(k));
      const median = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
      c.delete();
      return {
        width: W, height: H, dots: n, density, pxPerCm: info.pxPerCm, scaleMethod: info.scaleMethod,
        wasm_median_ms: median(tw), canvas_median_ms: median(tc), replace_median_ms: median(tr),
        drag_median_ms: median(td), same_shade_same_pixels: same, shade_change_pixels_changed: differ,
        wasm_ms: tw.map((v) => +v.toFixed(2)), canvas_ms: tc.map((v) => +v.toFixed(1)),
      };
    }, [FRAMES, photo]);
    await context.close();
    const ratio = result.canvas_median_ms / result.wasm_median_ms;
    console.log(JSON.stringify(result));
    console.log(`render bench: ${result.width}x${result.height}, ${result.dots} dots (${result.density}/cm^2), ` +
      `median of ${FRAMES}: wasm re-render ${result.wasm_median_ms.toFixed(2)} ms, ` +
      `Canvas 2D arc() ${result.canvas_median_ms.toFixed(1)} ms, ratio ${ratio.toFixed(1)}x ` +
      `(goal >= 10x); re-place after a density change ${result.replace_median_ms.toFixed(1)} ms; ` +
      `after a hairline drag ${result.drag_median_ms.toFixed(1)} ms`);
    if (result.dots < 100000) {
      console.error('error: fewer than 100,000 dots');
      process.exitCode = 1;
    }
    if (!result.same_shade_same_pixels || result.shade_change_pixels_changed === 0) {
      console.error('error: re-rendering is not deterministic or the shade had no effect');
      process.exitCode = 1;
    }
  } finally {
    await h.close();
  }
}

main().catch((e) => { console.error('error:', e.message); process.exitCode = 1; });
