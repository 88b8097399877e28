// test_images.h - small synthetic images encoded in memory, so the core
// suite needs no files on disk.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/image.h"
#include "core/intake/photo.h"

namespace smp::test {

// A w x h RGB gradient with a marked red top-left corner block.
Image gradient(int w, int h);

std::vector<std::uint8_t> encode_png(const Image& img);
std::vector<std::uint8_t> encode_jpeg(const Image& img, int quality = 90);
std::vector<std::uint8_t> encode_bmp(const Image& img);

// --- hand-built encoders for what stb_image_write cannot produce ----------

// A PNG from raw scanlines (filter byte 0 is added here), stored-deflate
// (uncompressed) so any colour type and bit depth can be built exactly.
// color_type: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA.
std::vector<std::uint8_t> encode_png_raw(int w, int h, int color_type, int bit_depth,
                                         const std::vector<std::uint8_t>& packed_pixels,
                                         const std::vector<std::uint8_t>& palette = {},
                                         const std::vector<std::uint8_t>& trns = {});
// One PNG chunk (length, type, data, CRC).
std::vector<std::uint8_t> png_chunk(const std::string& type, const std::vector<std::uint8_t>& data);
// Inserts a chunk right after IHDR.
std::vector<std::uint8_t> with_png_chunk(const std::vector<std::uint8_t>& png,
                                         const std::vector<std::uint8_t>& chunk);
std::uint32_t crc32(const std::uint8_t* p, std::size_t n);

// A JPEG whose blocks carry only their DC term (flat 8x8 blocks), written by
// hand so the suite has a 1-component greyscale JPEG and a progressive
// (SOF2) JPEG. `img` is grey (1 channel) or RGB (3, stored as YCbCr);
// chroma420 halves the chroma resolution as phones do (Y sampled 2x2).
std::vector<std::uint8_t> encode_jpeg_dc(const Image& img, bool progressive, bool chroma420 = false);

// A GIF whose first frame is img, quantised to a 3-3-2 palette.
std::vector<std::uint8_t> encode_gif(const Image& img);

// A TIFF/EXIF block holding only IFD0 with an Orientation tag.
std::vector<std::uint8_t> exif_block(int orientation, bool little_endian);
// JPEG with an APP1 "Exif" segment right after SOI.
std::vector<std::uint8_t> with_jpeg_exif(const std::vector<std::uint8_t>& jpeg,
                                         const std::vector<std::uint8_t>& tiff);

// Pixel helpers for orientation tests.
Image transformed(const Image& img, int orientation_to_store);

// An RGB image's luminance (Rec. 601, rounded) in all three channels, as a
// black-and-white photo or filter gives it.
Image grey(const Image& img);

// `img` as a decoded photo: its working image, `scale` original pixels per
// working pixel (what the analysis and design tests hand the core).
Photo photo_of(const Image& img, double scale = 1.0);

// Path under ../shared/photos, or "" when ../shared is absent.
std::string shared_photo(const std::string& relative);
// A file under ../shared/photos as bytes (empty when absent).
std::vector<std::uint8_t> read_shared(const std::string& relative);
// A photo under ../shared/photos, decoded (an error when absent).
Result<Photo> load_shared(const std::string& relative);
// Rows of a tab-separated file under ../shared/photos, header skipped.
std::vector<std::vector<std::string>> read_tsv(const std::string& relative);

}  // namespace smp::test
