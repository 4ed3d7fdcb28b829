#include "paint/lineart.h"

#include <cairo.h>

#include <algorithm>
#include <cmath>

#include "paint/runs.h"
#include "raster/cairo_shape.h"

namespace sakuga::paint {
namespace {

// The cel style a colour stands for: the palette's, or a literal colour (recorded as unmatched).
uint16_t style_for(core::Rgba8 c, const Palette& palette, int tolerance, LineArt& art, IndexedCel& ids,
                   std::vector<UnmatchedColor>& unmatched, int source_line, bool fill) {
  core::Rgba8 opaque{c.r, c.g, c.b, 255};
  if (auto idx = palette.nearest(opaque, tolerance)) return static_cast<uint16_t>(ids.named(palette.styles[*idx].name));
  bool known = std::any_of(unmatched.begin(), unmatched.end(),
                           [&](const UnmatchedColor& u) { return u.color == opaque && u.fill == fill; });
  if (!known) unmatched.push_back({opaque, source_line, fill});
  (void)art;
  return static_cast<uint16_t>(ids.literal(opaque));
}

// Which cel styles are colour trace lines, and the main line's style.
void mark_traces(LineArt& art, const Palette& palette, IndexedCel& ids) {
  art.trace.assign(ids.styles.size() + 1, false);
  for (size_t i = 0; i < ids.styles.size(); ++i) {
    auto idx = palette.find(ids.styles[i].name);
    art.trace[i + 1] = idx && palette.styles[*idx].trace;
  }
  if (auto l = palette.find("line")) art.line_ink = static_cast<uint16_t>(ids.named("line"));
  art.trace.resize(ids.styles.size() + 1, false);
}

// Coverage of the shape's fill or stroke on the cel, as an A8 mask over `area`.
struct Mask {
  core::RectI area;
  cairo_surface_t* surface = nullptr;
  const unsigned char* data = nullptr;
  int stride = 0;
  ~Mask() {
    if (surface) cairo_surface_destroy(surface);
  }
  uint8_t at(int x, int y) const { return data[(y - area.y0) * stride + (x - area.x0)]; }
};

bool draw_mask(const vector::Shape& s, bool stroke, double scale, int w, int h, Mask& m) {
  core::RectD b;
  bool any = false;
  for (const auto& c : s.contours) {
    for (const auto& p : c.points) {
      if (!any) b = {p.x, p.y, p.x, p.y};
      any = true;
      b.x0 = std::min(b.x0, p.x), b.y0 = std::min(b.y0, p.y), b.x1 = std::max(b.x1, p.x), b.y1 = std::max(b.y1, p.y);
    }
  }
  if (!any) return false;
  double pad = (stroke ? s.stroke_width_px * s.miter_limit : 0) + 2;
  core::RectI area{core::floor_px(b.x0 * scale - pad), core::floor_px(b.y0 * scale - pad),
                   core::ceil_px(b.x1 * scale + pad), core::ceil_px(b.y1 * scale + pad)};
  area = area.intersect({0, 0, w, h});
  if (area.empty()) return false;
  m.area = area;
  m.surface = cairo_image_surface_create(CAIRO_FORMAT_A8, area.width(), area.height());
  if (cairo_surface_status(m.surface) != CAIRO_STATUS_SUCCESS) return false;  // out of memory: drawn as nothing
  cairo_t* cr = cairo_create(m.surface);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_GOOD);
  raster::set_shape_path(cr, s, core::Affine::translate(-area.x0, -area.y0) * core::Affine::scale(scale, scale));
  cairo_set_source_rgba(cr, 0, 0, 0, 1);
  if (stroke) {
    raster::set_stroke_style(cr, s, scale);
    cairo_stroke(cr);
  } else {
    raster::set_fill_rule(cr, s);
    cairo_fill(cr);
  }
  cairo_destroy(cr);
  cairo_surface_flush(m.surface);
  m.data = cairo_image_surface_get_data(m.surface);
  m.stride = cairo_image_surface_get_stride(m.surface);
  return m.data != nullptr;
}

void add_marks(const vector::Drawing& d, const Palette& palette, double scale, PreparedArt& out, IndexedCel& ids) {
  for (const vector::PaintMark& m : d.marks) {
    FillMark f;
    f.at = {m.center.x * scale, m.center.y * scale};
    f.name = m.style;
    f.pos = {m.source_line, m.source_col};
    f.style = ids.named(m.style);
    out.unknown_styles.push_back(palette.find(m.style) || m.style == kClearStyle ? "" : m.style);
    out.marks.push_back(f);
  }
}

}  // namespace

std::string paint_size_problem(double width, double height) {
  if (width * height <= static_cast<double>(kMaxPaintPixels)) return "";
  return "the drawing is " + std::to_string(std::lround(width)) + "x" + std::to_string(std::lround(height)) +
         " px; a painted cel may have at most 8192x8192 px";
}

PreparedArt prepare_vector(const vector::Drawing& d, const Palette& palette, const LineArtOptions& opt) {
  PreparedArt out;
  LineArt& art = out.art;
  art.width = std::max(1, static_cast<int>(std::lround(d.width * opt.scale)));
  art.height = std::max(1, static_cast<int>(std::lround(d.height * opt.scale)));
  size_t n = static_cast<size_t>(art.width) * art.height;
  art.coverage.assign(n, 0);
  art.ink.assign(n, 0);
  std::vector<uint16_t> fixed;  // per pixel while shapes are drawn, then as runs
  int fixed_y0 = art.height, fixed_y1 = 0;
  IndexedCel ids;  // only for its style table
  for (const vector::Shape& s : d.shapes) {
    bool closed = std::any_of(s.contours.begin(), s.contours.end(), [](const vector::Contour& c) { return c.closed; });
    if (s.fill && closed) {
      Mask m;
      if (draw_mask(s, false, opt.scale, art.width, art.height, m)) {
        uint16_t id = style_for(*s.fill, palette, opt.color_tolerance, art, ids, out.unmatched, s.source_line, true);
        uint32_t alpha = s.fill->a;
        if (fixed.empty()) fixed.assign(n, 0);
        fixed_y0 = std::min(fixed_y0, m.area.y0);
        fixed_y1 = std::max(fixed_y1, m.area.y1);
        for (int y = m.area.y0; y < m.area.y1; ++y) {
          for (int x = m.area.x0; x < m.area.x1; ++x) {
            uint32_t a = m.at(x, y) * alpha / 255;
            if (a == 0) continue;
            size_t p = static_cast<size_t>(y) * art.width + x;
            art.coverage[p] = static_cast<uint8_t>(art.coverage[p] * (255 - a) / 255);  // covers the lines below
            if (art.coverage[p] == 0) art.ink[p] = 0;
            if (a >= 128) fixed[p] = id;
          }
        }
      }
    }
    if (s.stroke) {
      Mask m;
      if (draw_mask(s, true, opt.scale, art.width, art.height, m)) {
        uint16_t id = style_for(*s.stroke, palette, opt.color_tolerance, art, ids, out.unmatched, s.source_line, false);
        auto is_trace = [&](uint16_t style) {
          auto idx = palette.find(ids.styles[style - 1u].name);
          return idx && palette.styles[*idx].trace;
        };
        bool trace = is_trace(id);
        uint32_t alpha = s.stroke->a;
        for (int y = m.area.y0; y < m.area.y1; ++y) {
          for (int x = m.area.x0; x < m.area.x1; ++x) {
            uint32_t a = m.at(x, y) * alpha / 255;
            if (a == 0) continue;
            size_t p = static_cast<size_t>(y) * art.width + x;
            // A trace line that runs into a drawn line stays under it: the drawn line shows.
            bool keep = trace && art.ink[p] != 0 && art.coverage[p] >= 128 && !is_trace(art.ink[p]);
            art.coverage[p] = static_cast<uint8_t>(a + art.coverage[p] * (255 - a) / 255);
            if (!keep) art.ink[p] = id;
          }
        }
      }
    }
  }
  if (!fixed.empty()) {
    art.fixed = PaintMap(art.width, art.height);
    for (int y = 0; y < art.height; ++y) {
      if (y < fixed_y0 || y >= fixed_y1) art.fixed.add_empty_row();
      else art.fixed.add_row(fixed.data() + static_cast<size_t>(y) * art.width);
    }
  }
  add_marks(d, palette, opt.scale, out, ids);
  mark_traces(art, palette, ids);
  art.styles = ids.styles;
  return out;
}

PreparedArt prepare_scan(core::ImageView<const core::Rgba8> scan, const vector::Drawing* marks, const Palette& palette,
                         const LineArtOptions& opt) {
  PreparedArt out;
  LineArt& art = out.art;
  art.width = scan.width();
  art.height = scan.height();
  size_t n = static_cast<size_t>(art.width) * art.height;
  art.coverage.assign(n, 0);
  art.ink.assign(n, 0);
  IndexedCel ids;
  // The ink of graphite lines: the palette's "line" style, else its darkest.
  size_t line_style = 0;
  if (auto l = palette.find("line")) {
    line_style = *l;
  } else {
    int best = 1 << 30;
    for (size_t i = 0; i < palette.styles.size(); ++i) {
      const core::Rgba8& c = palette.styles[i].color;
      int lum = 2126 * c.r + 7152 * c.g + 722 * c.b;
      if (!palette.styles[i].trace && lum < best) {
        best = lum;
        line_style = i;
      }
    }
  }
  uint16_t line_id = static_cast<uint16_t>(ids.named(palette.styles[line_style].name));
  // Coloured pencil goes to the nearest trace style (any style when the model marks none).
  std::vector<size_t> traces;
  for (size_t i = 0; i < palette.styles.size(); ++i) {
    if (palette.styles[i].trace) traces.push_back(i);
  }
  int span = std::max(1, opt.light - opt.dark);
  for (int y = 0; y < art.height; ++y) {
    const core::Rgba8* row = scan.row(y);
    for (int x = 0; x < art.width; ++x) {
      core::Rgba8 c = row[x];
      // Over white paper where the scan has alpha.
      int r = (c.r * c.a + 255 * (255 - c.a)) / 255, g = (c.g * c.a + 255 * (255 - c.a)) / 255,
          b = (c.b * c.a + 255 * (255 - c.a)) / 255;
      int lum = (2126 * r + 7152 * g + 722 * b) / 10000;
      int cov = std::clamp((opt.light - lum) * 255 / span, 0, 255);
      if (cov == 0) continue;
      size_t p = static_cast<size_t>(y) * art.width + x;
      art.coverage[p] = static_cast<uint8_t>(cov);
      int sat = std::max({r, g, b}) - std::min({r, g, b});
      uint16_t id = line_id;
      if (sat >= opt.min_saturation && !traces.empty()) {
        size_t best = traces[0];
        int best_d = 1 << 30;
        for (size_t t : traces) {
          const core::Rgba8& tc = palette.styles[t].color;
          // Compare hues by chroma: pencil is lighter than the model's flat colour.
          int dr = (r - (r + g + b) / 3) - (tc.r - (tc.r + tc.g + tc.b) / 3);
          int dg = (g - (r + g + b) / 3) - (tc.g - (tc.r + tc.g + tc.b) / 3);
          int db = (b - (r + g + b) / 3) - (tc.b - (tc.r + tc.g + tc.b) / 3);
          int d = dr * dr + dg * dg + db * db;
          if (d < best_d) {
            best_d = d;
            best = t;
          }
        }
        id = static_cast<uint16_t>(ids.named(palette.styles[best].name));
      }
      art.ink[p] = id;
    }
  }
  // Dust: line specks (8-connected) smaller than the limit are paper.
  if (opt.min_speck_px > 1) {
    RunMask any = threshold_runs(art.coverage.data(), art.width, art.height, art.width, 1);
    RunLabels lab = label_runs(any, true);
    std::vector<int64_t> area(lab.count, 0);
    for (size_t i = 0; i < any.runs.size(); ++i) area[lab.label[i]] += any.runs[i].x1 - any.runs[i].x0;
    for (int y = 0; y < art.height; ++y) {
      for (size_t i = any.row_begin(y); i < any.row_end(y); ++i) {
        if (area[lab.label[i]] >= opt.min_speck_px) continue;
        for (int x = any.runs[i].x0; x < any.runs[i].x1; ++x) {
          size_t p = static_cast<size_t>(y) * art.width + x;
          art.coverage[p] = 0;
          art.ink[p] = 0;
        }
      }
    }
  }
  if (marks) add_marks(*marks, palette, 1.0, out, ids);
  mark_traces(art, palette, ids);
  art.line_ink = line_id;
  art.styles = ids.styles;
  return out;
}

}  // namespace sakuga::paint
