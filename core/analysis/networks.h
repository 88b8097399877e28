// networks.h - the learned models the analysis runs, loaded once from the
// bytes compiled into the core (infer/embedded_models.h).
#pragma once

#include "core/infer/model.h"
#include "core/base/status.h"

namespace smp {

struct Networks {
  infer::Model selfie;     // person segmentation (person_mask.h)
  infer::Model blazeface;  // face detection (face_detector.h)
};

// The first call parses and checks both models (a dry run each, tens of ms);
// later calls return the same object. An Error when the embedded data is
// damaged, which a build from the pinned package never produces.
const Result<Networks>& networks();

}  // namespace smp
