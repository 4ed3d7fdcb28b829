#include "core/time.h"

#include <gtest/gtest.h>

namespace sakuga::core {
namespace {

const Rational k24{24, 1};
const Rational kNtsc{24000, 1001};

TEST(Time, ParsesRatesAsExactRationals) {
  EXPECT_EQ(parse_rate("24").value(), k24);
  EXPECT_EQ(parse_rate("24000/1001").value(), kNtsc);
  EXPECT_EQ(parse_rate("48000/2002").value(), kNtsc);
  EXPECT_EQ(parse_rate("23.976").value(), kNtsc);
  EXPECT_FALSE(parse_rate("0").is_ok());
  EXPECT_FALSE(parse_rate("24/0").is_ok());
  EXPECT_FALSE(parse_rate("fast").is_ok());
}

TEST(Time, SecondsPlusFramesUsesTheNominalRate) {
  EXPECT_EQ(parse_duration("3+12", k24).value(), 84);
  EXPECT_EQ(parse_duration("3+12", kNtsc).value(), 84);
  EXPECT_EQ(parse_duration("0+0", k24).value(), 0);
  EXPECT_EQ(parse_duration("84", k24).value(), 84);
  EXPECT_EQ(format_duration(84, k24), "3+12");
  EXPECT_EQ(format_duration(144, kNtsc), "6+0");
}

TEST(Time, RejectsMalformedDurations) {
  EXPECT_FALSE(parse_duration("3+24", k24).is_ok());
  EXPECT_FALSE(parse_duration("-2", k24).is_ok());
  EXPECT_FALSE(parse_duration("3+", k24).is_ok());
  EXPECT_FALSE(parse_duration("+3", k24).is_ok());
  EXPECT_FALSE(parse_duration("1.5", k24).is_ok());
  EXPECT_EQ(parse_duration("3+30", k24).status().message(),
            "invalid duration '3+30': frames after '+' must be below 24");
}

TEST(Time, FrameToSampleIsExactAtBothRates) {
  EXPECT_EQ(frame_to_sample(24, k24, 48000), 48000);
  EXPECT_EQ(frame_to_sample(1, k24, 48000), 2000);
  // At 24000/1001 one frame is 2002 samples exactly.
  EXPECT_EQ(frame_to_sample(1, kNtsc, 48000), 2002);
  EXPECT_EQ(frame_to_sample(86400, kNtsc, 48000), 86400LL * 2002);
  // 44.1 kHz does not divide evenly: floor of 1 * 44100 * 1001 / 24000 = 1839.3375.
  EXPECT_EQ(frame_to_sample(1, kNtsc, 44100), 1839);
  // A whole day of frames does not overflow.
  EXPECT_EQ(frame_to_sample(24LL * 3600 * 24 * 365, k24, 192000), 192000LL * 3600 * 24 * 365);
  EXPECT_EQ(frame_to_sample(-1, kNtsc, 44100), -1840);
}

TEST(Time, TimecodeIsNonDropAtTheNominalRate) {
  EXPECT_EQ(format_timecode(0, k24), "00:00:00:00");
  EXPECT_EQ(format_timecode(86400, kNtsc), "01:00:00:00");
  EXPECT_EQ(format_timecode(24 * 61 + 5, k24), "00:01:01:05");
  EXPECT_DOUBLE_EQ(frames_to_seconds(86400, kNtsc), 3603.6);
}

}  // namespace
}  // namespace sakuga::core
