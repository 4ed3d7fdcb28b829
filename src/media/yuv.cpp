#include "media/yuv.h"

#include <cassert>

namespace sakuga::media {
namespace {

// BT.709: Kr = 0.2126, Kb = 0.0722. Limited range: Y' = 16 + 219 E'y, C = 128 + 224 E'c.
// Fixed point with 16 fractional bits, so results do not depend on the FPU or the compiler.
constexpr int kShift = 16;
constexpr int kHalf = 1 << (kShift - 1);
constexpr int kYr = 11966;   // round(0.2126 * 219/255 * 65536)
constexpr int kYg = 40254;   // round(0.7152 * 219/255 * 65536)
constexpr int kYb = 4064;    // round(0.0722 * 219/255 * 65536)
constexpr int kUr = -6596;   // round(-0.2126/1.8556 * 224/255 * 65536)
constexpr int kUg = -22188;  // round(-0.7152/1.8556 * 224/255 * 65536), nudged so U sums to 0
constexpr int kUb = 28784;   // round(0.5 * 224/255 * 65536)
constexpr int kVr = 28784;   // round(0.5 * 224/255 * 65536)
constexpr int kVg = -26145;  // round(-0.7152/1.5748 * 224/255 * 65536)
constexpr int kVb = -2639;   // round(-0.0722/1.5748 * 224/255 * 65536)

uint8_t clamp8(int v) { return static_cast<uint8_t>(v < 0 ? 0 : v > 255 ? 255 : v); }

}  // namespace

void rgba_to_yuv420_bt709(core::ImageView<const core::Rgba8> rgba, const YuvPlanes& out) {
  assert(rgba.width() % 2 == 0 && rgba.height() % 2 == 0);
  for (int y = 0; y < rgba.height(); y += 2) {
    const core::Rgba8* r0 = rgba.row(y);
    const core::Rgba8* r1 = rgba.row(y + 1);
    uint8_t* y0 = out.y + static_cast<ptrdiff_t>(y) * out.y_stride;
    uint8_t* y1 = y0 + out.y_stride;
    uint8_t* u = out.u + static_cast<ptrdiff_t>(y / 2) * out.u_stride;
    uint8_t* v = out.v + static_cast<ptrdiff_t>(y / 2) * out.v_stride;
    for (int x = 0; x < rgba.width(); x += 2) {
      int sr = 0, sg = 0, sb = 0;
      for (const core::Rgba8* p : {&r0[x], &r0[x + 1], &r1[x], &r1[x + 1]}) {
        sr += p->r;
        sg += p->g;
        sb += p->b;
      }
      auto luma = [](const core::Rgba8& p) {
        return clamp8(16 + ((kYr * p.r + kYg * p.g + kYb * p.b + kHalf) >> kShift));
      };
      y0[x] = luma(r0[x]);
      y0[x + 1] = luma(r0[x + 1]);
      y1[x] = luma(r1[x]);
      y1[x + 1] = luma(r1[x + 1]);
      // Sums of four pixels: two more bits of shift average them.
      u[x / 2] = clamp8(128 + ((kUr * sr + kUg * sg + kUb * sb + (kHalf << 2)) >> (kShift + 2)));
      v[x / 2] = clamp8(128 + ((kVr * sr + kVg * sg + kVb * sb + (kHalf << 2)) >> (kShift + 2)));
    }
  }
}

}  // namespace sakuga::media
