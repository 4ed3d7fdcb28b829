#include "audio/lipsync.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace sakuga::audio {
namespace {

// Syllables: 1 kHz bursts of 0.2 s with 0.15 s of silence between, after 0.25 s of silence.
std::vector<float> syllables(int rate, float amplitude, int count) {
  std::vector<float> x(static_cast<size_t>(rate * (0.25 + 0.35 * count)), 0.0f);
  for (int s = 0; s < count; ++s) {
    size_t a = static_cast<size_t>(rate * (0.25 + 0.35 * s)), b = a + static_cast<size_t>(rate * 0.2);
    for (size_t i = a; i < b; ++i) x[i] = amplitude * static_cast<float>(std::sin(2 * std::numbers::pi * 1000.0 * i / rate));
  }
  return x;
}

TEST(Lipsync, MouthOpensOnSoundAndClosesInTheGapsHeldOnTwos) {
  auto x = syllables(48000, 0.3f, 4);
  auto m = mouth_timing(x, 48000, {24, 1});
  ASSERT_EQ(m.size(), static_cast<size_t>(std::ceil(x.size() / 2000.0)));
  EXPECT_EQ(mouth_string(m).substr(0, 6), "______");  // 0.25 s of silence: 6 frames
  EXPECT_EQ(m[8], Mouth::kOpen);                      // inside the first syllable
  EXPECT_EQ(m[12], Mouth::kClosed);                   // the gap 0.45-0.60 s: frames 11-14; on 2s, 12-13
  for (size_t k = 0; k + 1 < m.size(); k += 2) EXPECT_EQ(m[k], m[k + 1]) << k;
  auto ones = mouth_timing(x, 48000, {24, 1}, {.on = 1});
  EXPECT_EQ(ones[11], Mouth::kClosed);
}

TEST(Lipsync, AWhisperFlapsLikeAShoutAndFramesFollowTheRate) {
  auto loud = syllables(22050, 0.5f, 5), quiet = syllables(22050, 0.02f, 5), faint = syllables(22050, 0.001f, 5);
  EXPECT_EQ(mouth_string(mouth_timing(loud, 22050, {24, 1})), mouth_string(mouth_timing(quiet, 22050, {24, 1})));
  EXPECT_EQ(mouth_string(mouth_timing(loud, 22050, {24, 1})), mouth_string(mouth_timing(faint, 22050, {24, 1})));
  // At 24000/1001 the frames are a little longer: fewer of them for the same sound, exactly.
  auto ntsc = mouth_timing(loud, 22050, {24000, 1001});
  int64_t frames = 0;
  while (core::frame_to_sample(frames, {24000, 1001}, 22050) < static_cast<int64_t>(loud.size())) ++frames;
  EXPECT_EQ(static_cast<int64_t>(ntsc.size()), frames);
  EXPECT_TRUE(mouth_timing({}, 48000, {24, 1}).empty());
  std::vector<float> silence(48000, 0.0f);
  EXPECT_EQ(mouth_string(mouth_timing(silence, 48000, {24, 1})), std::string(24, '_'));
}

}  // namespace
}  // namespace sakuga::audio
