#include "paint/cel.h"

#include <algorithm>

#include "raster/png_io.h"

namespace sakuga::paint {

uint32_t IndexedCel::named(std::string_view name) {
  for (size_t i = 0; i < styles.size(); ++i) {
    if (styles[i].name == name) return static_cast<uint32_t>(i + 1);
  }
  if (styles.size() >= kMaxCelStyles) return 0;  // full: no style (QA reports what it leaves unpainted)
  styles.push_back({std::string(name), {}});
  return static_cast<uint32_t>(styles.size());
}

uint32_t IndexedCel::literal(core::Rgba8 c) {
  for (size_t i = 0; i < styles.size(); ++i) {
    if (styles[i].name.empty() && styles[i].literal == c) return static_cast<uint32_t>(i + 1);
  }
  if (styles.size() >= kMaxCelStyles) {
    // Full (thousands of colours no model has): the nearest literal colour stands in.
    uint32_t best = 0;
    int best_d = 1 << 30;
    for (size_t i = 0; i < styles.size(); ++i) {
      if (!styles[i].name.empty()) continue;
      int dr = styles[i].literal.r - c.r, dg = styles[i].literal.g - c.g, db = styles[i].literal.b - c.b,
          da = styles[i].literal.a - c.a;
      if (int d = dr * dr + dg * dg + db * db + da * da; d < best_d) best_d = d, best = static_cast<uint32_t>(i + 1);
    }
    return best;
  }
  styles.push_back({"", c});
  return static_cast<uint32_t>(styles.size());
}

PaintMap::PaintMap(int width, int height) : width_(width), height_(height) {
  row_start_.reserve(static_cast<size_t>(height) + 1);
  row_start_.push_back(0);
}

PaintMap::PaintMap(const uint16_t* paint, int width, int height) : PaintMap(width, height) {
  for (int y = 0; y < height; ++y) add_row(paint + static_cast<size_t>(y) * width);
}

void PaintMap::add_row(const uint16_t* row) {
  for (int x = 0; x < width_;) {
    int x1 = x + 1;
    while (x1 < width_ && row[x1] == row[x]) ++x1;
    segs_.push_back({x1, row[x]});
    x = x1;
  }
  row_start_.push_back(static_cast<uint32_t>(segs_.size()));
}

void PaintMap::add_empty_row() {
  segs_.push_back({width_, 0});
  row_start_.push_back(static_cast<uint32_t>(segs_.size()));
}

bool PaintMap::row_painted(int y) const {
  for (uint32_t i = row_start_[static_cast<size_t>(y)]; i < row_start_[static_cast<size_t>(y) + 1]; ++i) {
    if (segs_[i].paint != 0) return true;
  }
  return false;
}

void PaintMap::expand_row(int y, uint16_t* out) const {
  int x = 0;
  for (uint32_t i = row_start_[static_cast<size_t>(y)]; i < row_start_[static_cast<size_t>(y) + 1]; ++i) {
    std::fill(out + x, out + segs_[i].x1, segs_[i].paint);
    x = segs_[i].x1;
  }
}

uint16_t PaintMap::at(int x, int y) const {
  if (x < 0 || y < 0 || x >= width_ || y >= height_) return 0;
  auto b = segs_.begin() + row_start_[static_cast<size_t>(y)];
  auto e = segs_.begin() + row_start_[static_cast<size_t>(y) + 1];
  auto it = std::upper_bound(b, e, x, [](int v, const Seg& s) { return v < s.x1; });
  return it == e ? 0 : it->paint;
}

StyleColors resolve_styles(const std::vector<CelStyle>& styles, const Palette& palette, std::string_view variant) {
  StyleColors out;
  out.color.assign(styles.size() + 1, core::Rgba8{0, 0, 0, 0});
  out.trace.assign(styles.size() + 1, false);
  for (size_t i = 0; i < styles.size(); ++i) {
    core::Rgba8 c = styles[i].literal;
    if (styles[i].name == kClearStyle) {
      c = {0, 0, 0, 0};
    } else if (!styles[i].name.empty()) {
      if (auto idx = palette.find(styles[i].name)) {
        c = palette.color(*idx, variant);
        out.trace[i + 1] = palette.styles[*idx].trace;
      } else {
        c = {255, 0, 255, 255};  // a style the model lacks shows loud; QA reports it
      }
    }
    out.color[i + 1] = {static_cast<uint8_t>((c.r * c.a + 127) / 255), static_cast<uint8_t>((c.g * c.a + 127) / 255),
                        static_cast<uint8_t>((c.b * c.a + 127) / 255), c.a};
  }
  return out;
}

core::Image<core::Rgba8> to_rgba(const IndexedCel& cel, const Palette& palette, std::string_view variant) {
  StyleColors sc = resolve_styles(cel.styles, palette, variant);
  core::Image<core::Rgba8> out(cel.width(), cel.height());
  for (int y = 0; y < cel.height(); ++y) {
    const uint32_t* in = cel.row(y);
    core::Rgba8* o = out.row(y);
    for (int x = 0; x < cel.width(); ++x) {
      uint32_t p = in[x];
      uint32_t ink = IndexedCel::ink(p), tone = IndexedCel::tone(p);
      core::Rgba8 paint = sc.color[IndexedCel::paint(p)];
      if (ink == 0 || tone == 0 || sc.trace[ink]) {
        o[x] = paint;
      } else {
        // Premultiplied "ink over paint" at the ink's coverage.
        core::Rgba8 i = sc.color[ink];
        uint32_t ia = (i.a * tone + 127) / 255;  // ink alpha at this coverage
        o[x] = {static_cast<uint8_t>((i.r * tone + paint.r * (255 - ia) + 127) / 255),
                static_cast<uint8_t>((i.g * tone + paint.g * (255 - ia) + 127) / 255),
                static_cast<uint8_t>((i.b * tone + paint.b * (255 - ia) + 127) / 255),
                static_cast<uint8_t>(ia + (paint.a * (255 - ia) + 127) / 255)};
      }
    }
  }
  raster::unpremultiply(out.view());  // PNG files and callers take straight alpha
  return out;
}

}  // namespace sakuga::paint
