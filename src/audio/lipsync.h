#pragma once
/// Kuchipaku (lip flaps): the mouth shapes of a dialogue take, timed per frame from its sound, as
/// anime times them: three shapes (closed, half open, open), held on 2s (or 3s) by default.
///
/// The take's speech band (about 150 Hz to 4 kHz) is measured frame by frame against the take's
/// own speaking level (the 90th percentile of its voiced frames), so a whispered line flaps as
/// much as a shouted one: well under it the mouth is closed (pauses, and the closures of p, b, m),
/// near it open, between half open. Held on 2s, each pair of frames shows the wider of its two.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/time.h"

namespace sakuga::audio {

enum class Mouth : uint8_t { kClosed = 0, kHalf = 1, kOpen = 2 };

struct LipsyncOptions {
  int on = 2;                  ///< frames each shape is held: 1, 2 (anime's default) or 3
  double closed_below = 0.08;  ///< level relative to the speaking level (-22 dB) under which it closes
  double open_above = 0.40;    ///< and over which it opens (-8 dB)
};

/// The shape for each frame of the take, frame 0 starting at its first sample. `mono` is the
/// take's samples (channels mixed) at `sample_rate`.
std::vector<Mouth> mouth_timing(std::span<const float> mono, int sample_rate, core::Rational frame_rate,
                                const LipsyncOptions& options = {});

/// Holds shapes on `on`s (1, 2 or 3) counted from frame 0: each group of frames shows the widest
/// shape in it, so a short opening is never lost.
void hold_widest(std::vector<Mouth>& frames, int on);

/// "1 1 2 3 ..." style: one character per frame, `_` closed, `-` half, `O` open (for reports).
std::string mouth_string(const std::vector<Mouth>& m);

}  // namespace sakuga::audio
