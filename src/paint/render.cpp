#include "paint/render.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>

#include "raster/cairo_shape.h"

namespace sakuga::paint {

PaintedDrawing paint_drawing(std::shared_ptr<const vector::Drawing> drawing, const Palette& palette,
                             const FillOptions& fill_options, const LineArtOptions& art_options) {
  PaintedDrawing out;
  out.drawing = drawing;
  PreparedArt art = prepare_vector(*drawing, palette, art_options);
  FillOptions options = fill_options;
  options.region_map = true;  // the regions' paint without the closed fills: those are drawn per frame
  FillResult filled = fill(art.art, art.marks, options);
  out.qa = check_cel(art, filled, options);
  out.regions = std::move(filled.region_map);
  // Each shape's styles, matched as the line art matched them.
  IndexedCel ids;
  ids.styles = filled.cel.styles;
  for (const vector::Shape& s : drawing->shapes) {
    bool closed = std::any_of(s.contours.begin(), s.contours.end(), [](const vector::Contour& c) { return c.closed; });
    auto id = [&](core::Rgba8 c) {
      core::Rgba8 opaque{c.r, c.g, c.b, 255};
      auto idx = palette.nearest(opaque, art_options.color_tolerance);
      return idx ? ids.named(palette.styles[*idx].name) : ids.literal(opaque);
    };
    out.fill_style.push_back(s.fill && closed ? id(*s.fill) : 0);
    out.ink_style.push_back(s.stroke ? id(*s.stroke) : 0);
  }
  out.styles = ids.styles;
  return out;
}

raster::Cel render_painted(const PaintedDrawing& pd, const Palette& palette, std::string_view variant,
                           const core::Affine& to_pixels, const core::RectI& clip) {
  raster::Cel cel;
  const vector::Drawing& d = *pd.drawing;
  const int cw = pd.regions.width(), ch = pd.regions.height();
  // The canvas and every shape, through the transform, padded for anti-aliasing, clipped.
  core::RectD b = d.bounds();
  b = {std::min(b.x0, 0.0), std::min(b.y0, 0.0), std::max(b.x1, double(cw)), std::max(b.y1, double(ch))};
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

  StyleColors sc = resolve_styles(pd.styles, palette, variant);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, area.width(), area.height());
  cairo_surface_flush(surface);
  // The regions' paint: each target pixel's centre looked up on the canvas.
  {
    unsigned char* data = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    core::Affine inv = to_pixels.inverse();
    for (int y = area.y0; y < area.y1; ++y) {
      auto* row = reinterpret_cast<uint32_t*>(data + static_cast<ptrdiff_t>(y - area.y0) * stride);
      core::Vec2 p0 = inv.apply({area.x0 + 0.5, y + 0.5});
      core::Vec2 dx = inv.apply({area.x0 + 1.5, y + 0.5});
      double sx = dx.x - p0.x, sy = dx.y - p0.y;
      for (int x = area.x0; x < area.x1; ++x) {
        double fx = p0.x + sx * (x - area.x0), fy = p0.y + sy * (x - area.x0);
        core::Rgba8 c = sc.color[pd.regions.at(core::floor_px(fx), core::floor_px(fy))];
        row[x - area.x0] =
            static_cast<uint32_t>(c.a) << 24 | static_cast<uint32_t>(c.r) << 16 | static_cast<uint32_t>(c.g) << 8 | c.b;
      }
    }
    cairo_surface_mark_dirty(surface);
  }
  // Then the drawing's own fills and lines over it, in its order, in the model's colours.
  cairo_t* cr = cairo_create(surface);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_GOOD);
  core::Affine m = core::Affine::translate(-area.x0, -area.y0) * to_pixels;
  double scale = to_pixels.mean_scale();
  auto straight = [&](uint32_t id, uint8_t alpha) {
    core::Rgba8 c = sc.color[id];  // premultiplied: back to straight for cairo's source
    if (c.a == 0) return core::Rgba8{0, 0, 0, 0};
    core::Rgba8 s{static_cast<uint8_t>(std::min(255, c.r * 255 / c.a)), static_cast<uint8_t>(std::min(255, c.g * 255 / c.a)),
                  static_cast<uint8_t>(std::min(255, c.b * 255 / c.a)), static_cast<uint8_t>(c.a * alpha / 255)};
    return s;
  };
  for (size_t i = 0; i < d.shapes.size(); ++i) {
    const vector::Shape& s = d.shapes[i];
    raster::set_shape_path(cr, s, m);
    if (pd.fill_style[i]) {
      raster::set_fill_rule(cr, s);
      raster::set_source_colour(cr, straight(pd.fill_style[i], s.fill->a));
      cairo_fill_preserve(cr);
    }
    if (pd.ink_style[i] && !sc.trace[pd.ink_style[i]]) {
      raster::set_stroke_style(cr, s, scale);
      raster::set_source_colour(cr, straight(pd.ink_style[i], s.stroke->a));
      cairo_stroke_preserve(cr);
    }
    cairo_new_path(cr);
  }
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  cel.x = area.x0;
  cel.y = area.y0;
  cel.pixels = raster::surface_pixels(surface);
  cairo_surface_destroy(surface);
  return cel;
}

}  // namespace sakuga::paint
