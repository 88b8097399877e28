// pack_model.mjs - converts a TF.js graph model (model.json + weights .bin)
// into the engine's .smpm file (format in core/infer/model.h). Run by the
// build, once per model:
//   node scripts/pack_model.mjs MODEL.json OUT.smpm
//   node scripts/pack_model.mjs MODEL.json OUT.smpm --int8 --dequantized W.bin
// What it does: keeps the nodes the output needs, in dependency order; fuses
// a convolution's bias addition and activation into it when nothing else
// reads the intermediate; keeps float16 weights as float16, or with --int8
// stores convolution filters as 8-bit integers with one scale per output
// channel (symmetric, scale = max |w| / 127), which halves the download.
// --dequantized writes every weight as the engine will see it (float32, in
// the TF.js manifest's order), so TF.js can run the very same numbers as the
// reference (tests/reference/tfjs_reference.mjs). Any op or attribute
// outside the engine's set stops the build with a message.
import fs from 'node:fs';
import path from 'node:path';

const OP = {
  conv2d: 0, depthwise_conv2d: 1, conv2d_transpose: 2, max_pool: 3, avg_pool: 4, pad: 5, add: 6, mul: 7,
  add_n: 8, activation: 9, resize_bilinear: 10, concat: 11, reshape: 12, shape: 13, strided_slice: 14,
  pack: 15, identity: 16,
};
const ACT = { Relu: 1, Relu6: 2, Sigmoid: 3 };

function fail(msg) {
  console.error(`pack_model: ${msg}`);
  process.exit(1);
}

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1] && !args[i + 1].startsWith('--') ? args[i + 1] : true;
  args.splice(i, v === true ? 1 : 2);
  return v;
};
const int8 = Boolean(flag('--int8'));
const dequantizedPath = flag('--dequantized');
const [jsonPath, outPath] = args;
if (!jsonPath || !outPath) fail('usage: node scripts/pack_model.mjs MODEL.json OUT.smpm');
const model = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
const graph = model.modelTopology;
if (!graph?.node) fail(`${jsonPath} is not a TF.js graph model`);

// --- weights: name -> { dtype, shape, bytes } ----------------------------
const weights = new Map();
for (const group of model.weightsManifest) {
  const bin = Buffer.concat(group.paths.map((p) => fs.readFileSync(path.join(path.dirname(jsonPath), p))));
  let at = 0;
  for (const w of group.weights) {
    const count = w.shape.reduce((a, b) => a * b, 1);
    let dtype, width;
    if (w.quantization) {
      if (w.quantization.dtype !== 'float16' || w.dtype !== 'float32') fail(`${w.name}: unsupported quantization`);
      dtype = 1, width = 2;
    } else if (w.dtype === 'float32') {
      dtype = 0, width = 4;
    } else if (w.dtype === 'int32') {
      dtype = 2, width = 4;
    } else {
      fail(`${w.name}: unsupported dtype ${w.dtype}`);
    }
    weights.set(w.name, { dtype, shape: w.shape, bytes: bin.subarray(at, at + count * width) });
    at += count * width;
  }
}

// IEEE half to float, as the engine's loader reads it.
function halfToFloat(h) {
  const sign = h & 0x8000 ? -1 : 1, exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}
function floats(w) {
  const n = w.shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++)
    out[k] = w.dtype === 1 ? halfToFloat(w.bytes.readUInt16LE(2 * k)) : w.dtype === 0 ? w.bytes.readFloatLE(4 * k) : w.bytes.readInt32LE(4 * k);
  return out;
}
// Filters (rank 4) become int8 per channel along their last axis longer than 1.
for (const w of weights.values()) {
  w.values = floats(w);
  if (!int8 || w.dtype === 2 || w.shape.length !== 4 || w.values.length < 64) continue;
  let axis = 3;
  while (axis > 0 && w.shape[axis] === 1) axis--;
  const channels = w.shape[axis];
  const inner = w.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const scales = new Float32Array(channels);
  for (let k = 0; k < w.values.length; k++) {
    const c = Math.floor(k / inner) % channels;
    scales[c] = Math.max(scales[c], Math.abs(w.values[k]));
  }
  for (let c = 0; c < channels; c++) scales[c] = scales[c] > 0 ? Math.fround(scales[c] / 127) : 1;
  const q = new Int8Array(w.values.length);
  for (let k = 0; k < q.length; k++) {
    const c = Math.floor(k / inner) % channels;
    q[k] = Math.max(-127, Math.min(127, Math.round(w.values[k] / scales[c])));
    w.values[k] = Math.fround(q[k] * scales[c]);  // what the engine computes
  }
  w.dtype = 3;
  w.axis = axis;
  w.scales = scales;
  w.bytes = Buffer.from(q.buffer);
}
if (dequantizedPath) {
  const parts = [];
  for (const group of model.weightsManifest)
    for (const spec of group.weights) {
      const w = weights.get(spec.name);
      parts.push(w.dtype === 2 ? Buffer.from(w.bytes) : Buffer.from(w.values.buffer));
    }
  fs.mkdirSync(path.dirname(dequantizedPath), { recursive: true });
  fs.writeFileSync(dequantizedPath, Buffer.concat(parts));
}

// --- the graph --------------------------------------------------------
const byName = new Map(graph.node.map((n) => [n.name, n]));
const clean = (i) => i.replace(/^\^/, '').replace(/:0$/, '');
const inputsOf = (n) => (n.input || []).filter((i) => !i.startsWith('^')).map(clean);
const attr = (n, k) => n.attr?.[k];
const ints = (n, k) => (attr(n, k)?.list?.i || []).map(Number);
const str = (n, k) => {
  const s = attr(n, k)?.s;
  return s === undefined ? undefined : Buffer.from(s, 'base64').toString();
};
const bool = (n, k) => Boolean(attr(n, k)?.b);
const int = (n, k) => Number(attr(n, k)?.i ?? 0);

const outName = clean(Object.values(model.signature?.outputs || {})[0]?.name || graph.node[graph.node.length - 1].name);
const consumers = new Map();
for (const n of graph.node) for (const i of inputsOf(n)) consumers.set(i, (consumers.get(i) || 0) + 1);

// Identity only renames a value.
const alias = (name) => {
  let n = byName.get(name);
  while (n && n.op === 'Identity') n = byName.get(inputsOf(n)[0]);
  return n ? n.name : name;
};

// Fusion: conv -> Add(bias const [C]) -> Relu/Relu6/Sigmoid, each link read
// by nothing else. Maps the last fused node's name to the conv it folds into.
const fused = new Map();  // conv name -> { bias, act, top }
const replaced = new Map();  // fused-away node name -> conv name
const onlyConsumer = (name) => {
  if ((consumers.get(name) || 0) !== 1 || name === outName) return null;
  return graph.node.find((n) => inputsOf(n).includes(name));
};
for (const n of graph.node) {
  if (!['Conv2D', 'DepthwiseConv2dNative', 'Conv2DBackpropInput'].includes(n.op)) continue;
  const info = { bias: null, act: 0, top: n.name };
  const next = onlyConsumer(n.name);
  if (next && ['Add', 'AddV2', 'BiasAdd'].includes(next.op)) {
    const other = inputsOf(next).find((i) => i !== n.name);
    const w = weights.get(other);
    const filter = weights.get(inputsOf(n)[1]);  // the filter is the second input of all three
    const outC = n.op === 'Conv2D' ? filter.shape[3] : n.op === 'Conv2DBackpropInput' ? filter.shape[2]
      : filter.shape[2] * filter.shape[3];
    if (w && w.shape.length === 1 && w.shape[0] === outC && inputsOf(next).length === 2) {
      info.bias = other, info.top = next.name;
      replaced.set(next.name, n.name);
      const after = onlyConsumer(next.name);
      if (after && ACT[after.op]) {
        info.act = ACT[after.op], info.top = after.name;
        replaced.set(after.name, n.name);
      }
    }
  }
  fused.set(n.name, info);
}
// A value's producing node after fusion: whatever reads a fused-away node
// reads the conv's output instead.
const producer = (name) => {
  name = alias(name);
  return replaced.has(name) ? replaced.get(name) : name;
};

// --- dependency order from the output (drops dead nodes) --------------
const order = [];
const seen = new Set();
const constNames = [];
const visit = (name) => {
  name = producer(name);
  if (seen.has(name)) return;
  seen.add(name);
  const n = byName.get(name);
  if (!n) fail(`unknown node ${name}`);
  if (n.op === 'Const') {
    if (!weights.has(name)) fail(`constant ${name} has no weights`);
    constNames.push(name);
    return;
  }
  let ins = inputsOf(n);
  if (fused.has(name) && fused.get(name).bias) ins = [...ins, fused.get(name).bias];
  for (const i of ins) visit(i);
  order.push(name);
};
visit(outName);

const placeholders = order.filter((n) => byName.get(n).op === 'Placeholder');
if (placeholders.length !== 1) fail('the model must have exactly one input');
const ids = new Map(constNames.map((n, k) => [n, k]));
ids.set(placeholders[0], constNames.length);
const nodes = order.filter((n) => byName.get(n).op !== 'Placeholder');
nodes.forEach((n, k) => ids.set(n, constNames.length + 1 + k));
const id = (name) => {
  const v = ids.get(producer(name));
  if (v === undefined) fail(`no value for ${name}`);
  return v;
};

const padding = (n) => {
  const p = str(n, 'padding');
  if (p !== 'SAME' && p !== 'VALID') fail(`${n.name}: padding ${p}`);
  return p === 'VALID' ? 1 : 0;
};
const nhwc = (n) => {
  const f = str(n, 'data_format');
  if (f && f !== 'NHWC') fail(`${n.name}: data_format ${f}`);
  if (ints(n, 'explicit_paddings').length) fail(`${n.name}: explicit paddings`);
};

const encoded = [];
for (const name of nodes) {
  const n = byName.get(name);
  const ins = inputsOf(n).map(id);
  let op, params = [], inputs = ins;
  switch (n.op) {
    case 'Conv2D': case 'DepthwiseConv2dNative': {
      nhwc(n);
      const s = ints(n, 'strides'), d = ints(n, 'dilations');
      const f = fused.get(name);
      op = n.op === 'Conv2D' ? OP.conv2d : OP.depthwise_conv2d;
      params = [s[1] ?? 1, s[2] ?? 1, d[1] ?? 1, d[2] ?? 1, padding(n), f.act];
      if (f.bias) inputs = [...ins, id(f.bias)];
      break;
    }
    case '_FusedConv2D': {
      nhwc(n);
      const ops = (attr(n, 'fused_ops')?.list?.s || []).map((s) => Buffer.from(s, 'base64').toString());
      if (ops[0] !== 'BiasAdd' || ops.length > 2 || (ops[1] && !ACT[ops[1]])) fail(`${name}: fused ops ${ops}`);
      const s = ints(n, 'strides'), d = ints(n, 'dilations');
      op = OP.conv2d;
      params = [s[1] ?? 1, s[2] ?? 1, d[1] ?? 1, d[2] ?? 1, padding(n), ops[1] ? ACT[ops[1]] : 0];
      break;
    }
    case 'Conv2DBackpropInput': {
      nhwc(n);
      const s = ints(n, 'strides'), d = ints(n, 'dilations');
      if ((d[1] ?? 1) !== 1 || (d[2] ?? 1) !== 1) fail(`${name}: dilated transposed convolution`);
      const f = fused.get(name);
      op = OP.conv2d_transpose;
      // TF's inputs are (output shape, filter, x); the engine takes (x, filter, output shape).
      inputs = [ins[2], ins[1], ins[0], ...(f.bias ? [id(f.bias)] : [])];
      params = [s[1] ?? 1, s[2] ?? 1, padding(n), f.act];
      break;
    }
    case 'MaxPool': case 'AvgPool': {
      nhwc(n);
      const k = ints(n, 'ksize'), s = ints(n, 'strides');
      op = n.op === 'MaxPool' ? OP.max_pool : OP.avg_pool;
      params = [k[1], k[2], s[1], s[2], padding(n)];
      break;
    }
    case 'Pad': op = OP.pad; break;
    case 'Add': case 'AddV2': case 'BiasAdd': op = OP.add; break;
    case 'Mul': op = OP.mul; break;
    case 'AddN': op = OP.add_n; break;
    case 'Relu': case 'Relu6': case 'Sigmoid': op = OP.activation; params = [ACT[n.op]]; break;
    case 'ResizeBilinear':
      op = OP.resize_bilinear;
      params = [bool(n, 'align_corners') ? 1 : 0, bool(n, 'half_pixel_centers') ? 1 : 0];
      break;
    case 'ConcatV2': op = OP.concat; break;
    case 'Reshape': op = OP.reshape; break;
    case 'Shape': op = OP.shape; break;
    case 'StridedSlice':
      if (int(n, 'ellipsis_mask') || int(n, 'new_axis_mask')) fail(`${name}: ellipsis/new-axis slicing`);
      op = OP.strided_slice;
      params = [int(n, 'begin_mask'), int(n, 'end_mask'), int(n, 'shrink_axis_mask')];
      break;
    case 'Pack': op = OP.pack; params = [int(n, 'axis')]; break;
    default: fail(`${name}: op ${n.op} is not supported by the engine`);
  }
  encoded.push({ op, inputs, params });
}

// --- write ---------------------------------------------------------------
const parts = [];
const u8 = (v) => parts.push(Buffer.from([v]));
const u32 = (v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); parts.push(b); };
const i32 = (v) => { const b = Buffer.alloc(4); b.writeInt32LE(v); parts.push(b); };
parts.push(Buffer.from('SMPM'));
u32(1);
const inShape = byName.get(placeholders[0]).attr.shape.shape.dim.map((d) => Number(d.size));
u32(inShape.length);
inShape.forEach((d) => i32(d < 0 ? -1 : d));
u32(constNames.length);
for (const name of constNames) {
  const w = weights.get(name);
  u8(w.dtype);
  u8(w.shape.length);
  w.shape.forEach(i32);
  if (w.dtype === 3) {
    u32(w.axis);
    parts.push(Buffer.from(w.scales.buffer));
  }
  parts.push(w.bytes);
}
u32(encoded.length);
for (const e of encoded) {
  u8(e.op);
  u8(e.inputs.length);
  e.inputs.forEach(u32);
  u8(e.params.length);
  e.params.forEach(i32);
}
u32(id(outName));
const out = Buffer.concat(parts);
fs.mkdirSync(path.dirname(outPath), { recursive: true });
fs.writeFileSync(outPath, out);
console.log(`pack_model: ${path.basename(jsonPath)} -> ${outPath}: ${encoded.length} nodes, ${constNames.length} constants, ${out.length} bytes`);
