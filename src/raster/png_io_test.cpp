#include "raster/png_io.h"

#include <gtest/gtest.h>

namespace sakuga::raster {
namespace {

TEST(Png, RoundTripsPixelsAndOffset) {
  core::Image<core::Rgba8> img(7, 5);
  for (int y = 0; y < 5; ++y) {
    for (int x = 0; x < 7; ++x) img.at(x, y) = {uint8_t(x * 30), uint8_t(y * 50), 7, uint8_t(255 - x)};
  }
  auto bytes = encode_png(img.view(), {.offset_x = -12, .offset_y = 40});
  ASSERT_TRUE(bytes.is_ok());
  auto back = decode_png(*bytes);
  ASSERT_TRUE(back.is_ok()) << back.status().message();
  EXPECT_EQ(back->offset_x, -12);
  EXPECT_EQ(back->offset_y, 40);
  for (int y = 0; y < 5; ++y) {
    for (int x = 0; x < 7; ++x) EXPECT_EQ(back->pixels.at(x, y), img.at(x, y));
  }
}

TEST(Png, CorruptDataIsAnErrorNotACrash) {
  core::Image<core::Rgba8> img(64, 64);
  std::string bytes = *encode_png(img.view());
  EXPECT_FALSE(decode_png("hello").is_ok());
  std::string truncated = bytes.substr(0, bytes.size() / 2);
  auto r = decode_png(truncated);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("corrupt PNG"), std::string::npos);
  std::string flipped = bytes;
  flipped[40] ^= 0x55;
  EXPECT_FALSE(decode_png(flipped).is_ok());
}

TEST(Png, PremultiplyRoundTripsOpaqueAndClearsTransparent) {
  core::Image<core::Rgba8> img(3, 1);
  img.at(0, 0) = {200, 100, 50, 255};
  img.at(1, 0) = {200, 100, 50, 128};
  img.at(2, 0) = {200, 100, 50, 0};
  premultiply(img.view());
  EXPECT_EQ(img.at(0, 0), (core::Rgba8{200, 100, 50, 255}));
  EXPECT_EQ(img.at(1, 0), (core::Rgba8{100, 50, 25, 128}));
  EXPECT_EQ(img.at(2, 0), (core::Rgba8{0, 0, 0, 0}));
  unpremultiply(img.view());
  EXPECT_EQ(img.at(1, 0), (core::Rgba8{199, 100, 50, 128}));
}

}  // namespace
}  // namespace sakuga::raster
