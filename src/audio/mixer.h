#pragma once
/// The mix: sound cues placed at exact sample positions, resampled to the mix rate (swresample),
/// brought to stereo, gained and summed. Streams in blocks; a mastered mix keeps its premix in
/// memory up to 256 MB (about five minutes), a longer one in a scratch file.

#include <optional>
#include <string>
#include <vector>

#include "core/fs.h"

namespace sakuga::audio {

constexpr int kMixRate = 48000;
constexpr int kMixChannels = 2;

/// The mix's buses: dialogue, effects and music. The stems are dialogue, and M&E (music and
/// effects, the international version without voices).
enum class Bus { kDialogue, kEffects, kMusic };

struct Cue {
  core::fs::path file;     ///< resolved path
  std::string name;        ///< how the user knows it, for messages ("cuts/c002/cut.toml: sound sfx/pop.wav")
  int64_t start_sample = 0;  ///< at kMixRate; negative starts play from the middle of the cue
  double gain_db = 0;
  Bus bus = Bus::kEffects;
  int64_t fade_in = 0;    ///< samples at kMixRate, from silence up to full at the start
  int64_t fade_out = 0;   ///< samples at kMixRate, down to silence at the end
  int64_t length = -1;    ///< samples to play (the cue ends there, after its fade out); -1: all of it
  double pan = 0;         ///< -1 left, 0 centre, 1 right (constant power)
  bool duck = false;      ///< dips under dialogue (music always does)
};

/// Music and ambience dip under dialogue: when the dialogue bus rises above the threshold the
/// ducked cues fall by `depth_db` over about `attack_ms`, and come back over `release_ms`.
struct Ducking {
  double depth_db = -10;
  double attack_ms = 60;
  double release_ms = 600;
  double threshold_db = -45;  ///< dialogue sample level that counts as speech
};

/// Mastering: the mix brought to an integrated loudness and kept under a true-peak ceiling.
struct Mastering {
  double target_lufs = -24;  ///< ARIB TR-B32; EBU R128 is -23
  double ceiling_dbtp = -1;
};

struct MixOptions {
  Ducking ducking;
  std::optional<Mastering> master;  ///< none: the sum as it is
  core::fs::path dialogue_stem;     ///< written when not empty (after the mastering gain)
  core::fs::path me_stem;           ///< music and effects, likewise
  core::fs::path scratch;           ///< where the premix is kept between passes (deleted after)
};

struct MixStats {
  int64_t samples = 0;  ///< frames of stereo output
  float peak = 0;       ///< absolute sample peak of the mix
  // With mastering:
  double premix_lufs = -1e9;     ///< integrated loudness before
  double gain_db = 0;            ///< applied to reach the target
  double limiter_db = 0;         ///< the deepest the limiter went (<= 0)
  double integrated_lufs = -1e9, range_lu = 0, true_peak_dbtp = -1e9;  ///< of the master
  std::vector<float> short_term;  ///< LUFS every LoudnessMeter::kShortTermStep s
  std::vector<float> envelope;    ///< peak of the master every 0.1 s (0-1), for a waveform picture
};

/// Mixes `cues` into `total_samples` stereo frames at 48 kHz and writes a 32-bit float WAV
/// atomically at `out`. A cue that cannot be decoded fails the mix with a message naming it.
core::Result<MixStats> mix(core::FileSystem& fs, const std::vector<Cue>& cues, int64_t total_samples,
                           const core::fs::path& out, const MixOptions& options = {});

}  // namespace sakuga::audio
