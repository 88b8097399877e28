#include "tests/core/test_images.h"

// GCC 12 warns falsely about vector::insert of small byte runs at -O2
// (GCC bug 105651); the buffers here are all bounds-correct.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wstringop-overread"
#pragma GCC diagnostic ignored "-Wstringop-overflow"
#endif

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <utility>

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

std::vector<std::uint8_t> read_shared(const std::string& relative) {
  std::ifstream in(shared_photo(relative), std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Result<Photo> load_shared(const std::string& relative) {
  const std::vector<std::uint8_t> bytes = read_shared(relative);
  return decode_photo(bytes.data(), bytes.size());
}

std::vector<std::vector<std::string>> read_tsv(const std::string& relative) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(shared_photo(relative));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string c;
    while (std::getline(ss, c, '\t')) cols.push_back(c);
    rows.push_back(cols);
  }
  return rows;
}

}  // namespace smp::test

namespace smp::test {
namespace {

void put_be32(std::vector<std::uint8_t>& v, std::uint32_t x) {
  for (int s = 24; s >= 0; s -= 8) v.push_back(static_cast<std::uint8_t>(x >> s));
}
void put_be16(std::vector<std::uint8_t>& v, std::uint32_t x) {
  v.push_back(static_cast<std::uint8_t>(x >> 8));
  v.push_back(static_cast<std::uint8_t>(x));
}

// zlib stream of stored (uncompressed) deflate blocks.
std::vector<std::uint8_t> zlib_stored(const std::vector<std::uint8_t>& raw) {
  std::vector<std::uint8_t> z = {0x78, 0x01};
  std::size_t pos = 0;
  do {
    std::size_t n = std::min<std::size_t>(65535, raw.size() - pos);
    z.push_back(pos + n == raw.size() ? 1 : 0);
    z.push_back(n & 0xFF);
    z.push_back(n >> 8);
    z.push_back(~n & 0xFF);
    z.push_back((~n >> 8) & 0xFF);
    z.insert(z.end(), raw.begin() + pos, raw.begin() + pos + n);
    pos += n;
  } while (pos < raw.size());
  std::uint32_t a = 1, b = 0;
  for (std::uint8_t c : raw) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  put_be32(z, (b << 16) | a);
  return z;
}

}  // namespace

std::uint32_t crc32(const std::uint8_t* p, std::size_t n) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < n; ++i) {
    c ^= p[i];
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  }
  return c ^ 0xFFFFFFFFu;
}

std::vector<std::uint8_t> png_chunk(const std::string& type, const std::vector<std::uint8_t>& data) {
  std::vector<std::uint8_t> c;
  c.reserve(12 + data.size());
  put_be32(c, static_cast<std::uint32_t>(data.size()));
  c.insert(c.end(), type.begin(), type.end());
  c.insert(c.end(), data.begin(), data.end());
  put_be32(c, crc32(c.data() + 4, c.size() - 4));
  return c;
}

std::vector<std::uint8_t> encode_png_raw(int w, int h, int color_type, int bit_depth,
                                         const std::vector<std::uint8_t>& packed,
                                         const std::vector<std::uint8_t>& palette,
                                         const std::vector<std::uint8_t>& trns) {
  static const int kSamples[7] = {1, 0, 3, 1, 2, 0, 4};
  std::size_t row = (static_cast<std::size_t>(w) * kSamples[color_type] * bit_depth + 7) / 8;
  std::vector<std::uint8_t> raw;
  for (int y = 0; y < h; ++y) {
    raw.push_back(0);
    raw.insert(raw.end(), packed.begin() + y * row, packed.begin() + (y + 1) * row);
  }
  std::vector<std::uint8_t> ihdr;
  put_be32(ihdr, w);
  put_be32(ihdr, h);
  ihdr.insert(ihdr.end(), {static_cast<std::uint8_t>(bit_depth), static_cast<std::uint8_t>(color_type), 0, 0, 0});
  std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  auto add = [&](const std::vector<std::uint8_t>& c) { png.insert(png.end(), c.begin(), c.end()); };
  add(png_chunk("IHDR", ihdr));
  if (!palette.empty()) add(png_chunk("PLTE", palette));
  if (!trns.empty()) add(png_chunk("tRNS", trns));
  add(png_chunk("IDAT", zlib_stored(raw)));
  add(png_chunk("IEND", {}));
  return png;
}

std::vector<std::uint8_t> with_png_chunk(const std::vector<std::uint8_t>& png,
                                         const std::vector<std::uint8_t>& chunk) {
  std::vector<std::uint8_t> out(png.begin(), png.begin() + 8 + 25);  // signature + IHDR
  out.insert(out.end(), chunk.begin(), chunk.end());
  out.insert(out.end(), png.begin() + 33, png.end());
  return out;
}

// --- DC-only JPEG -----------------------------------------------------------
namespace {

struct BitWriter {
  std::vector<std::uint8_t>& out;
  std::uint32_t acc = 0;
  int n = 0;
  void put(std::uint32_t bits, int len) {
    for (int i = len - 1; i >= 0; --i) {
      acc = (acc << 1) | ((bits >> i) & 1);
      if (++n == 8) flush_byte();
    }
  }
  void flush_byte() {
    out.push_back(static_cast<std::uint8_t>(acc));
    if (acc == 0xFF) out.push_back(0);  // byte stuffing
    acc = 0;
    n = 0;
  }
  void finish() {
    while (n != 0) put(1, 1);  // pad with ones
  }
};

// The standard luminance DC table (JPEG Annex K.3).
const std::uint8_t kDcBits[16] = {0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};

void dc_codes(std::uint32_t code[12], int len[12]) {
  std::uint32_t c = 0;
  int v = 0;
  for (int l = 1; l <= 16; ++l) {
    for (int i = 0; i < kDcBits[l - 1]; ++i, ++v) {
      code[v] = c++;
      len[v] = l;
    }
    c <<= 1;
  }
}

void put_segment(std::vector<std::uint8_t>& j, std::uint8_t marker, const std::vector<std::uint8_t>& body) {
  j.push_back(0xFF);
  j.push_back(marker);
  put_be16(j, static_cast<std::uint32_t>(body.size() + 2));
  j.insert(j.end(), body.begin(), body.end());
}

}  // namespace

namespace {

// Mean of one 8x8 block of component c (0 = Y, 1 = Cb, 2 = Cr) whose pixels
// start at (x0, y0) with `step` source pixels per sample (2 for 4:2:0 chroma).
double block_mean(const Image& img, int c, int x0, int y0, int step) {
  double sum = 0;
  for (int y = 0; y < 8 * step; ++y)
    for (int x = 0; x < 8 * step; ++x) {
      const std::uint8_t* p = img.at(std::min(x0 + x, img.width - 1), std::min(y0 + y, img.height - 1));
      if (img.channels == 1) { sum += p[0]; continue; }
      if (c == 0) sum += 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
      else if (c == 1) sum += 128 - 0.168736 * p[0] - 0.331264 * p[1] + 0.5 * p[2];
      else sum += 128 + 0.5 * p[0] - 0.418688 * p[1] - 0.081312 * p[2];
    }
  return sum / (64.0 * step * step);
}

}  // namespace

std::vector<std::uint8_t> encode_jpeg_dc(const Image& img, bool progressive, bool chroma420) {
  const int nc = img.channels == 1 ? 1 : 3;
  const int ys = (nc == 3 && chroma420) ? 2 : 1;  // luma blocks per MCU side
  std::vector<std::uint8_t> j = {0xFF, 0xD8};
  std::vector<std::uint8_t> dqt = {0};
  dqt.insert(dqt.end(), 64, 1);
  put_segment(j, 0xDB, dqt);
  std::vector<std::uint8_t> sof = {8};
  put_be16(sof, img.height);
  put_be16(sof, img.width);
  sof.push_back(static_cast<std::uint8_t>(nc));
  for (int c = 0; c < nc; ++c)
    sof.insert(sof.end(), {static_cast<std::uint8_t>(c + 1), static_cast<std::uint8_t>(c == 0 ? ys * 0x11 : 0x11), 0});
  put_segment(j, progressive ? 0xC2 : 0xC0, sof);
  std::vector<std::uint8_t> dht = {0x00};
  dht.insert(dht.end(), kDcBits, kDcBits + 16);
  for (int v = 0; v < 12; ++v) dht.push_back(static_cast<std::uint8_t>(v));
  if (!progressive) {  // an AC table holding only EOB, code "0"
    dht.push_back(0x10);
    dht.push_back(1);
    dht.insert(dht.end(), 15, 0);
    dht.push_back(0x00);
  }
  put_segment(j, 0xC4, dht);
  std::vector<std::uint8_t> sos = {static_cast<std::uint8_t>(nc)};
  for (int c = 0; c < nc; ++c) sos.insert(sos.end(), {static_cast<std::uint8_t>(c + 1), 0x00});
  sos.insert(sos.end(), {0, static_cast<std::uint8_t>(progressive ? 0 : 63), 0});
  put_segment(j, 0xDA, sos);

  std::uint32_t code[12];
  int len[12];
  dc_codes(code, len);
  BitWriter bw{j};
  int pred[3] = {0, 0, 0};
  auto put_block = [&](int c, double mean) {
    int dc = static_cast<int>(std::lround((mean - 128.0) * 8.0));
    int diff = dc - pred[c];
    pred[c] = dc;
    int mag = diff < 0 ? -diff : diff, s = 0;
    while (mag >> s) ++s;
    bw.put(code[s], len[s]);
    if (s) bw.put(static_cast<std::uint32_t>(diff < 0 ? diff - 1 : diff) & ((1u << s) - 1), s);
    if (!progressive) bw.put(0, 1);  // EOB
  };
  const int mcu = 8 * ys;
  for (int my = 0; my < (img.height + mcu - 1) / mcu; ++my)
    for (int mx = 0; mx < (img.width + mcu - 1) / mcu; ++mx) {
      for (int by = 0; by < ys; ++by)
        for (int bx = 0; bx < ys; ++bx) put_block(0, block_mean(img, 0, mx * mcu + bx * 8, my * mcu + by * 8, 1));
      for (int c = 1; c < nc; ++c) put_block(c, block_mean(img, c, mx * mcu, my * mcu, ys));
    }
  bw.finish();
  j.push_back(0xFF);
  j.push_back(0xD9);
  return j;
}

// --- GIF --------------------------------------------------------------------
std::vector<std::uint8_t> encode_gif(const Image& img) {
  std::vector<std::uint8_t> g = {'G', 'I', 'F', '8', '9', 'a'};
  auto le16 = [&](int v) { g.push_back(v & 0xFF); g.push_back((v >> 8) & 0xFF); };
  le16(img.width);
  le16(img.height);
  g.insert(g.end(), {0xF7, 0, 0});  // global table of 256 colours
  for (int i = 0; i < 256; ++i)     // 3-3-2 palette
    g.insert(g.end(), {static_cast<std::uint8_t>((i >> 5) * 255 / 7),
                       static_cast<std::uint8_t>(((i >> 2) & 7) * 255 / 7),
                       static_cast<std::uint8_t>((i & 3) * 255 / 3)});
  g.push_back(0x2C);
  le16(0); le16(0); le16(img.width); le16(img.height);
  g.push_back(0);  // no local table, not interlaced
  g.push_back(8);  // LZW minimum code size
  // 9-bit codes only: a Clear code every 100 pixels keeps the table small.
  std::vector<std::uint8_t> data;
  std::uint32_t acc = 0;
  int nbits = 0;
  auto emit = [&](std::uint32_t code) {
    acc |= code << nbits;
    nbits += 9;
    while (nbits >= 8) { data.push_back(acc & 0xFF); acc >>= 8; nbits -= 8; }
  };
  emit(256);
  int run = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const std::uint8_t* p = img.at(x, y);
      emit(((p[0] * 7 + 127) / 255) << 5 | ((p[1] * 7 + 127) / 255) << 2 | ((p[2] * 3 + 127) / 255));
      if (++run == 100) { emit(256); run = 0; }
    }
  emit(257);
  if (nbits) data.push_back(acc & 0xFF);
  for (std::size_t pos = 0; pos < data.size(); pos += 255) {
    std::size_t n = std::min<std::size_t>(255, data.size() - pos);
    g.push_back(static_cast<std::uint8_t>(n));
    g.insert(g.end(), data.begin() + pos, data.begin() + pos + n);
  }
  g.push_back(0);
  g.push_back(0x3B);
  return g;
}

// --- EXIF -------------------------------------------------------------------
std::vector<std::uint8_t> exif_block(int orientation, bool le) {
  std::vector<std::uint8_t> t;
  auto u16 = [&](std::uint32_t v) {
    if (le) { t.push_back(v & 0xFF); t.push_back(v >> 8); } else put_be16(t, v);
  };
  auto u32 = [&](std::uint32_t v) {
    if (le) { u16(v & 0xFFFF); u16(v >> 16); } else put_be32(t, v);
  };
  t.insert(t.end(), le ? std::initializer_list<std::uint8_t>{'I', 'I'} : std::initializer_list<std::uint8_t>{'M', 'M'});
  u16(42);
  u32(8);       // IFD0 right after the header
  u16(2);       // two entries: a resolution unit first, so the walk must skip one
  u16(0x0128); u16(3); u32(1); u16(2); u16(0);
  u16(0x0112); u16(3); u32(1); u16(static_cast<std::uint32_t>(orientation)); u16(0);
  u32(0);       // no next IFD
  return t;
}

std::vector<std::uint8_t> with_jpeg_exif(const std::vector<std::uint8_t>& jpeg,
                                         const std::vector<std::uint8_t>& tiff) {
  std::vector<std::uint8_t> seg = {'E', 'x', 'i', 'f', 0, 0};
  seg.insert(seg.end(), tiff.begin(), tiff.end());
  std::vector<std::uint8_t> out = {0xFF, 0xD8};
  put_segment(out, 0xE1, seg);
  out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
  return out;
}

Image grey(const Image& img) {
  Image out = img;
  for (std::size_t i = 0; i + 2 < out.pixels.size(); i += 3) {
    const auto y = std::uint8_t(std::lround(0.299f * img.pixels[i] + 0.587f * img.pixels[i + 1] + 0.114f * img.pixels[i + 2]));
    out.pixels[i] = out.pixels[i + 1] = out.pixels[i + 2] = y;
  }
  return out;
}

// How a camera would STORE an upright image `img` for a given tag, written
// independently of the core as plain whole-image operations.
Image transformed(const Image& img, int o) {
  auto map = [&](bool swap, auto src_of) {
    Image out(swap ? img.height : img.width, swap ? img.width : img.height, img.channels);
    for (int y = 0; y < out.height; ++y)
      for (int x = 0; x < out.width; ++x) {
        auto [sx, sy] = src_of(x, y, out.width, out.height);
        std::copy(img.at(sx, sy), img.at(sx, sy) + img.channels, out.at(x, y));
      }
    return out;
  };
  using P = std::pair<int, int>;
  switch (o) {
    case 2: return map(false, [](int x, int y, int W, int) { return P{W - 1 - x, y}; });   // mirror
    case 3: return map(false, [](int x, int y, int W, int H) { return P{W - 1 - x, H - 1 - y}; });
    case 4: return map(false, [](int x, int y, int, int H) { return P{x, H - 1 - y}; });
    case 5: return map(true, [](int x, int y, int, int) { return P{y, x}; });              // transpose
    // Tag 6 means "rotate 90 CW to view", so the camera stored it turned 90 CCW.
    case 6: return map(true, [](int x, int y, int, int H) { return P{H - 1 - y, x}; });
    case 7: return map(true, [](int x, int y, int W, int H) { return P{H - 1 - y, W - 1 - x}; });
    case 8: return map(true, [](int x, int y, int W, int) { return P{y, W - 1 - x}; });
    default: return img;
  }
}

Photo photo_of(const Image& img, double scale) {
  Photo p;
  p.working = img;
  p.original_width = int(std::lround(img.width * scale));
  p.original_height = int(std::lround(img.height * scale));
  p.scale = scale;
  p.format = "rgba";
  return p;
}

}  // namespace smp::test
