// `sakuga inbetween`.
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "cli/commands.h"
#include "inbetween/inbetween.h"
#include "raster/png_io.h"
#include "raster/rasterizer.h"
#include "timesheet/timing.h"
#include "vector/svg.h"
#include "vector/svg_writer.h"

namespace sakuga::cli {
namespace {

std::optional<vector::Drawing> read_drawing(core::FileSystem& fs, const std::string& path, const Console& con) {
  auto text = fs.read_file(path);
  if (!text.is_ok()) {
    std::fprintf(con.err, "%s: error: %s\n", path.c_str(),
                 text.status().code() == core::ErrorCode::kNotFound ? "cannot open: No such file or directory"
                                                                    : text.status().message().c_str());
    return std::nullopt;
  }
  core::DiagnosticSink sink;
  auto d = vector::parse_svg(core::SourceText(path, *text), sink);
  std::fputs(sink.format_all().c_str(), con.err);
  return d;
}

// The drawing's outlines only, in one colour (fills become their outlines), for an onion skin.
vector::Drawing outlines(const vector::Drawing& d, core::Rgba8 colour, double width) {
  vector::Drawing out = d;
  out.marks.clear();
  for (vector::Shape& s : out.shapes) {
    if (!s.stroke) s.stroke_width_px = width;
    s.stroke = colour;
    s.stroke_width_px = std::max(s.stroke_width_px, width);
    s.fill.reset();
  }
  return out;
}

}  // namespace

int cmd_inbetween(core::FileSystem& fs, const InbetweenArgs& a, const Console& con) {
  auto spacing = timesheet::parse_spacing(a.spacing);
  if (!spacing) {
    std::fprintf(con.err,
                 "sakuga: error: --spacing '%s' is not even, ease-in, ease-out, ease-in-out or fractions like "
                 "0.2,0.5,0.8\n",
                 a.spacing.c_str());
    return 2;
  }
  int count = a.count;
  if (spacing->kind == timesheet::SpacingKind::kFractions) {
    if (count == 0) count = static_cast<int>(spacing->fractions.size());
    if (static_cast<size_t>(count) != spacing->fractions.size()) {
      std::fprintf(con.err, "sakuga: error: --spacing gives %zu fractions for --count %d in-betweens\n",
                   spacing->fractions.size(), count);
      return 2;
    }
  }
  if (count < 1 || count > 999) {
    std::fprintf(con.err, "sakuga: error: --count must be from 1 to 999\n");
    return 2;
  }
  auto key_a = read_drawing(fs, a.key_a, con);
  auto key_b = read_drawing(fs, a.key_b, con);
  if (!key_a || !key_b) return 2;
  inbetween::Inbetweener ib(*key_a, *key_b);
  if (!ib.problem().empty()) {
    std::fprintf(con.err, "%s: error: cannot in-between it with %s: %s\n", a.key_a.c_str(), a.key_b.c_str(),
                 ib.problem().c_str());
    return 2;
  }
  // All the drawings first, then the files: nothing is written for keys that cannot be used.
  std::vector<vector::Drawing> made;
  std::vector<double> at;
  for (int k = 1; k <= count; ++k) {
    at.push_back(spacing->fraction(k, count));
    made.push_back(ib.at(at.back()));
  }
  const std::string a_name = std::filesystem::path(a.key_a).filename().string();
  const std::string b_name = std::filesystem::path(a.key_b).filename().string();
  for (int k = 1; k <= count; ++k) {
    char name[16];
    std::snprintf(name, sizeof name, "%03d.svg", k);
    char note[160];
    std::snprintf(note, sizeof note, "in-between %d of %d, %.3f of the way from %s to %s (sakuga inbetween)", k, count,
                  at[static_cast<size_t>(k - 1)], a_name.c_str(), b_name.c_str());
    std::string path = (std::filesystem::path(a.output) / name).string();
    if (!fs.write_file(path, vector::write_svg(made[static_cast<size_t>(k - 1)], {.comment = note})).is_ok()) {
      std::fprintf(con.err, "sakuga: error: cannot write %s\n", path.c_str());
      return 1;
    }
  }
  if (!a.onion.empty()) {
    // Keys in red (A) and blue (B), in-betweens in greys between them, over white.
    const double scale = std::min(1.0, 1920.0 / std::max(key_a->width, 1.0));
    const int w = std::max(1, static_cast<int>(std::lround(key_a->width * scale)));
    const int h = std::max(1, static_cast<int>(std::lround(key_a->height * scale)));
    core::Image<core::Rgba8> onion(w, h);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) onion.at(x, y) = {255, 255, 255, 255};
    }
    auto draw = [&](const vector::Drawing& d, core::Rgba8 colour) {
      raster::Cel cel = raster::rasterize(outlines(d, colour, 1.5), core::Affine::scale(scale, scale), {0, 0, w, h});
      for (int y = 0; y < cel.pixels.height(); ++y) {
        for (int x = 0; x < cel.pixels.width(); ++x) {
          const core::Rgba8 s = cel.pixels.at(x, y);  // premultiplied
          core::Rgba8& o = onion.at(cel.x + x, cel.y + y);
          auto over = [&](uint8_t src, uint8_t dst) { return static_cast<uint8_t>(src + dst * (255 - s.a) / 255); };
          o = {over(s.r, o.r), over(s.g, o.g), over(s.b, o.b), 255};
        }
      }
    };
    for (int k = 0; k < count; ++k) {
      uint8_t grey = static_cast<uint8_t>(90 + 100 * (count == 1 ? 0.5 : static_cast<double>(k) / (count - 1)));
      draw(made[static_cast<size_t>(k)], {grey, grey, static_cast<uint8_t>(grey + 20 > 255 ? 255 : grey + 20), 200});
    }
    draw(*key_a, {214, 48, 48, 255});
    draw(*key_b, {40, 90, 214, 255});
    auto png = raster::encode_png(onion.cview(), {.compression = 6});
    if (!png.is_ok() || !fs.write_file(a.onion, *png).is_ok()) {
      std::fprintf(con.err, "sakuga: error: cannot write %s\n", a.onion.c_str());
      return 1;
    }
  }
  const int paired = ib.paired();
  const int vanish = static_cast<int>(ib.strokes_a().size()) - paired;
  const int appear = static_cast<int>(ib.strokes_b().size()) - paired;
  std::fprintf(con.out, "wrote %d in-between%s to %s: %d strokes paired, %d vanish, %d appear\n", count,
               count == 1 ? "" : "s", a.output.c_str(), paired, vanish, appear);
  return 0;
}

}  // namespace sakuga::cli
