#include <gtest/gtest.h>

#include "composite/camera.h"
#include "composite/compositor.h"

namespace sakuga::composite {
namespace {

TEST(Camera, InterpolatesLinearlyAndEased) {
  std::vector<CameraKey> keys = {{0, 0, 0, 1, Ease::kLinear}, {10, 100, 50, 1, Ease::kEaseInOut}, {20, 200, 50, 4}};
  EXPECT_DOUBLE_EQ(evaluate(keys, -5, {}).x, 0);
  EXPECT_DOUBLE_EQ(evaluate(keys, 5, {}).x, 50);
  EXPECT_DOUBLE_EQ(evaluate(keys, 5, {}).y, 25);
  EXPECT_DOUBLE_EQ(evaluate(keys, 15, {}).x, 150);  // smoothstep is symmetric at the midpoint
  EXPECT_LT(evaluate(keys, 12, {}).x, 120);          // slow out of the key
  EXPECT_DOUBLE_EQ(evaluate(keys, 15, {}).zoom, 2);  // geometric zoom
  EXPECT_DOUBLE_EQ(evaluate(keys, 99, {}).x, 200);
  EXPECT_DOUBLE_EQ(evaluate({}, 3, {7, 8, 1}).x, 7);
}

TEST(Camera, EaseCurvesAreMonotonicAndPinnedAtTheEnds) {
  for (Ease e : {Ease::kLinear, Ease::kEaseIn, Ease::kEaseOut, Ease::kEaseInOut}) {
    EXPECT_DOUBLE_EQ(ease(e, 0), 0);
    EXPECT_DOUBLE_EQ(ease(e, 1), 1);
    double prev = 0;
    for (double t = 0.05; t <= 1; t += 0.05) {
      EXPECT_GE(ease(e, t), prev);
      prev = ease(e, t);
    }
  }
  EXPECT_LT(ease(Ease::kEaseIn, 0.5), 0.5);
  EXPECT_GT(ease(Ease::kEaseOut, 0.5), 0.5);
}

TEST(Camera, BackgroundPointUnderTheFrameCentre) {
  core::Affine m = background_to_frame({1000, 300, 2}, 1920, 1080);
  core::Vec2 c = m.apply({1000, 300});
  EXPECT_DOUBLE_EQ(c.x, 960);
  EXPECT_DOUBLE_EQ(c.y, 540);
  EXPECT_DOUBLE_EQ(m.apply({1001, 300}).x, 962);
  EXPECT_EQ(field_to_frame({1000, 300, 1}, 1920, 1080), core::Affine());
}

TEST(Compositor, BackgroundThenCelsOver) {
  core::Image<core::Rgba8> bg(8, 4);
  for (int y = 0; y < 4; ++y) {
    for (int x = 0; x < 8; ++x) bg.at(x, y) = {uint8_t(x < 4 ? 200 : 0), 0, 0, 255};
  }
  raster::Cel cel;
  cel.pixels = core::Image<core::Rgba8>(1, 1);
  cel.pixels.at(0, 0) = {0, 0, 128, 128};  // half-transparent blue, premultiplied
  cel.x = 1;
  cel.y = 1;
  FrameStack stack{4, 2, &bg, core::Affine::translate(-2, -1), {&cel}};
  auto out = composite(stack);
  EXPECT_EQ(out.at(0, 0), (core::Rgba8{200, 0, 0, 255}));  // bg x=2
  EXPECT_EQ(out.at(3, 0), (core::Rgba8{0, 0, 0, 255}));    // bg x=5
  EXPECT_EQ(out.at(1, 1), (core::Rgba8{100, 0, 128, 255}));
}

TEST(Compositor, OutsideTheBackgroundIsBlack) {
  core::Image<core::Rgba8> bg(2, 2);
  for (int y = 0; y < 2; ++y) {
    for (int x = 0; x < 2; ++x) bg.at(x, y) = {255, 255, 255, 255};
  }
  FrameStack stack{4, 4, &bg, {}, {}};
  auto out = composite(stack);
  EXPECT_EQ(out.at(0, 0), (core::Rgba8{255, 255, 255, 255}));
  EXPECT_EQ(out.at(3, 3), (core::Rgba8{0, 0, 0, 255}));
}

}  // namespace
}  // namespace sakuga::composite
