#pragma once
/// Reading and writing sound files through the FileSystem interface (libsndfile's virtual I/O):
/// WAV, FLAC, OGG/Vorbis and the other formats libsndfile reads.

#include <memory>
#include <span>

#include "core/fs.h"

namespace sakuga::audio {

struct AudioInfo {
  int64_t frames = 0;  ///< sample frames (one per channel set)
  int sample_rate = 0;
  int channels = 0;
};

/// A sound file open for reading interleaved float samples.
class AudioReader {
 public:
  static core::Result<std::unique_ptr<AudioReader>> open(core::FileSystem& fs, const core::fs::path& path);
  ~AudioReader();
  const AudioInfo& info() const { return info_; }
  /// Reads up to out.size() / channels frames; returns frames read (0 at the end).
  core::Result<int64_t> read(std::span<float> out);

 private:
  AudioReader() = default;
  std::unique_ptr<core::InputFile> file_;
  void* sf_ = nullptr;  // SNDFILE*
  AudioInfo info_;
  core::fs::path path_;
};

/// Opens just enough of a file to validate it and learn its format.
core::Result<AudioInfo> probe(core::FileSystem& fs, const core::fs::path& path);

/// Writes a 32-bit float WAV atomically.
class WavWriter {
 public:
  static core::Result<std::unique_ptr<WavWriter>> create(core::FileSystem& fs, const core::fs::path& path,
                                                         int sample_rate, int channels);
  ~WavWriter();
  core::Status write(std::span<const float> interleaved);
  /// Finalises the header and publishes the file.
  core::Status commit();

 private:
  WavWriter() = default;
  std::unique_ptr<core::AtomicWriter> out_;
  void* sf_ = nullptr;
  int channels_ = 0;
};

}  // namespace sakuga::audio
