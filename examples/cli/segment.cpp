// smp segment PHOTO -o LABELS.png - the analysis's per-pixel labels at the
// upright photo's full size, as an 8-bit single-channel PNG (values 0-3,
// see core/analysis/analysis.h Segment): for evaluation scripts and clinic tools.
#include "cli.h"
#include "core/analysis/analysis.h"
#include "core/intake/photo.h"

namespace smp::cli {

int cmd_segment(Args args) {
  std::optional<std::string> out = take_flag(args, "-o");
  Result<int> turn = take_turn(args);
  if (!turn.ok()) return fail(turn.error());
  if (args.size() != 1 || !out) return fail("usage: smp segment PHOTO -o LABELS.png [--turn QUARTERS]");
  auto bytes = read_photo(args[0]);
  if (!bytes.ok()) return fail(bytes.error());
  Result<Photo> photo = decode_photo(bytes->data(), bytes->size());
  if (!photo.ok()) return fail(photo.error());
  photo.value() = turn_photo(std::move(photo.value()), turn.value());
  Result<Analysis> a = analyze(photo.value());
  if (!a.ok()) return fail(a.error());
  const int w = photo->original_width, h = photo->original_height;  // turned with the photo
  Image labels(w, h, 1);
  labels.pixels = labels_at(a.value(), w, h);
  if (labels.pixels.empty()) return fail("The photo has no labels.");
  if (Status st = write_png(*out, labels); !st.ok()) return fail(st.error());
  return 0;
}

}  // namespace smp::cli
