#include "animatic/animatic.h"

#include <algorithm>
#include <cmath>

#include "raster/png_io.h"
#include "raster/rasterizer.h"
#include "text/canvas.h"
#include "vector/svg.h"

namespace sakuga::animatic {
namespace {

using text::Align;
using text::Canvas;
using text::Style;

// The burn-in bar's height at 1080 lines; everything scales with the frame height.
constexpr double kBarHeight = 72;

constexpr core::Rgba8 kBackdrop{29, 28, 36, 255};
constexpr core::Rgba8 kPaper{245, 241, 230, 255};
constexpr core::Rgba8 kInk{28, 26, 34, 255};
constexpr core::Rgba8 kAction{59, 56, 66, 255};
constexpr core::Rgba8 kFaded{158, 152, 142, 255};
constexpr core::Rgba8 kAccent{200, 85, 61, 255};
constexpr core::Rgba8 kRule{216, 210, 196, 255};
constexpr core::Rgba8 kWhite{255, 255, 255, 255};

// Lays the card out at `scale`, drawing only when `draw`; returns the height the content takes.
double lay_out_card(Canvas& c, const Card& card, int active, double u, double scale, double x, double y, double w,
                    bool draw) {
  double at = y;
  auto text = [&](std::string_view t, Style s, double tx, double tw) {
    s.size_px *= u * scale;
    double h = draw ? c.draw_text(t, s, tx, at, tw) : c.measure(t, s, tw);
    at += h;
  };
  // Heading row: a scene badge, then the heading.
  Style head{.size_px = 46, .bold = true, .color = kInk};
  double badge_w = 0;
  if (!card.scene_number.empty()) {
    Style badge{.size_px = 30, .bold = true, .color = kWhite, .align = Align::kCenter};
    std::string label = "S" + card.scene_number;
    badge_w = c.measure_width(label, {.size_px = 30 * u * scale, .bold = true}) + 28 * u * scale;
    double bh = 50 * u * scale;
    if (draw) {
      c.fill_rect({x, at + 4 * u * scale, x + badge_w, at + 4 * u * scale + bh}, kAccent, 10 * u * scale);
      badge.size_px *= u * scale;
      c.draw_text(label, badge, x, at + 4 * u * scale + (bh - c.measure(label, badge, 0)) / 2, badge_w);
    }
    badge_w += 22 * u * scale;
  }
  std::string heading = card.heading.empty() ? "CUT " + card.cut_id : card.heading;
  {
    double before = at;
    text(heading, head, x + badge_w, w - badge_w);
    at = std::max(at, before + 58 * u * scale);
  }
  at += 26 * u * scale;
  for (const std::string& a : card.action) {
    text(a, {.size_px = 34, .color = kAction, .line_spacing = 1.1}, x, w);
    at += 16 * u * scale;
  }
  if (card.action.empty() && card.lines.empty()) {
    text("No storyboard panels and no scene for this cut yet.", {.size_px = 30, .italic = true, .color = kFaded}, x, w);
  }
  if (!card.lines.empty()) {
    at += 10 * u * scale;
    if (draw) c.fill_rect({x, at, x + w, at + 2 * u * scale}, kRule);
    at += 34 * u * scale;
  }
  double dx = x + w * 0.16, dw = w * 0.68;
  for (size_t i = 0; i < card.lines.size(); ++i) {
    const Line& l = card.lines[i];
    bool lit = static_cast<int>(i) == active;
    double top = at;
    text(l.speaker, {.size_px = 30, .bold = true, .color = lit ? kAccent : kFaded}, dx, dw);
    if (!l.parenthetical.empty()) {
      text(l.parenthetical, {.size_px = 28, .italic = true, .color = lit ? kAction : kFaded}, dx + 24 * u * scale,
           dw - 24 * u * scale);
    }
    text(l.text, {.size_px = 40, .color = lit ? kInk : kFaded, .line_spacing = 1.05}, dx, dw);
    if (draw && lit) c.fill_rect({dx - 30 * u * scale, top, dx - 22 * u * scale, at}, kAccent, 4 * u * scale);
    at += 30 * u * scale;
  }
  return at - y;
}

}  // namespace

Timing time_lines(int64_t planned_frames, const std::vector<int64_t>& planned_starts,
                  const std::vector<int64_t>& lengths) {
  Timing t;
  int64_t free_from = 0;
  int64_t end = 0;
  for (size_t i = 0; i < planned_starts.size(); ++i) {
    int64_t start = std::max(planned_starts[i], i == 0 ? 0 : free_from);
    t.starts.push_back(start);
    end = std::max(end, start + std::max<int64_t>(lengths[i], 1));
    free_from = end + kBreathFrames;
  }
  t.frames = std::max(planned_frames, planned_starts.empty() ? 1 : end + kTailFrames);
  return t;
}

core::Image<core::Rgba8> render_card(const Card& card, int active, int width, int height) {
  Canvas c(width, height);
  c.clear(kBackdrop);
  double u = height / 1080.0;
  core::RectD paper{80 * u, 104 * u, width - 80 * u, height - 40 * u};
  c.fill_rect(paper, kPaper, 20 * u);
  double pad = 72 * u;
  double x = paper.x0 + pad, y = paper.y0 + pad * 0.8, w = paper.x1 - paper.x0 - 2 * pad;
  double room = paper.y1 - pad * 0.8 - y;
  // The largest scale at which the scene fits, down to half size; past that the end is cut off
  // at the paper's bottom margin.
  double scale = 1.0;
  double need = 0;
  while ((need = lay_out_card(c, card, active, u, scale, x, y, w, false)) > room && scale > 0.5) scale *= 0.92;
  lay_out_card(c, card, active, u, scale, x, y, w, true);
  if (need > room) {
    c.fill_rect({paper.x0, paper.y1 - pad * 0.5, paper.x1, paper.y1 - 20 * u}, kPaper);
    c.fill_rect({0, paper.y1 - 20 * u, static_cast<double>(width), static_cast<double>(height)}, kBackdrop);
    c.fill_rect({paper.x0, paper.y1 - 40 * u, paper.x1, paper.y1}, kPaper, 20 * u);
  }
  return c.image();
}

core::Image<core::Rgba8> render_panel(core::ImageView<const core::Rgba8> panel, const Line* subtitle, int width,
                                      int height) {
  Canvas c(width, height);
  c.clear({0, 0, 0, 255});
  double u = height / 1080.0;
  // Below the burn-in bar, so the whole panel shows.
  c.draw_image_fit(panel, {0, kBarHeight * u, static_cast<double>(width), static_cast<double>(height)});
  if (subtitle) {
    Style s{.size_px = 44 * u, .color = kWhite, .align = Align::kCenter};
    std::string line = subtitle->speaker + ": " + subtitle->text;
    std::replace(line.begin(), line.end(), '\n', ' ');
    double max_w = width * 0.8;
    double tw = std::min(max_w, c.measure_width(line, s));
    double th = c.measure(line, s, max_w);
    double pad = 18 * u;
    double y = height - 64 * u - th;
    c.fill_rect({(width - tw) / 2 - pad, y - pad, (width + tw) / 2 + pad, y + th + pad}, {0, 0, 0, 170}, 10 * u);
    c.draw_text(line, s, (width - max_w) / 2, y, max_w);
  }
  return c.image();
}

core::Result<core::Image<core::Rgba8>> load_panel(core::FileSystem& fs, const core::fs::path& file, int width,
                                                  int height) {
  SAKUGA_ASSIGN_OR_RETURN(std::string bytes, fs.read_file(file));
  std::string ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return std::tolower(ch); });
  if (ext == ".svg") {
    core::DiagnosticSink sink;
    auto d = vector::parse_svg(core::SourceText(file.filename().string(), std::move(bytes)), sink);
    if (!d) return core::error(core::ErrorCode::kInvalidInput, sink.format_all());
    double s = std::min(width / d->width, height / d->height);
    int w = std::max(1, static_cast<int>(std::lround(d->width * s)));
    int h = std::max(1, static_cast<int>(std::lround(d->height * s)));
    raster::Cel cel = raster::rasterize(*d, core::Affine::scale(s, s), {0, 0, w, h});
    // The cel is cropped to what the drawing covers; put it back on its canvas (white paper).
    Canvas c(w, h);
    c.clear(kWhite);
    c.draw_image_fit(cel.pixels.cview(), {static_cast<double>(cel.x), static_cast<double>(cel.y),
                                          static_cast<double>(cel.x + cel.pixels.width()),
                                          static_cast<double>(cel.y + cel.pixels.height())});
    return c.image();
  }
  auto png = raster::decode_png(bytes);
  if (!png.is_ok()) return png.status();
  raster::premultiply(png->pixels.view());
  return std::move(png->pixels);
}

void burn_in(core::ImageView<core::Rgba8> frame, const BurnIn& b) {
  int w = frame.width();
  double u = frame.height() / 1080.0;
  int bar = std::max(8, static_cast<int>(std::lround(kBarHeight * u)));
  Canvas c(w, bar);
  c.clear({0, 0, 0, 200});
  Style s{.size_px = 34 * u, .bold = true, .color = kWhite, .tabular = true};
  double ty = (bar - c.measure("0", s, 0)) / 2;
  c.draw_text(b.left, s, 28 * u, ty, 0);
  Style r = s;
  r.align = Align::kRight;
  r.bold = false;
  c.draw_text(b.right, r, 0, ty, w - 28 * u);
  // Premultiplied "over" onto the frame's top rows.
  core::Image<core::Rgba8> strip = c.image();
  for (int y = 0; y < std::min(bar, frame.height()); ++y) {
    const core::Rgba8* src = strip.row(y);
    core::Rgba8* dst = frame.row(y);
    for (int x = 0; x < w; ++x) {
      int k = 255 - src[x].a;
      dst[x].r = static_cast<uint8_t>(src[x].r + (dst[x].r * k + 127) / 255);
      dst[x].g = static_cast<uint8_t>(src[x].g + (dst[x].g * k + 127) / 255);
      dst[x].b = static_cast<uint8_t>(src[x].b + (dst[x].b * k + 127) / 255);
      dst[x].a = static_cast<uint8_t>(src[x].a + (dst[x].a * k + 127) / 255);
    }
  }
}

}  // namespace sakuga::animatic
