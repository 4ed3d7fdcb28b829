#include "paint/sheet.h"

#include <algorithm>

#include "raster/png_io.h"
#include "text/canvas.h"

namespace sakuga::paint {
namespace {

text::Style style(double size, bool bold = false, core::Rgba8 color = {24, 22, 28, 255}) {
  text::Style s;
  s.size_px = size;
  s.bold = bold;
  s.color = color;
  return s;
}

}  // namespace

core::Image<core::Rgba8> palette_sheet(const Palette& p, const std::string& title) {
  constexpr int kRow = 56, kSwatch = 120, kName = 300, kMargin = 32, kHead = 96;
  std::vector<std::string> variants;
  for (const auto& [name, colors] : p.variants) variants.push_back(name);
  // A large model is laid out in blocks of kRows styles side by side.
  constexpr int kRows = 160;
  const int block = kName + kSwatch + 110 + static_cast<int>(variants.size()) * (kSwatch + 20);
  const int blocks = std::max(1, static_cast<int>((p.styles.size() + kRows - 1) / kRows));
  const int rows = std::min(static_cast<int>(p.styles.size()), kRows);
  int64_t wide = int64_t{kMargin} * 2 + int64_t{blocks} * block + int64_t{blocks - 1} * kMargin;
  if (wide > 32000) return {};  // no picture can hold it
  int width = static_cast<int>(wide);
  int height = kHead + kMargin + rows * kRow + kMargin;
  text::Canvas c(std::max(width, 640), height);
  const core::Rgba8 paper{250, 249, 246, 255}, ink{24, 22, 28, 255}, faint{120, 118, 126, 255};
  c.clear(paper);
  c.draw_text(title, style(30, true), kMargin, 20, width - 2 * kMargin);
  c.draw_text(std::to_string(p.styles.size()) + " styles" +
                  (variants.empty() ? std::string() : ", variants shown where they differ"),
              style(16, false, faint), kMargin, 58, width - 2 * kMargin);
  for (int b = 0; b < blocks; ++b) {
    int x_base = kMargin + b * (block + kMargin) + kName;
    c.draw_text("base", style(16, true, faint), x_base, kHead - 4, kSwatch);
    for (size_t v = 0; v < variants.size(); ++v) {
      c.draw_text(variants[v], style(16, true, faint), x_base + kSwatch + 110 + static_cast<int>(v) * (kSwatch + 20),
                  kHead - 4, kSwatch);
    }
  }
  // A checker behind the swatches, so translucent colours show.
  auto swatch = [&](int x, int y, core::Rgba8 col) {
    for (int k = 0; k < 4; ++k) {
      c.fill_rect({double(x + (k % 2) * kSwatch / 2), double(y + (k / 2) * (kRow - 14) / 2),
                   double(x + (k % 2 + 1) * kSwatch / 2), double(y + (k / 2 + 1) * (kRow - 14) / 2)},
                  k == 0 || k == 3 ? core::Rgba8{220, 220, 220, 255} : core::Rgba8{255, 255, 255, 255});
    }
    c.fill_rect({double(x), double(y), double(x + kSwatch), double(y + kRow - 14)}, col, 6);
    c.stroke_rect({double(x), double(y), double(x + kSwatch), double(y + kRow - 14)}, {200, 198, 194, 255}, 1);
  };
  for (size_t i = 0; i < p.styles.size(); ++i) {
    const Style& s = p.styles[i];
    const int b = static_cast<int>(i) / kRows, x0 = kMargin + b * (block + kMargin), x_base = x0 + kName;
    int y = kHead + 24 + static_cast<int>(i) % kRows * kRow;
    c.draw_text(s.name, style(20, true, ink), x0, y + 4, kName - 16);
    if (s.trace) c.draw_text("trace line", style(14, false, {58, 107, 214, 255}), x0, y + 30, kName);
    swatch(x_base, y, s.color);
    c.draw_text(format_color(s.color), style(15, false, faint), x_base + kSwatch + 12, y + 12, 96);
    for (size_t v = 0; v < variants.size(); ++v) {
      const auto& colors = p.variants.at(variants[v]);
      auto it = colors.find(s.name);
      int vx = x_base + kSwatch + 110 + static_cast<int>(v) * (kSwatch + 20);
      if (it == colors.end()) {
        c.draw_text("—", style(18, false, faint), vx + kSwatch / 2 - 8, y + 8, 40);
        continue;
      }
      swatch(vx, y, it->second);
      const core::Rgba8& col = it->second;
      bool dark = (2126 * col.r + 7152 * col.g + 722 * col.b) / 10000 < 128 && col.a > 128;
      c.draw_text(format_color(col), style(12, false, dark ? core::Rgba8{245, 244, 240, 255} : ink), vx + 6,
                  y + kRow - 32, kSwatch);
    }
  }
  core::Image<core::Rgba8> img = c.image();
  raster::unpremultiply(img.view());
  return img;
}

}  // namespace sakuga::paint
