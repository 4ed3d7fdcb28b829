#include "text/canvas.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cassert>
#include <cmath>
#include <string>

namespace sakuga::text {
namespace {

constexpr const char* kFamily = "Noto Sans CJK JP";

void set_source(cairo_t* cr, core::Rgba8 c) {
  cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

}  // namespace

struct Canvas::Impl {
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PangoLayout* layout = nullptr;
  bool pdf = false;
  std::string pdf_bytes;

  // PDF text is drawn as outlines: cairo embeds nearly the whole of a CJK font's CFF data in every
  // document (900 KB for one page of a sheet), where the outlines of the glyphs used weigh little.
  void show(PangoLayout* l) {
    if (!pdf) {
      pango_cairo_show_layout(cr, l);
      return;
    }
    pango_cairo_layout_path(cr, l);
    cairo_fill(cr);
  }

  static cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<Impl*>(closure)->pdf_bytes.append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  }

  ~Impl() {
    if (layout) g_object_unref(layout);
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }

  // Sets up the shared layout for `text` in `style`; the caller draws or measures it.
  PangoLayout* lay_out(std::string_view text, const Style& style, double width_px) {
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, kFamily);
    pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_font_description_set_absolute_size(font, style.size_px * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_width(layout, width_px > 0 ? static_cast<int>(width_px * PANGO_SCALE) : -1);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, style.align == Align::kCenter  ? PANGO_ALIGN_CENTER
                                       : style.align == Align::kRight ? PANGO_ALIGN_RIGHT
                                                                      : PANGO_ALIGN_LEFT);
    pango_layout_set_line_spacing(layout, static_cast<float>(style.line_spacing));
    PangoAttrList* attrs = pango_attr_list_new();
    if (style.tabular) pango_attr_list_insert(attrs, pango_attr_font_features_new("tnum 1"));
    pango_layout_set_attributes(layout, attrs);
    pango_attr_list_unref(attrs);
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
    return layout;
  }
};

Canvas::Canvas(int width, int height) : impl_(std::make_unique<Impl>()), width_(width), height_(height) {
  impl_->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
  set_up_text();
}

std::unique_ptr<Canvas> Canvas::pdf(double width_pt, double height_pt) {
  std::unique_ptr<Canvas> c(new Canvas());
  c->impl_ = std::make_unique<Impl>();
  c->impl_->pdf = true;
  c->width_ = static_cast<int>(width_pt);
  c->height_ = static_cast<int>(height_pt);
  c->impl_->surface = cairo_pdf_surface_create_for_stream(&Impl::append, c->impl_.get(), width_pt, height_pt);
  // The same bytes every time: no creation date in the document's metadata.
  cairo_pdf_surface_set_metadata(c->impl_->surface, CAIRO_PDF_METADATA_CREATE_DATE, "");
  cairo_pdf_surface_set_metadata(c->impl_->surface, CAIRO_PDF_METADATA_CREATOR, "Sakuga");
  c->set_up_text();
  return c;
}

void Canvas::set_up_text() {
  impl_->cr = cairo_create(impl_->surface);
  impl_->layout = pango_cairo_create_layout(impl_->cr);
  PangoContext* ctx = pango_layout_get_context(impl_->layout);
  cairo_font_options_t* opts = cairo_font_options_create();
  cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(ctx, opts);
  cairo_font_options_destroy(opts);
  pango_context_set_round_glyph_positions(ctx, FALSE);
  pango_layout_context_changed(impl_->layout);
}

Canvas::~Canvas() = default;

void Canvas::clear(core::Rgba8 color) {
  cairo_save(impl_->cr);
  cairo_set_operator(impl_->cr, CAIRO_OPERATOR_SOURCE);
  set_source(impl_->cr, color);
  cairo_paint(impl_->cr);
  cairo_restore(impl_->cr);
}

void Canvas::fill_rect(const core::RectD& r, core::Rgba8 color, double radius_px) {
  cairo_t* cr = impl_->cr;
  double w = r.x1 - r.x0, h = r.y1 - r.y0;
  double rad = std::min({radius_px, w / 2, h / 2});
  cairo_new_path(cr);
  if (rad > 0) {
    cairo_arc(cr, r.x1 - rad, r.y0 + rad, rad, -M_PI / 2, 0);
    cairo_arc(cr, r.x1 - rad, r.y1 - rad, rad, 0, M_PI / 2);
    cairo_arc(cr, r.x0 + rad, r.y1 - rad, rad, M_PI / 2, M_PI);
    cairo_arc(cr, r.x0 + rad, r.y0 + rad, rad, M_PI, 3 * M_PI / 2);
    cairo_close_path(cr);
  } else {
    cairo_rectangle(cr, r.x0, r.y0, w, h);
  }
  set_source(cr, color);
  cairo_fill(cr);
}

void Canvas::stroke_rect(const core::RectD& r, core::Rgba8 color, double width_px) {
  cairo_t* cr = impl_->cr;
  cairo_new_path(cr);
  cairo_rectangle(cr, r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
  set_source(cr, color);
  cairo_set_line_width(cr, width_px);
  cairo_stroke(cr);
}

core::RectD Canvas::draw_image_fit(core::ImageView<const core::Rgba8> image, const core::RectD& box) {
  int w = image.width(), h = image.height();
  if (w <= 0 || h <= 0) return {box.x0, box.y0, box.x0, box.y0};
  // cairo wants premultiplied native-endian ARGB32.
  cairo_surface_t* src = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  cairo_surface_flush(src);
  unsigned char* data = cairo_image_surface_get_data(src);
  int stride = cairo_image_surface_get_stride(src);
  for (int y = 0; y < h; ++y) {
    const core::Rgba8* in = image.row(y);
    auto* out = reinterpret_cast<uint32_t*>(data + static_cast<ptrdiff_t>(y) * stride);
    for (int x = 0; x < w; ++x) {
      out[x] = static_cast<uint32_t>(in[x].a) << 24 | static_cast<uint32_t>(in[x].r) << 16 |
               static_cast<uint32_t>(in[x].g) << 8 | in[x].b;
    }
  }
  cairo_surface_mark_dirty(src);
  double bw = box.x1 - box.x0, bh = box.y1 - box.y0;
  double s = std::min(bw / w, bh / h);
  double dw = w * s, dh = h * s;
  double x = box.x0 + (bw - dw) / 2, y = box.y0 + (bh - dh) / 2;
  cairo_t* cr = impl_->cr;
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, s, s);
  cairo_set_source_surface(cr, src, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_pattern_set_extend(cairo_get_source(cr), CAIRO_EXTEND_PAD);
  cairo_rectangle(cr, 0, 0, w, h);
  cairo_fill(cr);
  cairo_restore(cr);
  cairo_surface_destroy(src);
  return {x, y, x + dw, y + dh};
}

double Canvas::measure(std::string_view text, const Style& style, double width_px) {
  PangoLayout* layout = impl_->lay_out(text, style, width_px);
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

double Canvas::measure_width(std::string_view text, const Style& style) {
  PangoLayout* layout = impl_->lay_out(text, style, 0);
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(w) / PANGO_SCALE;
}

int Canvas::missing_glyphs(std::string_view text, const Style& style) {
  return pango_layout_get_unknown_glyphs_count(impl_->lay_out(text, style, 0));
}

double Canvas::draw_text(std::string_view text, const Style& style, double x, double y, double width_px) {
  PangoLayout* layout = impl_->lay_out(text, style, width_px);
  cairo_t* cr = impl_->cr;
  set_source(cr, style.color);
  cairo_move_to(cr, x, y);
  impl_->show(layout);
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

double Canvas::draw_text_vertical(std::string_view text, const Style& style, double x_right, double y,
                                  double length) {
  cairo_t* cr = impl_->cr;
  PangoContext* ctx = pango_layout_get_context(impl_->layout);
  cairo_save(cr);
  cairo_translate(cr, x_right, y);
  cairo_rotate(cr, M_PI / 2);
  pango_context_set_base_gravity(ctx, PANGO_GRAVITY_EAST);
  pango_context_set_gravity_hint(ctx, PANGO_GRAVITY_HINT_NATURAL);
  pango_cairo_update_context(cr, ctx);
  PangoLayout* layout = impl_->lay_out(text, style, length);
  pango_layout_context_changed(layout);
  set_source(cr, style.color);
  cairo_move_to(cr, 0, 0);
  impl_->show(layout);
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  cairo_restore(cr);
  pango_context_set_base_gravity(ctx, PANGO_GRAVITY_SOUTH);
  pango_context_set_gravity_hint(ctx, PANGO_GRAVITY_HINT_NATURAL);
  pango_cairo_update_context(cr, ctx);
  pango_layout_context_changed(impl_->layout);
  return static_cast<double>(h) / PANGO_SCALE;
}

void Canvas::line(double x0, double y0, double x1, double y1, core::Rgba8 color, double width) {
  cairo_t* cr = impl_->cr;
  cairo_new_path(cr);
  cairo_move_to(cr, x0, y0);
  cairo_line_to(cr, x1, y1);
  set_source(cr, color);
  cairo_set_line_width(cr, width);
  cairo_stroke(cr);
}

void Canvas::circle(double cx, double cy, double r, core::Rgba8 color, double width) {
  cairo_t* cr = impl_->cr;
  cairo_new_path(cr);
  cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
  set_source(cr, color);
  cairo_set_line_width(cr, width);
  cairo_stroke(cr);
}

void Canvas::fill_circle(double cx, double cy, double r, core::Rgba8 color) {
  cairo_t* cr = impl_->cr;
  cairo_new_path(cr);
  cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
  set_source(cr, color);
  cairo_fill(cr);
}

void Canvas::scale(double s) { cairo_scale(impl_->cr, s, s); }
void Canvas::translate(double dx, double dy) { cairo_translate(impl_->cr, dx, dy); }
void Canvas::save() { cairo_save(impl_->cr); }
void Canvas::restore() { cairo_restore(impl_->cr); }

bool Canvas::ok() const { return cairo_surface_status(impl_->surface) == CAIRO_STATUS_SUCCESS; }

void Canvas::next_page() {
  assert(impl_->pdf);
  cairo_show_page(impl_->cr);
}

std::string Canvas::finish() {
  assert(impl_->pdf);
  cairo_surface_finish(impl_->surface);
  return std::move(impl_->pdf_bytes);
}

core::Image<core::Rgba8> Canvas::image() const {
  assert(!impl_->pdf);
  if (!ok()) return {};
  cairo_surface_flush(impl_->surface);
  const unsigned char* data = cairo_image_surface_get_data(impl_->surface);
  int stride = cairo_image_surface_get_stride(impl_->surface);
  core::Image<core::Rgba8> out(width_, height_);
  for (int y = 0; y < height_; ++y) {
    const auto* in = reinterpret_cast<const uint32_t*>(data + static_cast<ptrdiff_t>(y) * stride);
    core::Rgba8* row = out.row(y);
    for (int x = 0; x < width_; ++x) {
      uint32_t p = in[x];
      row[x] = {static_cast<uint8_t>(p >> 16), static_cast<uint8_t>(p >> 8), static_cast<uint8_t>(p),
                static_cast<uint8_t>(p >> 24)};
    }
  }
  return out;
}

}  // namespace sakuga::text
