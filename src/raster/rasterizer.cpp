#include "raster/rasterizer.h"

#include <cairo.h>

#include <cmath>
#include <cstring>

#include "raster/cairo_shape.h"

namespace sakuga::raster {
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
  core::RectI area{core::floor_px(tb.x0) - 1, core::floor_px(tb.y0) - 1, core::ceil_px(tb.x1) + 1,
                   core::ceil_px(tb.y1) + 1};
  area = area.intersect(clip);
  if (area.empty()) return cel;

  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, area.width(), area.height());
  cairo_t* cr = cairo_create(surface);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_GOOD);
  core::Affine m = core::Affine::translate(-area.x0, -area.y0) * to_pixels;
  double scale = to_pixels.mean_scale();
  for (const auto& s : drawing.shapes) {
    set_shape_path(cr, s, m);
    if (s.fill) {
      set_fill_rule(cr, s);
      set_source_colour(cr, *s.fill);
      cairo_fill_preserve(cr);
    }
    if (s.stroke) {
      set_stroke_style(cr, s, scale);
      set_source_colour(cr, *s.stroke);
      cairo_stroke_preserve(cr);
    }
    cairo_new_path(cr);
  }
  cairo_destroy(cr);
  cairo_surface_flush(surface);

  cel.pixels = surface_pixels(surface);
  cel.x = area.x0;
  cel.y = area.y0;
  cairo_surface_destroy(surface);
  return cel;
}

}  // namespace sakuga::raster
