// smp info PHOTO - what intake made of a photo, as one JSON object:
// upright size, source format, EXIF orientation found, working size.
#include <iostream>

#include "cli.h"
#include "core/base/json.h"
#include "core/intake/photo.h"

namespace smp::cli {

int cmd_info(Args args) {
  if (args.size() != 1) return fail("usage: smp info PHOTO");
  auto bytes = read_photo(args[0]);
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
