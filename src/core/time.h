#pragma once
/// Exact time. Frames are integers, rates are rationals, audio positions are sample indices.
/// Seconds appear only when printing.
///
/// Anime durations are written as seconds+frames, `3+12`, where a second is the sheet's nominal
/// 24 frames (also at 24000/1001, where the frame count is the same and only the clock differs).

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace sakuga::core {

/// A positive rational number in lowest terms, e.g. a frame rate of 24000/1001.
struct Rational {
  int64_t num = 0;
  int64_t den = 1;

  static Rational make(int64_t num, int64_t den);  ///< normalises sign and common factors
  double to_double() const { return static_cast<double>(num) / static_cast<double>(den); }
  friend bool operator==(const Rational&, const Rational&) = default;
  std::string to_string() const;  ///< "24" or "24000/1001"
};

/// Parses "24", "24000/1001" or "23.976" (the latter mapped to 24000/1001, as 29.97 and 59.94 are).
Result<Rational> parse_rate(std::string_view text);

/// Frames per nominal second: 24 for both 24 and 24000/1001.
int64_t nominal_fps(Rational rate);

/// The longest duration Sakuga reads: a day of frames. Anything longer in a file is a mistake, and
/// the bound keeps frame arithmetic far from overflow.
inline constexpr int64_t kMaxDurationFrames = 24 * 60 * 60 * 24;

/// The longest timesheet (an hour): writers and the printed sheet work frame by frame.
inline constexpr int64_t kMaxSheetFrames = 60 * 60 * 24;

/// Parses a duration "3+12" (seconds+frames) or "84" (frames). Frames after '+' must be below the
/// nominal rate. Negative durations and durations over kMaxDurationFrames are rejected.
Result<int64_t> parse_duration(std::string_view text, Rational rate);

/// Formats frames the anime way: 84 frames at 24 fps -> "3+12".
std::string format_duration(int64_t frames, Rational rate);

/// The first audio sample of `frame` at `sample_rate`: floor(frame * sample_rate / rate), exact.
int64_t frame_to_sample(int64_t frame, Rational rate, int64_t sample_rate);

/// Seconds of wall-clock time, for printing only.
double frames_to_seconds(int64_t frames, Rational rate);

/// SMPTE non-drop-frame timecode HH:MM:SS:FF counted at the nominal rate.
std::string format_timecode(int64_t frames, Rational rate);

}  // namespace sakuga::core
