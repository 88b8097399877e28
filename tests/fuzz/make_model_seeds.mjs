// make_model_seeds.mjs - writes small .smpm files for the model loader's fuzz
// target into tests/fuzz/seeds-model_fuzz/, together covering every op:
//   node tests/fuzz/make_model_seeds.mjs tests/fuzz/seeds-model_fuzz
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] || 'tests/fuzz/seeds-model_fuzz';
fs.mkdirSync(dir, { recursive: true });

// consts: [dtype, shape, values]; nodes: [op, inputs, params]; ids as in model.h.
function model(input, consts, nodes) {
  const p = [];
  const u8 = (v) => p.push(Buffer.from([v]));
  const u32 = (v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v >>> 0); p.push(b); };
  const i32 = (v) => { const b = Buffer.alloc(4); b.writeInt32LE(v); p.push(b); };
  p.push(Buffer.from('SMPM')); u32(1);
  u32(input.length); input.forEach(i32);
  u32(consts.length);
  for (const [dtype, shape, values] of consts) {
    u8(dtype); u8(shape.length); shape.forEach(i32);
    for (const v of values) {
      const b = Buffer.alloc(dtype === 1 ? 2 : 4);
      if (dtype === 0) b.writeFloatLE(v); else if (dtype === 2) b.writeInt32LE(v); else b.writeUInt16LE(v);
      p.push(b);
    }
  }
  u32(nodes.length);
  for (const [op, ins, params] of nodes) { u8(op); u8(ins.length); ins.forEach(u32); u8(params.length); params.forEach(i32); }
  u32(consts.length + nodes.length);  // the last node's value
  return Buffer.concat(p);
}
const ramp = (n, s = 0.1) => Array.from({ length: n }, (_, k) => ((k % 7) - 3) * s);

// conv -> depthwise -> max pool -> resize -> transpose conv -> add -> activation
fs.writeFileSync(path.join(dir, 'conv_chain.smpm'), model([1, 8, 8, 3], [
  [0, [3, 3, 3, 4], ramp(108)], [0, [4], ramp(4)], [1, [3, 3, 4, 1], Array(36).fill(0x3c00)],
  [2, [2], [8, 8]], [0, [2, 2, 2, 4], ramp(32)], [2, [4], [1, 16, 16, 2]],
], [
  [0, [6, 0, 1], [2, 2, 1, 1, 0, 1]],         // 7: conv 4x4x4
  [1, [7, 2], [1, 1, 1, 1, 0, 2]],            // 8: depthwise
  [3, [8], [2, 2, 2, 2, 1]],                  // 9: max pool 2x2x4
  [10, [9, 3], [0, 1]],                       // 10: resize 8x8x4
  [2, [10, 4, 5], [2, 2, 0, 0]],              // 11: transpose -> 16x16x2
  [6, [11, 11], []],                          // 12: add
  [9, [12], [3]],                             // 13: sigmoid
]));
// pad -> avg pool -> concat -> mul -> add_n -> shape/slice/pack -> reshape
fs.writeFileSync(path.join(dir, 'shape_ops.smpm'), model([-1, 4, 4, 2], [
  [2, [4, 2], [0, 0, 1, 1, 1, 1, 0, 0]], [2, [], [-1]], [0, [], [2]], [2, [1], [0]], [2, [1], [1]],
  [2, [], [-1]], [2, [], [4]],
], [
  [5, [7, 0], []],                            // 8: pad -> 1x6x6x2
  [4, [8], [3, 3, 1, 1, 1]],                  // 9: avg pool -> 1x4x4x2
  [11, [7, 9, 1], []],                        // 10: concat -> 1x4x4x4
  [7, [10, 2], []],                           // 11: mul by 2
  [8, [11, 11, 11], []],                      // 12: add_n
  [13, [12], []],                             // 13: shape
  [14, [13, 3, 4, 4], [0, 0, 1]],             // 14: batch size
  [15, [14, 5, 6], [0]],                      // 15: pack [n, -1, 4]
  [12, [12, 15], []],                         // 16: reshape
  [16, [16], []],                             // 17: identity
]));
console.log(`model seeds written to ${dir}`);
