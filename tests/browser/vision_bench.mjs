// vision_bench.mjs - the learned vision's speed in Chromium (wasm), printed
// beside baselines measured in the same page (scripts/eval.sh vision-speed):
//   - each network's inference time (median of 15 runs) against a one-pass
//     read of its input buffer;
//   - the whole analysis of photos at the default working size, with the
//     core's own per-stage timings (person, face and its runs, head, ...);
//   - the time from a 12-megapixel phone JPEG to the first preview on a
//     canvas (decode, analysis, design, render) in a fresh page, cold and
//     after warmUp(), against decoding the same JPEG with createImageBitmap.
// Needs ../shared/photos for the photos; the inference part runs without.
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, SHARED_PHOTOS, hasShared } from './harness.mjs';

const PHOTOS = ['misc/deepface__img33.jpg', 'misc/face_recognition__obama.jpg', 'misc/dlib__bald_guys.jpg',
  'misc/baldness_est__og_group3_28.png'];
const med = (v) => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];

const h = await startHarness();
const { page, context } = await h.openConsultationPage();
try {
  const inference = await page.evaluate(async () => {
    const { loadCore } = await import('/build/web/core.js');
    const core = await loadCore();
    const out = {};
    for (const [name, side] of [['selfie', 256], ['blazeface', 128]]) {
      const x = new Float32Array(side * side * 3);
      for (let i = 0; i < x.length; i++) x[i] = ((i * 7919) % 255) / 255;
      const runs = [], base = [];
      for (let k = 0; k < 15; k++) {
        let t = performance.now();
        core.runNetwork(name, x);
        runs.push(performance.now() - t);
        t = performance.now();
        let s = 0;
        for (let i = 0; i < x.length; i++) s += x[i];
        base.push(performance.now() - t + (s < 0 ? 1 : 0));
      }
      out[name] = { runs, base };
    }
    return out;
  });
  for (const [name, r] of Object.entries(inference))
    console.log(`${name.padEnd(10)} inference ${med(r.runs).toFixed(1)} ms (median of 15, min ${Math.min(...r.runs).toFixed(1)}); `
      + `one-pass read of its input ${med(r.base).toFixed(3)} ms`);

  if (!hasShared) {
    console.log('no ../shared/photos: photo timings skipped');
  } else {
    for (const rel of PHOTOS) {
      const b64 = fs.readFileSync(path.join(SHARED_PHOTOS, rel)).toString('base64');
      const r = await page.evaluate(async ([b, n]) => {
        const first = await window.__loadBytes(b, n);
        if (first.code) return first;
        const c = window.__c;
        const px = new Uint8ClampedArray(c.photo.workingWidth * c.photo.workingHeight * 4).fill(128);
        const runs = [], core = [], base = [];
        for (let k = 0; k < 7; k++) {
          c.setOptions({ female: k % 2 === 1 });  // drops the cached analysis
          let t = performance.now();
          const a = c.analysis;
          runs.push(performance.now() - t);
          core.push(a.timingsMs);
          t = performance.now();
          let s = 0;
          for (let i = 0; i < px.length; i += 4) s += 77 * px[i] + 150 * px[i + 1] + 29 * px[i + 2];
          base.push(performance.now() - t + (s === -1 ? 1 : 0));
        }
        c.setOptions({ female: false });
        return { runs, core, base, working: [c.photo.workingWidth, c.photo.workingHeight] };
      }, [b64, path.basename(rel)]);
      if (r.code) { console.log(`${rel}: ${r.code} ${r.message}`); continue; }
      const stages = Object.keys(r.core[0]).map((k) => `${k} ${med(r.core.map((t) => t[k])).toFixed(k === 'face_runs' ? 0 : 1)}`);
      console.log(`${rel} at ${r.working.join('x')}: analysis ${med(r.runs).toFixed(1)} ms (median of 7); `
        + `one-pass read ${med(r.base).toFixed(2)} ms; ratio ${(med(r.runs) / med(r.base)).toFixed(0)}x\n  core stages: ${stages.join(', ')}`);
    }

    // The slowest path: a photo from above at the full working size, with
    // no face, so every turn and edge the person leaves by is searched.
    {
      const top = fs.readFileSync(path.join(SHARED_PHOTOS, 'hairloss-train', fs.readdirSync(path.join(SHARED_PHOTOS, 'hairloss-train'))
        .filter((f) => f.includes('Top-Down')).sort()[0])).toString('base64');
      const r = await page.evaluate(async (b) => {
        const src = await createImageBitmap(new Blob([Uint8Array.from(atob(b), (ch) => ch.charCodeAt(0))]));
        const big = new OffscreenCanvas(1600, 1600);
        big.getContext('2d').drawImage(src, 0, 0, 1600, 1600);
        const file = new File([await big.convertToBlob({ type: 'image/jpeg', quality: 0.9 })], 'top.jpg');
        await window.__c.loadPhoto(file);
        const runs = [];
        let t;
        for (let k = 0; k < 5; k++) {
          window.__c.setOptions({ female: k % 2 === 1 });
          const t0 = performance.now();
          t = window.__c.analysis.timingsMs;
          runs.push(performance.now() - t0);
        }
        window.__c.setOptions({ female: false });
        return { runs, t };
      }, top);
      console.log(`a top view drawn at 1600x1600: analysis ${med(r.runs).toFixed(1)} ms (median of 5); face searched ${r.t.face_runs} times, `
        + `${r.t.face.toFixed(1)} ms\n  core stages: ${Object.entries(r.t).map(([k, v]) => `${k} ${v.toFixed(k === "face_runs" ? 0 : 1)}`).join(", ")}`);
    }

    // A 12-megapixel JPEG as a phone makes it: a shared portrait drawn at
    // 4000 x 3000 with grain and encoded at quality 0.92 in the page. Each trial opens a
    // fresh page, as a new visitor would: "cold" hands the file over at once;
    // "warmed" calls warmUp() first, as the widget does while its file picker
    // is open; "again" is a second load of the same file in that page.
    const b64 = fs.readFileSync(path.join(SHARED_PHOTOS, PHOTOS[0])).toString('base64');
    const trials = { cold: [], warmed: [], again: [], decode: [], analysis: [] };
    let bytes = 0;
    for (let k = 0; k < 6; k++) {
      const fresh = await h.openConsultationPage();
      const r = await fresh.page.evaluate(async ([b, warm]) => {
        const src = await createImageBitmap(new Blob([Uint8Array.from(atob(b), (ch) => ch.charCodeAt(0))]));
        const big = new OffscreenCanvas(4000, 3000);
        const g = big.getContext('2d');
        g.drawImage(src, 0, 0, 4000, 3000);
        // Sensor grain, so the file is as large as a phone's (3-5 MB) and as
        // slow to decode; an upscaled smooth photo compresses to a quarter.
        const grain = g.getImageData(0, 0, 4000, 3000);
        let seed = 7;
        for (let i = 0; i < grain.data.length; i += 4) {
          seed = (seed * 1103515245 + 12345) >>> 0;
          const n = ((seed >>> 24) - 128) / 10;
          grain.data[i] += n, grain.data[i + 1] += n, grain.data[i + 2] += n;
        }
        g.putImageData(grain, 0, 0);
        const jpeg = await big.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
        const file = new File([jpeg], 'phone.jpg', { type: 'image/jpeg' });
        const canvas = document.createElement('canvas');
        if (warm && !(await window.__c.warmUp())) return { error: 'warm-up failed' };
        let t = performance.now();
        await window.__c.loadPhoto(file);
        window.__c.render(canvas);
        const first = performance.now() - t;
        const analysis = window.__c.analysis.timingsMs.total;
        t = performance.now();
        await window.__c.loadPhoto(file);
        window.__c.render(canvas);
        const again = performance.now() - t;
        t = performance.now();
        (await createImageBitmap(file)).close();
        return { first, again, decode: performance.now() - t, analysis, bytes: jpeg.size };
      }, [b64, k % 2 === 1]);
      await fresh.context.close();
      if (r.error) throw new Error(r.error);
      trials[k % 2 ? 'warmed' : 'cold'].push(r.first);
      trials.again.push(r.again);
      trials.decode.push(r.decode);
      trials.analysis.push(r.analysis);
      bytes = r.bytes;
    }
    const f = (v) => `${med(v).toFixed(0)} ms (${v.map((x) => x.toFixed(0)).join(', ')})`;
    console.log(`12 MP JPEG (4000x3000, ${(bytes / 1e6).toFixed(1)} MB) to the first preview, each in a fresh page: `
      + `cold ${f(trials.cold)}; after warmUp() ${f(trials.warmed)}; loaded again ${f(trials.again)}; `
      + `analysis ${med(trials.analysis).toFixed(0)} ms of it; the browser's own decode of the same file ${med(trials.decode).toFixed(0)} ms; `
      + `ratio (after warmUp) ${(med(trials.warmed) / med(trials.decode)).toFixed(1)}x`);
  }
} finally {
  await context.close();
  await h.close();
}
