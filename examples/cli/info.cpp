// smp info PHOTO - what intake made of a photo, as one JSON object:
// upright size, source format, EXIF orientation found, working size.
#include <filesystem>
#include <iostream>
#include <system_error>

#include "cli.h"
#include "core/json.h"
#include "core/photo.h"

namespace smp::cli {

int cmd_info(Args args) {
  if (args.size() != 1) return fail("usage: smp info PHOTO");
  // Refuse an oversized file from its size alone, before reading it in.
  std::error_code ec;
  std::uintmax_t size = std::filesystem::file_size(args[0], ec);
  if (!ec) {
    if (Status s = check_file_size(static_cast<std::size_t>(size)); !s.ok()) return fail(s.error());
  }
  auto bytes = read_file(args[0]);
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
