#include "audio/mixer.h"

#include <samplerate.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>

#include "audio/audio_file.h"
#include "audio/loudness.h"

namespace sakuga::audio {
namespace {

constexpr int64_t kBlock = 4800;  // 0.1 s

// One cue as a stream of 48 kHz stereo frames.
class CueStream {
 public:
  static core::Result<std::unique_ptr<CueStream>> open(core::FileSystem& fs, const Cue& cue) {
    std::unique_ptr<CueStream> s(new CueStream());
    SAKUGA_ASSIGN_OR_RETURN(s->reader_, AudioReader::open(fs, cue.file));
    int rate = s->reader_->info().sample_rate;
    if (rate != kMixRate) {
      int err = 0;
      s->src_ = src_new(SRC_SINC_MEDIUM_QUALITY, kMixChannels, &err);
      if (!s->src_) return core::error(core::ErrorCode::kInternal, std::string("resampler: ") + src_strerror(err));
      s->ratio_ = static_cast<double>(kMixRate) / rate;
    }
    s->raw_.resize(static_cast<size_t>(kBlock) * s->reader_->info().channels);
    return s;
  }
  ~CueStream() {
    if (src_) src_delete(src_);
  }
  /// How many 48 kHz frames the whole cue gives (about, when resampled).
  int64_t length() const { return static_cast<int64_t>(std::llround(static_cast<double>(reader_->info().frames) * ratio_)); }

  /// Produces up to n stereo frames into out; fewer only at the end of the cue.
  core::Result<int64_t> pull(float* out, int64_t n) {
    int64_t produced = 0;
    while (produced < n) {
      if (avail_ == 0 && !eof_) SAKUGA_TRY(refill());
      if (!src_) {
        int64_t k = std::min(avail_, n - produced);
        std::copy_n(in_.data() + pos_ * 2, k * 2, out + produced * 2);
        pos_ += k;
        avail_ -= k;
        produced += k;
        if (k == 0 && eof_) break;
        continue;
      }
      SRC_DATA d{};
      d.data_in = in_.data() + pos_ * 2;
      d.input_frames = static_cast<long>(avail_);
      d.data_out = out + produced * 2;
      d.output_frames = static_cast<long>(n - produced);
      d.end_of_input = eof_ ? 1 : 0;
      d.src_ratio = ratio_;
      if (int err = src_process(src_, &d); err != 0) {
        return core::error(core::ErrorCode::kInternal, std::string("resampler: ") + src_strerror(err));
      }
      pos_ += d.input_frames_used;
      avail_ -= d.input_frames_used;
      produced += d.output_frames_gen;
      if (eof_ && avail_ == 0 && d.output_frames_gen == 0) break;
    }
    return produced;
  }

 private:
  CueStream() = default;

  core::Status refill() {
    const int ch = reader_->info().channels;
    SAKUGA_ASSIGN_OR_RETURN(int64_t got, reader_->read(raw_));
    in_.resize(static_cast<size_t>(got) * 2);
    for (int64_t i = 0; i < got; ++i) {
      // Mono goes to both sides; more than two channels keep the front pair.
      in_[i * 2] = raw_[i * ch];
      in_[i * 2 + 1] = raw_[i * ch + (ch > 1 ? 1 : 0)];
    }
    pos_ = 0;
    avail_ = got;
    if (got == 0) eof_ = true;
    return core::Status::ok();
  }

  std::unique_ptr<AudioReader> reader_;
  SRC_STATE* src_ = nullptr;
  double ratio_ = 1;
  std::vector<float> raw_;
  std::vector<float> in_;
  int64_t pos_ = 0;
  int64_t avail_ = 0;
  bool eof_ = false;
};

struct Active {
  const Cue* cue;
  std::unique_ptr<CueStream> stream;
  float gain;
  float left = 1, right = 1;  // pan
  int64_t played = 0;         // samples of the cue so far (from its start, skipped head included)
  int64_t end = 0;            // where it stops
};

float db_to_gain(double db) { return static_cast<float>(std::pow(10.0, db / 20.0)); }

// Pass 1: every cue onto its bus, ducking applied; calls `sink(dialogue, me, n)` per block.
template <typename Sink>
core::Status mix_buses(core::FileSystem& fs, const std::vector<Cue>& cues, int64_t total_samples,
                       const Ducking& ducking, Sink sink) {
  std::vector<const Cue*> pending;
  for (const Cue& c : cues) pending.push_back(&c);
  // By start, dialogue first among equals (its level steers the ducking), then file order.
  std::stable_sort(pending.begin(), pending.end(), [](const Cue* a, const Cue* b) {
    return a->start_sample < b->start_sample;
  });
  size_t next = 0;
  std::vector<Active> active;
  std::vector<float> dia(kBlock * 2), me(kBlock * 2), tmp(kBlock * 2), duck(kBlock);
  const float depth = db_to_gain(ducking.depth_db);
  const float threshold = db_to_gain(ducking.threshold_db);
  const double attack = 1.0 - std::exp(-1.0 / std::max(1.0, ducking.attack_ms * 1e-3 * kMixRate));
  const double release = 1.0 - std::exp(-1.0 / std::max(1.0, ducking.release_ms * 1e-3 * kMixRate));
  double duck_gain = 1.0;
  for (int64_t b0 = 0; b0 < total_samples; b0 += kBlock) {
    const int64_t n = std::min(kBlock, total_samples - b0);
    std::fill(dia.begin(), dia.end(), 0.0f);
    std::fill(me.begin(), me.end(), 0.0f);
    // Open the cues that start before this block ends.
    while (next < pending.size() && pending[next]->start_sample < b0 + n) {
      const Cue* c = pending[next++];
      auto stream = CueStream::open(fs, *c);
      if (!stream.is_ok()) return stream.status().with_context(c->name);
      Active a{c, std::move(stream).value(), db_to_gain(c->gain_db)};
      const double angle = (std::clamp(c->pan, -1.0, 1.0) + 1) * std::numbers::pi / 4;
      a.left = static_cast<float>(std::cos(angle) * std::numbers::sqrt2);
      a.right = static_cast<float>(std::sin(angle) * std::numbers::sqrt2);
      a.end = c->length >= 0 ? std::min(c->length, a.stream->length()) : a.stream->length();
      // A cue starting before 0 skips its head.
      for (int64_t skip = -c->start_sample; skip > 0;) {
        int64_t k = std::min(skip, kBlock);
        SAKUGA_ASSIGN_OR_RETURN(int64_t got, a.stream->pull(tmp.data(), k));
        a.played += got;
        if (got < k) break;
        skip -= k;
      }
      active.push_back(std::move(a));
    }
    // Dialogue first: its level decides how far the ducked cues dip in this block.
    for (int pass = 0; pass < 2; ++pass) {
      if (pass == 1) {
        for (int64_t i = 0; i < n; ++i) {
          bool speech = std::max(std::abs(dia[i * 2]), std::abs(dia[i * 2 + 1])) > threshold;
          double target = speech ? depth : 1.0;
          duck_gain += (target - duck_gain) * (target < duck_gain ? attack : release);
          duck[i] = static_cast<float>(duck_gain);
        }
      }
      for (auto it = active.begin(); it != active.end();) {
        const Cue& c = *it->cue;
        if ((c.bus == Bus::kDialogue) != (pass == 0)) {
          ++it;
          continue;
        }
        const int64_t offset = std::max<int64_t>(0, c.start_sample - b0);
        const int64_t want = std::min(n - offset, it->end - it->played);
        auto got = it->stream->pull(tmp.data(), std::max<int64_t>(0, want));
        if (!got.is_ok()) return got.status().with_context(c.name);
        float* bus = c.bus == Bus::kDialogue ? dia.data() : me.data();
        const bool ducked = c.bus == Bus::kMusic || c.duck;
        for (int64_t i = 0; i < *got; ++i) {
          const int64_t p = it->played + i;
          float g = it->gain;
          if (c.fade_in > 0 && p < c.fade_in) g *= static_cast<float>(p) / static_cast<float>(c.fade_in);
          if (c.fade_out > 0 && it->end - p < c.fade_out) {
            g *= static_cast<float>(it->end - p) / static_cast<float>(c.fade_out);
          }
          if (ducked) g *= duck[offset + i];
          bus[(offset + i) * 2] += tmp[i * 2] * g * it->left;
          bus[(offset + i) * 2 + 1] += tmp[i * 2 + 1] * g * it->right;
        }
        it->played += *got;
        it = *got < n - offset ? active.erase(it) : it + 1;
      }
    }
    SAKUGA_TRY(sink(dia.data(), me.data(), n));
  }
  return core::Status::ok();
}

// A stem's writer, when the stem is asked for.
core::Status open_stem(core::FileSystem& fs, const core::fs::path& path, std::unique_ptr<WavWriter>& out) {
  if (path.empty()) return core::Status::ok();
  SAKUGA_ASSIGN_OR_RETURN(out, WavWriter::create(fs, path, kMixRate, kMixChannels));
  return core::Status::ok();
}

}  // namespace

core::Result<MixStats> mix(core::FileSystem& fs, const std::vector<Cue>& cues, int64_t total_samples,
                           const core::fs::path& out, const MixOptions& options) {
  MixStats stats;
  stats.samples = total_samples;
  std::vector<float> sum(kBlock * 2);
  if (!options.master) {  // the plain sum, in one pass
    SAKUGA_ASSIGN_OR_RETURN(auto writer, WavWriter::create(fs, out, kMixRate, kMixChannels));
    std::unique_ptr<WavWriter> dia_w, me_w;
    SAKUGA_TRY(open_stem(fs, options.dialogue_stem, dia_w));
    SAKUGA_TRY(open_stem(fs, options.me_stem, me_w));
    SAKUGA_TRY(mix_buses(fs, cues, total_samples, options.ducking, [&](const float* d, const float* m, int64_t n) {
      for (int64_t i = 0; i < n * 2; ++i) {
        sum[i] = d[i] + m[i];
        stats.peak = std::max(stats.peak, std::abs(sum[i]));
      }
      if (dia_w) SAKUGA_TRY(dia_w->write({d, static_cast<size_t>(n * 2)}));
      if (me_w) SAKUGA_TRY(me_w->write({m, static_cast<size_t>(n * 2)}));
      return writer->write({sum.data(), static_cast<size_t>(n * 2)});
    }));
    if (dia_w) SAKUGA_TRY(dia_w->commit());
    if (me_w) SAKUGA_TRY(me_w->commit());
    SAKUGA_TRY(writer->commit());
    return stats;
  }

  // Pass 1: the buses into a four-channel premix (dialogue, then M&E), measured as they sum.
  const core::fs::path scratch = options.scratch.empty() ? core::fs::path(out.string() + ".premix.wav") : options.scratch;
  {
    SAKUGA_ASSIGN_OR_RETURN(auto premix, WavWriter::create(fs, scratch, kMixRate, 4));
    LoudnessMeter meter(kMixRate, kMixChannels, false);  // loudness alone: the gain
    std::vector<float> four(kBlock * 4);
    SAKUGA_TRY(mix_buses(fs, cues, total_samples, options.ducking, [&](const float* d, const float* m, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        four[i * 4] = d[i * 2], four[i * 4 + 1] = d[i * 2 + 1];
        four[i * 4 + 2] = m[i * 2], four[i * 4 + 3] = m[i * 2 + 1];
        sum[i * 2] = d[i * 2] + m[i * 2];
        sum[i * 2 + 1] = d[i * 2 + 1] + m[i * 2 + 1];
      }
      meter.add(sum.data(), n);
      return premix->write({four.data(), static_cast<size_t>(n * 4)});
    }));
    SAKUGA_TRY(premix->commit());
    stats.premix_lufs = meter.result().integrated;
  }

  // Pass 2: the gain to the target, the limiter, the master and the stems; measured again, and
  // done once more if the limiter took the loudness off the target.
  const Mastering& m = *options.master;
  double gain_db = stats.premix_lufs > -70 ? m.target_lufs - stats.premix_lufs : 0.0;
  for (int attempt = 0;; ++attempt) {
    SAKUGA_ASSIGN_OR_RETURN(auto reader, AudioReader::open(fs, scratch));
    SAKUGA_ASSIGN_OR_RETURN(auto writer, WavWriter::create(fs, out, kMixRate, kMixChannels));
    std::unique_ptr<WavWriter> dia_w, me_w;
    SAKUGA_TRY(open_stem(fs, options.dialogue_stem, dia_w));
    SAKUGA_TRY(open_stem(fs, options.me_stem, me_w));
    TruePeakLimiter limiter(kMixRate, kMixChannels, {.ceiling_dbtp = m.ceiling_dbtp});
    LoudnessMeter meter(kMixRate, kMixChannels);
    const float g = db_to_gain(gain_db);
    std::vector<float> four(kBlock * 4), d(kBlock * 2), e(kBlock * 2), limited(kBlock * 2);
    int64_t skip = limiter.delay(), written = 0;
    stats.peak = 0;
    stats.envelope.clear();
    float env = 0;
    int64_t env_count = 0;
    const int64_t env_step = kMixRate / 10;
    auto emit = [&](const float* x, int64_t n) -> core::Status {
      int64_t drop = std::min(skip, n);
      skip -= drop;
      x += drop * 2;
      n = std::min(n - drop, total_samples - written);
      if (n <= 0) return core::Status::ok();
      for (int64_t i = 0; i < n; ++i) {
        float a = std::max(std::abs(x[i * 2]), std::abs(x[i * 2 + 1]));
        stats.peak = std::max(stats.peak, a);
        env = std::max(env, a);
        if (++env_count == env_step) stats.envelope.push_back(env), env = 0, env_count = 0;
      }
      meter.add(x, n);
      written += n;
      return writer->write({x, static_cast<size_t>(n * 2)});
    };
    for (;;) {
      SAKUGA_ASSIGN_OR_RETURN(int64_t n, reader->read(four));
      if (n == 0) break;
      for (int64_t i = 0; i < n; ++i) {
        d[i * 2] = four[i * 4] * g, d[i * 2 + 1] = four[i * 4 + 1] * g;
        e[i * 2] = four[i * 4 + 2] * g, e[i * 2 + 1] = four[i * 4 + 3] * g;
        sum[i * 2] = d[i * 2] + e[i * 2];
        sum[i * 2 + 1] = d[i * 2 + 1] + e[i * 2 + 1];
      }
      if (dia_w) SAKUGA_TRY(dia_w->write({d.data(), static_cast<size_t>(n * 2)}));
      if (me_w) SAKUGA_TRY(me_w->write({e.data(), static_cast<size_t>(n * 2)}));
      limiter.process(sum.data(), limited.data(), n);
      SAKUGA_TRY(emit(limited.data(), n));
    }
    std::vector<float> tail(static_cast<size_t>(limiter.delay()) * 2);
    limiter.flush(tail.data());
    SAKUGA_TRY(emit(tail.data(), limiter.delay()));
    if (env_count > 0) stats.envelope.push_back(env);
    LoudnessMeter::Result r = meter.result();
    const double off = r.integrated > -70 ? m.target_lufs - r.integrated : 0.0;
    if (std::abs(off) > 0.2 && attempt < 3) {
      gain_db += off;
      continue;  // the writers are dropped unpublished
    }
    if (dia_w) SAKUGA_TRY(dia_w->commit());
    if (me_w) SAKUGA_TRY(me_w->commit());
    SAKUGA_TRY(writer->commit());
    stats.gain_db = gain_db;
    stats.limiter_db = limiter.max_reduction_db();
    stats.integrated_lufs = r.integrated;
    stats.range_lu = r.range;
    stats.true_peak_dbtp = r.true_peak;
    stats.short_term = std::move(r.short_term);
    break;
  }
  (void)fs.remove(scratch);
  return stats;
}

}  // namespace sakuga::audio
