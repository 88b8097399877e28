#include "cli.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace smp::cli {

Result<std::vector<std::uint8_t>> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{"cannot_read", "Cannot open '" + path + "'."};
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
  if (in.bad()) return Error{"cannot_read", "Cannot read '" + path + "'."};
  return bytes;
}

Status write_png(const std::string& path, const Image& image) {
  if (!stbi_write_png(path.c_str(), image.width, image.height, image.channels,
                      image.pixels.data(), image.width * image.channels))
    return Error{"cannot_write", "Cannot write '" + path + "'."};
  return {};
}

int fail(const std::string& message) {
  std::cerr << "error: " << message << "\n";
  return 2;
}

int fail(const Error& error) { return fail(error.message); }

std::optional<std::string> take_flag(Args& args, const std::string& name) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == name) {
      std::string v = args[i + 1];
      args.erase(args.begin() + i, args.begin() + i + 2);
      return v;
    }
  return std::nullopt;
}

}  // namespace smp::cli
