#pragma once
// FFmpeg I/O contexts over the FileSystem interface. Private to media/.

extern "C" {
#include <libavformat/avformat.h>
}

#include <string>

#include "core/fs.h"

namespace sakuga::media::detail {

std::string av_error(int code);

/// An AVIOContext that writes (and reads back, and seeks) through an AtomicWriter.
AVIOContext* make_write_io(core::AtomicWriter* writer);
/// An AVIOContext that reads an InputFile.
AVIOContext* make_read_io(core::InputFile* file);
void free_io(AVIOContext*& io);

/// Opens a demuxer on an InputFile. On success `fmt` owns nothing of `io`; close both with
/// close_input.
core::Status open_input(core::InputFile* file, AVFormatContext*& fmt, AVIOContext*& io);
void close_input(AVFormatContext*& fmt, AVIOContext*& io);

}  // namespace sakuga::media::detail
