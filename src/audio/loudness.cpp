#include "audio/loudness.h"

#include <ebur128.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>

namespace sakuga::audio {
namespace {

constexpr int kSpan = TruePeakLimiter::kHalfTaps;  // taps from -kSpan to +kSpan
constexpr int kTaps = 2 * kSpan + 1;
constexpr std::array<double, 6> kOffsets = {-0.75, -0.5, -0.25, 0.25, 0.5, 0.75};

// Windowed-sinc taps interpolating at k + offset from x[k - kSpan .. k + kSpan], and for each
// offset the sum of |taps|: a bound on how far above the samples' own peak the value can go.
struct Interpolator {
  std::array<std::array<float, kTaps>, kOffsets.size()> taps{};
  double gain_bound = 0;
  Interpolator() {
    for (size_t o = 0; o < kOffsets.size(); ++o) {
      double abs_sum = 0;
      for (int j = -kSpan; j <= kSpan; ++j) {
        double t = j - kOffsets[o];
        double sinc = std::abs(t) < 1e-12 ? 1.0 : std::sin(std::numbers::pi * t) / (std::numbers::pi * t);
        double w = std::abs(t) >= kSpan + 1 ? 0.0 : 0.5 * (1 + std::cos(std::numbers::pi * t / (kSpan + 1)));
        taps[o][static_cast<size_t>(j + kSpan)] = static_cast<float>(sinc * w);
        abs_sum += std::abs(sinc * w);
      }
      gain_bound = std::max(gain_bound, abs_sum);
    }
  }
};

const Interpolator& interpolator() {
  static const Interpolator in;
  return in;
}

// The peak around sample k of one channel: the sample and the values a quarter, half and three
// quarters of the way to each neighbour. `at(j)` gives x[k + j] for j in [-kSpan, kSpan]. When
// the bound from the samples alone is at most `enough`, that bound is returned instead (cheaply).
template <typename At>
double peak_around(At at, double enough) {
  const Interpolator& ip = interpolator();
  double local = 0;
  for (int j = -kSpan; j <= kSpan; ++j) local = std::max(local, static_cast<double>(std::abs(at(j))));
  if (local * ip.gain_bound <= enough) return local * ip.gain_bound;
  double peak = std::abs(at(0));
  for (size_t o = 0; o < kOffsets.size(); ++o) {
    double v = 0;
    for (int j = -kSpan; j <= kSpan; ++j) v += ip.taps[o][static_cast<size_t>(j + kSpan)] * at(j);
    peak = std::max(peak, std::abs(v));
  }
  return std::min(peak, local * ip.gain_bound);
}

}  // namespace

LoudnessMeter::LoudnessMeter(int sample_rate, int channels, bool peaks)
    : rate_(sample_rate), channels_(channels), peaks_(peaks) {
  st_ = ebur128_init(static_cast<unsigned>(channels), static_cast<unsigned long>(sample_rate),
                     EBUR128_MODE_I | EBUR128_MODE_LRA | EBUR128_MODE_S);
  until_next_ = static_cast<int64_t>(std::llround(kShortTermStep * sample_rate));
}

LoudnessMeter::~LoudnessMeter() {
  auto* st = static_cast<ebur128_state*>(st_);
  if (st) ebur128_destroy(&st);
}

void LoudnessMeter::add(const float* interleaved, int64_t frames) {
  auto* st = static_cast<ebur128_state*>(st_);
  if (!st) return;
  const int64_t step = static_cast<int64_t>(std::llround(kShortTermStep * rate_));
  if (peaks_ && frames > 0) {
    // Peaks: the samples, and between them, over this block with the previous block's last frames
    // in front (the frames at the block's far end are looked at again next time).
    std::vector<float> x(tail_);
    x.insert(x.end(), interleaved, interleaved + frames * channels_);
    const int64_t n = static_cast<int64_t>(x.size()) / channels_;
    // The tail's frames already looked at are all but its last kSpan.
    const int64_t first = std::max<int64_t>(0, static_cast<int64_t>(tail_.size()) / channels_ - kSpan);
    for (float v : x) sample_peak_ = std::max(sample_peak_, static_cast<double>(std::abs(v)));
    // In runs of 32 frames: a run whose samples (and their neighbours) cannot reach the peak so far
    // even between samples is passed over.
    const double bound = interpolator().gain_bound;
    constexpr int64_t kRun = 32;
    for (int64_t r0 = first; r0 < n - kSpan; r0 += kRun) {
      const int64_t r1 = std::min(r0 + kRun, n - kSpan);
      float local = 0;
      for (int64_t i = std::max<int64_t>(0, r0 - kSpan) * channels_; i < (r1 + kSpan) * channels_; ++i) {
        local = std::max(local, std::abs(x[static_cast<size_t>(i)]));
      }
      if (local * bound <= true_peak_) continue;
      for (int c = 0; c < channels_; ++c) {
        for (int64_t k = r0; k < r1; ++k) {
          true_peak_ = std::max(true_peak_, peak_around([&](int j) {
                                  int64_t i = k + j;
                                  return i < 0 ? 0.0f : x[static_cast<size_t>(i * channels_ + c)];
                                }, true_peak_));
        }
      }
    }
    const int64_t keep = std::min<int64_t>(n, 2 * kSpan);
    tail_.assign(x.end() - keep * channels_, x.end());
  }
  while (frames > 0) {
    int64_t k = std::min(frames, until_next_);
    ebur128_add_frames_float(st, interleaved, static_cast<size_t>(k));
    interleaved += k * channels_;
    frames -= k;
    until_next_ -= k;
    if (until_next_ == 0) {
      double s = -HUGE_VAL;
      ebur128_loudness_shortterm(st, &s);
      short_term_.push_back(std::isfinite(s) ? static_cast<float>(s) : -70.0f);
      until_next_ = step;
    }
  }
}

LoudnessMeter::Result LoudnessMeter::result() const {
  Result r;
  auto* st = static_cast<ebur128_state*>(st_);
  if (!st) return r;
  double v = 0;
  if (ebur128_loudness_global(st, &v) == EBUR128_SUCCESS && std::isfinite(v)) r.integrated = v;
  if (ebur128_loudness_range(st, &v) == EBUR128_SUCCESS && std::isfinite(v)) r.range = v;
  // The frames still held at the end: the signal stops there (silence after).
  double tp = true_peak_, sp = sample_peak_;
  const int64_t n = static_cast<int64_t>(tail_.size()) / channels_;
  for (int c = 0; c < channels_; ++c) {
    for (int64_t k = std::max<int64_t>(0, n - kSpan); k < n; ++k) {
      sp = std::max(sp, static_cast<double>(std::abs(tail_[static_cast<size_t>(k * channels_ + c)])));
      tp = std::max(tp, peak_around([&](int j) {
                      int64_t i = k + j;
                      return i < 0 || i >= n ? 0.0f : tail_[static_cast<size_t>(i * channels_ + c)];
                    }, tp));
    }
  }
  if (tp > 0) r.true_peak = 20 * std::log10(tp);
  if (sp > 0) r.sample_peak = 20 * std::log10(sp);
  r.short_term = short_term_;
  return r;
}

TruePeakLimiter::TruePeakLimiter(int sample_rate, int channels, const LimiterOptions& options)
    : channels_(channels),
      ceiling_(std::pow(10.0, options.ceiling_dbtp / 20.0) * 0.995),  // a little margin for the estimate
      lookahead_(static_cast<size_t>(std::max<int64_t>(1, std::llround(options.lookahead_ms * 1e-3 * sample_rate)))),
      release_step_(1.0 - std::exp(-1.0 / std::max(1.0, options.release_ms * 1e-3 * sample_rate))) {
  past_ = lookahead_ + 2 * kHalfTaps;
  buf_.assign(past_ * static_cast<size_t>(channels), 0.0f);
  need_.assign(lookahead_ + 1, 1.0);
  held_.assign(lookahead_ + 1, 1.0);
  held_sum_ = static_cast<double>(lookahead_ + 1);
}

void TruePeakLimiter::process(const float* in, float* out, int64_t frames) {
  if (frames <= 0) return;
  const size_t ch = static_cast<size_t>(channels_);
  const size_t n = static_cast<size_t>(frames);
  // The buffer: the last `past_` frames of before, then these.
  buf_.resize((past_ + n) * ch);
  std::copy_n(in, n * ch, buf_.begin() + static_cast<ptrdiff_t>(past_ * ch));
  mag_.resize(past_ + n);
  for (size_t f = 0; f < past_ + n; ++f) {
    float m = 0;
    for (size_t c = 0; c < ch; ++c) m = std::max(m, std::abs(buf_[f * ch + c]));
    mag_[f] = m;
  }
  const double bound = interpolator().gain_bound;
  const size_t span = static_cast<size_t>(kHalfTaps);
  for (size_t i = 0; i < n; ++i) {
    // The gain sample k (kHalfTaps before the newest) needs to stay under the ceiling.
    const size_t k = past_ + i - span;
    float local = 0;
    for (size_t j = k - span; j <= k + span; ++j) local = std::max(local, mag_[j]);
    double need = 1.0;
    if (local * bound > ceiling_) {
      double peak = 0;
      for (size_t c = 0; c < ch; ++c) {
        peak = std::max(peak, peak_around([&](int j) { return buf_[(k + static_cast<size_t>(j + kHalfTaps) - span) * ch + c]; },
                                          ceiling_));
      }
      if (peak > ceiling_) need = ceiling_ / peak;
    }
    const size_t slot = static_cast<size_t>(pushed_) % (lookahead_ + 1);
    need_[slot] = need;
    since_need_ = need < 1.0 ? 0 : since_need_ + 1;
    double hold = 1.0;
    if (since_need_ <= lookahead_) {
      for (double x : need_) hold = std::min(hold, x);
    }
    release_gain_ = std::min(hold, release_gain_ + (1.0 - release_gain_) * release_step_);
    if (release_gain_ > 1.0 - 1e-9) release_gain_ = 1.0;  // recovered (it would only creep closer)
    held_sum_ += release_gain_ - held_[slot];
    held_[slot] = release_gain_;
    // Out goes the frame the gains of the last lookahead+1 samples were held for.
    const size_t o = k - lookahead_;
    if (release_gain_ == 1.0 && since_need_ > 2 * lookahead_ + 2) {
      held_sum_ = static_cast<double>(lookahead_ + 1);  // all ones: no drift, no work
      std::copy_n(buf_.begin() + static_cast<ptrdiff_t>(o * ch), ch, out + i * ch);
    } else {
      const double gain = std::min(1.0, held_sum_ / static_cast<double>(lookahead_ + 1));
      max_reduction_db_ = std::min(max_reduction_db_, 20 * std::log10(std::max(gain, 1e-9)));
      for (size_t c = 0; c < ch; ++c) out[i * ch + c] = static_cast<float>(buf_[o * ch + c] * gain);
    }
    ++pushed_;
  }
  // Keep the last `past_` frames for the next call.
  std::copy(buf_.end() - static_cast<ptrdiff_t>(past_ * ch), buf_.end(), buf_.begin());
  buf_.resize(past_ * ch);
}

void TruePeakLimiter::flush(float* out) {
  std::vector<float> silence(static_cast<size_t>(delay() * channels_), 0.0f);
  process(silence.data(), out, delay());
}

double true_peak_db(const float* interleaved, int64_t frames, int channels) {
  double peak = 0;
  for (int c = 0; c < channels; ++c) {
    for (int64_t k = 0; k < frames; ++k) {
      peak = std::max(peak, peak_around([&](int j) {
                        int64_t i = k + j;
                        return i < 0 || i >= frames ? 0.0f : interleaved[i * channels + c];
                      }, 0.0));
    }
  }
  return peak > 0 ? 20 * std::log10(peak) : -1e9;
}

}  // namespace sakuga::audio
