#include "audio/mixer.h"

#include <samplerate.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "audio/audio_file.h"

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
};

}  // namespace

core::Result<MixStats> mix(core::FileSystem& fs, const std::vector<Cue>& cues, int64_t total_samples,
                           const core::fs::path& out) {
  SAKUGA_ASSIGN_OR_RETURN(auto writer, WavWriter::create(fs, out, kMixRate, kMixChannels));
  std::vector<const Cue*> pending;
  for (const Cue& c : cues) pending.push_back(&c);
  std::sort(pending.begin(), pending.end(),
            [](const Cue* a, const Cue* b) { return a->start_sample < b->start_sample; });
  size_t next = 0;
  std::vector<Active> active;
  std::vector<float> block(kBlock * 2), tmp(kBlock * 2);
  MixStats stats;
  for (int64_t b0 = 0; b0 < total_samples; b0 += kBlock) {
    int64_t n = std::min(kBlock, total_samples - b0);
    std::fill(block.begin(), block.end(), 0.0f);
    // Open the cues that start before this block ends.
    while (next < pending.size() && pending[next]->start_sample < b0 + n) {
      const Cue* c = pending[next++];
      auto stream = CueStream::open(fs, *c);
      if (!stream.is_ok()) return stream.status().with_context(c->name);
      Active a{c, std::move(stream).value(), static_cast<float>(std::pow(10.0, c->gain_db / 20.0))};
      // A cue starting before 0 skips its head.
      for (int64_t skip = -c->start_sample; skip > 0;) {
        int64_t k = std::min(skip, kBlock);
        SAKUGA_ASSIGN_OR_RETURN(int64_t got, a.stream->pull(tmp.data(), k));
        if (got < k) break;
        skip -= k;
      }
      active.push_back(std::move(a));
    }
    for (auto it = active.begin(); it != active.end();) {
      int64_t offset = std::max<int64_t>(0, it->cue->start_sample - b0);
      auto got = it->stream->pull(tmp.data(), n - offset);
      if (!got.is_ok()) return got.status().with_context(it->cue->name);
      for (int64_t i = 0; i < *got * 2; ++i) block[offset * 2 + i] += tmp[i] * it->gain;
      it = *got < n - offset ? active.erase(it) : it + 1;
    }
    for (int64_t i = 0; i < n * 2; ++i) stats.peak = std::max(stats.peak, std::abs(block[i]));
    SAKUGA_TRY(writer->write({block.data(), static_cast<size_t>(n * 2)}));
  }
  SAKUGA_TRY(writer->commit());
  stats.samples = total_samples;
  return stats;
}

}  // namespace sakuga::audio
