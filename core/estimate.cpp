// PLACEHOLDER (issue 6 replaces this).
#include "estimate.h"

namespace smp {

Result<std::string> estimate_json(const EstimateRequest&) {
  return Error{"not_implemented", "The estimator is not built yet."};
}

}  // namespace smp
