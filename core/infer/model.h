// model.h - a convolutional network in the engine's own compact file format
// (".smpm"), loaded from bytes and run on one input tensor.
//
// The build converts TF.js graph models into this format once
// (scripts/pack_model.mjs): the graph is sorted, bias additions and
// activations are fused into the convolutions, filters are stored as 8-bit
// integers with a scale per output channel and the other weights as the
// float16 the TF.js files hold. Layout, little-endian:
//
//   "SMPM" u32 version(=1)
//   u32 input_rank, i32 input_dims[input_rank]      (-1: any size, e.g. batch)
//   u32 const_count, then per constant:
//     u8 dtype (0 float32, 1 float16, 2 int32, 3 int8 per channel), u8 rank,
//     i32 dims[rank], then for int8: u32 channel axis, f32 scales[dims[axis]];
//     then the data (value = int8 * its channel's scale)
//   u32 node_count, then per node:
//     u8 op (Op), u8 input_count, u32 inputs[input_count],
//     u8 param_count, i32 params[param_count]
//   u32 output value
//
// Values are numbered: constants 0..const_count-1, then the input, then each
// node's single output in order. A node may only read values numbered below
// its own, so the file is its own topological order. load_model checks every
// count, id, dtype and the params each op needs, and then runs the network
// once on zeros of the declared input shape: a truncated, corrupt or
// wrong-shape model is refused at load time with an Error, never a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/infer/tensor.h"
#include "core/base/status.h"

namespace smp::infer {

enum class Op : std::uint8_t {
  conv2d = 0,            // x, filter[, bias]; stride_h, stride_w, dilation_h, dilation_w, padding, activation
  depthwise_conv2d = 1,  // same
  conv2d_transpose = 2,  // x, filter, output_shape[, bias]; stride_h, stride_w, padding, activation
  max_pool = 3,          // x; window_h, window_w, stride_h, stride_w, padding
  avg_pool = 4,          // same
  pad = 5,               // x, paddings
  add = 6,               // a, b
  mul = 7,               // a, b
  add_n = 8,             // x...
  activation = 9,        // x; activation
  resize_bilinear = 10,  // x, size; align_corners, half_pixel_centers
  concat = 11,           // x..., axis
  reshape = 12,          // x, shape
  shape = 13,            // x
  strided_slice = 14,    // x, begin, end, strides; begin_mask, end_mask, shrink_axis_mask
  pack = 15,             // x...; axis
  identity = 16,         // x
};
constexpr int kOpCount = 17;

struct Node {
  Op op = Op::identity;
  std::vector<std::uint32_t> inputs;
  std::vector<std::int32_t> params;
};

struct Model {
  std::vector<int> input_shape;  // -1 where any size is accepted
  std::vector<Tensor> consts;
  std::vector<Node> nodes;
  std::uint32_t output = 0;
  // Per value: the last node that reads it (frees intermediates early).
  std::vector<std::int32_t> last_use;
};

// Parses and validates a .smpm file (see above); `name` only labels errors.
Result<Model> load_model(const std::uint8_t* data, std::size_t size, std::string_view name = "model");

// Milliseconds spent per op kind over the runs it was passed to (for the
// benchmark; indexed by Op).
struct Profile {
  double ms[kOpCount] = {};
  double macs[kOpCount] = {};  // multiply-adds of the convolutions
};

// Runs the network on `input` (its shape must fit Model::input_shape).
Result<Tensor> run(const Model& model, Tensor input, Profile* profile = nullptr);

// As run(), and also copies out the intermediate values numbered in `taps`
// (in that order, into `tapped`): a network's inner features, read by a
// model trained on top of them, at no extra inference cost.
Result<Tensor> run(const Model& model, Tensor input, const std::vector<std::uint32_t>& taps,
                   std::vector<Tensor>& tapped);

const char* op_name(Op op);

// IEEE half to float (the weights' storage format).
float half_to_float(std::uint16_t h);

}  // namespace smp::infer
