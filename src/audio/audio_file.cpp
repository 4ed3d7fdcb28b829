#include "audio/audio_file.h"

#include <sndfile.h>

#include <vector>

namespace sakuga::audio {
namespace {

// libsndfile virtual I/O. The user pointer is always a RandomAccessFile*; only writing needs to
// know it is a writer.
core::RandomAccessFile* file_of(void* user) { return static_cast<core::RandomAccessFile*>(user); }
sf_count_t vio_size(void* user) { return file_of(user)->size(); }
sf_count_t vio_seek(sf_count_t offset, int whence, void* user) {
  auto* f = file_of(user);
  sf_count_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->tell() : f->size();
  if (!f->seek(base + offset).is_ok()) return -1;
  return f->tell();
}
sf_count_t vio_read(void* ptr, sf_count_t count, void* user) {
  auto r = file_of(user)->read({static_cast<uint8_t*>(ptr), static_cast<size_t>(count)});
  return r.is_ok() ? static_cast<sf_count_t>(*r) : 0;
}
sf_count_t vio_tell(void* user) { return file_of(user)->tell(); }
sf_count_t vio_no_write(const void*, sf_count_t, void*) { return 0; }
sf_count_t vio_write(const void* ptr, sf_count_t count, void* user) {
  auto* w = static_cast<core::AtomicWriter*>(file_of(user));
  return w->write({static_cast<const uint8_t*>(ptr), static_cast<size_t>(count)}).is_ok() ? count : 0;
}

}  // namespace

core::Result<std::unique_ptr<AudioReader>> AudioReader::open(core::FileSystem& fs, const core::fs::path& path) {
  std::unique_ptr<AudioReader> r(new AudioReader());
  SAKUGA_ASSIGN_OR_RETURN(r->file_, fs.open_read(path));
  r->path_ = path;
  static SF_VIRTUAL_IO io = {vio_size, vio_seek, vio_read, vio_no_write, vio_tell};
  SF_INFO info{};
  SNDFILE* sf = sf_open_virtual(&io, SFM_READ, &info, static_cast<core::RandomAccessFile*>(r->file_.get()));
  if (!sf) {
    return core::error(core::ErrorCode::kInvalidInput, "cannot decode audio: " + std::string(sf_strerror(nullptr)));
  }
  r->sf_ = sf;
  if (info.samplerate <= 0 || info.channels <= 0) {
    return core::error(core::ErrorCode::kInvalidInput, "cannot decode audio: no sample rate or channels");
  }
  r->info_ = {info.frames, info.samplerate, info.channels};
  return r;
}

AudioReader::~AudioReader() {
  if (sf_) sf_close(static_cast<SNDFILE*>(sf_));
}

core::Result<int64_t> AudioReader::read(std::span<float> out) {
  sf_count_t frames = static_cast<sf_count_t>(out.size()) / info_.channels;
  sf_count_t n = sf_readf_float(static_cast<SNDFILE*>(sf_), out.data(), frames);
  if (n < frames && sf_error(static_cast<SNDFILE*>(sf_)) != SF_ERR_NO_ERROR) {
    return core::error(core::ErrorCode::kInvalidInput,
                       "cannot decode audio: " + std::string(sf_strerror(static_cast<SNDFILE*>(sf_))));
  }
  return static_cast<int64_t>(n);
}

core::Result<AudioInfo> probe(core::FileSystem& fs, const core::fs::path& path) {
  SAKUGA_ASSIGN_OR_RETURN(auto reader, AudioReader::open(fs, path));
  // Decode the first block too: a corrupt body behind a valid header fails here, not mid-mix.
  std::vector<float> buf(static_cast<size_t>(reader->info().channels) * 1024);
  SAKUGA_TRY(reader->read(buf));
  return reader->info();
}

core::Result<std::unique_ptr<WavWriter>> WavWriter::create(core::FileSystem& fs, const core::fs::path& path,
                                                           int sample_rate, int channels) {
  std::unique_ptr<WavWriter> w(new WavWriter());
  SAKUGA_ASSIGN_OR_RETURN(w->out_, fs.create_atomic(path));
  static SF_VIRTUAL_IO io = {vio_size, vio_seek, vio_read, vio_write, vio_tell};
  SF_INFO info{};
  info.samplerate = sample_rate;
  info.channels = channels;
  info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
  SNDFILE* sf = sf_open_virtual(&io, SFM_WRITE, &info, static_cast<core::RandomAccessFile*>(w->out_.get()));
  if (!sf) return core::error(core::ErrorCode::kIo, path.string() + ": " + sf_strerror(nullptr));
  // A float WAV gets a PEAK chunk stamped with the time of writing: the same mix would differ
  // byte for byte from one second to the next, so leave it out.
  sf_command(sf, SFC_SET_ADD_PEAK_CHUNK, nullptr, SF_FALSE);
  w->sf_ = sf;
  w->channels_ = channels;
  return w;
}

WavWriter::~WavWriter() {
  if (sf_) sf_close(static_cast<SNDFILE*>(sf_));
}

core::Status WavWriter::write(std::span<const float> interleaved) {
  sf_count_t frames = static_cast<sf_count_t>(interleaved.size()) / channels_;
  if (sf_writef_float(static_cast<SNDFILE*>(sf_), interleaved.data(), frames) != frames) {
    return core::error(core::ErrorCode::kIo, std::string("audio write failed: ") + sf_strerror(static_cast<SNDFILE*>(sf_)));
  }
  return core::Status::ok();
}

core::Status WavWriter::commit() {
  int rc = sf_close(static_cast<SNDFILE*>(sf_));
  sf_ = nullptr;
  if (rc != 0) return core::error(core::ErrorCode::kIo, "audio finalise failed");
  return out_->commit();
}

}  // namespace sakuga::audio
