#pragma once
/// Speech timing truth for kuchipaku: lines spoken by libespeak-ng in-process, with its phoneme
/// events (which phoneme starts at which millisecond). The mouth is closed in pauses and on the
/// lip closures (p, b, m) and open on everything else: the truth the flaps timed from the sound
/// alone are scored against. Benchmarks and tests only: the product runs espeak-ng as a program.

#include <string>
#include <vector>

#include "audio/lipsync.h"
#include "core/time.h"

namespace sakuga::lipsync_truth {

struct Spoken {
  std::vector<float> samples;  ///< mono
  int sample_rate = 0;
  struct Phoneme {
    std::string name;  ///< eSpeak's mnemonic ("_:" a pause)
    int start_ms = 0;
  };
  std::vector<Phoneme> phonemes;
};

/// Speaks `text` in `voice`; empty samples when the synthesizer is not there.
Spoken speak(const std::string& text, const std::string& voice);

/// Per frame (from the first sample), whether the mouth is closed.
std::vector<bool> closed_truth(const Spoken& s, core::Rational rate);

/// Lines to score: English and Japanese (kana), short and long, with the voice for each.
struct Line {
  std::string text, voice;
};
const std::vector<Line>& lines();

}  // namespace sakuga::lipsync_truth
