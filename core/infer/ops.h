// ops.h - the operations of the inference engine, one function per op, with
// TensorFlow's semantics (the graphs come from TensorFlow via TF.js).
//
// Layout is NHWC. Convolution filters are TensorFlow's: Conv2D HWIO
// [kh, kw, in, out], depthwise [kh, kw, in, multiplier], transposed
// convolution [kh, kw, out, in]. Every op checks its inputs' shapes and
// returns an Error ("bad_model" code) instead of reading out of bounds, so a
// corrupt model fails cleanly at run time as well as at load time.
#pragma once

#include <array>
#include <vector>

#include "core/infer/tensor.h"
#include "core/base/status.h"

namespace smp::infer {

enum class Activation : std::uint8_t { none = 0, relu = 1, relu6 = 2, sigmoid = 3 };
enum class Padding : std::uint8_t { same = 0, valid = 1 };

struct ConvParams {
  int stride_h = 1, stride_w = 1;
  int dilation_h = 1, dilation_w = 1;
  Padding padding = Padding::same;
  Activation activation = Activation::none;
};

struct PoolParams {
  int window_h = 1, window_w = 1;
  int stride_h = 1, stride_w = 1;
  Padding padding = Padding::valid;
};

// Work bounds, so a crafted model cannot hang the page: the convolutions and
// pools count the multiply-adds (or window reads) they would do before doing
// them, and refuse past kMaxOpWork for one op or kMaxRunWork for all ops
// since reset_work() on this thread (infer::run resets it). The two networks
// shipped need about a tenth of the run budget.
inline constexpr double kMaxOpWork = double(1 << 28);
inline constexpr double kMaxRunWork = double(1 << 30);
void reset_work();
double work_done();

// Conv2D with an optional bias [out] and activation fused (x: [N,H,W,in]).
Result<Tensor> conv2d(const Tensor& x, const Tensor& filter, const Tensor* bias, const ConvParams& p);
// DepthwiseConv2dNative, bias [in*multiplier] and activation fused.
Result<Tensor> depthwise_conv2d(const Tensor& x, const Tensor& filter, const Tensor* bias, const ConvParams& p);
// Conv2DBackpropInput (transposed convolution) to `output_shape` [N,H,W,out];
// dilations must be 1, as in TensorFlow's CPU kernel.
Result<Tensor> conv2d_transpose(const Tensor& x, const Tensor& filter, const std::vector<int>& output_shape,
                                const Tensor* bias, const ConvParams& p);

Result<Tensor> max_pool(const Tensor& x, const PoolParams& p);
// Averages over the window's pixels inside the input (SAME padding does not
// count the padded ones), as TensorFlow does.
Result<Tensor> avg_pool(const Tensor& x, const PoolParams& p);

// Pad with zeros; `paddings` is [rank, 2] (before, after per axis), >= 0.
Result<Tensor> pad(const Tensor& x, const Tensor& paddings);

// Element-wise with NumPy broadcasting (Add, AddV2, Mul).
Result<Tensor> add(const Tensor& a, const Tensor& b);
Result<Tensor> mul(const Tensor& a, const Tensor& b);
// AddN: all inputs of one shape.
Result<Tensor> add_n(const std::vector<const Tensor*>& xs);

// Relu, Relu6, Sigmoid; in place because the graphs never reuse their input.
void activate(Tensor* x, Activation a);

// ResizeBilinear to out_h x out_w (x: [N,H,W,C]).
Result<Tensor> resize_bilinear(const Tensor& x, int out_h, int out_w, bool align_corners, bool half_pixel_centers);

// ConcatV2 along `axis` (negative counts from the end).
Result<Tensor> concat(const std::vector<const Tensor*>& xs, int axis);
// Reshape to `shape`, one dim of which may be -1.
Result<Tensor> reshape(const Tensor& x, const std::vector<int>& shape);

// Shape ops: Shape (x's dims as a 1-D tensor), StridedSlice (begin/end/
// strides 1-D, begin/end/shrink-axis masks; ellipsis and new-axis masks are
// refused), Pack (stack along a new `axis`).
Tensor shape_of(const Tensor& x);
Result<Tensor> strided_slice(const Tensor& x, const Tensor& begin, const Tensor& end, const Tensor& strides,
                             int begin_mask, int end_mask, int shrink_axis_mask);
Result<Tensor> pack(const std::vector<const Tensor*>& xs, int axis);

}  // namespace smp::infer
