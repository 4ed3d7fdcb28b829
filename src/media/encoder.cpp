#include "media/encoder.h"

#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
}

#include <cstring>

#include "audio/audio_file.h"
#include "media/avio_p.h"
#include "media/yuv.h"

namespace sakuga::media {

using detail::av_error;

namespace {

core::Status ff_fail(const std::string& what, int rc) {
  return core::error(core::ErrorCode::kInternal, what + ": " + av_error(rc));
}

AVRational to_av(core::Rational r) { return {static_cast<int>(r.num), static_cast<int>(r.den)}; }
AVRational frame_tb(core::Rational rate) { return {static_cast<int>(rate.den), static_cast<int>(rate.num)}; }

// Sends a frame (or nullptr to flush) and writes what comes out to stream `st`.
core::Status drain(AVCodecContext* enc, AVFrame* frame, AVFormatContext* fmt, AVStream* st, AVPacket* pkt,
                   int64_t* packets = nullptr) {
  if (int rc = avcodec_send_frame(enc, frame); rc < 0) return ff_fail("encoder", rc);
  for (;;) {
    int rc = avcodec_receive_packet(enc, pkt);
    if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return core::Status::ok();
    if (rc < 0) return ff_fail("encoder", rc);
    av_packet_rescale_ts(pkt, enc->time_base, st->time_base);
    pkt->stream_index = st->index;
    if (packets) ++*packets;
    if (int w = av_interleaved_write_frame(fmt, pkt); w < 0) return ff_fail("muxer", w);
  }
}

struct OutputFile {
  std::unique_ptr<core::AtomicWriter> writer;
  AVIOContext* io = nullptr;
  AVFormatContext* fmt = nullptr;

  core::Status open(core::FileSystem& fs, const core::fs::path& path) {
    SAKUGA_ASSIGN_OR_RETURN(writer, fs.create_atomic(path));
    io = detail::make_write_io(writer.get());
    if (int rc = avformat_alloc_output_context2(&fmt, nullptr, "mp4", nullptr); rc < 0) return ff_fail("mp4", rc);
    fmt->pb = io;
    fmt->flags |= AVFMT_FLAG_CUSTOM_IO;
    return core::Status::ok();
  }
  core::Status finish() {
    if (int rc = av_write_trailer(fmt); rc < 0) return ff_fail("mp4 trailer", rc);
    avio_flush(io);
    if (io->error < 0) return ff_fail("mp4 write", io->error);
    return writer->commit();
  }
  ~OutputFile() {
    if (fmt) avformat_free_context(fmt);
    detail::free_io(io);
  }
};

}  // namespace

void quiet_ffmpeg_logs() { av_log_set_level(AV_LOG_ERROR); }

// ---- segment encoder ----

struct SegmentEncoder::Impl {
  VideoSettings settings;
  OutputFile out;
  AVCodecContext* enc = nullptr;
  AVStream* st = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* pkt = nullptr;
  int64_t next_pts = 0;

  ~Impl() {
    avcodec_free_context(&enc);
    av_frame_free(&frame);
    av_packet_free(&pkt);
  }
};

SegmentEncoder::SegmentEncoder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SegmentEncoder::~SegmentEncoder() = default;

core::Result<std::unique_ptr<SegmentEncoder>> SegmentEncoder::create(core::FileSystem& fs,
                                                                     const core::fs::path& path,
                                                                     const VideoSettings& s) {
  if (s.width % 2 || s.height % 2) {
    return core::error(core::ErrorCode::kInvalidInput, "yuv420p needs an even width and height");
  }
  auto impl = std::make_unique<Impl>();
  impl->settings = s;
  const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
  if (!codec) return core::error(core::ErrorCode::kUnsupported, "this FFmpeg has no libx264 encoder");
  SAKUGA_TRY(impl->out.open(fs, path));
  AVCodecContext* enc = impl->enc = avcodec_alloc_context3(codec);
  enc->width = s.width;
  enc->height = s.height;
  enc->pix_fmt = AV_PIX_FMT_YUV420P;
  enc->time_base = frame_tb(s.rate);
  enc->framerate = to_av(s.rate);
  enc->sample_aspect_ratio = {1, 1};
  enc->gop_size = s.keyint_frames;
  enc->thread_count = s.threads;
  enc->color_primaries = AVCOL_PRI_BT709;
  enc->color_trc = AVCOL_TRC_BT709;
  enc->colorspace = AVCOL_SPC_BT709;
  enc->color_range = AVCOL_RANGE_MPEG;
  enc->chroma_sample_location = AVCHROMA_LOC_CENTER;
  enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER | AV_CODEC_FLAG_CLOSED_GOP;
  av_opt_set(enc->priv_data, "preset", s.preset, 0);
  av_opt_set(enc->priv_data, "tune", "animation", 0);
  av_opt_set(enc->priv_data, "profile", "high", 0);
  av_opt_set_double(enc->priv_data, "crf", s.crf, 0);
  // Segments are concatenated by copying packets: every segment must start on an IDR frame and
  // carry identical parameter sets, so no scene-cut-driven or open-GOP structure leaks across.
  std::string params = "open-gop=0:repeat-headers=0:rc-lookahead=20";
  // x264's AVX-512 code gives different bytes for the same frames from one encode to the next
  // (seen on small frames: the output depended on where its buffers landed in memory). Its AVX2
  // code is bit-exact with the plain C, so on CPUs with AVX-512 it stops there.
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
      __builtin_cpu_supports("bmi2")) {
    params += ":asm=AVX2";
  }
  av_opt_set(enc->priv_data, "x264-params", params.c_str(), 0);
  if (int rc = avcodec_open2(enc, codec, nullptr); rc < 0) return ff_fail("libx264", rc);
  impl->st = avformat_new_stream(impl->out.fmt, nullptr);
  avcodec_parameters_from_context(impl->st->codecpar, enc);
  impl->st->time_base = enc->time_base;
  impl->st->avg_frame_rate = enc->framerate;
  if (int rc = avformat_write_header(impl->out.fmt, nullptr); rc < 0) return ff_fail("mp4 header", rc);
  impl->frame = av_frame_alloc();
  impl->frame->format = AV_PIX_FMT_YUV420P;
  impl->frame->width = s.width;
  impl->frame->height = s.height;
  impl->frame->color_primaries = AVCOL_PRI_BT709;
  impl->frame->color_trc = AVCOL_TRC_BT709;
  impl->frame->colorspace = AVCOL_SPC_BT709;
  impl->frame->color_range = AVCOL_RANGE_MPEG;
  if (int rc = av_frame_get_buffer(impl->frame, 64); rc < 0) return ff_fail("frame", rc);
  impl->pkt = av_packet_alloc();
  return std::unique_ptr<SegmentEncoder>(new SegmentEncoder(std::move(impl)));
}

core::Status SegmentEncoder::add_frame(core::ImageView<const core::Rgba8> frame) {
  Impl& m = *impl_;
  if (frame.width() != m.settings.width || frame.height() != m.settings.height) {
    return core::error(core::ErrorCode::kInvalidInput, "frame size does not match the segment");
  }
  if (int rc = av_frame_make_writable(m.frame); rc < 0) return ff_fail("frame", rc);
  rgba_to_yuv420_bt709(frame, {m.frame->data[0], m.frame->linesize[0], m.frame->data[1], m.frame->linesize[1],
                               m.frame->data[2], m.frame->linesize[2]});
  m.frame->pts = m.next_pts++;
  return drain(m.enc, m.frame, m.out.fmt, m.st, m.pkt);
}

core::Status SegmentEncoder::finish() {
  Impl& m = *impl_;
  SAKUGA_TRY(drain(m.enc, nullptr, m.out.fmt, m.st, m.pkt));
  return m.out.finish();
}

int64_t SegmentEncoder::frames() const { return impl_->next_pts; }

// ---- episode muxer ----

namespace {

// Reads video packets from the segments in turn, shifted onto one continuous timeline.
class SegmentChain {
 public:
  SegmentChain(core::FileSystem& fs, const std::vector<core::fs::path>& paths, core::Rational rate)
      : fs_(fs), paths_(paths), rate_(rate) {}
  ~SegmentChain() { close(); }

  core::Status open_first(AVCodecParameters*& par) {
    SAKUGA_TRY(open(0));
    par = fmt_->streams[stream_]->codecpar;
    return core::Status::ok();
  }

  /// Next packet in `out_tb`, or false at the end of the last segment.
  core::Result<bool> next(AVPacket* pkt, AVRational out_tb) {
    for (;;) {
      int rc = av_read_frame(fmt_, pkt);
      if (rc == AVERROR_EOF) {
        offset_frames_ += frames_in_segment_;
        if (index_ + 1 >= paths_.size()) return false;
        SAKUGA_TRY(open(index_ + 1));
        continue;
      }
      if (rc < 0) return ff_fail(paths_[index_].string(), rc);
      if (pkt->stream_index != stream_) {
        av_packet_unref(pkt);
        continue;
      }
      ++frames_in_segment_;
      AVRational in_tb = fmt_->streams[stream_]->time_base;
      int64_t shift = av_rescale_q(offset_frames_, frame_tb(rate_), out_tb);
      av_packet_rescale_ts(pkt, in_tb, out_tb);
      if (pkt->pts != AV_NOPTS_VALUE) pkt->pts += shift;
      if (pkt->dts != AV_NOPTS_VALUE) pkt->dts += shift;
      return true;
    }
  }

 private:
  core::Status open(size_t i) {
    close();
    index_ = i;
    frames_in_segment_ = 0;
    SAKUGA_ASSIGN_OR_RETURN(file_, fs_.open_read(paths_[i]));
    auto s = detail::open_input(file_.get(), fmt_, io_);
    if (!s.is_ok()) return s.with_context(paths_[i].string());
    stream_ = av_find_best_stream(fmt_, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (stream_ < 0) return core::error(core::ErrorCode::kInvalidInput, paths_[i].string() + ": no video stream");
    if (i > 0) {
      const AVCodecParameters* p = fmt_->streams[stream_]->codecpar;
      if (static_cast<size_t>(p->extradata_size) != first_extradata_.size() ||
          std::memcmp(p->extradata, first_extradata_.data(), first_extradata_.size()) != 0) {
        return core::error(core::ErrorCode::kInternal,
                           paths_[i].string() + ": segment encoded with different settings than the first");
      }
    } else {
      const AVCodecParameters* p = fmt_->streams[stream_]->codecpar;
      first_extradata_.assign(p->extradata, p->extradata + p->extradata_size);
    }
    return core::Status::ok();
  }
  void close() {
    detail::close_input(fmt_, io_);
    file_.reset();
  }

  core::FileSystem& fs_;
  const std::vector<core::fs::path>& paths_;
  core::Rational rate_;
  size_t index_ = 0;
  std::unique_ptr<core::InputFile> file_;
  AVFormatContext* fmt_ = nullptr;
  AVIOContext* io_ = nullptr;
  int stream_ = -1;
  int64_t offset_frames_ = 0;
  int64_t frames_in_segment_ = 0;
  std::vector<uint8_t> first_extradata_;
};

}  // namespace

core::Status mux_episode(core::FileSystem& fs, const EpisodeInputs& in, const core::fs::path& out_path) {
  if (in.segments.empty()) return core::error(core::ErrorCode::kInvalidInput, "no segments to mux");
  SegmentChain chain(fs, in.segments, in.rate);
  AVCodecParameters* vpar = nullptr;
  SAKUGA_TRY(chain.open_first(vpar));

  OutputFile out;
  SAKUGA_TRY(out.open(fs, out_path));
  AVStream* vst = avformat_new_stream(out.fmt, nullptr);
  avcodec_parameters_copy(vst->codecpar, vpar);
  vst->codecpar->codec_tag = 0;
  vst->time_base = frame_tb(in.rate);
  vst->avg_frame_rate = to_av(in.rate);
  vst->r_frame_rate = to_av(in.rate);

  const AVCodec* aac = avcodec_find_encoder(AV_CODEC_ID_AAC);
  if (!aac) return core::error(core::ErrorCode::kUnsupported, "this FFmpeg has no AAC encoder");
  struct CodecCtx {
    AVCodecContext* c;
    ~CodecCtx() { avcodec_free_context(&c); }
  } actx{avcodec_alloc_context3(aac)};
  AVCodecContext* aenc = actx.c;
  aenc->sample_rate = 48000;
  av_channel_layout_default(&aenc->ch_layout, 2);
  aenc->sample_fmt = AV_SAMPLE_FMT_FLTP;
  aenc->bit_rate = in.audio_bitrate;
  aenc->time_base = {1, 48000};
  aenc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  if (int rc = avcodec_open2(aenc, aac, nullptr); rc < 0) return ff_fail("aac", rc);
  AVStream* ast = avformat_new_stream(out.fmt, nullptr);
  avcodec_parameters_from_context(ast->codecpar, aenc);
  ast->time_base = aenc->time_base;
  if (int rc = avformat_write_header(out.fmt, nullptr); rc < 0) return ff_fail("mp4 header", rc);

  SAKUGA_ASSIGN_OR_RETURN(auto wav, audio::AudioReader::open(fs, in.mix_wav));
  if (wav->info().sample_rate != 48000 || wav->info().channels != 2) {
    return core::error(core::ErrorCode::kInternal, "the mix must be 48 kHz stereo");
  }
  struct Frames {
    AVFrame* f = av_frame_alloc();
    AVPacket* vp = av_packet_alloc();
    AVPacket* ap = av_packet_alloc();
    ~Frames() {
      av_frame_free(&f);
      av_packet_free(&vp);
      av_packet_free(&ap);
    }
  } res;
  AVFrame* af = res.f;
  af->format = AV_SAMPLE_FMT_FLTP;
  av_channel_layout_copy(&af->ch_layout, &aenc->ch_layout);
  af->sample_rate = 48000;
  af->nb_samples = aenc->frame_size;
  if (int rc = av_frame_get_buffer(af, 0); rc < 0) return ff_fail("audio frame", rc);

  const int64_t total_samples = core::frame_to_sample(in.total_frames, in.rate, 48000);
  std::vector<float> interleaved(static_cast<size_t>(aenc->frame_size) * 2);
  int64_t audio_pos = 0;
  bool audio_done = false;
  bool video_done = false;
  int64_t video_frames = 0;
  bool have_video = false;
  AVRational vtb = vst->time_base;
  while (!video_done || !audio_done) {
    if (!video_done && !have_video) {
      SAKUGA_ASSIGN_OR_RETURN(bool got, chain.next(res.vp, vtb));
      have_video = got;
      video_done = !got;
    }
    // Feed whichever stream is behind, so the file interleaves without buffering.
    bool video_first = have_video && (audio_done || av_compare_ts(res.vp->dts, vtb, audio_pos, {1, 48000}) <= 0);
    if (video_first) {
      res.vp->stream_index = vst->index;
      ++video_frames;
      if (int rc = av_interleaved_write_frame(out.fmt, res.vp); rc < 0) return ff_fail("muxer", rc);
      have_video = false;
      continue;
    }
    if (audio_done) continue;
    int64_t n = std::min<int64_t>(aenc->frame_size, total_samples - audio_pos);
    if (n <= 0) {
      SAKUGA_TRY(drain(aenc, nullptr, out.fmt, ast, res.ap));
      audio_done = true;
      continue;
    }
    if (int rc = av_frame_make_writable(af); rc < 0) return ff_fail("audio frame", rc);
    std::fill(interleaved.begin(), interleaved.end(), 0.0f);
    SAKUGA_ASSIGN_OR_RETURN(int64_t got, wav->read({interleaved.data(), static_cast<size_t>(n * 2)}));
    (void)got;  // a short mix is padded with silence
    af->nb_samples = static_cast<int>(n);
    auto* l = reinterpret_cast<float*>(af->data[0]);
    auto* r = reinterpret_cast<float*>(af->data[1]);
    for (int64_t i = 0; i < n; ++i) {
      l[i] = interleaved[i * 2];
      r[i] = interleaved[i * 2 + 1];
    }
    af->pts = audio_pos;
    audio_pos += n;
    SAKUGA_TRY(drain(aenc, af, out.fmt, ast, res.ap));
  }
  if (video_frames != in.total_frames) {
    return core::error(core::ErrorCode::kInternal, "segments hold " + std::to_string(video_frames) +
                                                       " frames, the episode declares " +
                                                       std::to_string(in.total_frames));
  }
  return out.finish();
}

core::Result<StreamSummary> summarize(core::FileSystem& fs, const core::fs::path& path) {
  SAKUGA_ASSIGN_OR_RETURN(auto file, fs.open_read(path));
  AVFormatContext* fmt = nullptr;
  AVIOContext* io = nullptr;
  SAKUGA_TRY(detail::open_input(file.get(), fmt, io));
  StreamSummary s;
  int v = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  int a = av_find_best_stream(fmt, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
  if (v >= 0) {
    const AVStream* st = fmt->streams[v];
    const AVCodecParameters* p = st->codecpar;
    s.video_codec = avcodec_get_name(p->codec_id);
    s.width = p->width;
    s.height = p->height;
    const char* pf = av_get_pix_fmt_name(static_cast<AVPixelFormat>(p->format));
    s.pix_fmt = pf ? pf : "";
    s.frame_rate = core::Rational::make(st->avg_frame_rate.num, st->avg_frame_rate.den ? st->avg_frame_rate.den : 1);
    s.bt709 = p->color_primaries == AVCOL_PRI_BT709 && p->color_trc == AVCOL_TRC_BT709 &&
              p->color_space == AVCOL_SPC_BT709 && p->color_range == AVCOL_RANGE_MPEG;
  }
  if (a >= 0) {
    const AVCodecParameters* p = fmt->streams[a]->codecpar;
    s.audio_codec = avcodec_get_name(p->codec_id);
    s.sample_rate = p->sample_rate;
    s.channels = p->ch_layout.nb_channels;
  }
  AVPacket* pkt = av_packet_alloc();
  while (av_read_frame(fmt, pkt) >= 0) {
    if (pkt->stream_index == v) ++s.video_frames;
    av_packet_unref(pkt);
  }
  av_packet_free(&pkt);
  detail::close_input(fmt, io);
  return s;
}

}  // namespace sakuga::media
