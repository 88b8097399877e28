#!/usr/bin/env node
// bundle_size.mjs - what a host page costs: the gzip size of everything each
// example page downloads (wasm and its two networks included; target at most
// 500 KB in total), and the
// wasm heap after 50 consecutive photo loads against after the first (target:
// within 10%). Prints both; exits 1 when a target is missed.
//   node tests/eval/bundle_size.mjs            (bundle from build/web)
//   SMP_WEB_DIR=build/web-widget node tests/eval/bundle_size.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startHarness, hasShared, SHARED_PHOTOS, ROOT } from '../browser/harness.mjs';

const PAGES = ['/examples/clinic/', '/examples/landing/', '/examples/at-home/'];
const BUDGET = 500 * 1024;
const LOADS = 50;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const h = await startHarness();
let failed = false;

// --- download size per page ----------------------------------------------------
console.log('Gzip size of everything each host page downloads (level 9; bundle = files under /build/web/)');
console.log('page                   requests   raw        gzip       of which bundle (gzip)');
for (const url of PAGES) {
  const { page, context, problems } = await h.openPage(url);
  const bodies = [];
  page.on('response', async (res) => {
    if (!res.url().startsWith(h.origin)) return;
    bodies.push(res.body().then((b) => ({ url: res.url(), b })).catch(() => null));
  });
  await page.reload({ waitUntil: 'networkidle' });
  await page.waitForFunction(() => [...document.querySelectorAll('*')].some((e) => e.shadowRoot?.querySelector('[data-smp-widget]')));
  await page.waitForLoadState('networkidle');
  const got = (await Promise.all(bodies)).filter(Boolean);
  let raw = 0, gz = 0, bundle = 0;
  const files = [];
  for (const { url: u, b } of got) {
    const g = zlib.gzipSync(b, { level: 9 }).length;
    raw += b.length; gz += g;
    if (new URL(u).pathname.startsWith('/build/web/')) { bundle += g; files.push([new URL(u).pathname.slice(11), g]); }
  }
  console.log(`${url.padEnd(22)} ${String(got.length).padStart(8)}   ${kb(raw).padEnd(10)} ${kb(gz).padEnd(10)} ${kb(bundle)}` +
    `   ${gz < BUDGET ? 'OK' : 'OVER'} (target < ${kb(BUDGET)})`);
  if (url === PAGES[0]) {
    files.sort((a, b) => b[1] - a[1]);
    console.log(`  bundle files: ${files.map(([f, g]) => `${f} ${kb(g)}`).join(', ')}`);
  }
  if (gz >= BUDGET) failed = true;
  if (problems.foreignRequests.length) { console.log('  foreign requests:', problems.foreignRequests); failed = true; }
  await context.close();
}

// --- wasm heap after N photo loads -----------------------------------------------
const photoFiles = hasShared
  ? ['misc/deepface__img18.jpg', 'hairloss/12-Front_jpg.rf.27c0e575c1f3bd3e34e7b0de89cddfb4.jpg',
    'hairloss/1-Top-Down_jpg.rf.0cba4af92d3f10e834a339c3a092abc3.jpg'].map((f) => path.join(SHARED_PHOTOS, f))
  : [path.join(ROOT, 'tests/browser/fixtures/gradient.png')];
const photos = photoFiles.map((f) => fs.readFileSync(f).toString('base64'));

/** Loads `loads` photos (cycling through `set`) into one consultation in a fresh page; heap after each. */
async function heapAfterLoads(set, loads) {
  const { page, context } = await h.openPage('/examples/at-home/');
  const mem = await page.evaluate(async ({ photos, loads }) => {
    const { createConsultation } = await import('/build/web/smp.js');
    const blobs = photos.map((b64) => new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))]));
    const c = await createConsultation({ pricing: 'uk' });
    const canvas = document.createElement('canvas');
    const start = c.memoryBytes;
    const sizes = [];
    for (let i = 0; i < loads; i++) {
      await c.loadPhoto(blobs[i % blobs.length]);
      c.render(canvas);
      await c.estimate();
      sizes.push(c.memoryBytes);
    }
    c.close();
    return { start, sizes };
  }, { photos: set, loads });
  await context.close();
  return mem;
}

const M = (n) => `${(n / 1048576).toFixed(1)} MB`;
const report = (label, mem, baseIndex) => {
  const base = mem.sizes[baseIndex], last = mem.sizes[LOADS - 1], ratio = last / base;
  console.log(`  ${label}`);
  console.log(`    heap after load n: ${[1, 2, 3, 4, 5, 10, 20, 30, 40, 50].map((n) => `${n}:${M(mem.sizes[n - 1])}`).join('  ')}`);
  const second = mem.sizes[baseIndex + 1];
  console.log(`    after load ${baseIndex + 2}: ${M(second)}   after load ${LOADS}: ${M(last)}   ratio ${(last / second).toFixed(3)}   (growth after the second load)`);
  console.log(`    after load ${baseIndex + 1}: ${M(base)}   after load ${LOADS}: ${M(last)}   ratio ${ratio.toFixed(3)}   ` +
    `${ratio <= 1.10 ? 'OK' : 'OVER'} (target within 10%)`);
  if (ratio > 1.10) failed = true;
};

console.log();
console.log(`wasm heap over ${LOADS} consecutive photo loads in one consultation (each load also analyses, ` +
  `re-renders the preview and estimates)${hasShared ? '' : '; ../shared absent: synthetic fixture only'}`);
const same = await heapAfterLoads([photos[0]], LOADS);
report(`the same photo ${LOADS} times (${path.basename(photoFiles[0])}): after 50 vs after the first`, same, 0);
if (photos.length > 1) {
  const cycled = await heapAfterLoads(photos, LOADS);
  report(`${photos.length} different photos cycled: after 50 vs after the first full cycle ` +
    '(the heap settles at the largest photo plus the previous one\'s state)', cycled, photos.length - 1);
}
await h.close();
process.exit(failed ? 1 : 0);
