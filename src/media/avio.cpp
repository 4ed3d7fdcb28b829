#include "media/avio_p.h"

extern "C" {
#include <libavutil/error.h>
#include <libavutil/mem.h>
}

namespace sakuga::media::detail {
namespace {

constexpr int kBufferSize = 1 << 16;

// The opaque pointer is always a RandomAccessFile*; the write callback knows it is a writer.
int write_packet(void* opaque, uint8_t* buf, int size) {
  auto* w = static_cast<core::AtomicWriter*>(static_cast<core::RandomAccessFile*>(opaque));
  return w->write({buf, static_cast<size_t>(size)}).is_ok() ? size : AVERROR(EIO);
}

int read_packet(void* opaque, uint8_t* buf, int size) {
  auto r = static_cast<core::RandomAccessFile*>(opaque)->read({buf, static_cast<size_t>(size)});
  if (!r.is_ok()) return AVERROR(EIO);
  return *r == 0 ? AVERROR_EOF : static_cast<int>(*r);
}

int64_t seek(void* opaque, int64_t offset, int whence) {
  auto* f = static_cast<core::RandomAccessFile*>(opaque);
  if (whence & AVSEEK_SIZE) return f->size();
  whence &= ~AVSEEK_FORCE;
  int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->tell() : f->size();
  return f->seek(base + offset).is_ok() ? f->tell() : AVERROR(EIO);
}

}  // namespace

std::string av_error(int code) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, buf, sizeof buf);
  return buf;
}

AVIOContext* make_write_io(core::AtomicWriter* writer) {
  auto* buf = static_cast<unsigned char*>(av_malloc(kBufferSize));
  return avio_alloc_context(buf, kBufferSize, 1, static_cast<core::RandomAccessFile*>(writer), read_packet,
                            write_packet, seek);
}

AVIOContext* make_read_io(core::InputFile* file) {
  auto* buf = static_cast<unsigned char*>(av_malloc(kBufferSize));
  return avio_alloc_context(buf, kBufferSize, 0, static_cast<core::RandomAccessFile*>(file), read_packet, nullptr,
                            seek);
}

void free_io(AVIOContext*& io) {
  if (!io) return;
  av_freep(&io->buffer);
  avio_context_free(&io);
}

core::Status open_input(core::InputFile* file, AVFormatContext*& fmt, AVIOContext*& io) {
  io = make_read_io(file);
  fmt = avformat_alloc_context();
  fmt->pb = io;
  fmt->flags |= AVFMT_FLAG_CUSTOM_IO;
  if (int rc = avformat_open_input(&fmt, nullptr, nullptr, nullptr); rc < 0) {
    free_io(io);  // avformat_open_input freed fmt
    fmt = nullptr;
    return core::error(core::ErrorCode::kInvalidInput, "cannot read media: " + av_error(rc));
  }
  if (int rc = avformat_find_stream_info(fmt, nullptr); rc < 0) {
    close_input(fmt, io);
    return core::error(core::ErrorCode::kInvalidInput, "cannot read media: " + av_error(rc));
  }
  return core::Status::ok();
}

void close_input(AVFormatContext*& fmt, AVIOContext*& io) {
  if (fmt) avformat_close_input(&fmt);
  free_io(io);
}

}  // namespace sakuga::media::detail
