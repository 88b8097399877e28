// content.h - the consultation content a widget shows next to the estimate:
// candidacy questions and outcomes, expectations, the aftercare timeline,
// questions to ask a provider and how to choose a technician.
//
// The structure (which items, in which order, with which ids) is here; every
// word comes from the locale's message catalogue. Each item carries its
// catalogue key so a clinic can override or translate a single text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/base/status.h"

namespace smp {

// The whole content for a locale ("en", "es", "es-MX"...; unknown -> "en").
Result<std::string> content_json(std::string_view locale);

// Every catalogue key the content and the estimator use, for completeness
// checks of a translation.
std::vector<std::string> content_keys();

}  // namespace smp
