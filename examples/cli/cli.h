// cli.h - shared helpers and the subcommands of the `smp` tool.
// Each subcommand lives in its own file and returns the process exit code:
// 0 success, 2 bad input (with "error: <sentence>" on stderr).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/base/image.h"
#include "core/base/status.h"

namespace smp::cli {

using Args = std::vector<std::string>;

// Reads a whole file; on failure returns an Error with a readable message.
Result<std::vector<std::uint8_t>> read_file(const std::string& path);
// read_file for photos: refuses a file over intake's size limit unread.
Result<std::vector<std::uint8_t>> read_photo(const std::string& path);
// Writes a grey, RGB or RGBA image as PNG.
Status write_png(const std::string& path, const Image& image);
// Prints "error: <message>" to stderr and returns 2.
int fail(const std::string& message);
int fail(const Error& error);
// Returns the value after `--name` (removing both from args), if present.
std::optional<std::string> take_flag(Args& args, const std::string& name);

// `--turn N` (quarter turns clockwise, -3..3; removed from args): the photo
// turned, as the widget's "Turn photo" button does. 0 when absent.
Result<int> take_turn(Args& args);

int cmd_info(Args args);
int cmd_analyze(Args args);
int cmd_segment(Args args);
int cmd_preview(Args args);
int cmd_estimate(Args args);

}  // namespace smp::cli
