#include "graph/env.h"

namespace sakuga::graph {
namespace {

class X264Segment final : public FrameEncoder {
 public:
  explicit X264Segment(std::unique_ptr<media::SegmentEncoder> enc) : enc_(std::move(enc)) {}
  core::Status add_frame(core::ImageView<const core::Rgba8> frame) override { return enc_->add_frame(frame); }
  core::Status finish() override { return enc_->finish(); }

 private:
  std::unique_ptr<media::SegmentEncoder> enc_;
};

class FfmpegEncoders final : public Encoders {
 public:
  core::Result<std::unique_ptr<FrameEncoder>> open_segment(core::FileSystem& fs, const fs::path& path,
                                                           const media::VideoSettings& settings) override {
    SAKUGA_ASSIGN_OR_RETURN(auto enc, media::SegmentEncoder::create(fs, path, settings));
    return std::unique_ptr<FrameEncoder>(new X264Segment(std::move(enc)));
  }
  core::Status mux(core::FileSystem& fs, const media::EpisodeInputs& in, const fs::path& out) override {
    return media::mux_episode(fs, in, out);
  }
};

}  // namespace

Encoders& ffmpeg_encoders() {
  static FfmpegEncoders encoders;
  return encoders;
}

}  // namespace sakuga::graph
