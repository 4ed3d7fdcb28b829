#include "audio/mixer.h"

extern "C" {
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

#include <algorithm>
#include <cmath>
#include <functional>
#include <future>
#include <memory>
#include <numbers>

#include "audio/audio_file.h"
#include "audio/loudness.h"
#include "core/thread_pool.h"

namespace sakuga::audio {
namespace {

constexpr int64_t kBlock = 4800;  // 0.1 s
constexpr int64_t kBatch = 8;  // blocks handed to the worker at a time (fewer thread switches)
constexpr int64_t kInMemoryPremixBytes = int64_t{256} << 20;

// One cue as a stream of 48 kHz stereo frames, resampled by FFmpeg's swresample (a windowed-sinc
// polyphase filter; libsamplerate's medium sinc took as long as the rest of the mix).
class CueStream {
 public:
  static core::Result<std::unique_ptr<CueStream>> open(core::FileSystem& fs, const Cue& cue) {
    std::unique_ptr<CueStream> s(new CueStream());
    SAKUGA_ASSIGN_OR_RETURN(s->reader_, AudioReader::open(fs, cue.file));
    int rate = s->reader_->info().sample_rate;
    if (rate != kMixRate) {
      AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
      int err = swr_alloc_set_opts2(&s->swr_, &stereo, AV_SAMPLE_FMT_FLT, kMixRate, &stereo, AV_SAMPLE_FMT_FLT, rate, 0,
                                    nullptr);
      if (err >= 0) {
        av_opt_set_int(s->swr_, "filter_size", 32, 0);  // taps per phase: flat to 0.97 of Nyquist
        av_opt_set_int(s->swr_, "phase_shift", 10, 0);
        av_opt_set_int(s->swr_, "linear_interp", 1, 0);
        err = swr_init(s->swr_);
      }
      if (err < 0) return core::error(core::ErrorCode::kInternal, "resampler: cannot convert from " + std::to_string(rate) + " Hz");
      s->ratio_ = static_cast<double>(kMixRate) / rate;
    }
    s->raw_.resize(static_cast<size_t>(kBlock) * s->reader_->info().channels);
    return s;
  }
  ~CueStream() {
    if (swr_) swr_free(&swr_);
  }
  /// How many 48 kHz frames the whole cue gives (about, when resampled).
  int64_t length() const { return static_cast<int64_t>(std::llround(static_cast<double>(reader_->info().frames) * ratio_)); }

  /// Produces up to n stereo frames into out; fewer only at the end of the cue.
  core::Result<int64_t> pull(float* out, int64_t n) {
    int64_t produced = 0;
    while (produced < n) {
      if (avail_ == 0 && !eof_) SAKUGA_TRY(refill());
      if (!swr_) {
        int64_t k = std::min(avail_, n - produced);
        std::copy_n(in_.data() + pos_ * 2, k * 2, out + produced * 2);
        pos_ += k;
        avail_ -= k;
        produced += k;
        if (k == 0 && eof_) break;
        continue;
      }
      // As much input as the output asked for needs (so little waits inside); at the end, none,
      // which drains it.
      const int64_t need = n - produced;
      const int64_t take = std::min(avail_, static_cast<int64_t>(std::ceil(static_cast<double>(need) / ratio_)) + 1);
      auto* o = reinterpret_cast<uint8_t*>(out + produced * 2);
      const auto* i = reinterpret_cast<const uint8_t*>(in_.data() + pos_ * 2);
      int got = swr_convert(swr_, &o, static_cast<int>(need), eof_ && avail_ == 0 ? nullptr : &i, static_cast<int>(take));
      if (got < 0) return core::error(core::ErrorCode::kInternal, "resampler failed");
      pos_ += take;
      avail_ -= take;
      produced += got;
      if (eof_ && avail_ == 0 && got == 0) break;
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
  SwrContext* swr_ = nullptr;
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

// Jobs run in order on a thread of their own, one at a time, beside the thread that mixes: the
// loudness meter and the file writes cost about as much as the mixing. A job owns its data.
class Worker {
 public:
  Worker() : pool_(1) {}
  ~Worker() { (void)wait(); }
  core::Status run(std::function<core::Status()> job) {
    SAKUGA_TRY(wait());
    last_ = pool_.submit(std::move(job));
    return core::Status::ok();
  }
  core::Status wait() { return last_.valid() ? last_.get() : core::Status::ok(); }

 private:
  core::ThreadPool pool_;
  std::future<core::Status> last_;
};

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
  // A premix of up to kInMemoryPremixBytes (about 5 minutes) stays in memory; a longer one goes
  // to the scratch file.
  LoudnessMeter::Result premix_loudness;
  const bool in_memory = total_samples * 4 * static_cast<int64_t>(sizeof(float)) <= kInMemoryPremixBytes;
  std::vector<float> held;
  if (in_memory) held.reserve(static_cast<size_t>(total_samples) * 4);
  struct RemoveScratch {  // the scratch premix goes however the mix ends
    core::FileSystem& fs;
    const core::fs::path& path;
    bool used;
    ~RemoveScratch() {
      if (used) (void)fs.remove(path);
    }
  } remove_scratch{fs, scratch, !in_memory};
  {
    std::unique_ptr<WavWriter> premix;
    if (!in_memory) {
      SAKUGA_ASSIGN_OR_RETURN(premix, WavWriter::create(fs, scratch, kMixRate, 4));
    }
    LoudnessMeter meter(kMixRate, kMixChannels);
    Worker worker;
    std::vector<float> four, both;  // gathered over kBatch blocks, then handed over
    auto hand_over = [&]() -> core::Status {
      if (both.empty()) return core::Status::ok();
      return worker.run([&meter, &premix, &held, four = std::move(four), both = std::move(both)] {
        meter.add(both.data(), static_cast<int64_t>(both.size() / 2));
        if (!premix) {
          held.insert(held.end(), four.begin(), four.end());
          return core::Status::ok();
        }
        return premix->write({four.data(), four.size()});
      });
    };
    SAKUGA_TRY(mix_buses(fs, cues, total_samples, options.ducking, [&](const float* d, const float* m, int64_t n) {
      const size_t f0 = both.size() / 2;
      four.resize((f0 + static_cast<size_t>(n)) * 4);
      both.resize((f0 + static_cast<size_t>(n)) * 2);
      float* fo = four.data() + f0 * 4;
      float* bo = both.data() + f0 * 2;
      for (int64_t i = 0; i < n; ++i) {
        fo[i * 4] = d[i * 2], fo[i * 4 + 1] = d[i * 2 + 1], fo[i * 4 + 2] = m[i * 2], fo[i * 4 + 3] = m[i * 2 + 1];
        bo[i * 2] = d[i * 2] + m[i * 2], bo[i * 2 + 1] = d[i * 2 + 1] + m[i * 2 + 1];
      }
      if (static_cast<int64_t>(both.size()) < kBatch * kBlock * 2) return core::Status::ok();
      core::Status st = hand_over();
      four.clear(), both.clear();  // moved-from: emptied for the next batch
      return st;
    }));
    SAKUGA_TRY(hand_over());
    SAKUGA_TRY(worker.wait());
    if (premix) SAKUGA_TRY(premix->commit());
    premix_loudness = meter.result();
    stats.premix_lufs = premix_loudness.integrated;
  }

  // Pass 2: the gain to the target, the limiter, the master and the stems; measured again, and
  // done once more if the limiter took the loudness off the target.
  const Mastering& m = *options.master;
  double gain_db = stats.premix_lufs > -70 ? m.target_lufs - stats.premix_lufs : 0.0;
  for (int attempt = 0;; ++attempt) {
    // When the gain alone keeps the true peak under the ceiling, the limiter would do nothing and
    // the master is the premix times the gain: its loudness is the premix's moved by the gain
    // (BS.1770 is linear, and its gates sit far below loudness this high), so it is not measured
    // again.
    const bool plain = attempt == 0 && premix_loudness.integrated > -50 &&
                       premix_loudness.true_peak + gain_db <= m.ceiling_dbtp - 0.1;
    std::unique_ptr<AudioReader> reader;
    if (!in_memory) {
      SAKUGA_ASSIGN_OR_RETURN(reader, AudioReader::open(fs, scratch));
    }
    size_t held_at = 0;
    auto read_premix = [&](std::vector<float>& into) -> core::Result<int64_t> {
      if (reader) return reader->read(into);
      const size_t k = std::min(into.size(), held.size() - held_at);
      std::copy_n(held.begin() + static_cast<ptrdiff_t>(held_at), k, into.begin());
      held_at += k;
      return static_cast<int64_t>(k / 4);
    };
    SAKUGA_ASSIGN_OR_RETURN(auto writer, WavWriter::create(fs, out, kMixRate, kMixChannels));
    std::unique_ptr<WavWriter> dia_w, me_w;
    SAKUGA_TRY(open_stem(fs, options.dialogue_stem, dia_w));
    SAKUGA_TRY(open_stem(fs, options.me_stem, me_w));
    TruePeakLimiter limiter(kMixRate, kMixChannels, {.ceiling_dbtp = m.ceiling_dbtp});
    LoudnessMeter meter(kMixRate, kMixChannels);
    Worker worker;
    const float g = db_to_gain(gain_db);
    std::vector<float> four(kBlock * 4), limited(kBlock * 2);
    int64_t skip = plain ? 0 : limiter.delay(), written = 0;
    stats.peak = 0;
    stats.envelope.clear();
    float env = 0;
    int64_t env_count = 0;
    const int64_t env_step = kMixRate / 10;
    std::vector<float> pending;  // master frames gathered over kBatch blocks
    auto hand_over_master = [&]() -> core::Status {
      if (pending.empty()) return core::Status::ok();
      core::Status st = worker.run([&, master = std::move(pending)] {
        if (!plain) meter.add(master.data(), static_cast<int64_t>(master.size() / 2));
        return writer->write({master.data(), master.size()});
      });
      pending.clear();
      return st;
    };
    // The limited master from `x` (its first frames are the limiter's delay, dropped), with the
    // stems' frames that go with it.
    auto emit = [&](const float* x, int64_t n, std::vector<float> d, std::vector<float> e) -> core::Status {
      int64_t drop = std::min(skip, n);
      skip -= drop;
      x += drop * 2;
      n = std::min(n - drop, total_samples - written);
      std::vector<float> master(x, x + std::max<int64_t>(0, n) * 2);
      for (int64_t i = 0; i < n; ++i) {
        float a = std::max(std::abs(x[i * 2]), std::abs(x[i * 2 + 1]));
        stats.peak = std::max(stats.peak, a);
        env = std::max(env, a);
        if (++env_count == env_step) stats.envelope.push_back(env), env = 0, env_count = 0;
      }
      written += std::max<int64_t>(0, n);
      // The stems are written here, the master and its measurement beside: about half each.
      if (dia_w && !d.empty()) SAKUGA_TRY(dia_w->write({d.data(), d.size()}));
      if (me_w && !e.empty()) SAKUGA_TRY(me_w->write({e.data(), e.size()}));
      pending.insert(pending.end(), master.begin(), master.end());
      if (static_cast<int64_t>(pending.size()) < kBatch * kBlock * 2) return core::Status::ok();
      return hand_over_master();
    };
    for (;;) {
      SAKUGA_ASSIGN_OR_RETURN(int64_t n, read_premix(four));
      if (n == 0) break;
      std::vector<float> d(static_cast<size_t>(n) * 2), e(static_cast<size_t>(n) * 2);
      for (int64_t i = 0; i < n; ++i) {
        d[i * 2] = four[i * 4] * g, d[i * 2 + 1] = four[i * 4 + 1] * g;
        e[i * 2] = four[i * 4 + 2] * g, e[i * 2 + 1] = four[i * 4 + 3] * g;
        sum[i * 2] = d[i * 2] + e[i * 2];
        sum[i * 2 + 1] = d[i * 2 + 1] + e[i * 2 + 1];
      }
      if (!plain) limiter.process(sum.data(), limited.data(), n);
      SAKUGA_TRY(emit(plain ? sum.data() : limited.data(), n, std::move(d), std::move(e)));
    }
    if (!plain) {
      std::vector<float> tail(static_cast<size_t>(limiter.delay()) * 2);
      limiter.flush(tail.data());
      SAKUGA_TRY(emit(tail.data(), limiter.delay(), {}, {}));
    }
    SAKUGA_TRY(hand_over_master());
    SAKUGA_TRY(worker.wait());
    if (env_count > 0) stats.envelope.push_back(env);
    LoudnessMeter::Result r = plain ? premix_loudness : meter.result();
    if (plain) {
      r.integrated += gain_db;
      r.true_peak += gain_db;
      r.sample_peak += gain_db;
      for (float& v : r.short_term) v = v > -70 ? static_cast<float>(v + gain_db) : v;
    }
    const double off = r.integrated > -70 ? m.target_lufs - r.integrated : 0.0;
    if (std::abs(off) > 0.2 && attempt < 3) {
      gain_db += off;
      continue;  // the writers are dropped unpublished
    }
    {
      // Published together: each waits on its own flush to disk.
      auto commit = [](WavWriter* w) { return w ? w->commit() : core::Status::ok(); };
      auto dia_done = std::async(std::launch::async, commit, dia_w.get());
      auto me_done = std::async(std::launch::async, commit, me_w.get());
      core::Status master_done = commit(writer.get());
      core::Status dia_status = dia_done.get(), me_status = me_done.get();
      SAKUGA_TRY(master_done);
      SAKUGA_TRY(dia_status);
      SAKUGA_TRY(me_status);
    }
    stats.gain_db = gain_db;
    stats.limiter_db = limiter.max_reduction_db();
    stats.integrated_lufs = r.integrated;
    stats.range_lu = r.range;
    stats.true_peak_dbtp = r.true_peak;
    stats.short_term = std::move(r.short_term);
    break;
  }
  return stats;
}

}  // namespace sakuga::audio
