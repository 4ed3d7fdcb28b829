#include "raster/rasterizer.h"

#include <cairo.h>

#include <cmath>
#include <cstring>

namespace sakuga::raster {
namespace {

void set_colour(cairo_t* cr, core::Rgba8 c) {
  cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

void trace(cairo_t* cr, const vector::Shape& s, const core::Affine& m) {
  cairo_new_path(cr);
  for (const auto& c : s.contours) {
    if (c.points.empty()) continue;
    core::Vec2 p = m.apply(c.points[0]);
    cairo_move_to(cr, p.x, p.y);
    for (size_t i = 1; i + 2 < c.points.size(); i += 3) {
      core::Vec2 a = m.apply(c.points[i]), b = m.apply(c.points[i + 1]), e = m.apply(c.points[i + 2]);
      cairo_curve_to(cr, a.x, a.y, b.x, b.y, e.x, e.y);
    }
    if (c.closed) cairo_close_path(cr);
  }
}

}  // namespace

Cel rasterize(const vector::Drawing& drawing, const core::Affine& to_pixels, const core::RectI& clip) {
  Cel cel;
  core::RectD b = drawing.bounds();
  if (b.empty() && b.x0 == b.x1 && b.y0 == b.y1 && drawing.shapes.empty()) return cel;
  // Transform the bounds' corners, pad one pixel for anti-aliasing, clip.
  core::RectD tb;
  bool first = true;
  for (core::Vec2 p : {core::Vec2{b.x0, b.y0}, core::Vec2{b.x1, b.y0}, core::Vec2{b.x0, b.y1}, core::Vec2{b.x1, b.y1}}) {
    core::Vec2 q = to_pixels.apply(p);
    if (first) tb = {q.x, q.y, q.x, q.y};
    first = false;
    tb.x0 = std::min(tb.x0, q.x), tb.y0 = std::min(tb.y0, q.y);
    tb.x1 = std::max(tb.x1, q.x), tb.y1 = std::max(tb.y1, q.y);
  }
  core::RectI area{static_cast<int>(std::floor(tb.x0)) - 1, static_cast<int>(std::floor(tb.y0)) - 1,
                   static_cast<int>(std::ceil(tb.x1)) + 1, static_cast<int>(std::ceil(tb.y1)) + 1};
  area = area.intersect(clip);
  if (area.empty()) return cel;

  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, area.width(), area.height());
  cairo_t* cr = cairo_create(surface);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_GOOD);
  core::Affine m = core::Affine::translate(-area.x0, -area.y0) * to_pixels;
  double scale = to_pixels.mean_scale();
  for (const auto& s : drawing.shapes) {
    trace(cr, s, m);
    if (s.fill) {
      cairo_set_fill_rule(cr, s.fill_rule == vector::FillRule::kEvenOdd ? CAIRO_FILL_RULE_EVEN_ODD
                                                                        : CAIRO_FILL_RULE_WINDING);
      set_colour(cr, *s.fill);
      cairo_fill_preserve(cr);
    }
    if (s.stroke) {
      cairo_set_line_width(cr, s.stroke_width_px * scale);
      cairo_set_line_cap(cr, s.cap == vector::LineCap::kRound    ? CAIRO_LINE_CAP_ROUND
                             : s.cap == vector::LineCap::kSquare ? CAIRO_LINE_CAP_SQUARE
                                                                 : CAIRO_LINE_CAP_BUTT);
      cairo_set_line_join(cr, s.join == vector::LineJoin::kRound   ? CAIRO_LINE_JOIN_ROUND
                              : s.join == vector::LineJoin::kBevel ? CAIRO_LINE_JOIN_BEVEL
                                                                   : CAIRO_LINE_JOIN_MITER);
      cairo_set_miter_limit(cr, s.miter_limit);
      set_colour(cr, *s.stroke);
      cairo_stroke_preserve(cr);
    }
    cairo_new_path(cr);
  }
  cairo_destroy(cr);
  cairo_surface_flush(surface);

  // cairo's ARGB32 is premultiplied, one native-endian uint32 per pixel.
  cel.pixels = core::Image<core::Rgba8>(area.width(), area.height());
  cel.x = area.x0;
  cel.y = area.y0;
  const unsigned char* data = cairo_image_surface_get_data(surface);
  int stride = cairo_image_surface_get_stride(surface);
  for (int y = 0; y < area.height(); ++y) {
    const uint32_t* src = reinterpret_cast<const uint32_t*>(data + static_cast<ptrdiff_t>(y) * stride);
    core::Rgba8* dst = cel.pixels.row(y);
    for (int x = 0; x < area.width(); ++x) {
      uint32_t v = src[x];
      dst[x] = {static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v),
                static_cast<uint8_t>(v >> 24)};
    }
  }
  cairo_surface_destroy(surface);
  return cel;
}

}  // namespace sakuga::raster
