#include "raster/rasterizer.h"

#include <gtest/gtest.h>

#include "raster/png_io.h"
#include "testing/golden.h"
#include "vector/svg.h"

namespace sakuga::raster {
namespace {

vector::Drawing drawing(const std::string& svg) {
  core::DiagnosticSink sink;
  auto d = vector::parse_svg(core::SourceText("t.svg", svg), sink);
  EXPECT_TRUE(d.has_value()) << sink.format_all();
  return d ? std::move(*d) : vector::Drawing{};
}

core::Image<core::Rgba8> flatten(const Cel& cel, int w, int h) {
  core::Image<core::Rgba8> out(w, h);
  for (int y = 0; y < cel.pixels.height(); ++y) {
    for (int x = 0; x < cel.pixels.width(); ++x) out.at(cel.x + x, cel.y + y) = cel.pixels.at(x, y);
  }
  unpremultiply(out.view());
  return out;
}

const char* kFace = R"svg(<svg xmlns="http://www.w3.org/2000/svg" width="96" height="64">
  <ellipse cx="48" cy="34" rx="26" ry="22" fill="#f7dcc8" stroke="#1e1a24" stroke-width="2.5"/>
  <path d="M22 30 C26 6 70 6 74 30 Q60 18 48 22 T22 30 Z" fill="#4a3b6b" stroke="#1e1a24" stroke-width="2"/>
  <circle cx="38" cy="36" r="3" fill="#1e1a24"/>
  <circle cx="58" cy="36" r="3" fill="#1e1a24"/>
  <path d="M40 48 q8 6 16 0" fill="none" stroke="#8e2f2a" stroke-width="2" stroke-linecap="round"/>
  <rect x="2" y="2" width="12" height="8" rx="2" fill="rgb(40,160,90)" fill-opacity="0.5"/>
</svg>)svg";

TEST(Rasterizer, FaceMatchesGolden) {
  Cel cel = rasterize(drawing(kFace), {}, {0, 0, 96, 64});
  EXPECT_TRUE(sakuga::testing::matches_golden(flatten(cel, 96, 64).view(), "raster_face"));
}

TEST(Rasterizer, EdgesAreAntiAliased) {
  Cel cel = rasterize(drawing(R"svg(<svg width="20" height="20"><rect x="4.5" y="4" width="10" height="10" fill="white"/></svg>)svg"),
                      {}, {0, 0, 20, 20});
  auto img = flatten(cel, 20, 20);
  EXPECT_EQ(img.at(4, 8).a, 128);   // half-covered column
  EXPECT_EQ(img.at(8, 8).a, 255);
  EXPECT_EQ(img.at(15, 8).a, 0);
}

TEST(Rasterizer, CropsToCoverageAndClip) {
  auto d = drawing(R"svg(<svg width="100" height="100"><circle cx="50" cy="50" r="10"/></svg>)svg");
  Cel cel = rasterize(d, {}, {0, 0, 100, 100});
  EXPECT_LE(cel.pixels.width(), 24);
  EXPECT_GE(cel.x, 38);
  Cel clipped = rasterize(d, core::Affine::scale(2, 2), {0, 0, 100, 100});
  EXPECT_EQ(clipped.x + clipped.pixels.width(), 100);
  EXPECT_EQ(clipped.y + clipped.pixels.height(), 100);
  Cel outside = rasterize(d, core::Affine::translate(500, 0), {0, 0, 100, 100});
  EXPECT_TRUE(outside.pixels.empty());
}

TEST(Rasterizer, SameInputSamePixelsOnAnyThread) {
  auto d = drawing(kFace);
  Cel a = rasterize(d, core::Affine::scale(3, 3), {0, 0, 300, 200});
  Cel b;
  std::thread t([&] { b = rasterize(d, core::Affine::scale(3, 3), {0, 0, 300, 200}); });
  t.join();
  ASSERT_EQ(a.pixels.width(), b.pixels.width());
  for (int y = 0; y < a.pixels.height(); ++y) {
    ASSERT_EQ(std::memcmp(a.pixels.row(y), b.pixels.row(y), sizeof(core::Rgba8) * a.pixels.width()), 0);
  }
}

}  // namespace
}  // namespace sakuga::raster
