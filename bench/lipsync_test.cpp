// Kuchipaku against speech timing truth, in `make test`: the 24 lines of lipsync_truth spoken by
// libespeak-ng, flaps timed from the sound alone, scored against the phoneme events.
#include <gtest/gtest.h>

#include "lipsync_truth.h"

namespace sakuga::lipsync_truth {
namespace {

TEST(LipsyncTruth, OpenOrClosedAgreesOnAtLeast85PercentOfFrames) {
  const core::Rational rate{24, 1};
  int total = 0, agree = 0, flap = 0;
  for (const Line& line : lines()) {
    Spoken s = speak(line.text, line.voice);
    ASSERT_FALSE(s.samples.empty()) << line.text;
    ASSERT_FALSE(s.phonemes.empty()) << line.text;
    std::vector<bool> truth = closed_truth(s, rate);
    auto m = audio::mouth_timing(s.samples, s.sample_rate, rate);
    ASSERT_EQ(m.size(), truth.size());
    for (size_t k = 0; k < truth.size(); ++k) {
      agree += (m[k] == audio::Mouth::kClosed) == truth[k];
      flap += ((k / 2) % 2 == 1) == truth[k];
    }
    total += static_cast<int>(truth.size());
  }
  EXPECT_GE(lines().size(), 20u);
  EXPECT_GE(agree, total * 85 / 100) << agree << " of " << total;
  EXPECT_LT(flap, total * 60 / 100);  // the truth is not something a blind flap matches
}

}  // namespace
}  // namespace sakuga::lipsync_truth
