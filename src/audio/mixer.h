#pragma once
/// The mix: sound cues placed at exact sample positions, resampled to the mix rate (libsamplerate),
/// brought to stereo, gained and summed. Streams in blocks, so memory does not grow with the length
/// of the episode or of any cue.

#include <string>
#include <vector>

#include "core/fs.h"

namespace sakuga::audio {

constexpr int kMixRate = 48000;
constexpr int kMixChannels = 2;

struct Cue {
  core::fs::path file;     ///< resolved path
  std::string name;        ///< how the user knows it, for messages ("cuts/c002/cut.toml: sound sfx/pop.wav")
  int64_t start_sample = 0;  ///< at kMixRate; negative starts play from the middle of the cue
  double gain_db = 0;
};

struct MixStats {
  int64_t samples = 0;  ///< frames of stereo output
  float peak = 0;       ///< absolute sample peak of the mix
};

/// Mixes `cues` into `total_samples` stereo frames at 48 kHz and writes a 32-bit float WAV
/// atomically at `out`. A cue that cannot be decoded fails the mix with a message naming it.
core::Result<MixStats> mix(core::FileSystem& fs, const std::vector<Cue>& cues, int64_t total_samples,
                           const core::fs::path& out);

}  // namespace sakuga::audio
