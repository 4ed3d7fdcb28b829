#pragma once
/// Loudness and true peak: measurement (ITU-R BS.1770 / EBU R128 through libebur128) and a
/// look-ahead true-peak limiter, for mastering the mix to a broadcast target (ARIB TR-B32: -24 LKFS,
/// EBU R128: -23 LUFS; true peak at most -1 dBTP).

#include <memory>
#include <vector>

namespace sakuga::audio {

/// A running BS.1770 measurement of interleaved float audio.
class LoudnessMeter {
 public:
  /// With `peaks`, the true peak is measured too (4x oversampled as the limiter sees it; libebur128's
  /// own true-peak mode costs as much as the rest of the mix) and the sample peak.
  LoudnessMeter(int sample_rate, int channels, bool peaks = true);
  ~LoudnessMeter();
  LoudnessMeter(const LoudnessMeter&) = delete;
  LoudnessMeter& operator=(const LoudnessMeter&) = delete;
  void add(const float* interleaved, int64_t frames);

  struct Result {
    double integrated = -1e9;  ///< LUFS (LKFS); -1e9 for silence
    double range = 0;          ///< LU
    double true_peak = -1e9;   ///< dBTP, the highest of the channels
    double sample_peak = -1e9; ///< dBFS
    std::vector<float> short_term;  ///< LUFS every short_term_step_s, from the start (3 s windows)
  };
  Result result() const;
  static constexpr double kShortTermStep = 0.5;  ///< seconds between short-term readings (each costs a 3 s sum)

 private:
  void* st_ = nullptr;  // ebur128_state*
  int rate_ = 0, channels_ = 0;
  int64_t until_next_ = 0;  ///< frames before the next short-term reading
  bool peaks_ = true;
  double true_peak_ = 0, sample_peak_ = 0;  ///< linear
  std::vector<float> tail_;  ///< the last frames of the previous add, for peaks across the seam
  std::vector<float> short_term_;
};

struct LimiterOptions {
  double ceiling_dbtp = -1.0;  ///< the true peak the output stays at or below
  double lookahead_ms = 2.0;   ///< the gain reaches its reduction before the peak arrives
  double release_ms = 80.0;    ///< and recovers over about this long after it
};

/// A look-ahead true-peak limiter. Peaks between samples are estimated by 4x oversampling; the
/// gain needed for each sample is held over the look-ahead and smoothed by a moving average of the
/// same length, which reaches every needed reduction by the time its sample is output. Output lags
/// input by `delay()` frames; `flush` returns the tail.
class TruePeakLimiter {
 public:
  TruePeakLimiter(int sample_rate, int channels, const LimiterOptions& options = {});
  /// Limits `frames` interleaved frames; writes as many (delayed) to `out`.
  void process(const float* in, float* out, int64_t frames);
  /// The last delay() frames, input being silence from here on.
  void flush(float* out);
  int64_t delay() const { return static_cast<int64_t>(lookahead_) + kHalfTaps; }
  double max_reduction_db() const { return max_reduction_db_; }

  static constexpr int kHalfTaps = 6;  ///< the oversampling filter reaches this far either side

 private:
  int channels_;
  double ceiling_;
  size_t lookahead_;
  double release_step_;
  size_t past_ = 0;          ///< frames kept from call to call: look-ahead and the filter's reach
  std::vector<float> buf_;   ///< those, then the frames of this call
  std::vector<float> mag_;   ///< per frame of buf_, the largest |sample| of its channels
  int64_t pushed_ = 0;
  std::vector<double> need_, held_;  // rings of lookahead_+1
  size_t since_need_ = 1u << 30;  ///< frames since one needed a reduction
  double release_gain_ = 1.0;
  double held_sum_ = 0;
  double max_reduction_db_ = 0;
};

/// The true peak of interleaved audio in dBFS (4x oversampled, as the limiter sees it).
double true_peak_db(const float* interleaved, int64_t frames, int channels);

}  // namespace sakuga::audio
