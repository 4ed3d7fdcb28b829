#include "text/canvas.h"

#include <gtest/gtest.h>

#include "testing/golden.h"

namespace sakuga::text {
namespace {

// Straight alpha for the golden comparison (the canvas is opaque where it matters here).
core::Image<core::Rgba8> label(std::string_view text, double width_px) {
  Canvas c(320, 120);
  c.clear({250, 248, 242, 255});
  Style s;
  s.size_px = 28;
  c.draw_text(text, s, 10, 10, width_px);
  return c.image();
}

int inked_rows(const core::Image<core::Rgba8>& img) {
  int rows = 0;
  for (int y = 0; y < img.height(); ++y) {
    const core::Rgba8* r = img.row(y);
    for (int x = 0; x < img.width(); ++x) {
      if (r[x].r < 128) {
        ++rows;
        break;
      }
    }
  }
  return rows;
}

TEST(Canvas, JapaneseAndLatinHaveGlyphs) {
  Canvas c(16, 16);
  Style s;
  EXPECT_EQ(c.missing_glyphs("一番星、つかまえた！ Got it!", s), 0);
  EXPECT_EQ(c.missing_glyphs("学校・屋上（夕）ミオ", s), 0);
  EXPECT_EQ(c.missing_glyphs("\xF0\x93\x80\x80\xF0\x93\x80\x81", s), 2);  // hieroglyphs: no font has them
}

TEST(Canvas, JapaneseWrapsBetweenCharactersInANarrowColumn) {
  Canvas c(16, 16);
  Style s;
  s.size_px = 20;
  std::string line = "フェンスが風で鳴る。ミオは空を見上げる。";
  double one = c.measure(line, s, 0);
  double narrow = c.measure(line, s, 100);
  EXPECT_GT(narrow, 3 * one);  // no spaces, yet it wraps
  EXPECT_LE(c.measure_width(line, s), 21 * 20.0);
}

TEST(Canvas, TextDrawsTheSamePixelsEveryTime) {
  auto a = label("Hey! Up here! 一番星", 300);
  auto b = label("Hey! Up here! 一番星", 300);
  ASSERT_EQ(a.width(), b.width());
  for (int y = 0; y < a.height(); ++y) {
    ASSERT_EQ(std::memcmp(a.row(y), b.row(y), sizeof(core::Rgba8) * static_cast<size_t>(a.width())), 0) << y;
  }
  EXPECT_GT(inked_rows(a), 15);
}

TEST(Canvas, LabelMatchesGolden) {
  auto img = label("MIO: 一番星、つかまえた！ *Got it!*", 300);
  EXPECT_TRUE(testing::matches_golden(img.cview(), "text_label", {.per_channel = 8, .max_share = 0.01, .hard_max = 255}));
}

TEST(Canvas, ImageFitKeepsAspectAndCentres) {
  core::Image<core::Rgba8> red(40, 20);
  for (int y = 0; y < 20; ++y) {
    for (int x = 0; x < 40; ++x) red.row(y)[x] = {255, 0, 0, 255};
  }
  Canvas c(100, 100);
  core::RectD r = c.draw_image_fit(red.cview(), {0, 0, 100, 100});
  EXPECT_DOUBLE_EQ(r.x0, 0);
  EXPECT_DOUBLE_EQ(r.y0, 25);
  EXPECT_DOUBLE_EQ(r.y1, 75);
  auto img = c.image();
  EXPECT_EQ(img.row(50)[50].r, 255);
  EXPECT_EQ(img.row(10)[50].a, 0);
}

}  // namespace
}  // namespace sakuga::text
