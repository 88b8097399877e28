// photo_fuzz.cpp - libFuzzer target for the whole intake path: container
// walk, EXIF/XMP parsing, stb decode, downscale and orientation. Built with
// clang when SMP_FUZZ=ON; scripts/test.sh runs it for FUZZ_SECONDS with the
// seeds in tests/fuzz/seeds-photo_fuzz/ (small files made by make_seeds.cpp).
//
// Beyond "no crash, no leak, no UB", it checks the contract: a success is a
// well-formed upright working image, a failure carries a code and a sentence.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/intake/exif.h"
#include "core/intake/photo.h"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

void check(const smp::Result<smp::Photo>& r, const smp::DecodeOptions& o) {
  if (!r.ok()) {
    require(!r.error().code.empty() && !r.error().message.empty());
    return;
  }
  const smp::Photo& p = r.value();
  const smp::Image& w = p.working;
  require(w.channels == 3 && w.width >= 1 && w.height >= 1);
  require(w.pixels.size() == static_cast<std::size_t>(w.width) * w.height * 3);
  require(w.width <= o.max_working_side && w.height <= o.max_working_side);
  require(p.original_width >= o.min_side && p.original_height >= o.min_side);
  require(p.orientation >= 1 && p.orientation <= 8);
  require(p.scale >= 1.0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Small limits keep each run fast and within -rss_limit_mb; the code paths
  // are the same as with the defaults.
  smp::DecodeOptions o;
  o.max_pixels = 2'000'000;
  o.max_side = 4096;
  o.min_side = 1;
  o.max_working_side = 257;  // odd, so the resampler's fractional edges run
  check(smp::decode_photo(data, size, o), o);

  smp::exif_orientation(data, size);
  smp::xmp_orientation(std::string_view(reinterpret_cast<const char*>(data), size));

  // The browser path's entry: any bytes as RGBA of a size derived from them.
  if (size >= 4 * 16) {
    int w = 4 + static_cast<int>(data[0] % 29);
    int h = static_cast<int>(size / 4 / w);
    if (h > 0) check(smp::photo_from_rgba(data, w, h, o), o);
  }
  return 0;
}
