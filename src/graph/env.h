#pragma once
/// What a build does to the world, behind interfaces: the file system, the encoder, the clock,
/// where nodes are reported. The CLI builds one of each for real; tests build fakes (an in-memory
/// file system, an encoder that writes frame hashes, a clock that stands still).

#include <atomic>
#include <memory>

#include "core/fs.h"
#include "core/image.h"
#include "graph/scheduler.h"
#include "media/encoder.h"

namespace sakuga::graph {

namespace fs = std::filesystem;

/// One cut's frames in, one segment file out.
class FrameEncoder {
 public:
  virtual ~FrameEncoder() = default;
  virtual core::Status add_frame(core::ImageView<const core::Rgba8> frame) = 0;
  /// Publishes the segment (atomically). Without it, nothing is left behind.
  virtual core::Status finish() = 0;
};

class Encoders {
 public:
  virtual ~Encoders() = default;
  virtual core::Result<std::unique_ptr<FrameEncoder>> open_segment(core::FileSystem& fs, const fs::path& path,
                                                                   const media::VideoSettings& settings) = 0;
  /// The episode from its segments and its mix.
  virtual core::Status mux(core::FileSystem& fs, const media::EpisodeInputs& in, const fs::path& out) = 0;
};

/// libx264 segments and an H.264/AAC MP4, through FFmpeg (media/).
Encoders& ffmpeg_encoders();

/// Everything a build touches outside its own memory.
struct Env {
  core::FileSystem& fs;
  Encoders& encoders = ffmpeg_encoders();
  Clock& clock = steady_clock();
  Observer* observer = nullptr;          ///< nullptr: nobody watches
  const std::atomic<bool>* stop = nullptr;  ///< set (by SIGINT) to stop starting nodes
};

}  // namespace sakuga::graph
