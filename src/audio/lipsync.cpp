#include "audio/lipsync.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sakuga::audio {
namespace {

// A first-order high pass then a first-order low pass: the band where speech moves the mouth.
std::vector<float> speech_band(std::span<const float> x, int rate) {
  std::vector<float> y(x.size());
  const double hp = std::exp(-2 * std::numbers::pi * 150.0 / rate);
  const double lp = 1 - std::exp(-2 * std::numbers::pi * 4000.0 / rate);
  double prev_in = 0, prev_hp = 0, low = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    double h = hp * (prev_hp + x[i] - prev_in);
    prev_in = x[i];
    prev_hp = h;
    low += lp * (h - low);
    y[i] = static_cast<float>(low);
  }
  return y;
}

}  // namespace

std::vector<Mouth> mouth_timing(std::span<const float> mono, int sample_rate, core::Rational frame_rate,
                                const LipsyncOptions& options) {
  if (mono.empty() || sample_rate <= 0 || frame_rate.num <= 0) return {};
  const std::vector<float> band = speech_band(mono, sample_rate);
  // Frame k covers [start(k), start(k + 1)) in samples, exactly at any frame rate.
  auto start = [&](int64_t k) { return core::frame_to_sample(k, frame_rate, sample_rate); };
  std::vector<double> level;
  for (int64_t k = 0; start(k) < static_cast<int64_t>(band.size()); ++k) {
    const int64_t a = start(k), b = std::min<int64_t>(start(k + 1), static_cast<int64_t>(band.size()));
    double sum = 0;
    for (int64_t i = a; i < b; ++i) sum += static_cast<double>(band[static_cast<size_t>(i)]) * band[static_cast<size_t>(i)];
    level.push_back(b > a ? std::sqrt(sum / static_cast<double>(b - a)) : 0.0);
  }
  // The speaking level: the 90th percentile of the frames that are not silence.
  const double loudest = level.empty() ? 0.0 : *std::max_element(level.begin(), level.end());
  std::vector<double> voiced;
  for (double l : level) {
    if (l > loudest * 0.01 && l > 1e-5) voiced.push_back(l);  // within 40 dB of its loudest
  }
  std::vector<Mouth> out(level.size(), Mouth::kClosed);
  if (voiced.empty()) return out;
  std::sort(voiced.begin(), voiced.end());
  const double speaking = voiced[std::min(voiced.size() - 1, voiced.size() * 9 / 10)];
  const double closed = options.closed_below * speaking;
  for (size_t k = 0; k < level.size(); ++k) {
    out[k] = level[k] < closed ? Mouth::kClosed : level[k] > options.open_above * speaking ? Mouth::kOpen : Mouth::kHalf;
  }
  hold_widest(out, options.on);
  return out;
}

void hold_widest(std::vector<Mouth>& frames, int on_in) {
  const size_t on = static_cast<size_t>(std::clamp(on_in, 1, 3));
  for (size_t k = 0; k < frames.size(); k += on) {
    const size_t end = std::min(frames.size(), k + on);
    const Mouth widest = *std::max_element(frames.begin() + static_cast<ptrdiff_t>(k), frames.begin() + static_cast<ptrdiff_t>(end));
    std::fill(frames.begin() + static_cast<ptrdiff_t>(k), frames.begin() + static_cast<ptrdiff_t>(end), widest);
  }
}

std::string mouth_string(const std::vector<Mouth>& m) {
  std::string s;
  for (Mouth x : m) s += x == Mouth::kClosed ? '_' : x == Mouth::kHalf ? '-' : 'O';
  return s;
}

}  // namespace sakuga::audio
