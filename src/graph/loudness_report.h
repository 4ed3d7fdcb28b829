#pragma once
/// The loudness report of a mastered mix: `out/<name>.loudness.json` (integrated loudness, range,
/// true peak, the gain and limiting that got there) and `out/<name>.loudness.png` (the waveform and
/// the short-term loudness over the episode, against the target and the ceiling).

#include <string>

#include "audio/mixer.h"
#include "core/result.h"

namespace sakuga::graph {

std::string loudness_json(const audio::MixStats& stats, const audio::Mastering& target);

/// A PNG picture, `width` x `height` pixels.
core::Result<std::string> loudness_picture(const audio::MixStats& stats, const audio::Mastering& target,
                                           int width = 1600, int height = 600);

}  // namespace sakuga::graph
