#include "audio/loudness.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace sakuga::audio {
namespace {

std::vector<float> sine(double freq, double amplitude, int64_t frames, int channels) {
  std::vector<float> x(static_cast<size_t>(frames * channels));
  for (int64_t i = 0; i < frames; ++i) {
    for (int c = 0; c < channels; ++c) {
      x[static_cast<size_t>(i * channels + c)] =
          static_cast<float>(amplitude * std::sin(2 * std::numbers::pi * freq * i / 48000.0));
    }
  }
  return x;
}

TEST(Loudness, AFullScaleSineOfOneKilohertzReadsAsTheStandardSays) {
  // BS.1770: a 0 dBFS 1 kHz sine in one channel of stereo reads -3.01 LUFS; in both, 0.
  auto x = sine(997, 1.0, 48000 * 5, 2);
  LoudnessMeter m(48000, 2);
  m.add(x.data(), 48000 * 5);
  auto r = m.result();
  EXPECT_NEAR(r.integrated, 0.0, 0.1);
  EXPECT_NEAR(r.true_peak, 0.0, 0.1);
  EXPECT_EQ(r.short_term.size(), 10u);
}

TEST(Loudness, TruePeakSeesBetweenTheSamples) {
  // A sine at a quarter of the rate, sampled at 45 degrees: the samples peak at 0.707 of the wave.
  std::vector<float> x(4800);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(std::sin(std::numbers::pi / 2 * i + std::numbers::pi / 4));
  EXPECT_NEAR(true_peak_db(x.data(), 4800, 1), 0.0, 0.3);  // the wave's own peak, 3 dB over the samples'
  LoudnessMeter m(48000, 1);
  m.add(x.data(), 4800);
  EXPECT_NEAR(m.result().sample_peak, -3.01, 0.05);
  EXPECT_NEAR(m.result().true_peak, 0.0, 0.3);  // libebur128 agrees
}

TEST(Limiter, HoldsTheCeilingDelaysExactlyAndLeavesQuietSoundAlone) {
  const int64_t n = 48000;
  auto loud = sine(3000, 1.6, n, 2);
  for (int64_t i = 0; i < n / 2; ++i) loud[static_cast<size_t>(i) * 2] *= 0.1f, loud[static_cast<size_t>(i) * 2 + 1] *= 0.1f;
  TruePeakLimiter lim(48000, 2, {.ceiling_dbtp = -1, .lookahead_ms = 2, .release_ms = 80});
  std::vector<float> out(loud.size() + static_cast<size_t>(lim.delay()) * 2);
  lim.process(loud.data(), out.data(), n);
  lim.flush(out.data() + n * 2);
  const float* y = out.data() + lim.delay() * 2;  // aligned with the input
  EXPECT_LE(true_peak_db(y, n, 2), -1.0);
  // The quiet half (0.16 peak) passes unchanged, to the sample.
  for (int64_t i = 100; i < n / 2 - 200; ++i) EXPECT_EQ(y[i * 2], loud[static_cast<size_t>(i) * 2]) << i;
  EXPECT_LT(lim.max_reduction_db(), -4.0);
  // The loud half comes out near the ceiling, not squashed far below it.
  double peak = 0;
  for (int64_t i = n / 2 + 4800; i < n; ++i) peak = std::max(peak, std::abs(static_cast<double>(y[i * 2])));
  EXPECT_GT(20 * std::log10(peak), -2.0);
}

}  // namespace
}  // namespace sakuga::audio
