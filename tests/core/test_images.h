// test_images.h - small synthetic images encoded in memory, so the core
// suite needs no files on disk.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/image.h"

namespace smp::test {

// A w x h RGB gradient with a marked red top-left corner block.
Image gradient(int w, int h);

std::vector<std::uint8_t> encode_png(const Image& img);
std::vector<std::uint8_t> encode_jpeg(const Image& img, int quality = 90);
std::vector<std::uint8_t> encode_bmp(const Image& img);

// Path under ../shared/photos, or "" when ../shared is absent.
std::string shared_photo(const std::string& relative);

}  // namespace smp::test
