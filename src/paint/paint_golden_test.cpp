// Painted cels against goldens: a vector drawing in its colours and at night, and a pencil scan.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "core/fs.h"
#include "paint/cel.h"
#include "paint/fill.h"
#include "paint/lineart.h"
#include "paint/qa.h"
#include "testing/golden.h"
#include "vector/svg.h"

namespace sakuga::paint {
namespace {

std::string material(const std::string& rel) {
  core::DiskFileSystem disk;
  auto r = disk.read_file(sakuga::testing::source_dir() / "tests" / rel);
  EXPECT_TRUE(r.is_ok()) << rel;
  return r.is_ok() ? *r : std::string();
}

Palette face_palette() {
  core::DiagnosticSink sink;
  auto p = read_palette(core::SourceText("face.toml", material("drawings/face.toml")), sink);
  EXPECT_TRUE(p.has_value()) << sink.format_all();
  return p ? *p : Palette{};
}

TEST(PaintGolden, AFaceInItsColoursAndAtNight) {
  core::DiagnosticSink sink;
  auto d = vector::parse_svg(core::SourceText("face.svg", material("drawings/face.svg")), sink);
  ASSERT_TRUE(d.has_value()) << sink.format_all();
  Palette palette = face_palette();
  PreparedArt art = prepare_vector(*d, palette, {});
  FillOptions o;
  FillResult r = fill(art.art, art.marks, o);
  QaReport qa = check_cel(art, r, o);
  EXPECT_EQ(qa.failures(), 0) << qa_json(qa, "face.svg", 320, 240);
  for (MarkOutcome m : r.marks) EXPECT_EQ(m, MarkOutcome::kPainted);
  EXPECT_TRUE(sakuga::testing::matches_golden(to_rgba(r.cel, palette, "").cview(), "paint_face"));
  EXPECT_TRUE(sakuga::testing::matches_golden(to_rgba(r.cel, palette, "night").cview(), "paint_face_night"));
  // The chin's 4 px gap closes at the default limit; at 3 px it does not, and the face leaks out.
  o.close_gaps_px = 3;
  FillResult open = fill(art.art, art.marks, o);
  EXPECT_EQ(open.marks[2], MarkOutcome::kOutside);
}

// A pencil drawing scanned: grey graphite with soft edges on slightly noisy paper, a red pencil
// line for a shadow, and dust.
core::Image<core::Rgba8> pencil_scan() {
  const int w = 240, h = 180;
  core::Image<core::Rgba8> img(w, h);
  std::mt19937 rng(5);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      int paper = 244 + static_cast<int>(rng() % 9) - 4;
      img.at(x, y) = {static_cast<uint8_t>(paper), static_cast<uint8_t>(paper), static_cast<uint8_t>(paper - 3), 255};
    }
  }
  auto stroke = [&](double x0, double y0, double x1, double y1, double width, core::Rgba8 lead) {
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        double dx = x1 - x0, dy = y1 - y0, t = std::clamp(((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
        double d = std::hypot(x0 + t * dx - x, y0 + t * dy - y);
        double a = std::clamp(width / 2 + 0.7 - d, 0.0, 1.0);  // soft edge
        if (a <= 0) continue;
        core::Rgba8& p = img.at(x, y);
        p = {static_cast<uint8_t>(p.r + (lead.r - p.r) * a), static_cast<uint8_t>(p.g + (lead.g - p.g) * a),
             static_cast<uint8_t>(p.b + (lead.b - p.b) * a), 255};
      }
    }
  };
  const core::Rgba8 graphite{70, 70, 78, 255}, red{214, 60, 52, 255};
  stroke(120, 30, 120, 150, 2.5, red);    // the shadow's edge in red pencil, up to the lines
  stroke(40, 30, 200, 30, 3, graphite);   // a box, inked over it
  stroke(200, 30, 200, 150, 3, graphite);
  stroke(200, 150, 40, 150, 3, graphite);
  stroke(40, 150, 40, 30, 3, graphite);
  for (auto [x, y] : {std::pair{80, 90}, {150, 60}, {20, 170}}) {  // dust
    img.at(x, y) = img.at(x + 1, y) = {90, 90, 90, 255};
  }
  return img;
}

TEST(PaintGolden, APencilScanIsThresholdedDustedAndFilled) {
  Palette p;
  p.styles = {{"line", {30, 26, 36, 255}}, {"skin", {247, 220, 200, 255}}, {"skin.shadow", {220, 180, 165, 255}},
              {"trace.shadow", {214, 70, 60, 255}, true}};
  vector::Drawing marks;
  marks.marks = {{"skin", {80, 60}, 1, 1}, {"skin.shadow", {160, 100}, 2, 1}};
  core::Image<core::Rgba8> scan = pencil_scan();
  PreparedArt art = prepare_scan(scan.cview(), &marks, p, {});
  // Dust is gone, the graphite is line, the red pencil is the trace style.
  EXPECT_EQ(art.art.coverage[90 * 240 + 80], 0);
  EXPECT_EQ(art.art.coverage[60 * 240 + 150], 0);
  EXPECT_EQ(art.art.coverage[30 * 240 + 70], 255);
  uint16_t red_ink = art.art.ink[90 * 240 + 120];
  ASSERT_GT(red_ink, 0);
  EXPECT_EQ(art.art.styles[red_ink - 1u].name, "trace.shadow");
  EXPECT_EQ(art.art.styles[art.art.ink[30 * 240 + 70] - 1u].name, "line");
  FillOptions o;
  FillResult r = fill(art.art, art.marks, o);
  EXPECT_EQ(r.marks[0], MarkOutcome::kPainted);
  EXPECT_EQ(r.marks[1], MarkOutcome::kPainted);
  auto rgba = to_rgba(r.cel, p, "");
  core::Rgba8 on_trace = rgba.at(120, 90);
  EXPECT_TRUE(on_trace == (core::Rgba8{247, 220, 200, 255}) || on_trace == (core::Rgba8{220, 180, 165, 255}))
      << "the red line vanishes into the paint beside it";
  EXPECT_EQ(rgba.at(10, 10).a, 0);  // paper outside the figure is transparent
  EXPECT_TRUE(sakuga::testing::matches_golden(rgba.cview(), "paint_scan"));
}

}  // namespace
}  // namespace sakuga::paint
