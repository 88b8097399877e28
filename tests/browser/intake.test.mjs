// Photo intake in Chromium through the JS API: every real photo loads upright
// at the size the native CLI reports, formats stb cannot read go through the
// browser's decoder, element inputs work, and every kind of bad input rejects
// with its `code` while the next good photo still loads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startHarness, assertClean, hasShared, SHARED_PHOTOS, CLI, hasCli } from './harness.mjs';


let h, page, context, problems;
before(async () => {
  h = await startHarness();
  ({ page, context, problems } = await h.openConsultationPage());
});
after(async () => {
  await context?.close();
  await h?.close();
});

// Resolves to c.photo, or to {code, message, isError} when loading rejects.
const load = (bytes, name, type) => page.evaluate(async ([b64, n, t]) => {
  const r = await window.__loadBytes(b64, n, t);
  return r.photo ?? r;
}, [Buffer.from(bytes).toString('base64'), name, type]);

// The photos of each folder of ../shared/photos, at most `perFolder` of
// them spread evenly through its sorted list: the large labelled sets hold
// thousands of photos of one format, and each load also analyses.
function sharedPhotos(perFolder = 60) {
  const out = [];
  for (const dir of fs.readdirSync(SHARED_PHOTOS)) {
    const full = path.join(SHARED_PHOTOS, dir);
    if (!fs.statSync(full).isDirectory()) continue;
    const files = fs.readdirSync(full).sort().filter((f) => /\.(jpe?g|png|gif|bmp|webp)$/i.test(f));
    const step = Math.max(1, files.length / perFolder);
    for (let k = 0; k < files.length; k += step) out.push(path.join(full, files[Math.floor(k)]));
  }
  return out;
}

test('photos from every folder of ../shared/photos load upright at the CLI\'s size',
  { skip: (!hasShared && 'no ../shared/photos') || (!hasCli && `no CLI at ${CLI} (set SMP_CLI)`) }, async () => {
    const files = sharedPhotos();
    assert.ok(files.length > 150, `only ${files.length} photos found`);
    for (const file of files) {
      const cli = JSON.parse(execFileSync(CLI, ['info', file], { encoding: 'utf8' }));
      const got = await load(fs.readFileSync(file), path.basename(file));
      const name = path.relative(SHARED_PHOTOS, file);
      assert.ok(!got.code, `${name}: ${got.message}`);
      // A JPEG the core would reduce is decoded by the browser straight to the working size.
      const reduced = cli.format === 'jpeg' && (cli.working.width < cli.width || cli.working.height < cli.height);
      assert.deepEqual(
        { width: got.width, height: got.height, format: got.format, orientation: got.orientation, decoder: got.decoder },
        { width: cli.width, height: cli.height, format: cli.format, orientation: cli.orientation,
          decoder: reduced ? 'browser' : 'core' }, name);
      assert.deepEqual([got.workingWidth, got.workingHeight], [cli.working.width, cli.working.height], name);
    }
    assertClean(assert, problems);
  });

test('group3_28 (orientation 3 in XMP) comes out turned 180 degrees',
  { skip: !hasShared && 'no ../shared/photos' }, async () => {
    const file = path.join(SHARED_PHOTOS, 'misc/baldness_est__og_group3_28.png');
    const result = await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
      const c = window.__c;
      await c.loadPhoto(new Blob([bytes], { type: 'image/png' }));
      const upright = c.photoImageData();
      // The stored pixels, as the browser decodes them (it ignores XMP).
      const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const cv = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = cv.getContext('2d');
      ctx.drawImage(bmp, 0, 0);
      const raw = ctx.getImageData(0, 0, bmp.width, bmp.height);
      const w = raw.width, hh = raw.height;
      let rotated = 0, straight = 0, n = 0;
      for (let y = 0; y < hh; y += 4) {
        for (let x = 0; x < w; x += 4) {
          const u = (y * w + x) * 4;
          const r180 = ((hh - 1 - y) * w + (w - 1 - x)) * 4;
          if (raw.data[r180 + 3] < 255 || raw.data[u + 3] < 255) continue;
          n++;
          if (Math.abs(upright.data[u] - raw.data[r180]) <= 3) rotated++;
          if (Math.abs(upright.data[u] - raw.data[u]) <= 3) straight++;
        }
      }
      return { photo: c.photo, n, rotated, straight, size: [upright.width, upright.height] };
    }, fs.readFileSync(file).toString('base64'));
    assert.equal(result.photo.orientation, 3);
    assert.deepEqual(result.size, [293, 409]);
    assert.ok(result.n > 1000);
    assert.ok(result.rotated / result.n > 0.98, `rotated match ${result.rotated}/${result.n}`);
    assert.ok(result.straight / result.n < 0.5, `looks unrotated: ${result.straight}/${result.n}`);
  });

test('a 12 MP JPEG turned by EXIF is decoded by the browser at the working size, upright and as the core decodes it',
  async () => {
    const r = await page.evaluate(async () => {
      // Upright 3000 x 4000: a gradient, red top-left and blue bottom-right corners.
      const up = new OffscreenCanvas(3000, 4000);
      const u = up.getContext('2d');
      const g = u.createLinearGradient(0, 0, 3000, 4000);
      g.addColorStop(0, '#404040');
      g.addColorStop(1, '#c0c0c0');
      u.fillStyle = g;
      u.fillRect(0, 0, 3000, 4000);
      u.fillStyle = '#ff0000';
      u.fillRect(0, 0, 800, 800);
      u.fillStyle = '#0000ff';
      u.fillRect(2200, 3200, 800, 800);
      // Stored as a camera stores a portrait: turned a quarter counter-clockwise, EXIF orientation 6.
      const stored = new OffscreenCanvas(4000, 3000);
      const s = stored.getContext('2d');
      s.translate(0, 3000);
      s.rotate(-Math.PI / 2);
      s.drawImage(up, 0, 0);
      const jpeg = new Uint8Array(await (await stored.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer());
      const tiff = [0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
      const payload = [...'Exif'].map((ch) => ch.charCodeAt(0)).concat([0, 0], tiff);
      const app1 = [0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 255, ...payload];
      const at = 4 + ((jpeg[4] << 8) | jpeg[5]);  // after SOI and the JFIF segment
      const bytes = new Uint8Array(jpeg.length + app1.length);
      bytes.set(jpeg.subarray(0, at));
      bytes.set(app1, at);
      bytes.set(jpeg.subarray(at), at + app1.length);

      const c = window.__c;
      await c.loadPhoto(new File([bytes], 'phone.jpg', { type: 'image/jpeg' }));
      const img = c.photoImageData();
      const at3 = (x, y) => { const i = (y * img.width + x) * 4; return [img.data[i], img.data[i + 1], img.data[i + 2]]; };
      // The core's own decode of the same file, for comparison.
      const raw = new c._core.Consultation();
      let diff = 0, n = 0;
      try {
        const reply = raw.loadPhoto(bytes);
        if (reply.error) return { error: reply.error };
        const px = raw.workingPixels();
        for (let i = 0, j = 0; i < px.length; i += 3, j += 4) diff += Math.abs(px[i] - img.data[j]) + Math.abs(px[i + 2] - img.data[j + 2]), n += 2;
      } finally {
        raw.delete();
      }
      return { photo: c.photo, size: [img.width, img.height], topLeft: at3(100, 100), bottomRight: at3(img.width - 100, img.height - 100),
        meanDiff: diff / n };
    });
    assert.ok(!r.error, r.error && r.error.message);
    assert.equal(r.photo.decoder, 'browser');
    assert.deepEqual([r.photo.width, r.photo.height, r.photo.orientation], [3000, 4000, 6]);
    assert.deepEqual(r.size, [1200, 1600]);
    assert.ok(r.topLeft[0] > 200 && r.topLeft[2] < 60, `top left should be red: ${r.topLeft}`);
    assert.ok(r.bottomRight[2] > 200 && r.bottomRight[0] < 60, `bottom right should be blue: ${r.bottomRight}`);
    assert.ok(r.meanDiff < 3, `mean difference from the core's decode ${r.meanDiff.toFixed(2)} levels`);
    assertClean(assert, problems);
  });

test('a WebP made in the page goes through the browser decoder', async () => {
  const r = await page.evaluate(async () => {
    const cv = document.createElement('canvas');
    cv.width = 200; cv.height = 150;
    const ctx = cv.getContext('2d');
    ctx.fillStyle = '#0000ff'; ctx.fillRect(0, 0, 200, 150);
    ctx.fillStyle = '#ff0000'; ctx.fillRect(0, 0, 40, 30);
    const blob = await new Promise((res) => cv.toBlob(res, 'image/webp', 0.95));
    const head = new Uint8Array(await blob.slice(0, 12).arrayBuffer());
    const c = window.__c;
    await c.loadPhoto(blob);
    const img = c.photoImageData();
    const px = (x, y) => Array.from(img.data.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 3));
    return { type: blob.type, riff: String.fromCharCode(...head.slice(8, 12)), photo: c.photo,
      corner: px(5, 5), body: px(150, 100) };
  });
  assert.equal(r.type, 'image/webp');
  assert.equal(r.riff, 'WEBP');
  assert.equal(r.photo.decoder, 'browser');
  assert.equal(r.photo.format, 'webp');
  assert.deepEqual([r.photo.width, r.photo.height], [200, 150]);
  assert.ok(r.corner[0] > 230 && r.corner[2] < 30, `corner ${r.corner}`);
  assert.ok(r.body[2] > 230 && r.body[0] < 30, `body ${r.body}`);
});

test('ImageData, canvas, <img> and ImageBitmap inputs load at their size', async () => {
  const sizes = await page.evaluate(async () => {
    const c = window.__c;
    const cv = document.createElement('canvas');
    cv.width = 120; cv.height = 90;
    const ctx = cv.getContext('2d');
    ctx.fillStyle = '#884422'; ctx.fillRect(0, 0, 120, 90);
    const out = {};
    await c.loadPhoto(ctx.getImageData(0, 0, 120, 90)); out.imageData = c.photo;
    await c.loadPhoto(cv); out.canvas = c.photo;
    const blob = await new Promise((res) => cv.toBlob(res, 'image/png'));
    const img = new Image();
    img.src = URL.createObjectURL(blob);
    await c.loadPhoto(img); out.img = c.photo;
    await c.loadPhoto(await createImageBitmap(blob)); out.bitmap = c.photo;
    const px = c.photoImageData().data;
    out.pixel = [px[0], px[1], px[2]];
    return out;
  });
  for (const kind of ['imageData', 'canvas', 'img', 'bitmap']) {
    assert.deepEqual([sizes[kind].width, sizes[kind].height, sizes[kind].format], [120, 90, 'rgba'], kind);
  }
  assert.deepEqual(sizes.pixel, [0x88, 0x44, 0x22]);
});

// A baseline Adobe CMYK JPEG (APP14 transform 0, inverted ink values as
// Photoshop writes them) whose 8x8 blocks carry only their DC term, built by
// hand because nothing on this machine encodes CMYK. `inkAt(x, y)` gives
// [c, m, y, k] ink in 0..255 for the block whose top-left pixel is (x, y).
function cmykJpeg(width, height, inkAt) {
  const out = [0xff, 0xd8];
  const seg = (marker, body) => out.push(0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 255, ...body);
  seg(0xee, [...Buffer.from('Adobe'), 0, 100, 0, 0, 0, 0, 0]);        // APP14, transform 0 = CMYK
  seg(0xdb, [0, ...Array(64).fill(1)]);                               // all-ones quantiser
  seg(0xc0, [8, height >> 8, height & 255, width >> 8, width & 255, 4,
    1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]);
  const dcBits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
  seg(0xc4, [0x00, ...dcBits, ...Array.from({ length: 12 }, (_, i) => i),
    0x10, 1, ...Array(15).fill(0), 0x00]);                            // DC table, AC = {EOB: "0"}
  seg(0xda, [4, 1, 0, 2, 0, 3, 0, 4, 0, 0, 63, 0]);
  const codes = []; let code = 0, v = 0;
  dcBits.forEach((n, i) => { for (let k = 0; k < n; k++) codes[v++] = [code++, i + 1]; code <<= 1; });
  let acc = 0, nbits = 0;
  const put = (bits, len) => {
    for (let i = len - 1; i >= 0; i--) {
      acc = (acc << 1) | ((bits >> i) & 1);
      if (++nbits === 8) { out.push(acc); if (acc === 0xff) out.push(0); acc = 0; nbits = 0; }
    }
  };
  const pred = [0, 0, 0, 0];
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      inkAt(bx, by).forEach((ink, c) => {
        const dc = 8 * ((255 - ink) - 128);                           // Adobe stores 255 - ink
        const diff = dc - pred[c]; pred[c] = dc;
        let s = 0; while (Math.abs(diff) >> s) s++;
        put(...codes[s]);
        if (s) put((diff < 0 ? diff - 1 : diff) & ((1 << s) - 1), s);
        put(0, 1);                                                    // EOB
      });
    }
  }
  while (nbits) put(1, 1);
  out.push(0xff, 0xd9);
  return Buffer.from(out);
}

test('a CMYK JPEG is refused by the core and decoded by the browser', async () => {
  // Red (magenta + yellow ink) top-left 32 x 32, blue (cyan + magenta) elsewhere.
  const jpeg = cmykJpeg(160, 96, (x, y) => (x < 32 && y < 32 ? [0, 255, 255, 0] : [255, 255, 0, 0]));
  const r = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const c = window.__c;
    await c.loadPhoto(new Blob([bytes], { type: 'image/jpeg' }));
    const img = c.photoImageData();
    const px = (x, y) => Array.from(img.data.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 3));
    return { photo: c.photo, corner: px(8, 8), body: px(120, 60) };
  }, jpeg.toString('base64'));
  assert.equal(r.photo.decoder, 'browser');
  assert.equal(r.photo.format, 'jpeg');
  assert.deepEqual([r.photo.width, r.photo.height], [160, 96]);
  assert.ok(r.corner[0] > 180 && r.corner[1] < 90 && r.corner[2] < 90, `corner ${r.corner}`);
  assert.ok(r.body[2] > 100 && r.body[0] < 90, `body ${r.body}`);
});

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c & 1) ? (0xedb88320 ^ (c >>> 1)) : (c >>> 1);
  }
  return (~c) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function pngHeaderOnly(w, h) {
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([PNG_SIG, chunk('IHDR', ihdr), chunk('IEND', Buffer.alloc(0))]);
}

test('bad inputs reject with their code, and the next good photo still loads', async () => {
  const good = fs.readFileSync(new URL('./fixtures/gradient.png', import.meta.url));  // 96 x 80
  const badCrc = Buffer.from(good); badCrc[badCrc.length - 20] ^= 0x40;               // inside IDAT
  const jpeg = hasShared ? fs.readFileSync(path.join(SHARED_PHOTOS, 'misc/deepface__img18.jpg')) : null;
  const cases = [
    ['empty file', Buffer.alloc(0), 'empty_file'],
    ['text renamed .jpg', Buffer.from('Dear clinic, here is my photo. Regards, a client\n'), 'not_an_image'],
    ['random bytes', Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 251)), 'not_an_image'],
    ['PNG cut in half', good.subarray(0, good.length >> 1), 'truncated'],
    ['PNG with a bad CRC', badCrc, 'corrupt'],
    ['header claiming 100000 x 100000', pngHeaderOnly(100000, 100000), 'too_large'],
    ['a 1 x 1 image', pngHeaderOnly(1, 1), 'too_small'],
    ['WebP magic over garbage (browser cannot decode either)',
      Buffer.concat([Buffer.from('RIFF\x20\0\0\0WEBPVP8 ', 'latin1'), Buffer.alloc(40, 7)]), 'unsupported_format'],
  ];
  if (jpeg) cases.push(['real JPEG cut at 60%', jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), 'truncated']);
  for (const [what, bytes, code] of cases) {
    const r = await load(bytes, 'upload.jpg', 'image/jpeg');
    assert.equal(r.code, code, `${what}: ${r.message}`);
    assert.ok(r.isError && r.message.length > 15, what);
    const ok = await load(good, 'good.png', 'image/png');
    assert.deepEqual([ok.width, ok.height], [96, 80], `good photo after ${what}`);
  }
  // Over 40 MB: refused from the Blob's size, before it is read.
  const big = await page.evaluate(async () => {
    try { await window.__c.loadPhoto(new Blob([new Uint8Array(41 * 1024 * 1024)])); return null; }
    catch (err) { return { code: err.code, message: err.message }; }
  });
  assert.equal(big.code, 'file_too_large', big.message);
  // Wrong types.
  const wrong = await page.evaluate(async () => {
    const codes = [];
    for (const v of [null, undefined, 42, 'photo.jpg', {}, [1, 2, 3], document.createElement('div')]) {
      try { await window.__c.loadPhoto(v); codes.push('resolved'); }
      catch (err) { codes.push(err.code); }
    }
    return codes;
  });
  assert.deepEqual(wrong, Array(7).fill('invalid_argument'));
  const ok = await load(good, 'good.png', 'image/png');
  assert.deepEqual([ok.width, ok.height, ok.decoder], [96, 80, 'core']);
});
