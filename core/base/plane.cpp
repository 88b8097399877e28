#include "core/base/plane.h"

#include <vector>

namespace smp {

RgbPlanes shrink(const Image& rgb, int factor) {
  factor = std::max(1, factor);
  const int w = std::max(1, rgb.width / factor), h = std::max(1, rgb.height / factor);
  RgbPlanes out{Plane(w, h), Plane(w, h), Plane(w, h)};
  const float inv = 1.0f / float(factor * factor);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      int sr = 0, sg = 0, sb = 0;
      for (int dy = 0; dy < factor; ++dy) {
        const std::uint8_t* p = rgb.at(x * factor, y * factor + dy);
        for (int dx = 0; dx < factor; ++dx, p += rgb.channels) {
          sr += p[0];
          sg += p[1];
          sb += p[2];
        }
      }
      out.r.at(x, y) = sr * inv;
      out.g.at(x, y) = sg * inv;
      out.b.at(x, y) = sb * inv;
    }
  return out;
}

Plane box_blur(const Plane& p, int radius) {
  if (radius <= 0) return p;
  Plane tmp(p.w, p.h), out(p.w, p.h);
  const float inv = 1.0f / float(2 * radius + 1);
  for (int y = 0; y < p.h; ++y) {
    float s = 0;
    for (int k = -radius; k <= radius; ++k) s += p.get(k, y);
    for (int x = 0; x < p.w; ++x) {
      tmp.at(x, y) = s * inv;
      s += p.get(x + radius + 1, y) - p.get(x - radius, y);
    }
  }
  for (int x = 0; x < p.w; ++x) {
    float s = 0;
    for (int k = -radius; k <= radius; ++k) s += tmp.get(x, k);
    for (int y = 0; y < p.h; ++y) {
      out.at(x, y) = s * inv;
      s += tmp.get(x, y + radius + 1) - tmp.get(x, y - radius);
    }
  }
  return out;
}

namespace {

// Max (dilate) or min (erode) over a square window (clipped at the image's
// edge), separably, by counting the set pixels in a sliding window: the
// cost does not grow with the radius.
void morph_line(const std::uint8_t* in, std::uint8_t* out, int n, std::size_t stride, int r, bool grow) {
  int count = 0;  // set pixels in [i - r, i + r] clipped
  for (int k = 0; k < std::min(n, r); ++k) count += in[k * stride];
  for (int i = 0; i < n; ++i) {
    if (i + r < n) count += in[(i + r) * stride];
    if (i - r - 1 >= 0) count -= in[(i - r - 1) * stride];
    const int len = std::min(n - 1, i + r) - std::max(0, i - r) + 1;
    out[i * stride] = grow ? count > 0 : count == len;
  }
}

Mask morph(const Mask& m, int w, int h, int r, bool grow) {
  Mask tmp(m.size()), out(m.size());
  for (int y = 0; y < h; ++y) morph_line(&m[std::size_t(y) * w], &tmp[std::size_t(y) * w], w, 1, r, grow);
  for (int x = 0; x < w; ++x) morph_line(&tmp[x], &out[x], h, std::size_t(w), r, grow);
  return out;
}

}  // namespace

int label_components(const Mask& m, int w, int h, std::vector<int>* labels) {
  labels->assign(m.size(), 0);
  std::vector<int> stack;
  int n = 0;
  for (std::size_t start = 0; start < m.size(); ++start) {
    if (!m[start] || (*labels)[start]) continue;
    ++n;
    stack.push_back(int(start));
    (*labels)[start] = n;
    while (!stack.empty()) {
      const int i = stack.back();
      stack.pop_back();
      const int x = i % w, y = i / w;
      const int nb[4] = {x > 0 ? i - 1 : -1, x + 1 < w ? i + 1 : -1, y > 0 ? i - w : -1,
                         y + 1 < h ? i + w : -1};
      for (int j : nb)
        if (j >= 0 && m[j] && !(*labels)[j]) {
          (*labels)[j] = n;
          stack.push_back(j);
        }
    }
  }
  return n;
}

Mask dilate(const Mask& m, int w, int h, int radius) { return morph(m, w, h, radius, true); }
Mask erode(const Mask& m, int w, int h, int radius) { return morph(m, w, h, radius, false); }

Mask largest_component(const Mask& m, int w, int h, const Plane* weight) {
  std::vector<int> labels;
  const int n = label_components(m, w, h, &labels);
  Mask out(m.size(), 0);
  if (n == 0) return out;
  std::vector<double> score(n + 1, 0);
  for (std::size_t i = 0; i < m.size(); ++i)
    if (labels[i]) score[labels[i]] += weight ? weight->v[i] : 1.0;
  int best = 1;
  for (int k = 2; k <= n; ++k)
    if (score[k] > score[best]) best = k;
  for (std::size_t i = 0; i < m.size(); ++i) out[i] = labels[i] == best;
  return out;
}

Plane distance_to_outside(const Mask& m, int w, int h) {
  // Two raster passes over 3 (edge) and 4 (diagonal) steps, then / 3.
  Plane d(w, h);
  const float far = 3.0f * float(w + h);
  for (std::size_t i = 0; i < m.size(); ++i) d.v[i] = m[i] ? far : 0;
  auto get = [&](int x, int y) { return x < 0 || y < 0 || x >= w || y >= h ? 0.0f : d.at(x, y); };
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if (d.at(x, y) > 0)
        d.at(x, y) = std::min({d.at(x, y), get(x - 1, y) + 3, get(x, y - 1) + 3, get(x - 1, y - 1) + 4,
                               get(x + 1, y - 1) + 4});
  for (int y = h - 1; y >= 0; --y)
    for (int x = w - 1; x >= 0; --x)
      if (d.at(x, y) > 0)
        d.at(x, y) = std::min({d.at(x, y), get(x + 1, y) + 3, get(x, y + 1) + 3, get(x + 1, y + 1) + 4,
                               get(x - 1, y + 1) + 4});
  for (float& v : d.v) v /= 3;
  return d;
}

Mask reach_from_border(const Mask& pass, int w, int h) {
  Mask seen(pass.size(), 0);
  std::vector<int> stack;
  auto push = [&](int x, int y) {
    const std::size_t i = std::size_t(y) * w + x;
    if (pass[i] && !seen[i]) seen[i] = 1, stack.push_back(int(i));
  };
  for (int x = 0; x < w; ++x) push(x, 0), push(x, h - 1);
  for (int y = 0; y < h; ++y) push(0, y), push(w - 1, y);
  while (!stack.empty()) {
    const int i = stack.back();
    stack.pop_back();
    const int x = i % w, y = i / w;
    if (x > 0) push(x - 1, y);
    if (x < w - 1) push(x + 1, y);
    if (y > 0) push(x, y - 1);
    if (y < h - 1) push(x, y + 1);
  }
  return seen;
}

Centroid mask_centroid(const Mask& m, int w) {
  double n = 0, sx = 0, sy = 0;
  for (std::size_t i = 0; i < m.size(); ++i)
    if (m[i]) n += 1, sx += double(i % w), sy += double(i / w);
  return n > 0 ? Centroid{sx / n, sy / n, n} : Centroid{};
}

Mask frame_border(int w, int h) {
  const int bw = std::max(2, std::min(w, h) / 20);
  Mask m(std::size_t(w) * h, 0);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      m[std::size_t(y) * w + x] = x < bw || y < bw || x >= w - bw || y >= h - bw;
  return m;
}

Mask fill_holes(const Mask& m, int w, int h) {
  // Flood the background from the border; whatever it cannot reach is a hole.
  Mask background(m.size());
  for (std::size_t i = 0; i < m.size(); ++i) background[i] = !m[i];
  const Mask outside = reach_from_border(background, w, h);
  Mask out(m.size());
  for (std::size_t i = 0; i < m.size(); ++i) out[i] = !outside[i];
  return out;
}

}  // namespace smp
