#include "cli.h"

#include "core/intake/photo.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace smp::cli {

// Reads into a buffer of exactly the file's size (a growing buffer's slack
// would count against intake's memory budget). libstdc++ throws from a
// stream read on a folder, so folders are refused first.
Result<std::vector<std::uint8_t>> read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return Error{"cannot_read", "'" + path + "' is a folder, not a file."};
  std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return Error{"cannot_read", "Cannot open '" + path + "'."};
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  std::ifstream in(path, std::ios::binary);
  if (!in || !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size)))
    return Error{"cannot_read", "Cannot read '" + path + "'."};
  return bytes;
}

Result<std::vector<std::uint8_t>> read_photo(const std::string& path) {
  std::error_code ec;
  std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (!ec)  // an oversized photo is refused from its size alone, before reading
    if (Status s = check_file_size(static_cast<std::size_t>(size)); !s.ok()) return s.error();
  return read_file(path);
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

Result<int> take_turn(Args& args) {
  const std::optional<std::string> v = take_flag(args, "--turn");
  if (!v) return 0;
  if (*v == "-3" || *v == "-2" || *v == "-1" || *v == "0" || *v == "1" || *v == "2" || *v == "3")
    return std::stoi(*v);
  return Error{"invalid_option", "--turn takes quarter turns clockwise, from -3 to 3."};
}

}  // namespace smp::cli
