#include "raster/cairo_shape.h"

namespace sakuga::raster {

void set_shape_path(cairo_t* cr, const vector::Shape& shape, const core::Affine& m) {
  cairo_new_path(cr);
  for (const auto& c : shape.contours) {
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

void set_source_colour(cairo_t* cr, core::Rgba8 c) {
  cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

void set_fill_rule(cairo_t* cr, const vector::Shape& shape) {
  cairo_set_fill_rule(cr, shape.fill_rule == vector::FillRule::kEvenOdd ? CAIRO_FILL_RULE_EVEN_ODD
                                                                        : CAIRO_FILL_RULE_WINDING);
}

void set_stroke_style(cairo_t* cr, const vector::Shape& shape, double scale) {
  cairo_set_line_width(cr, shape.stroke_width_px * scale);
  cairo_set_line_cap(cr, shape.cap == vector::LineCap::kRound    ? CAIRO_LINE_CAP_ROUND
                         : shape.cap == vector::LineCap::kSquare ? CAIRO_LINE_CAP_SQUARE
                                                                 : CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join(cr, shape.join == vector::LineJoin::kRound   ? CAIRO_LINE_JOIN_ROUND
                          : shape.join == vector::LineJoin::kBevel ? CAIRO_LINE_JOIN_BEVEL
                                                                   : CAIRO_LINE_JOIN_MITER);
  cairo_set_miter_limit(cr, shape.miter_limit);
}

core::Image<core::Rgba8> surface_pixels(cairo_surface_t* argb32) {
  // cairo's ARGB32 is premultiplied, one native-endian uint32 per pixel.
  const int w = cairo_image_surface_get_width(argb32), h = cairo_image_surface_get_height(argb32);
  core::Image<core::Rgba8> out(w, h);
  const unsigned char* data = cairo_image_surface_get_data(argb32);
  const int stride = cairo_image_surface_get_stride(argb32);
  for (int y = 0; y < h; ++y) {
    const auto* in = reinterpret_cast<const uint32_t*>(data + static_cast<ptrdiff_t>(y) * stride);
    core::Rgba8* row = out.row(y);
    for (int x = 0; x < w; ++x) {
      uint32_t v = in[x];
      row[x] = {static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v),
                static_cast<uint8_t>(v >> 24)};
    }
  }
  return out;
}

}  // namespace sakuga::raster
