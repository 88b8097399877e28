// The inference engine in Chromium: both embedded networks, run by the wasm
// bundle (with SIMD), give TF.js's outputs on the fixed inputs that
// tests/reference/tfjs_reference.mjs wrote for the native build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, assertClean, ROOT } from './harness.mjs';

const REFERENCE = path.join(ROOT, 'build/native/reference/models.bin');

// Records as tfjs_reference.mjs writes them: name, tensors (shape, data), params.
function readCases(file) {
  const b = fs.readFileSync(file);
  let at = 0;
  const u32 = () => { const v = b.readUInt32LE(at); at += 4; return v; };
  const cases = [];
  while (at < b.length) {
    const len = u32();
    const name = b.toString('utf8', at, at + len);
    at += len;
    const tensors = [];
    for (let t = u32(); t > 0; t--) {
      const shape = Array.from({ length: u32() }, u32);
      const n = shape.reduce((x, y) => x * y, 1);
      tensors.push({ shape, data: Array.from(new Float32Array(b.buffer.slice(b.byteOffset + at, b.byteOffset + at + 4 * n))) });
      at += 4 * n;
    }
    for (let p = u32(); p > 0; p--) u32();
    cases.push({ name, tensors });
  }
  return cases;
}

let h, page, context, problems;
before(async () => {
  h = await startHarness();
  ({ page, context, problems } = await h.openPage('/'));
  await page.evaluate(async () => {
    const { loadCore } = await import('/build/web/core.js');
    window.__core = await loadCore();
  });
});
after(async () => {
  await context?.close();
  await h?.close();
});

test('both networks in wasm match TF.js within 1e-3', async () => {
  const cases = readCases(REFERENCE);
  assert.equal(cases.length, 4);
  for (const { name, tensors: [input, want] } of cases) {
    const net = name.startsWith('selfie') ? 'selfie' : 'blazeface';
    const got = await page.evaluate(([n, x]) => {
      const r = window.__core.runNetwork(n, new Float32Array(x));
      return r.error ? r : { shape: r.shape, data: Array.from(r.data) };
    }, [net, input.data]);
    assert.ok(!got.error, JSON.stringify(got.error));
    assert.deepEqual(got.shape, want.shape, name);
    let diff = 0;
    for (let i = 0; i < want.data.length; i++) diff = Math.max(diff, Math.abs(got.data[i] - want.data[i]));
    assert.ok(diff <= 1e-3, `${name}: max abs difference ${diff}`);
  }
  assertClean(assert, problems);
});

test('a wrong input or network name is an error, not a crash', async () => {
  const r = await page.evaluate(() => ({
    short: window.__core.runNetwork('selfie', new Float32Array(10)).error?.code,
    unknown: window.__core.runNetwork('nope', new Float32Array(10)).error?.code,
    ready: window.__core.prepareNetworks().error ?? null,
  }));
  assert.deepEqual(r, { short: 'invalid_argument', unknown: 'invalid_argument', ready: null });
});
