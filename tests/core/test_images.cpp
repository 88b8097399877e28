#include "test_images.h"

#include <filesystem>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#include <stb/stb_image_write.h>

namespace smp::test {
namespace {
void append(void* ctx, void* data, int size) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(ctx);
  auto* p = static_cast<std::uint8_t*>(data);
  out->insert(out->end(), p, p + size);
}
}  // namespace

Image gradient(int w, int h) {
  Image img(w, h, 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::uint8_t* p = img.at(x, y);
      bool corner = x < w / 8 && y < h / 8;
      p[0] = corner ? 255 : static_cast<std::uint8_t>(x * 255 / w);
      p[1] = corner ? 0 : static_cast<std::uint8_t>(y * 255 / h);
      p[2] = corner ? 0 : 128;
    }
  return img;
}

std::vector<std::uint8_t> encode_png(const Image& img) {
  std::vector<std::uint8_t> out;
  stbi_write_png_to_func(append, &out, img.width, img.height, img.channels, img.pixels.data(),
                         img.width * img.channels);
  return out;
}

std::vector<std::uint8_t> encode_jpeg(const Image& img, int quality) {
  std::vector<std::uint8_t> out;
  stbi_write_jpg_to_func(append, &out, img.width, img.height, img.channels, img.pixels.data(),
                         quality);
  return out;
}

std::vector<std::uint8_t> encode_bmp(const Image& img) {
  std::vector<std::uint8_t> out;
  stbi_write_bmp_to_func(append, &out, img.width, img.height, img.channels, img.pixels.data());
  return out;
}

std::string shared_photo(const std::string& relative) {
  std::filesystem::path p = std::filesystem::path(SMP_SHARED_DIR) / "photos" / relative;
  return std::filesystem::exists(p) ? p.string() : std::string();
}

}  // namespace smp::test
