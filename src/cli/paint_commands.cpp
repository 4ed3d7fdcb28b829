// `sakuga paint` and `sakuga palette sheet`.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>

#include "cli/commands.h"
#include "paint/cel.h"
#include "paint/fill.h"
#include "paint/lineart.h"
#include "paint/qa.h"
#include "paint/sheet.h"
#include "raster/png_io.h"
#include "vector/svg.h"

namespace sakuga::cli {
namespace {

std::string lower_ext(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

void print_read_error(const std::string& path, const core::Status& s, const Console& con) {
  std::fprintf(con.err, "%s: error: %s\n", path.c_str(),
               s.code() == core::ErrorCode::kNotFound ? "cannot open: No such file or directory" : s.message().c_str());
}

// The palette at `path`, or nullopt after printing why not.
std::optional<paint::Palette> load_palette(core::FileSystem& fs, const std::string& path, const Console& con) {
  auto text = fs.read_file(path);
  if (!text.is_ok()) {
    print_read_error(path, text.status(), con);
    return std::nullopt;
  }
  core::DiagnosticSink sink;
  auto p = paint::read_palette(core::SourceText(path, *text), sink);
  std::fputs(sink.format_all().c_str(), con.err);
  return p;
}

bool write_png(core::FileSystem& fs, const std::string& path, core::ImageView<const core::Rgba8> img, const Console& con) {
  auto png = raster::encode_png(img, {.compression = 6});
  if (png.is_ok() && fs.write_file(path, *png).is_ok()) return true;
  std::fprintf(con.err, "sakuga: error: cannot write %s\n", path.c_str());
  return false;
}

}  // namespace

int cmd_paint(core::FileSystem& fs, const PaintArgs& a, const Console& con) {
  auto palette = load_palette(fs, a.palette, con);
  if (!palette) return 2;
  if (!palette->has_variant(a.variant)) {
    std::string have;
    for (const auto& [name, colors] : palette->variants) have += (have.empty() ? "" : ", ") + name;
    std::fprintf(con.err, "%s: error: the colour model has no variant '%s' (%s)\n", a.palette.c_str(), a.variant.c_str(),
                 have.empty() ? "it has none" : ("it has " + have).c_str());
    return 2;
  }
  auto bytes = fs.read_file(a.drawing);
  if (!bytes.is_ok()) {
    print_read_error(a.drawing, bytes.status(), con);
    return 2;
  }
  core::SourceText src(a.drawing, *bytes);
  core::DiagnosticSink sink;
  paint::LineArtOptions lo;
  std::optional<paint::PreparedArt> art;
  bool in_between = false;  // a generated in-between: its marks came from its keys
  core::SourceText marks_src = src;
  std::string ext = lower_ext(a.drawing);
  if (ext == ".svg") {
    if (!a.marks.empty()) {
      std::fprintf(con.err, "%s: error: --marks is for a scan (.png); an SVG drawing carries its own marks\n",
                   a.marks.c_str());
      return 2;
    }
    auto d = vector::parse_svg(src, sink);
    if (d) {
      in_between = d->inbetween;
      if (std::string why = paint::paint_size_problem(d->width, d->height); !why.empty()) sink.error(src, d->pos, why);
      else art = paint::prepare_vector(*d, *palette, lo);
    }
  } else if (ext == ".png") {
    auto png = raster::decode_png(*bytes);
    if (!png.is_ok()) {
      std::fprintf(con.err, "%s: error: %s\n", a.drawing.c_str(), png.status().message().c_str());
      return 2;
    }
    if (std::string why = paint::paint_size_problem(png->pixels.width(), png->pixels.height()); !why.empty()) {
      std::fprintf(con.err, "%s: error: %s\n", a.drawing.c_str(), why.c_str());
      return 2;
    }
    // Marks for a scan: --marks, else NAME.marks.svg beside it.
    std::string marks_path = a.marks;
    if (marks_path.empty()) {
      std::filesystem::path side = std::filesystem::path(a.drawing).replace_extension(".marks.svg");
      if (fs.exists(side)) marks_path = side.string();
    }
    std::optional<vector::Drawing> marks;
    if (!marks_path.empty()) {
      auto mb = fs.read_file(marks_path);
      if (!mb.is_ok()) {
        print_read_error(marks_path, mb.status(), con);
        return 2;
      }
      marks_src = core::SourceText(marks_path, *mb);
      marks = vector::parse_svg(marks_src, sink);
      if (!marks) {
        std::fputs(sink.format_all().c_str(), con.err);
        return 2;
      }
      if (std::lround(marks->width) != png->pixels.width() || std::lround(marks->height) != png->pixels.height()) {
        sink.warning(marks_src, marks->pos,
                     "the marks are drawn on a " + std::to_string(std::lround(marks->width)) + "x" +
                         std::to_string(std::lround(marks->height)) + " canvas, the scan is " +
                         std::to_string(png->pixels.width()) + "x" + std::to_string(png->pixels.height()) +
                         ": marks are placed in the scan's pixels as written");
      }
    }
    art = paint::prepare_scan(png->pixels.cview(), marks ? &*marks : nullptr, *palette, lo);
  } else {
    std::fprintf(con.err, "%s: error: a drawing to paint is .svg (line art with paint marks) or .png (a scan)\n",
                 a.drawing.c_str());
    return 2;
  }
  if (!art) {
    std::fputs(sink.format_all().c_str(), con.err);
    return 2;
  }
  paint::FillOptions fo;
  fo.close_gaps_px = a.close_gaps;
  fo.travelled_marks = in_between;
  fo.keep_labels = !a.qa.empty();
  paint::FillResult result = paint::fill(art->art, art->marks, fo);
  paint::QaReport qa = paint::check_cel(*art, result, fo);
  paint::report_diagnostics(qa, marks_src, sink);
  std::fputs(sink.format_all().c_str(), con.err);

  core::Image<core::Rgba8> cel = paint::to_rgba(result.cel, *palette, a.variant);
  if (!write_png(fs, a.output, cel.cview(), con)) return 1;
  if (!a.qa.empty()) {
    auto overlay = paint::qa_overlay(cel.cview(), result, qa, art->marks);
    if (!write_png(fs, a.qa, overlay.cview(), con)) return 1;
  }
  if (!a.report.empty() &&
      !fs.write_file(a.report, paint::qa_json(qa, a.drawing, result.cel.width(), result.cel.height())).is_ok()) {
    std::fprintf(con.err, "sakuga: error: cannot write %s\n", a.report.c_str());
    return 1;
  }
  std::fprintf(con.out, "wrote %s: %dx%d, %lld regions, %lld painted, %d QA problem%s\n", a.output.c_str(),
               result.cel.width(), result.cel.height(), static_cast<long long>(qa.regions),
               static_cast<long long>(qa.painted), qa.failures(), qa.failures() == 1 ? "" : "s");
  return sink.has_errors() ? 2 : 0;
}

int cmd_palette_sheet(core::FileSystem& fs, const std::string& palette_path, const std::string& output,
                      const Console& con) {
  auto palette = load_palette(fs, palette_path, con);
  if (!palette) return 2;
  auto img = paint::palette_sheet(*palette, std::filesystem::path(palette_path).filename().string());
  if (img.width() == 0) {
    std::fprintf(con.err, "%s: error: %zu styles in %zu variants do not fit on one sheet\n", palette_path.c_str(),
                 palette->styles.size(), palette->variants.size() + 1);
    return 2;
  }
  if (!write_png(fs, output, img.cview(), con)) return 1;
  std::fprintf(con.out, "wrote %s: %zu styles, %zu variants\n", output.c_str(), palette->styles.size(),
               palette->variants.size());
  return 0;
}

}  // namespace sakuga::cli
