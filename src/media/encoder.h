#pragma once
/// Video delivery through FFmpeg: cut segments encoded as H.264 (libx264) yuv420p tagged BT.709
/// in MP4, and the episode muxed from those segments plus the mix encoded as AAC 48 kHz stereo.
/// Every byte goes through the FileSystem interface, written atomically.

#include <memory>
#include <vector>

#include "core/fs.h"
#include "core/image.h"
#include "core/time.h"

namespace sakuga::media {

/// Keeps FFmpeg's own log to errors only (it prints encoder statistics at info level). Call once
/// at start-up; affects the whole process.
void quiet_ffmpeg_logs();

struct VideoSettings {
  int width = 1920;
  int height = 1080;
  core::Rational rate{24, 1};
  int crf = 18;                  ///< x264 constant quality
  const char* preset = "fast";   ///< x264 speed preset
  int threads = 0;               ///< x264 threads; 0 lets x264 choose
  int keyint_frames = 48;        ///< maximum GOP length
};

/// Writes one cut segment: frames in, a video-only MP4 out.
class SegmentEncoder {
 public:
  static core::Result<std::unique_ptr<SegmentEncoder>> create(core::FileSystem& fs, const core::fs::path& path,
                                                              const VideoSettings& settings);
  ~SegmentEncoder();
  /// Adds the next frame: opaque RGBA of the configured size.
  core::Status add_frame(core::ImageView<const core::Rgba8> frame);
  /// Flushes the encoder, writes the trailer and publishes the file.
  core::Status finish();
  int64_t frames() const;

 private:
  struct Impl;
  explicit SegmentEncoder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct EpisodeInputs {
  std::vector<core::fs::path> segments;  ///< in episode order, all encoded with the same settings
  core::fs::path mix_wav;                ///< 48 kHz stereo float WAV, as long as the picture
  core::Rational rate{24, 1};
  int64_t total_frames = 0;
  int audio_bitrate = 192000;
};

/// Muxes the episode MP4: segment video packets copied in order, the mix encoded to AAC.
core::Status mux_episode(core::FileSystem& fs, const EpisodeInputs& in, const core::fs::path& out);

/// What a finished file holds, read back with libavformat (for tests and checks).
struct StreamSummary {
  std::string video_codec;
  int width = 0;
  int height = 0;
  std::string pix_fmt;
  core::Rational frame_rate;
  int64_t video_frames = 0;  ///< counted by reading every packet
  bool bt709 = false;        ///< primaries, transfer and matrix all BT.709, limited range
  std::string audio_codec;
  int sample_rate = 0;
  int channels = 0;
};
core::Result<StreamSummary> summarize(core::FileSystem& fs, const core::fs::path& path);

}  // namespace sakuga::media
