// smp info PHOTO - what intake made of a photo, as one JSON object:
// upright size, source format, EXIF orientation found, working size.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

#include "cli.h"
#include "core/json.h"
#include "core/photo.h"

namespace smp::cli {
namespace {

// Refuses an oversized file from its size alone, then reads it into a buffer
// of exactly that size: the file's bytes are alive during the decode, so a
// growing buffer's slack would count against intake's memory budget.
Result<std::vector<std::uint8_t>> read_photo_file(const std::string& path) {
  std::error_code ec;
  // libstdc++ throws from a stream read on a folder; refuse it first.
  if (std::filesystem::is_directory(path, ec))
    return Error{"cannot_read", "'" + path + "' is a folder, not a photo."};
  std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return read_file(path);  // not a regular file: let read_file say why
  if (Status s = check_file_size(static_cast<std::size_t>(size)); !s.ok()) return s.error();
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  std::ifstream in(path, std::ios::binary);
  if (!in || !in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size)))
    return Error{"cannot_read", "Cannot read '" + path + "'."};
  return bytes;
}

}  // namespace

int cmd_info(Args args) {
  if (args.size() != 1) return fail("usage: smp info PHOTO");
  auto bytes = read_photo_file(args[0]);
  if (!bytes.ok()) return fail(bytes.error());
  Result<Photo> photo = decode_photo(bytes->data(), bytes->size());
  if (!photo.ok()) return fail(photo.error());
  JsonWriter j;
  j.begin_object();
  j.key("width").value(photo->original_width);
  j.key("height").value(photo->original_height);
  j.key("channels").value(3);
  j.key("format").value(photo->format);
  j.key("orientation").value(photo->orientation);
  j.key("working").begin_object().key("width").value(photo->working.width)
      .key("height").value(photo->working.height).end_object();
  j.key("scale").value(photo->scale);
  j.end_object();
  std::cout << j.str() << "\n";
  return 0;
}

}  // namespace smp::cli
