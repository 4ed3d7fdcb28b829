#include "animatic/animatic.h"

#include <gtest/gtest.h>

#include "core/fs.h"
#include "raster/png_io.h"
#include "testing/golden.h"

namespace sakuga::animatic {
namespace {

TEST(Timing, LinesKeepTheirPlannedStartsWhenTheyFit) {
  Timing t = time_lines(120, {10, 60}, {30, 24});
  EXPECT_EQ(t.starts, (std::vector<int64_t>{10, 60}));
  EXPECT_EQ(t.frames, 120);
}

TEST(Timing, ALongVoicePushesTheNextLineAndTheCut) {
  Timing t = time_lines(48, {0, 20}, {40, 30});
  EXPECT_EQ(t.starts, (std::vector<int64_t>{0, 40 + kBreathFrames}));
  EXPECT_EQ(t.frames, 40 + kBreathFrames + 30 + kTailFrames);
}

TEST(Timing, LinesAtTheSameFrameStillSpeakInTurn) {
  Timing t = time_lines(10, {0, 0, 0}, {5, 5, 5});
  EXPECT_EQ(t.starts, (std::vector<int64_t>{0, 5 + kBreathFrames, 10 + 2 * kBreathFrames}));
}

TEST(Timing, ACutWithoutLinesKeepsItsLength) {
  EXPECT_EQ(time_lines(37, {}, {}).frames, 37);
}

Card japanese_card() {
  Card c;
  c.cut_id = "c001";
  c.scene_number = "1";
  c.heading = "学校・屋上（夕）";
  c.action = {"フェンスが風で鳴る。ミオは空を見上げる。"};
  c.lines = {{"ミオ", "", "いい風。"}, {"ケン", "（振り返って）", "なに？"}};
  return c;
}

TEST(Card, JapaneseCardMatchesGolden) {
  auto img = render_card(japanese_card(), 1, 640, 360);
  raster::unpremultiply(img.view());
  EXPECT_TRUE(testing::matches_golden(img.cview(), "animatic_card_ja", {.per_channel = 8, .max_share = 0.01, .hard_max = 255}));
}

TEST(Card, OnlyTheLitLineChanges) {
  Card c = japanese_card();
  auto none = render_card(c, -1, 640, 360);
  auto first = render_card(c, 0, 640, 360);
  auto again = render_card(c, 0, 640, 360);
  int differ = 0;
  for (int y = 0; y < 360; ++y) {
    ASSERT_EQ(std::memcmp(first.row(y), again.row(y), 640 * sizeof(core::Rgba8)), 0);
    differ += std::memcmp(none.row(y), first.row(y), 640 * sizeof(core::Rgba8)) != 0;
  }
  EXPECT_GT(differ, 5);
  EXPECT_LT(differ, 200);
}

TEST(Card, ALongSceneShrinksToFit) {
  Card c;
  c.cut_id = "c009";
  c.heading = "INT. A VERY LONG SCENE - NIGHT";
  for (int i = 0; i < 12; ++i) c.action.push_back("Something happens, and then something else happens after it.");
  for (int i = 0; i < 8; ++i) c.lines.push_back({"KEN", "", "A line of dialogue that goes on for a while."});
  auto img = render_card(c, 7, 640, 360);
  // The paper's bottom margin stays clean: nothing was drawn past the room.
  const core::Rgba8 paper = img.row(360 - 20)[320];
  EXPECT_EQ(paper.r, 245);
  EXPECT_EQ(paper.g, 241);
}

TEST(BurnIn, DrawsOnlyTheTopBar) {
  core::Image<core::Rgba8> frame(640, 360);
  for (int y = 0; y < 360; ++y) {
    for (int x = 0; x < 640; ++x) frame.row(y)[x] = {100, 150, 200, 255};
  }
  burn_in(frame.view(), {"CUT c002  S2", "00:00:12:05  2+04 / 5+00"});
  EXPECT_NE(frame.row(5)[5].r, 100);  // darkened
  EXPECT_EQ(frame.row(200)[320].r, 100);
  EXPECT_EQ(frame.row(5)[5].a, 255);
}

TEST(Panel, SvgPanelsAreRasterizedToFitAndPngsPremultiplied) {
  core::MemoryFileSystem fs;
  fs.put("/b/1.svg", "<svg xmlns='http://www.w3.org/2000/svg' width='400' height='300'>"
                     "<rect x='0' y='0' width='200' height='300' fill='#ff0000'/></svg>");
  auto svg = load_panel(fs, "/b/1.svg", 160, 90);
  ASSERT_TRUE(svg.is_ok()) << svg.status().message();
  EXPECT_EQ(svg->width(), 120);
  EXPECT_EQ(svg->height(), 90);
  EXPECT_EQ(svg->row(45)[10].r, 255);
  EXPECT_EQ(svg->row(45)[10].g, 0);
  EXPECT_EQ(svg->row(45)[110].g, 255);  // the white paper around the drawing
  core::Image<core::Rgba8> half(2, 2);
  for (int y = 0; y < 2; ++y) half.row(y)[0] = half.row(y)[1] = {255, 255, 255, 128};
  fs.put("/b/2.png", *raster::encode_png(half.cview()));
  auto png = load_panel(fs, "/b/2.png", 160, 90);
  ASSERT_TRUE(png.is_ok());
  EXPECT_EQ(png->row(0)[0].r, 128);
  fs.put("/b/3.svg", "<svg><path d='M 0 0 L'/>");
  EXPECT_FALSE(load_panel(fs, "/b/3.svg", 160, 90).is_ok());
}

}  // namespace
}  // namespace sakuga::animatic
