#include "composite/compositor.h"

#include <cmath>

namespace sakuga::composite {
namespace {

constexpr float kInv255 = 1.0f / 255.0f;

core::RgbaF premul(core::Rgba8 p) {
  float a = p.a * kInv255;
  return {p.r * kInv255 * a, p.g * kInv255 * a, p.b * kInv255 * a, a};
}

// Bilinear sample of a straight-alpha image at continuous coordinates (pixel centres at +0.5),
// transparent outside.
core::RgbaF sample(const core::Image<core::Rgba8>& img, double fx, double fy) {
  fx -= 0.5;
  fy -= 0.5;
  int x0 = static_cast<int>(std::floor(fx));
  int y0 = static_cast<int>(std::floor(fy));
  float tx = static_cast<float>(fx - x0);
  float ty = static_cast<float>(fy - y0);
  core::RgbaF acc;
  auto add = [&](int x, int y, float w) {
    if (w == 0 || x < 0 || y < 0 || x >= img.width() || y >= img.height()) return;
    core::RgbaF p = premul(img.at(x, y));
    acc.r += p.r * w;
    acc.g += p.g * w;
    acc.b += p.b * w;
    acc.a += p.a * w;
  };
  add(x0, y0, (1 - tx) * (1 - ty));
  add(x0 + 1, y0, tx * (1 - ty));
  add(x0, y0 + 1, (1 - tx) * ty);
  add(x0 + 1, y0 + 1, tx * ty);
  return acc;
}

void over(core::RgbaF& dst, const core::RgbaF& src) {
  float k = 1 - src.a;
  dst.r = src.r + dst.r * k;
  dst.g = src.g + dst.g * k;
  dst.b = src.b + dst.b * k;
  dst.a = src.a + dst.a * k;
}

uint8_t to8(float v) { return static_cast<uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); }

}  // namespace

core::Image<core::Rgba8> composite(const FrameStack& stack) {
  // Works in bands of rows so the float scratch stays small whatever the frame size.
  constexpr int kBand = 64;
  core::Image<core::Rgba8> out(stack.width, stack.height);
  core::Image<core::RgbaF> acc(stack.width, std::min(kBand, stack.height));
  core::Affine inv = stack.background ? stack.background_to_frame.inverse() : core::Affine();
  for (int y0 = 0; y0 < stack.height; y0 += kBand) {
    int y1 = std::min(stack.height, y0 + kBand);
    for (int y = y0; y < y1; ++y) {
      core::RgbaF* row = acc.row(y - y0);
      for (int x = 0; x < stack.width; ++x) row[x] = {0, 0, 0, 1};
      if (!stack.background) continue;
      for (int x = 0; x < stack.width; ++x) {
        core::Vec2 p = inv.apply({x + 0.5, y + 0.5});
        over(row[x], sample(*stack.background, p.x, p.y));
      }
    }
    core::RectI band{0, y0, stack.width, y1};
    for (const raster::Cel* cel : stack.cels) {
      core::RectI r =
          core::RectI{cel->x, cel->y, cel->x + cel->pixels.width(), cel->y + cel->pixels.height()}.intersect(band);
      for (int y = r.y0; y < r.y1; ++y) {
        const core::Rgba8* src = cel->pixels.row(y - cel->y);
        core::RgbaF* dst = acc.row(y - y0);
        for (int x = r.x0; x < r.x1; ++x) {
          core::Rgba8 s = src[x - cel->x];  // premultiplied already
          if (s.a == 0) continue;
          over(dst[x], {s.r * kInv255, s.g * kInv255, s.b * kInv255, s.a * kInv255});
        }
      }
    }
    for (int y = y0; y < y1; ++y) {
      const core::RgbaF* src = acc.row(y - y0);
      core::Rgba8* dst = out.row(y);
      for (int x = 0; x < stack.width; ++x) dst[x] = {to8(src[x].r), to8(src[x].g), to8(src[x].b), 255};
    }
  }
  return out;
}

}  // namespace sakuga::composite
