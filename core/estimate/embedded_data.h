// embedded_data.h - the files under data/ (pricing presets, message
// catalogues), compiled into the core as string literals by CMakeLists.txt so
// the core never reads files and the wasm bundle carries the defaults.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace smp {

// Text of data/<path>, e.g. embedded_data("pricing/uk.json"); nullopt if absent.
std::optional<std::string_view> embedded_data(std::string_view path);

// Every embedded path, e.g. "messages/en.json", in a stable order.
std::vector<std::string_view> embedded_paths();

}  // namespace smp
